//! Every output of the site, in one list (see [`super::output`] for what an output is).
//!
//! Adding an output — an `.ics` of the timeline, Markdown for language models — is one file
//! with a function that writes through the sink, declared there as an [`Output`], and one line
//! here.
//!
//! | output | files | file |
//! |---|---|---|
//! | the HTML pages | `index.html`, `facts/…/`, `articles/…/`, the lists' pages, `404.html` | `pages.rs` |
//! | the sitemap, when `base_url` is set | `sitemap.xml` | `sitemap.rs` |
//! | the feed of the newest facts | `feed.xml` | `feed.rs` |
//! | what crawlers may read | `robots.txt` | `robots.rs` |
//! | the facts as open data | `data/facts.json`, `data/facts.csv` | `data.rs` |
//! | the search index and the evidence | `data/search/`, `data/articles/`, `data/evidence.json` | `texts.rs` |
//! | files made before rendering | `data/schema/*.json` | `given.rs` |
//!
//! The theme's static files are not an output: they are copied after every output is written,
//! and checked against every path written (`write::copy_static`).

use super::output::Output;
use super::{data, feed, given, pages, robots, sitemap, texts};

/// Every output, made side by side.
pub const OUTPUTS: [Output; 7] = [
    pages::PAGES,
    sitemap::SITEMAP,
    feed::FEED,
    robots::ROBOTS,
    data::FACTS,
    texts::SEARCH_AND_EVIDENCE,
    given::GIVEN,
];
