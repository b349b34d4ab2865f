//! Stage 3, render: every page of the site through the theme's templates, in parallel.
//!
//! [`render`] lists the pages (DESIGN.md, "Output"), builds each page's context from the
//! [`Views`], renders it with Tera and hands it to a [`Sink`] — the writer, which minifies and
//! writes it, or a sink that only counts, for `check`. Pages are independent, so they are
//! rendered on all cores; nothing in a page depends on the order they are rendered in.

pub mod chart;
pub mod data;
pub mod minify;
pub mod pager;
pub mod parts;
pub mod search;
pub mod status;
pub mod templates;
pub mod view;

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostic::{self, Diagnostic};
use crate::markdown::{self, Mark};
use crate::model::date::PartialDate;
use crate::model::site::{
    ids, ArticleId, ById, ComparisonId, EntityId, FactId, Site, TopicId, When,
};
use crate::model::value::Status;
use templates::Theme;
use view::{ComparisonView, FactSummary, FactView, Sheet, Views};

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

/// The pages of a site.
#[derive(Clone, Copy)]
enum Page {
    Home,
    /// The facts index, and its page number (from 1).
    Facts(usize),
    Fact(FactId),
    Articles(usize),
    Article(ArticleId),
    Entities,
    Entity(EntityId, usize),
    Topics,
    Topic(TopicId, usize),
    Timeline(usize),
    Comparisons,
    Comparison(ComparisonId),
    Search,
    Data,
    NotFound,
}

impl Page {
    /// The page's path from the site root (`facts/x/`; `""` for the home page), as `views`
    /// name its records.
    fn path(self, v: &Views) -> String {
        match self {
            Page::Home => String::new(),
            Page::Fact(i) => v.facts[i].path.clone(),
            Page::Article(i) => v.articles[i].path.clone(),
            Page::Facts(n) => pager::path("facts/", n),
            Page::Articles(n) => pager::path("articles/", n),
            Page::Timeline(n) => pager::path("timeline/", n),
            Page::Entity(i, n) => pager::path(&v.entities[i].path, n),
            Page::Topic(i, n) => pager::path(&v.topics[i].path, n),
            Page::Comparison(i) => v.comparisons[i].path.clone(),
            Page::NotFound => "404.html".into(),
            index => format!("{}/", index.kind()),
        }
    }

    /// The kind of page, which is also its template's name (`fact` -> `fact.html`) and, for
    /// the index pages, its folder (`facts/`).
    fn kind(self) -> &'static str {
        match self {
            Page::Home => "index",
            Page::Facts(_) => "facts",
            Page::Fact(_) => "fact",
            Page::Articles(_) => "articles",
            Page::Article(_) => "article",
            Page::Entities => "entities",
            Page::Entity(..) => "entity",
            Page::Topics => "topics",
            Page::Topic(..) => "topic",
            Page::Timeline(_) => "timeline",
            Page::Comparisons => "comparisons",
            Page::Comparison(_) => "comparison",
            Page::Search => "search",
            Page::Data => "data",
            Page::NotFound => "404",
        }
    }
}

/// The lists of facts that a topic's or an entity's pages show, made once for all their pages
/// (and for counting them).
struct Lists {
    /// Each topic's facts as groups, each response under the claim it answers.
    topic_groups: Vec<Vec<(FactId, Vec<FactId>)>>,
    /// Each entity's facts other than its claims.
    entity_about: Vec<Vec<FactId>>,
}

impl Lists {
    fn of(site: &Site) -> Lists {
        Lists {
            topic_groups: site
                .topics
                .iter()
                .map(|t| answered_groups(site, &t.facts))
                .collect(),
            entity_about: site
                .entities
                .iter()
                .map(|e| {
                    let claims: HashSet<FactId> = e.claims.iter().copied().collect();
                    e.facts
                        .iter()
                        .copied()
                        .filter(|f| !claims.contains(f))
                        .collect()
                })
                .collect(),
        }
    }
}

/// `shown`, a range of a list whose first `at` entries are one list and the rest another, as a
/// range of each.
fn split_range(shown: &Range<usize>, at: usize) -> (Range<usize>, Range<usize>) {
    (
        shown.start.min(at)..shown.end.min(at),
        shown.start.max(at) - at..shown.end.max(at) - at,
    )
}

/// Every page of the site, the long lists with all their pages.
fn pages(site: &Site, lists: &Lists) -> Vec<Page> {
    let size = site.settings.page_size;
    let numbers = |items: usize| 1..=pager::count(items, size);
    let mut list = vec![
        Page::Home,
        Page::Entities,
        Page::Topics,
        Page::Comparisons,
        Page::Search,
        Page::Data,
        Page::NotFound,
    ];
    list.extend(numbers(site.facts.len()).map(Page::Facts));
    list.extend(numbers(site.articles.len()).map(Page::Articles));
    list.extend(numbers(site.timeline.len() + site.undated.len()).map(Page::Timeline));
    list.extend(ids(site.facts.len()).map(Page::Fact));
    list.extend(ids(site.articles.len()).map(Page::Article));
    for (i, (entity, about)) in
        ids::<EntityId>(site.entities.len()).zip(site.entities.iter().zip(&lists.entity_about))
    {
        list.extend(numbers(entity.claims.len() + about.len()).map(|n| Page::Entity(i, n)));
    }
    for (i, groups) in ids::<TopicId>(site.topics.len()).zip(&lists.topic_groups) {
        list.extend(numbers(groups.len()).map(|n| Page::Topic(i, n)));
    }
    list.extend(ids(site.comparisons.len()).map(Page::Comparison));
    list
}

/// `ids` as groups of a fact and the facts among `ids` that answer it, so a response sits
/// under the claim it answers; every fact of `ids` is in exactly one group. A fact heads a
/// group unless it answers a fact among `ids` that itself answers none of them: so a response
/// to a response (a chain), or two facts answering each other, head groups of their own
/// rather than vanish.
fn answered_groups(site: &Site, ids: &[FactId]) -> Vec<(FactId, Vec<FactId>)> {
    let here: HashSet<FactId> = ids.iter().copied().collect();
    let answers_here = |f: FactId| site.facts[f].responds_to.filter(|r| here.contains(r));
    // The group a fact goes under, if it goes under one.
    let under = |f: FactId| answers_here(f).filter(|&r| answers_here(r).is_none());
    let mut groups: Vec<(FactId, Vec<FactId>)> = ids
        .iter()
        .copied()
        .filter(|&f| under(f).is_none())
        .map(|f| (f, Vec::new()))
        .collect();
    let heads: std::collections::HashMap<FactId, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, (f, _))| (*f, i))
        .collect();
    for &f in ids {
        if let Some(head) = under(f).and_then(|r| heads.get(&r)) {
            groups[*head].1.push(f);
        }
    }
    groups
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
}

impl Rendition {
    /// Prepares `site` to be rendered with `theme`.
    pub fn new(site: Site, theme: Arc<Theme>) -> Rendition {
        let (views, lists) = rayon::join(|| Views::build(&site), || Lists::of(&site));
        let pages = pages(&site, &lists);
        Rendition {
            site,
            theme,
            views,
            lists,
            pages,
            files: OnceLock::new(),
            index: OnceLock::new(),
            given: Vec::new(),
        }
    }

    /// The same rendition, writing `files` (`(path, text)`, made outside this stage) with the
    /// data files.
    pub fn with_files(mut self, files: Vec<(String, String)>) -> Rendition {
        self.given = files;
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
        }
    }

    /// Renders the whole site into `sink`; returns the number of HTML pages. With `minify` in
    /// the site's settings, the HTML made from each article's Markdown is minified, through
    /// `minified`, and every page is compacted. Stops early, with no error, when `sink` is
    /// [`Sink::abandoned`].
    pub fn render(
        &self,
        minified: &minify::Minified,
        sink: &dyn Sink,
    ) -> Result<usize, Vec<Diagnostic>> {
        let values = Values::of(&self.views);
        let renderer = self.renderer(&values, minified);
        let list = &self.pages;
        let mut problems: Vec<Diagnostic> = list
            .par_iter()
            .filter(|_| !sink.abandoned())
            .map(|&page| {
                let (file, html) = renderer.page(page)?;
                sink.write(&file, html.into_bytes()).map_err(|d| vec![d])
            })
            .filter_map(Result::err)
            .flatten()
            .collect();
        if sink.abandoned() {
            return Ok(list.len());
        }
        // Then the files made from the whole site, side by side.
        let sitemap = || match self.site.settings.base_url {
            // A sitemap lists absolute URLs; without base_url there are none to list.
            Some(_) => renderer.sitemap(list, sink),
            None => Ok(()),
        };
        let given = || -> Result<(), Vec<Diagnostic>> {
            for (path, text) in &self.given {
                sink.write(path, text.clone().into_bytes())
                    .map_err(|d| vec![d])?;
            }
            Ok(())
        };
        let (small, data) = rayon::join(
            || {
                [
                    sitemap(),
                    renderer.feed(sink),
                    renderer.robots(sink),
                    given(),
                ]
            },
            || renderer.data(sink),
        );
        for result in small.into_iter().chain([data]) {
            if let Err(mut e) = result {
                problems.append(&mut e);
            }
        }
        if problems.is_empty() {
            Ok(list.len())
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

struct Renderer<'a> {
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
}

/// Where a page is and what it is: what its context starts from.
struct Frame<'r> {
    renderer: &'r Renderer<'r>,
    path: &'r str,
    kind: &'static str,
    anywhere: bool,
}

impl Frame<'_> {
    /// The page's context with its title and description.
    fn context(&self, title: &str, description: Option<&String>) -> Context {
        self.renderer.base_context(
            self.path,
            title.to_string(),
            description.cloned(),
            self.kind,
            self.anywhere,
        )
    }

    /// The context of a list page: its title and the list it shows, as `name`.
    fn listing<T: Serialize + ?Sized>(&self, title: &str, name: &'static str, list: &T) -> Context {
        let mut c = self.context(title, None);
        c.insert(name, list);
        c
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

    /// Renders `page`: the file it is written to, and its HTML.
    fn page(&self, page: Page) -> Result<(String, String), Vec<Diagnostic>> {
        let path = page.path(self.views);
        let kind = page.kind();
        let frame = Frame {
            renderer: self,
            path: &path,
            kind,
            anywhere: matches!(page, Page::NotFound),
        };
        let (views, values) = (self.views, self.values);
        let context = match page {
            Page::Home => self.home(&frame),
            Page::Facts(n) => self.facts_index(&frame, n),
            Page::Fact(i) => self.fact(&frame, i),
            Page::Articles(n) => self.articles_index(&frame, n),
            Page::Article(i) => self.article(&frame, i)?,
            Page::Entities => self.entities(&frame),
            Page::Entity(i, n) => self.entity(&frame, i, n),
            Page::Topics => frame.listing("Topics", "topics", &views.topics),
            Page::Topic(i, n) => self.topic(&frame, i, n),
            Page::Timeline(n) => self.timeline(&frame, n),
            Page::Comparisons => frame.listing("Comparisons", "comparisons", &views.comparisons),
            Page::Comparison(i) => self.comparison(&frame, i),
            Page::Search => {
                // Without JavaScript: the first page of each list, and the way to the rest.
                let size = self.site.settings.page_size;
                let first = |n: usize| ..n.min(size);
                let mut c = frame.context("Search", None);
                c.insert(
                    "facts",
                    &values.summaries.as_slice()[first(values.summaries.as_slice().len())],
                );
                c.insert(
                    "articles",
                    &values.articles.as_slice()[first(values.articles.as_slice().len())],
                );
                c.insert("entities", &views.entities[first(views.entities.len())]);
                c.insert("counts", &Counts::of(self.site));
                c
            }
            Page::Data => self.data_page(&frame),
            Page::NotFound => frame.context("Page not found", None),
        };
        let mut html = self.theme.render(&format!("{kind}.html"), &context)?;
        if self.site.settings.minify {
            html = minify::compact(&html);
        }
        Ok((file_of(path), html))
    }

    fn home(&self, frame: &Frame) -> Context {
        let (site, views) = (self.site, self.views);
        let mut c = frame.context(&site.settings.title, None);
        let key_figures: Vec<&FactView> =
            site.key_figures.iter().map(|&i| &views.facts[i]).collect();
        c.insert("key_figures", &key_figures);
        c.insert("comparisons", &views.comparisons);
        c.insert("topics", &views.topics);
        let recent: Vec<FactId> = site.timeline.iter().rev().take(5).copied().collect();
        c.insert("timeline", &self.facts(&recent));
        // The claims in dispute, the way in to the exchanges (the first five; the facts index
        // filters them all).
        let disputed: Vec<FactId> = site
            .facts_with(crate::model::value::Status::Disputed)
            .collect();
        c.insert("disputed", &self.facts(&disputed[..disputed.len().min(5)]));
        c.insert("disputed_count", &disputed.len());
        c.insert("counts", &Counts::of(site));
        if self.theme.uses("index.html", "sheet") {
            c.insert("sheet", &Sheet::build(site, views));
        }
        c
    }

    fn fact(&self, frame: &Frame, i: FactId) -> Context {
        let (site, f) = (self.site, &self.views.facts[i]);
        let mut c = frame.context(&f.title, Some(&f.claim));
        c.insert("fact", f);
        // Only what a party asserts is a schema.org `Claim`.
        if f.status != crate::model::value::Status::Reported {
            let json_ld = data::fact_json_ld(f, &site.settings, &root_of(frame.path));
            c.insert("json_ld", &json_ld);
        }
        c.insert("responses", &self.facts(&site.facts[i].responses));
        let related = &site.facts[i].related;
        c.insert("related", &self.facts(related));
        // A disputed claim's related facts: the reporting that bears on it, and other claims.
        let (reporting, claims): (Vec<FactId>, Vec<FactId>) = related.iter().partition(|&&r| {
            site.facts[r].statement.status == crate::model::value::Status::Reported
        });
        c.insert("related_reporting", &self.facts(&reporting));
        c.insert("related_claims", &self.facts(&claims));
        let answered = site.facts[i].responds_to.map(|r| &self.values.summaries[r]);
        c.insert("responds_to", &answered);
        c
    }

    fn article(&self, frame: &Frame, i: ArticleId) -> Result<Context, Vec<Diagnostic>> {
        let views = self.views;
        let mut c = frame.context(&views.articles[i].title, None);
        c.insert("article", self.values.articles[i]);
        c.insert("entities", &views.article_links[i].0);
        c.insert("topics", &views.article_links[i].1);
        c.insert("body_html", &self.article_body(i)?);
        // The ids of the passages quoted from it, for the theme to mark the targeted one whole.
        let passages: Vec<&str> = self.site.articles[i]
            .passages
            .iter()
            .map(|p| views.facts[p.fact].sources[p.citation].anchor.as_str())
            .collect();
        c.insert("passages", &passages);
        c.insert("facts", &self.facts(&self.site.articles[i].facts));
        Ok(c)
    }

    /// The context of page `number` of a list of `items` entries at `base`, titled `title`
    /// ("… (page 2 of 5)" after the first page, so each page has its own title), with its
    /// `pager`; and which entries it shows.
    fn paged(
        &self,
        frame: &Frame,
        (title, description): (&str, Option<&String>),
        (base, number, items): (&str, usize, usize),
    ) -> (Context, Range<usize>) {
        let size = self.site.settings.page_size;
        let total = pager::count(items, size);
        let title = match total {
            1 => title.to_string(),
            _ => format!("{title} (page {number} of {total})"),
        };
        let mut c = frame.context(&title, description);
        c.insert("pager", &pager::Pager::new(base, number, total));
        (c, pager::range(number, size, items))
    }

    /// The facts index: every fact once, under its first topic (the rest under "Other
    /// facts"), dated ones first by date, `page_size` to a page; with the counts by status for
    /// its filters. A topic whose facts go on over a page break is named again on the next.
    fn facts_index(&self, frame: &Frame, number: usize) -> Context {
        let site = self.site;
        let index = self.index.get_or_init(|| FactsIndex::of(site));
        let in_order = &index.order;
        let (mut c, shown) = self.paged(frame, ("Facts", None), ("facts/", number, in_order.len()));
        let mut sections: Vec<FactSection> = Vec::new();
        for &(t, f) in &in_order[shown.clone()] {
            if sections.last().is_none_or(|s: &FactSection| s.topic != t) {
                let topic = site.topics.get(t);
                sections.push(FactSection {
                    topic: t,
                    id: topic.map_or("other-facts".to_string(), |t| format!("topic-{}", t.slug)),
                    title: topic.map_or("Other facts", |t| t.fields.title.as_str()),
                    facts: Vec::new(),
                });
            }
            if let Some(section) = sections.last_mut() {
                section.facts.push(&self.values.summaries[f]);
            }
        }
        let facts: Vec<FactId> = in_order[shown].iter().map(|&(_, f)| f).collect();
        c.insert("facts", &self.facts(&facts));
        c.insert("sections", &sections);
        c.insert("total", &site.facts.len());
        c.insert("reported_count", &index.counts.reported);
        c.insert("claimed_count", &index.counts.claimed);
        c.insert("disputed_count", &index.counts.disputed);
        // What this page's filters can show.
        c.insert("page_counts", &StatusCounts::of(site, &facts));
        c
    }

    /// The sources, `page_size` to a page.
    fn articles_index(&self, frame: &Frame, number: usize) -> Context {
        let items = self.site.articles.len();
        let (mut c, shown) = self.paged(frame, ("Articles", None), ("articles/", number, items));
        c.insert("articles", &self.values.articles.as_slice()[shown]);
        c.insert("total", &self.site.articles.len());
        c
    }

    /// The sources a topic's or entity's page lists: on its first page, at most `page_size`
    /// of them (each fact on its pages links its own; the sources index has them all).
    fn first_sources(&self, articles: &[ArticleId], number: usize) -> Vec<&view::ArticleView> {
        match number {
            1 => self.articles(&articles[..articles.len().min(self.site.settings.page_size)]),
            _ => Vec::new(),
        }
    }

    fn entities(&self, frame: &Frame) -> Context {
        let mut c = frame.context("Entities", None);
        c.insert("entities", &self.views.entities);
        c.insert("groups", &view::EntityGroup::all(&self.views.entities));
        c
    }

    /// An entity's page `number`: its claims, then the other facts about it, `page_size` to a
    /// page, each fact once; the summary box and its sources on every page.
    fn entity(&self, frame: &Frame, i: EntityId, number: usize) -> Context {
        let (e, linked) = (&self.views.entities[i], &self.site.entities[i]);
        let about = &self.lists.entity_about[i.0];
        let all = linked.claims.len() + about.len();
        let (mut c, shown) = self.paged(
            frame,
            (&e.name, e.description.as_ref()),
            (&e.path, number, all),
        );
        c.insert("entity", e);
        let (claims_shown, about_shown) = split_range(&shown, linked.claims.len());
        c.insert("claims", &self.facts(&linked.claims[claims_shown]));
        c.insert("facts", &self.facts(&about[about_shown]));
        c.insert("claim_count", &linked.claims.len());
        c.insert("fact_count", &about.len());
        c.insert("articles", &self.first_sources(&linked.articles, number));
        c.insert("article_count", &linked.articles.len());
        // The first and last dates among its facts, for the summary box.
        let dates: Vec<PartialDate> = linked
            .facts
            .iter()
            .chain(&linked.claims)
            .filter_map(|&f| match self.site.facts[f].when {
                When::Date(d) => Some(d),
                _ => None,
            })
            .collect();
        let first = dates.iter().min_by_key(|d| (d.first_day(), d.last_day()));
        let last = dates.iter().max_by_key(|d| (d.last_day(), d.first_day()));
        c.insert("first_date", &first.map(|d| d.human()));
        c.insert("last_date", &last.map(|d| d.human()));
        c
    }

    /// A topic's page `number`: its facts, each response under the claim it answers,
    /// `page_size` groups to a page; the first page opens with its key numbers and charts.
    fn topic(&self, frame: &Frame, i: TopicId, number: usize) -> Context {
        let (t, linked) = (&self.views.topics[i], &self.site.topics[i]);
        let groups = &self.lists.topic_groups[i.0];
        let (mut c, shown) = self.paged(
            frame,
            (&t.title, t.description.as_ref()),
            (&t.path, number, groups.len()),
        );
        c.insert("topic", t);
        let page: Vec<AnsweredGroup> = groups[shown.clone()]
            .iter()
            .map(|(f, responses)| AnsweredGroup {
                fact: &self.values.summaries[*f],
                responses: responses
                    .iter()
                    .map(|&r| &self.values.summaries[r])
                    .collect(),
            })
            .collect();
        let facts: Vec<FactId> = groups[shown]
            .iter()
            .flat_map(|(f, responses)| std::iter::once(*f).chain(responses.iter().copied()))
            .collect();
        c.insert("facts", &self.facts(&facts));
        c.insert("groups", &page);
        c.insert("fact_count", &linked.facts.len());
        // Its key numbers: the reported figures filed under it, headline figures first.
        let mut figures: Vec<FactId> = Vec::new();
        let mut comparisons: Vec<&ComparisonView> = Vec::new();
        if number == 1 {
            figures = linked
                .facts
                .iter()
                .copied()
                .filter(|&f| {
                    let s = &self.site.facts[f].statement;
                    s.status == Status::Reported && s.figure().is_some()
                })
                .collect();
            figures.sort_by_key(|f| !self.site.key_figures.contains(f));
            figures.truncate(4);
            let here: HashSet<FactId> = linked.facts.iter().copied().collect();
            comparisons = self
                .site
                .comparisons
                .iter()
                .zip(&self.views.comparisons)
                .filter(|(cmp, _)| cmp.facts.iter().any(|f| here.contains(f)))
                .map(|(_, view)| view)
                .collect();
        }
        c.insert("key_numbers", &self.facts(&figures));
        c.insert("comparisons", &comparisons);
        c.insert("articles", &self.first_sources(&linked.articles, number));
        c.insert("article_count", &linked.articles.len());
        c
    }

    /// The timeline's page `number`: the dated facts oldest first, then the undated ones,
    /// `page_size` to a page; a year that goes on over a page break is headed again.
    fn timeline(&self, frame: &Frame, number: usize) -> Context {
        let site = self.site;
        let dated = site.timeline.len();
        let items = dated + site.undated.len();
        let (mut c, shown) = self.paged(frame, ("Timeline", None), ("timeline/", number, items));
        let (dated_shown, undated_shown) = split_range(&shown, dated);
        let mut years: Vec<Year> = Vec::new();
        for &id in &site.timeline[dated_shown] {
            let fact = &self.values.summaries[id];
            let year = fact.when.year.unwrap_or(0);
            match years.last_mut() {
                Some(y) if y.year == year => y.facts.push(fact),
                _ => years.push(Year {
                    year,
                    facts: vec![fact],
                }),
            }
        }
        c.insert("years", &years);
        c.insert("undated", &self.facts(&site.undated[undated_shown]));
        c
    }

    fn comparison(&self, frame: &Frame, i: ComparisonId) -> Context {
        let cv = &self.views.comparisons[i];
        let mut c = frame.context(&cv.title, cv.note.as_ref());
        c.insert("comparison", cv);
        c.insert("facts", &self.facts(&self.site.comparisons[i].facts));
        c
    }

    fn data_page(&self, frame: &Frame) -> Context {
        let site = self.site;
        let mut c = frame.context("Open data", None);
        c.insert("counts", &Counts::of(site));
        c.insert("columns", &data::CSV_COLUMNS[..]);
        let json_ld = data::dataset_json_ld(&site.settings, site.facts.len(), &root_of(frame.path));
        c.insert("json_ld", &json_ld);
        c
    }

    /// The article's text with every quoted passage highlighted and linked back to its fact.
    /// A passage that does not make it onto the page (text inside raw HTML the sanitizer
    /// removes) is an error: its citation would lead nowhere.
    fn article_body(&self, i: ArticleId) -> Result<String, Vec<Diagnostic>> {
        let article = &self.site.articles[i];
        let root = root_of(&self.views.articles[i].path);
        let cited: Vec<(&FactView, &view::SourceView)> = article
            .passages
            .iter()
            .map(|p| {
                let fact = &self.views.facts[p.fact];
                (fact, &fact.sources[p.citation])
            })
            .collect();
        let marks: Vec<Mark> = article
            .passages
            .iter()
            .zip(&cited)
            .map(|(p, (fact, source))| Mark {
                ranges: p.ranges.clone(),
                id: source.anchor.clone(),
                back_href: format!("{root}{}#{}", fact.path, source.id),
                back_label: format!("Cited by the fact: {}", fact.title),
                fact: fact.title.clone(),
            })
            .collect();
        let html = markdown::parse(&article.body).to_html(&marks);
        let missing: Vec<Diagnostic> = article
            .passages
            .iter()
            .zip(&cited)
            .filter(|(_, (_, source))| !html.contains(&format!("id=\"{}\"", source.anchor)))
            .map(|(p, (_, source))| {
                let fact = &self.site.facts[p.fact];
                let mut problem = Diagnostic::error(
                    fact.origin.file.as_str(),
                    format!(
                        "the passage quoted by source {} is not visible on the page of article `{}`",
                        source.number, article.slug
                    ),
                );
                if let Some(at) = fact.citations[p.citation].quote_at {
                    problem = problem.at(at);
                }
                problem
                    .with_help("quote text the reader sees, not text inside raw HTML such as <script> or <style>")
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(match self.site.settings.minify {
            true => self.minified.fragment(&html).to_string(),
            false => html,
        })
    }

    fn sitemap(&self, list: &[Page], sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let mut locations: Vec<String> = list
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
                FeedEntry {
                    href: self
                        .absolute(&view.path)
                        .unwrap_or_else(|| view.path.clone()),
                    id: self
                        .absolute(&view.path)
                        .unwrap_or_else(|| format!("urn:factsheet:fact:{}", view.slug)),
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

    /// `robots.txt`: everything may be crawled; the sitemap, when its URL is known.
    fn robots(&self, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let c = self.base_context("robots.txt", "robots.txt".into(), None, "robots", false);
        let text = self.theme.render("robots.txt", &c)?;
        sink.write("robots.txt", text.into_bytes())
            .map_err(|d| vec![d])
    }

    /// `data/facts.json`, `data/facts.csv`, the search index (`data/search/`), the evidence and
    /// `data/schema/*.json`.
    fn data(&self, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let s = &self.site.settings;
        let facts_json = || {
            let export = DataExport {
                generator: GENERATOR,
                site: self.site_context(),
                facts: &self.views.facts,
            };
            sink.write_with("data/facts.json", &mut |out| data::write_json(out, &export))
        };
        let ((json, csv), (terms, body)) = rayon::join(
            || {
                rayon::join(facts_json, || {
                    sink.write_with("data/facts.csv", &mut |out| {
                        data::facts_csv(self.views, s.base_url.as_deref(), out)
                    })
                })
            },
            || {
                rayon::join(
                    || search::write_terms(self.views, sink),
                    || self.article_texts(sink),
                )
            },
        );
        let search =
            terms.and_then(|terms| search::write_manifest(self.views, &terms, &body?, sink));
        json.and(csv).and(search).map_err(|d| vec![d])
    }

    /// What is made from the articles' plain texts: the search's `texts/` and `body/` shards
    /// and the evidence (`data/articles/`, `data/evidence.json`). Each article's plain text is
    /// made once, from its Markdown, a chunk of articles at a time on all cores, and let go
    /// with its chunk; the evidence is written as each batch of chunks is done. Returns the
    /// keys of the `body/` shards.
    fn article_texts(&self, sink: &dyn Sink) -> Result<Vec<String>, Diagnostic> {
        const CHUNK: usize = search::Bodies::CHUNK;
        let articles = &self.site.articles;
        let bodies = search::Bodies::new(self.views);
        let chunk = |c: usize| -> Result<(search::BodyPart, Vec<_>), Diagnostic> {
            let first = c * CHUNK;
            let chunk = &articles[first..articles.len().min(first + CHUNK)];
            let texts: Vec<String> = chunk
                .iter()
                .map(|a| markdown::plain_text_of(&a.body))
                .collect();
            let views = &self.views.articles[first..];
            let evidence = (chunk.iter().zip(views).zip(&texts))
                .map(|((a, view), text)| data::article_evidence(a, view, text, self.views, sink))
                .collect::<Result<_, _>>()?;
            Ok((bodies.index(first, &texts, sink)?, evidence))
        };
        let chunks: Vec<usize> = (0..articles.len().div_ceil(CHUNK)).collect();
        let batch = 4 * rayon::current_num_threads();
        // A problem writing a file of the pass, which the evidence's writer cannot carry.
        let mut failed = None;
        let mut words = search::BodyWords::default();
        let written = sink.write_with("data/evidence.json", &mut |out| {
            let mut evidence = data::EvidenceWriter::start(out)?;
            for batch in chunks.chunks(batch) {
                let made: Vec<_> = batch.par_iter().map(|&c| chunk(c)).collect();
                for result in made {
                    let (part, articles) = result.map_err(|d| {
                        failed = Some(d);
                        io::Error::other("another file could not be written")
                    })?;
                    words.add(part);
                    articles.iter().try_for_each(|a| evidence.push(a))?;
                }
            }
            evidence.finish()
        });
        if let Some(problem) = failed {
            return Err(problem);
        }
        written?;
        words.write(sink)
    }
}

/// The facts of one topic on the facts index.
#[derive(Serialize)]
struct FactSection<'a> {
    #[serde(skip)]
    topic: usize,
    id: String,
    title: &'a str,
    facts: Vec<&'a FactSummary<'a>>,
}

/// The facts index's order and counts, the same for all its pages.
struct FactsIndex {
    /// (section, fact): each fact once under its first topic (the last section holds those
    /// without one), dated ones first by date.
    order: Vec<(usize, FactId)>,
    /// The whole site's facts by status.
    counts: StatusCounts,
}

impl FactsIndex {
    fn of(site: &Site) -> FactsIndex {
        let mut order: Vec<(usize, FactId)> = ids::<FactId>(site.facts.len())
            .zip(&site.facts)
            .map(|(id, fact)| (fact.topics.first().map_or(site.topics.len(), |t| t.0), id))
            .collect();
        order.sort_by_key(|&(t, f)| {
            let window = site.facts[f].when.window();
            (t, window.is_none(), window.map(|w| w.first), f)
        });
        let all: Vec<FactId> = ids(site.facts.len()).collect();
        FactsIndex {
            order,
            counts: StatusCounts::of(site, &all),
        }
    }
}

/// How many of some facts are reported, claimed and disputed.
#[derive(Serialize)]
struct StatusCounts {
    reported: usize,
    claimed: usize,
    disputed: usize,
}

impl StatusCounts {
    fn of(site: &Site, facts: &[FactId]) -> StatusCounts {
        let mut counts = StatusCounts {
            reported: 0,
            claimed: 0,
            disputed: 0,
        };
        for &f in facts {
            match site.facts[f].statement.status {
                Status::Reported => counts.reported += 1,
                Status::Claimed => counts.claimed += 1,
                Status::Disputed => counts.disputed += 1,
            }
        }
        counts
    }
}

/// A fact of a list with the facts of the same list that answer it.
#[derive(Serialize)]
struct AnsweredGroup<'a> {
    fact: &'a FactSummary<'a>,
    responses: Vec<&'a FactSummary<'a>>,
}

/// Facts of one year, for the timeline.
#[derive(Serialize)]
struct Year<'a> {
    year: u16,
    facts: Vec<&'a FactSummary<'a>>,
}

/// One entry of the Atom feed: a fact's summary, like every other list of facts.
#[derive(Serialize)]
struct FeedEntry<'a> {
    fact: &'a FactSummary<'a>,
    href: String,
    id: String,
    updated: String,
}

#[derive(Serialize)]
struct DataExport<'a> {
    generator: &'static str,
    site: SiteContext<'a>,
    facts: &'a [FactView],
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
