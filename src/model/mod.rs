//! The ground floor: the vocabulary the stages share. `load`, `link`, `render`, `write` and
//! `verify` depend on it; it depends on none of them.
//!
//! - [`evidence`]: the evidence bundle, written by the build and read by `verify`;
//! - [`page_ids`]: the ids the engine puts on pages;
//! - [`theme`]: a theme's templates and static files as read, before compiling.

pub mod evidence;
pub mod page_ids;
pub mod theme;
