//! `sitemap.xml`: the absolute address of every page but the 404 page, for search engines;
//! made only when `base_url` is set, since a sitemap lists absolute URLs.

use super::output::Output;
use super::pages::Page;
use super::{Renderer, Sink};
use crate::diagnostic::Diagnostic;

/// The sitemap.
pub const SITEMAP: Output = Output {
    name: "the sitemap, when base_url is set (sitemap.xml)",
    write: |renderer, sink| match renderer.site.settings.base_url {
        Some(_) => renderer.sitemap(sink),
        None => Ok(()),
    },
};

impl Renderer<'_> {
    fn sitemap(&self, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let mut locations: Vec<String> = self
            .pages
            .iter()
            .filter(|p| !matches!(p, Page::NotFound))
            .map(|&p| {
                let path = p.path(self.views);
                self.absolute(&path).unwrap_or(path)
            })
            .collect();
        locations.sort();
        let mut c = self.base_context("sitemap.xml", "Sitemap".into(), None, "sitemap", false);
        c.insert("locations", &locations);
        let xml = self.theme.render("sitemap.xml", &c)?;
        sink.write("sitemap.xml", xml.into_bytes())
            .map_err(|d| vec![d])
    }
}
