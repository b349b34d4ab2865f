//! The HTML pages: which pages the site has ([`all`]), where each is written
//! ([`Page::path`]) and with which template ([`Page::kind`]), rendered on all cores. What each
//! page's template receives is made in `contexts.rs`.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::output::Output;
use super::view::Views;
use super::{file_of, minify, pager, Counts, Renderer, Sink};
use crate::diagnostic::Diagnostic;
use crate::model::site::{ids, ArticleId, ComparisonId, EntityId, FactId, Site, TopicId};

/// Every HTML page.
pub const PAGES: Output = Output {
    name: "the HTML pages (index.html, facts/, articles/, the lists, 404.html)",
    write,
};

/// Renders every page into `sink`, on all cores; stops early, with no error, when `sink` is
/// [`Sink::abandoned`].
fn write(renderer: &Renderer<'_>, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let problems: Vec<Diagnostic> = renderer
        .pages
        .par_iter()
        .filter(|_| !sink.abandoned())
        .map(|&page| {
            let (file, html) = renderer.page(page)?;
            sink.write(&file, html.into_bytes()).map_err(|d| vec![d])
        })
        .filter_map(Result::err)
        .flatten()
        .collect();
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems),
    }
}

/// The pages of a site.
#[derive(Clone, Copy)]
pub(super) enum Page {
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
    pub(super) fn path(self, v: &Views) -> String {
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
    pub(super) fn kind(self) -> &'static str {
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
pub(super) struct Lists {
    /// Each topic's facts as groups, each response under the claim it answers.
    pub(super) topic_groups: Vec<Vec<(FactId, Vec<FactId>)>>,
    /// Each entity's facts other than its claims.
    pub(super) entity_about: Vec<Vec<FactId>>,
}

impl Lists {
    pub(super) fn of(site: &Site) -> Lists {
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

/// Every page of the site, the long lists with all their pages.
pub(super) fn all(site: &Site, lists: &Lists) -> Vec<Page> {
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

/// Where a page is and what it is: what its context starts from.
pub(super) struct Frame<'r> {
    renderer: &'r Renderer<'r>,
    pub(super) path: &'r str,
    kind: &'static str,
    anywhere: bool,
}

impl Frame<'_> {
    /// The page's context with its title and description.
    pub(super) fn context(&self, title: &str, description: Option<&String>) -> Context {
        self.renderer.base_context(
            self.path,
            title.to_string(),
            description.cloned(),
            self.kind,
            self.anywhere,
        )
    }

    /// The context of a list page: its title and the list it shows, as `name`.
    pub(super) fn listing<T: Serialize + ?Sized>(
        &self,
        title: &str,
        name: &'static str,
        list: &T,
    ) -> Context {
        let mut c = self.context(title, None);
        c.insert(name, list);
        c
    }
}

impl Renderer<'_> {
    /// Renders `page`: the file it is written to, and its HTML.
    pub(super) fn page(&self, page: Page) -> Result<(String, String), Vec<Diagnostic>> {
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
}
