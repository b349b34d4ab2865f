//! `feed.xml`: an Atom feed of the newest facts, as many as a page lists.

use serde::Serialize;

use super::output::Output;
use super::view::FactSummary;
use super::{Renderer, Sink};
use crate::diagnostic::Diagnostic;
use crate::model::site::{ids, FactId};

/// The feed.
pub const FEED: Output = Output {
    name: "the Atom feed of the newest facts (feed.xml)",
    write: |renderer, sink| renderer.feed(sink),
};

impl Renderer<'_> {
    fn feed(&self, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let updated = self
            .site
            .updated
            .map(|d| d.start_rfc3339())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        // Newest first (the undated as of the site's last update); then only the newest, as
        // many as a page lists, become entries: a feed is polled again and again, and one of
        // every fact was 30 MB on the 100,000-fact benchmark.
        let mut newest: Vec<(String, FactId)> = ids::<FactId>(self.site.facts.len())
            .zip(&self.site.facts)
            .map(|(id, fact)| {
                let when = fact.statement.date.map(|d| d.start_rfc3339());
                (when.unwrap_or_else(|| updated.clone()), id)
            })
            .collect();
        // Facts are in slug order, so equal times keep the facts' own order.
        newest.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.cmp(y)));
        newest.truncate(self.site.settings.page_size);
        let entries: Vec<FeedEntry> = newest
            .into_iter()
            .map(|(updated, id)| {
                let view = &self.views.facts[id];
                let absolute = self.absolute(&view.path);
                FeedEntry {
                    href: absolute.clone().unwrap_or_else(|| view.path.clone()),
                    id: absolute.unwrap_or_else(|| format!("urn:factsheet:fact:{}", view.slug)),
                    updated,
                    fact: &self.values.summaries[id],
                }
            })
            .collect();
        let mut c = self.base_context(
            "feed.xml",
            self.site.settings.title.clone(),
            None,
            "feed",
            false,
        );
        c.insert("updated", &updated);
        c.insert(
            "feed_id",
            &self.absolute("").unwrap_or_else(|| {
                format!(
                    "urn:factsheet:{}",
                    crate::model::slug::suggest(&self.site.settings.title)
                )
            }),
        );
        c.insert("entries", &entries);
        let xml = self.theme.render("feed.xml", &c)?;
        sink.write("feed.xml", xml.into_bytes())
            .map_err(|d| vec![d])
    }
}

/// One entry of the Atom feed: a fact's summary, like every other list of facts.
#[derive(Serialize)]
struct FeedEntry<'a> {
    fact: &'a FactSummary<'a>,
    href: String,
    id: String,
    updated: String,
}
