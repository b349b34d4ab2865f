//! What an output is: the seam every file of the built site goes through. The outputs
//! themselves live each in a file of their own (`pages.rs`, `feed.rs`, `sitemap.rs`,
//! `robots.rs`, `data.rs`, `texts.rs`, `given.rs`) and are listed once, in [`super::outputs`].
//!
//! An output is given the [`Renderer`] — the linked site, its views, the theme and the page
//! list — and writes its files through a [`Sink`], so the same code serves `check` (nothing
//! written), `build` (the staging folder) and `serve` (memory). Outputs are independent: they
//! are made side by side, and none reads another's files.

use super::{Renderer, Sink};
use crate::diagnostic::Diagnostic;

/// One kind of file the site is built into: its name (for a reader of the list) and what
/// writes it.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// What it writes, in a few words, with its paths.
    pub name: &'static str,
    /// Writes its files through the sink; every problem, or none.
    pub write: fn(&Renderer<'_>, &dyn Sink) -> Result<(), Vec<Diagnostic>>,
}
