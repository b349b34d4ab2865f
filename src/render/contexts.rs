//! What each page's template receives: one function per kind of page, each building its
//! context from the views (`view.rs`) and the lists made once for all pages.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;
use tera::Context;

use super::pages::Frame;
use super::view::{self, ComparisonView, FactSummary, FactView, Sheet};
use super::{data, pager, root_of, Counts, Renderer};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Mark};
use crate::model::date::PartialDate;
use crate::model::site::{ids, ArticleId, ComparisonId, EntityId, FactId, Site, TopicId, When};
use crate::model::value::Status;

impl Renderer<'_> {
    pub(super) fn home(&self, frame: &Frame) -> Context {
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

    pub(super) fn fact(&self, frame: &Frame, i: FactId) -> Context {
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

    pub(super) fn article(&self, frame: &Frame, i: ArticleId) -> Result<Context, Vec<Diagnostic>> {
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
    pub(super) fn paged(
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
    pub(super) fn facts_index(&self, frame: &Frame, number: usize) -> Context {
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
    pub(super) fn articles_index(&self, frame: &Frame, number: usize) -> Context {
        let items = self.site.articles.len();
        let (mut c, shown) = self.paged(frame, ("Articles", None), ("articles/", number, items));
        c.insert("articles", &self.values.articles.as_slice()[shown]);
        c.insert("total", &self.site.articles.len());
        c
    }

    /// The sources a topic's or entity's page lists: on its first page, at most `page_size`
    /// of them (each fact on its pages links its own; the sources index has them all).
    pub(super) fn first_sources(
        &self,
        articles: &[ArticleId],
        number: usize,
    ) -> Vec<&view::ArticleView> {
        match number {
            1 => self.articles(&articles[..articles.len().min(self.site.settings.page_size)]),
            _ => Vec::new(),
        }
    }

    pub(super) fn entities(&self, frame: &Frame) -> Context {
        let mut c = frame.context("Entities", None);
        c.insert("entities", &self.views.entities);
        c.insert("groups", &view::EntityGroup::all(&self.views.entities));
        c
    }

    /// An entity's page `number`: its claims, then the other facts about it, `page_size` to a
    /// page, each fact once; the summary box and its sources on every page.
    pub(super) fn entity(&self, frame: &Frame, i: EntityId, number: usize) -> Context {
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
    pub(super) fn topic(&self, frame: &Frame, i: TopicId, number: usize) -> Context {
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
    pub(super) fn timeline(&self, frame: &Frame, number: usize) -> Context {
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

    pub(super) fn comparison(&self, frame: &Frame, i: ComparisonId) -> Context {
        let cv = &self.views.comparisons[i];
        let mut c = frame.context(&cv.title, cv.note.as_ref());
        c.insert("comparison", cv);
        c.insert("facts", &self.facts(&self.site.comparisons[i].facts));
        c
    }

    pub(super) fn data_page(&self, frame: &Frame) -> Context {
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
}

/// `shown`, a range of a list whose first `at` entries are one list and the rest another, as a
/// range of each.
fn split_range(shown: &Range<usize>, at: usize) -> (Range<usize>, Range<usize>) {
    (
        shown.start.min(at)..shown.end.min(at),
        shown.start.max(at) - at..shown.end.max(at) - at,
    )
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
pub(super) struct FactsIndex {
    /// (section, fact): each fact once under its first topic (the last section holds those
    /// without one), dated ones first by date.
    order: Vec<(usize, FactId)>,
    /// The whole site's facts by status.
    counts: StatusCounts,
}

impl FactsIndex {
    pub(super) fn of(site: &Site) -> FactsIndex {
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
