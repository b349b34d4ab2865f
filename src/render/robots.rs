//! `robots.txt`, from the theme's template: everything may be crawled; the sitemap, when its
//! URL is known.

use super::output::Output;
use super::{Renderer, Sink};
use crate::diagnostic::Diagnostic;

/// `robots.txt`.
pub const ROBOTS: Output = Output {
    name: "what crawlers may read (robots.txt)",
    write: |renderer, sink| renderer.robots(sink),
};

impl Renderer<'_> {
    /// `robots.txt`: everything may be crawled; the sitemap, when its URL is known.
    fn robots(&self, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let c = self.base_context("robots.txt", "robots.txt".into(), None, "robots", false);
        let text = self.theme.render("robots.txt", &c)?;
        sink.write("robots.txt", text.into_bytes())
            .map_err(|d| vec![d])
    }
}
