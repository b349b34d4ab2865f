//! The small values views are made of, shared with the helpers that print them (`chart`,
//! `status`) so that those need nothing of [`super::view`]: a link to a page, and one bar of a
//! comparison.

use serde::Serialize;

/// A link to another page: enough to print it. Made once per record and shared, not copied:
/// a topic is linked from thousands of facts.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Link(std::sync::Arc<LinkTo>);

/// What a [`Link`] holds.
#[derive(Debug, Serialize)]
pub struct LinkTo {
    /// The slug of what it points to.
    pub slug: String,
    /// The text to show.
    pub title: String,
    /// Its path from the site root.
    pub path: String,
}

impl Link {
    /// A link to `path` (from the site root), the page of `slug`, showing `title`.
    pub fn new(slug: String, title: String, path: String) -> Link {
        Link(std::sync::Arc::new(LinkTo { slug, title, path }))
    }
}

impl std::ops::Deref for Link {
    type Target = LinkTo;

    fn deref(&self) -> &LinkTo {
        &self.0
    }
}

/// One bar of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonItem {
    /// The fact.
    pub fact: Link,
    /// Its value.
    pub value: f64,
    /// Its figure for people.
    pub figure: String,
}
