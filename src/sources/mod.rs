//! Sources from the web: `factsheet add` takes an article from its page, and
//! `factsheet verify --sources` checks every quote of a built site against its page as it is
//! now.
//!
//! This is the only part of factsheet that goes on the network, and only these two commands
//! use it: `build`, `check` and `serve` never do (`tests/architecture.rs` holds every other
//! module to that).

pub mod add;
pub mod archive;
pub mod fetch;
pub mod metadata;
pub mod page;
pub mod recheck;
