//! Stage 3, render: the linked site into every file of the built site, through the theme's
//! templates, on all cores.
//!
//! A [`Rendition`] holds the site with its [`Views`] and its page list; [`Rendition::render`]
//! runs every [`output::Output`] of a list ([`outputs::OUTPUTS`]: the pages, the feed, the
//! sitemap, the data files, the search index and the evidence…) and each hands its files to a
//! [`Sink`] — the writer, which writes them beside the output, memory for `serve`, or nothing,
//! for `check`. Files are independent: nothing in one depends on the order they are made in.

pub mod chart;
mod contexts;
pub mod data;
pub mod feed;
pub mod given;
pub mod minify;
pub mod output;
pub mod outputs;
pub mod pager;
pub mod pages;
pub mod parts;
pub mod robots;
pub mod search;
pub mod sitemap;
pub mod status;
pub mod templates;
pub mod texts;
pub mod view;

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostic::{self, Diagnostic};
use crate::model::site::{ArticleId, ById, FactId, Site};
use contexts::FactsIndex;
use output::Output;
use pages::{Lists, Page};
use templates::Theme;
use view::{FactSummary, Views};

/// Where rendered files go.
pub trait Sink: Sync {
    /// Takes the file at `path` (relative to the output directory, `/`-separated).
    fn write(&self, path: &str, content: Vec<u8>) -> Result<(), Diagnostic>;

    /// True when what is being rendered is no longer wanted (`serve` after a newer edit): the
    /// pages not rendered yet are then left out.
    fn abandoned(&self) -> bool {
        false
    }

    /// Takes the file at `path` as `fill` writes it. A sink that writes to disk streams it, so
    /// a large data file is never held in memory whole.
    fn write_with(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Diagnostic> {
        self.write(path, collect(path, fill)?)
    }
}

/// The bytes `fill` writes for the file at `path`, gathered in memory.
fn collect(
    path: &str,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut content = Vec::new();
    fill(&mut content).map_err(|e| Diagnostic::error(path, format!("cannot write: {e}")))?;
    Ok(content)
}

/// What generated the site, as printed in pages and data.
pub(crate) const GENERATOR: &str = concat!("factsheet ", env!("CARGO_PKG_VERSION"));

/// The site settings every page receives as `site`.
#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: Option<&'a str>,
    language: &'a str,
    base_url: Option<&'a str>,
    generator: &'static str,
    /// The build date, `{iso, human}`.
    built: Option<view::DateView>,
}

/// What every page receives as `page`.
#[derive(Serialize)]
struct PageContext {
    /// The page's path from the site root (`facts/x/`, `""` for the home page).
    path: String,
    /// The page's title, for `<title>`.
    title: String,
    /// A description for search engines and link previews.
    description: Option<String>,
    /// The absolute URL of the page, when `base_url` is set.
    canonical: Option<String>,
    /// Which template renders it.
    kind: &'static str,
}

/// A linked site with what its pages are made from: renders every page into a sink (`build`,
/// `check`), or one page as it is asked for (`serve`, which so shows an edit without rendering
/// the whole site first).
pub struct Rendition {
    site: Site,
    theme: Arc<Theme>,
    views: Views,
    /// The lists of facts of the topics' and entities' pages.
    lists: Lists,
    /// Every page, the long lists with all their pages.
    pages: Vec<Page>,
    /// Each page by the file it is written to, made when a page is first asked for by file.
    files: OnceLock<HashMap<String, Page>>,
    /// The facts index, made once for all its pages.
    index: OnceLock<FactsIndex>,
    /// Files made outside this stage, written as they are (the JSON Schemas of the content
    /// files, `data/schema/`): `(path, text)`.
    given: Vec<(String, String)>,
    /// What the site is rendered into.
    outputs: Vec<Output>,
}

impl Rendition {
    /// Prepares `site` to be rendered with `theme`.
    pub fn new(site: Site, theme: Arc<Theme>) -> Rendition {
        let (views, lists) = rayon::join(|| Views::build(&site), || Lists::of(&site));
        let pages = pages::all(&site, &lists);
        Rendition {
            site,
            theme,
            views,
            lists,
            pages,
            files: OnceLock::new(),
            index: OnceLock::new(),
            given: Vec::new(),
            outputs: outputs::OUTPUTS.to_vec(),
        }
    }

    /// The same rendition, writing `files` (`(path, text)`, made outside this stage) with the
    /// data files.
    pub fn with_files(mut self, files: Vec<(String, String)>) -> Rendition {
        self.given = files;
        self
    }

    /// The same rendition, rendering the outputs `list` (a test adds its own to
    /// [`outputs::OUTPUTS`]).
    pub fn with_outputs(mut self, list: Vec<Output>) -> Rendition {
        self.outputs = list;
        self
    }

    /// The site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The theme.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// How many HTML pages the site has.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn renderer<'r>(
        &'r self,
        values: &'r Values<'r>,
        minified: &'r minify::Minified,
    ) -> Renderer<'r> {
        Renderer {
            site: &self.site,
            theme: &self.theme,
            views: &self.views,
            values,
            lists: &self.lists,
            minified,
            index: &self.index,
            pages: &self.pages,
            given: &self.given,
        }
    }

    /// Renders the whole site into `sink`: every output of its list ([`outputs::OUTPUTS`]
    /// unless [`Rendition::with_outputs`] says otherwise), side by side; returns the number of
    /// HTML pages. With `minify` in the site's settings, the HTML made from each article's
    /// Markdown is minified, through `minified`, and every page is compacted. Stops early, with
    /// no error, when `sink` is [`Sink::abandoned`].
    pub fn render(
        &self,
        minified: &minify::Minified,
        sink: &dyn Sink,
    ) -> Result<usize, Vec<Diagnostic>> {
        let values = Values::of(&self.views);
        let renderer = self.renderer(&values, minified);
        let mut problems: Vec<Diagnostic> = self
            .outputs
            .par_iter()
            .filter(|_| !sink.abandoned())
            .map(|output| (output.write)(&renderer, sink))
            .filter_map(Result::err)
            .flatten()
            .collect();
        if problems.is_empty() || sink.abandoned() {
            Ok(self.pages.len())
        } else {
            diagnostic::sort(&mut problems);
            Err(problems)
        }
    }

    /// The HTML page written at `file` (`facts/x/index.html`), rendered; `None` when no page is
    /// written there (a data or static file, or none).
    pub fn page(
        &self,
        file: &str,
        minified: &minify::Minified,
    ) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        let files = self.files.get_or_init(|| {
            let file = |page: Page| file_of(page.path(&self.views));
            self.pages.iter().map(|&page| (file(page), page)).collect()
        });
        let page = *files.get(file)?;
        let values = Values::of(&self.views);
        let renderer = self.renderer(&values, minified);
        Some(renderer.page(page).map(|(_, html)| html.into_bytes()))
    }
}

/// The file a page at `path` is written to: `index.html` in its folder.
fn file_of(path: String) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

/// What every output is made from: the linked site, its views, the theme, and the page list.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    views: &'a Views,
    values: &'a Values<'a>,
    /// The lists of facts of the topics' and entities' pages.
    lists: &'a Lists,
    /// Minified article bodies, reused across `serve`'s rebuilds.
    minified: &'a minify::Minified,
    /// The facts index, made once for all its pages.
    index: &'a OnceLock<FactsIndex>,
    /// Every HTML page.
    pages: &'a [Page],
    /// Files made outside this stage (`data/schema/`): `(path, text)`.
    given: &'a [(String, String)],
}

impl<'a> Renderer<'a> {
    /// The linked site.
    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// What the templates receive of each record.
    pub fn views(&self) -> &'a Views {
        self.views
    }

    /// The theme.
    pub fn theme(&self) -> &'a Theme {
        self.theme
    }

    /// The context every template receives, for a file at `path` (from the site root) titled
    /// `title`, rendered with the template `kind`: `site`, `root` and `page`.
    pub fn context(&self, path: &str, title: &str, kind: &'static str) -> Context {
        self.base_context(path, title.to_string(), None, kind, false)
    }
}

/// The views lists share, by typed id. A list serializes each fact's summary when its page is
/// rendered: serializing them all once, up front, and keeping them (as Tera values) saved
/// about 8% of a build's CPU but held 3.7 KB for every fact, 370 MB on the 100,000-fact
/// benchmark.
struct Values<'v> {
    summaries: ById<FactId, FactSummary<'v>>,
    articles: ById<ArticleId, &'v view::ArticleView>,
}

impl<'v> Values<'v> {
    fn of(views: &'v Views) -> Values<'v> {
        Values {
            summaries: views
                .facts
                .iter()
                .map(FactSummary::from)
                .collect::<Vec<_>>()
                .into(),
            articles: views
                .articles
                .iter()
                .map(|a| &**a)
                .collect::<Vec<_>>()
                .into(),
        }
    }
}

/// The relative way from the page at `path` back to the site root: `./`, `../`, `../../`.
fn root_of(path: &str) -> String {
    match path.matches('/').count() {
        0 => "./".to_string(),
        depth => "../".repeat(depth),
    }
}

impl Renderer<'_> {
    /// The summaries of the facts `ids`, for a list.
    fn facts(&self, ids: &[FactId]) -> Vec<&FactSummary<'_>> {
        ids.iter().map(|&i| &self.values.summaries[i]).collect()
    }

    /// The articles `ids`, for a list.
    fn articles(&self, ids: &[ArticleId]) -> Vec<&view::ArticleView> {
        ids.iter().map(|&i| self.values.articles[i]).collect()
    }

    fn site_context(&self) -> SiteContext<'_> {
        let s = &self.site.settings;
        SiteContext {
            title: &s.title,
            description: s.description.as_deref(),
            language: &s.language,
            base_url: s.base_url.as_deref(),
            generator: GENERATOR,
            built: s.built.map(view::DateView::from),
        }
    }

    fn absolute(&self, path: &str) -> Option<String> {
        self.site
            .settings
            .base_url
            .as_ref()
            .map(|b| format!("{b}{path}"))
    }

    /// The context every page shares: the site, the page's place and title. `anywhere` is for
    /// a page served at any path (the 404 page): its links start from the site's URL, and it
    /// has no canonical address.
    fn base_context(
        &self,
        path: &str,
        title: String,
        description: Option<String>,
        kind: &'static str,
        anywhere: bool,
    ) -> Context {
        let s = &self.site.settings;
        let mut context = Context::new();
        context.insert("site", &self.site_context());
        let root = match anywhere {
            true => s.base_url.clone().unwrap_or_else(|| "./".to_string()),
            false => root_of(path),
        };
        context.insert("root", &root);
        context.insert(
            "page",
            &PageContext {
                path: path.to_string(),
                canonical: if anywhere { None } else { self.absolute(path) },
                title,
                description: description.or_else(|| s.description.clone()),
                kind,
            },
        );
        context
    }
}

/// How much the site holds, for the home page.
#[derive(Serialize)]
struct Counts {
    facts: usize,
    articles: usize,
    entities: usize,
    topics: usize,
    comparisons: usize,
}

impl Counts {
    fn of(site: &Site) -> Counts {
        Counts {
            facts: site.facts.len(),
            articles: site.articles.len(),
            entities: site.entities.len(),
            topics: site.topics.len(),
            comparisons: site.comparisons.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_leads_back_from_any_depth() {
        assert_eq!(root_of(""), "./");
        assert_eq!(root_of("facts/"), "../");
        assert_eq!(root_of("facts/x/"), "../../");
    }

    #[test]
    fn fact_pages_live_under_their_section() {
        assert_eq!(view::page_path("facts", "x"), "facts/x/");
    }
}
