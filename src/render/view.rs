//! What templates receive: plain, resolved, ready-to-print data built once from the [`Site`].
//!
//! Every view carries its page's `path` relative to the site root (`facts/x/`); templates link
//! with `{{ root }}{{ fact.path }}`, where `root` leads from the current page back to the site
//! root, so every internal link is relative. A fact's sources arrive with their article's title,
//! publisher and the link to the highlighted passage; a template never looks anything up.

use rayon::prelude::*;
use serde::Serialize;

pub use super::parts::{ComparisonItem, Link, LinkTo};
use super::{chart, status};
use crate::markdown;
use crate::model::date::{PartialDate, Window};
use crate::model::format;
use crate::model::record::EntityKind;
use crate::model::site::{
    ById, ComparisonId, EntityId, FactId, Independence, QuotedTime, Site, TopicId, When,
};
use crate::model::value::{Qualifier, Sourcing, Status};

/// A date in the forms templates need.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2023-09-19`, `2023-09` or `2023`.
    pub iso: String,
    /// `19 September 2023`.
    pub human: String,
    /// The year.
    pub year: u16,
}

impl From<PartialDate> for DateView {
    fn from(d: PartialDate) -> Self {
        DateView {
            iso: d.iso(),
            human: d.human(),
            year: d.year,
        }
    }
}

/// An article as a source: what a citation prints.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Its slug.
    pub slug: String,
    /// Its headline.
    pub title: String,
    /// Its headline as the first sentence of a citation: ending in `.`, unless it ends in
    /// `.`, `?` or `!` already.
    pub citation_title: String,
    /// Its page.
    pub path: String,
    /// The outlet.
    pub publisher: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// When it was published.
    pub published: Option<DateView>,
    /// The original's address.
    pub url: Option<String>,
    /// An archived copy.
    pub archive_url: Option<String>,
    /// When the editor read it.
    pub accessed: Option<DateView>,
    /// The outlet whose reporting it reprints or rewrites.
    pub via: Option<String>,
    /// What a reader must know about the source.
    pub source_note: Option<String>,
    /// Who published it, when, and via whom, as every citation says it: "Asbarez, 13 August
    /// 2020, via Azatutyun"; "publisher not given", "undated" for what it does not say.
    pub credit: String,
    /// Its language, when not the site's.
    pub language: Option<String>,
    /// How many facts cite it.
    pub fact_count: usize,
}

/// One numbered source note of a fact.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Its number on the fact page (1-based).
    pub number: usize,
    /// The id of the note on the fact page (`src-1`).
    pub id: String,
    /// The id of the highlighted passage on the article page.
    pub anchor: String,
    /// The passage: `articles/SLUG/#ANCHOR`.
    pub href: String,
    /// The quote as written.
    pub quote: String,
    /// The editor's note.
    pub note: Option<String>,
    /// The article quoted.
    pub article: std::sync::Arc<ArticleView>,
    /// The passage in the live original, as a text fragment link (`url#:~:text=…`), when the
    /// article has a `url`.
    pub fragment_url: Option<String>,
    /// The relative times the quote states ("last week"), each with the days it covers.
    pub times: Vec<TimeView>,
}

/// A relative time in a quote, explained.
#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    /// The words as quoted ("last week").
    pub words: String,
    /// The days they cover, as ISO dates (`2024-09-30/2024-10-06`); none when undated.
    pub iso: Option<String>,
    /// The explanation: "“last week” = the week of 30 September 2024, counted from the
    /// article's date", or that it cannot be dated.
    pub text: String,
}

/// When a fact happened, in the forms pages and data need.
#[derive(Debug, Clone, Serialize)]
pub struct WhenView {
    /// `date` (its `date:`), `window` (dated by a relative time in a quote), `reported` (not
    /// stated, but its first source is dated: said or reported on that day), `undated` (its
    /// source is undated) or `not-stated`.
    pub kind: &'static str,
    /// ISO: `2023-09`, or a window `2024-09-30/2024-10-06`; none when not dated.
    pub iso: Option<String>,
    /// For people: "19 September 2023", "the week of 30 September 2024 (“last week”, counted
    /// from the article's date)", "reported on 13 August 2020", "not stated; the source is
    /// undated", "not stated".
    pub text: String,
    /// For `reported`: "reported on" (or "reported in" a month or year), the words before
    /// the date.
    pub lead: &'static str,
    /// For `reported`: the date alone ("13 August 2020").
    pub human: String,
    /// When its first source was published, where that is not the date above: "reported 13
    /// August 2020", shown after it.
    pub also: Option<String>,
    /// The same, short, as a list row prints it: "17 July 2020 · reported Aug 2020", "reported
    /// 13 Aug 2020", "undated"; the words a relative time was read from stay on the fact's page.
    pub short: String,
    /// The year it goes under on the timeline.
    pub year: Option<u16>,
    /// The text without its year, under that year's heading: "19 September", "September"
    /// (for `reported`, the date alone: "13 August"); the whole text for a window; empty for a
    /// date that is only a year.
    pub in_year: String,
    /// True when no article it cites has a `published` date.
    pub sources_undated: bool,
}

impl WhenView {
    fn of(fact: &crate::model::site::Fact) -> WhenView {
        let reported = fact.first_reported;
        // The date of the report, which is not always the day the words were said.
        let lead = match reported.is_some_and(|r| r.day.is_some()) {
            true => "reported on",
            false => "reported in",
        };
        let (kind, iso, text) = match (&fact.when, reported) {
            (When::Date(d), _) => ("date", Some(d.iso()), d.human()),
            (When::Window { window, words }, _) => (
                "window",
                Some(window.iso()),
                format!(
                    "{} (\u{201c}{words}\u{201d}, counted from the article's date)",
                    window.human()
                ),
            ),
            (_, Some(r)) => ("reported", Some(r.iso()), format!("{lead} {}", r.human())),
            (When::Undated, None) => ("undated", None, "not stated; the source is undated".into()),
            (When::NotStated, None) => ("not-stated", None, "not stated".into()),
        };
        let also = match &fact.when {
            When::Date(d) if reported != Some(*d) => reported,
            When::Window { .. } => reported,
            _ => None,
        };
        let year = (fact.when.window())
            .or(reported.map(Window::of))
            .map(|w| PartialDate::from_days(w.first).year);
        let without_year = |text: &str, y: u16| {
            (text.strip_suffix(&y.to_string()))
                .map_or(text, str::trim_end)
                .to_string()
        };
        let human = reported
            .filter(|_| kind == "reported")
            .map(|r| r.human())
            .unwrap_or_default();
        let in_year = match (kind, year) {
            ("date", Some(y)) => without_year(&text, y),
            ("reported", Some(y)) => without_year(&human, y),
            _ => text.clone(),
        };
        let short = match (&fact.when, reported) {
            (When::Date(_), _) => text.clone(),
            (When::Window { window, .. }, _) => window.human(),
            (_, Some(r)) => format!("reported {}", r.short()),
            (When::Undated, None) => "undated".into(),
            (When::NotStated, None) => "not stated".into(),
        };
        let short = match also.filter(|_| kind != "reported") {
            Some(r) => format!("{short} · reported {}", r.short()),
            None => short,
        };
        WhenView {
            short,
            kind,
            iso,
            lead: if kind == "reported" { lead } else { "" },
            human,
            also: also.map(|r| format!("reported {}", r.human())),
            year,
            in_year,
            text,
            sources_undated: fact.sources_undated,
        }
    }
}

/// Another fact of the same measure whose figure differs.
#[derive(Debug, Clone, Serialize)]
pub struct SpreadItem {
    /// The other fact.
    pub fact: Link,
    /// Its figure.
    pub figure: String,
    /// Where it comes from ("“Title” (Publisher)").
    pub sources: String,
    /// True when it is the measure's preferred (headline) figure.
    pub preferred: bool,
}

/// A fact, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    /// Its slug.
    pub slug: String,
    /// Its headline.
    pub title: String,
    /// The neutral sentence stating it.
    pub claim: String,
    /// Its page.
    pub path: String,
    /// The formatted figure, if it has one.
    pub figure: Option<format::Figure>,
    /// The raw value.
    pub value: Option<f64>,
    /// The raw range.
    pub range: Option<[f64; 2]>,
    /// The unit.
    pub unit: Option<String>,
    /// The qualifier.
    pub qualifier: Option<Qualifier>,
    /// Its `date:`.
    pub date: Option<DateView>,
    /// When it happened: its date, a window from a relative time, or undated.
    pub when: WhenView,
    /// `reported`, `claimed` or `disputed`.
    pub status: Status,
    /// `reported`, `claimed`, `disputed`, or `response` (it answers another fact): its style.
    pub kind: &'static str,
    /// "Reported", "Claim by Ilham Aliyev", "Response by U.S. State Department", "Politico
    /// reported, from anonymous sources, a claim by Antony Blinken" (see [`status`]).
    pub status_label: String,
    /// The status without its speaker, for the speaker's own page ("Claim").
    pub status_short: String,
    /// The status in words, in parts, the names linked to their pages.
    pub attribution: Vec<status::Part>,
    /// Who asserts it.
    pub claimed_by: Option<Link>,
    /// Who reports that they did (`reported_by`).
    pub reported_by: Option<Link>,
    /// The schema.org type of `claimed_by`: `Person` or `Organization`.
    #[serde(skip)]
    pub claimed_by_type: &'static str,
    /// The schema.org type of `reported_by`.
    #[serde(skip)]
    pub reported_by_type: &'static str,
    /// How the assertion reached its source.
    pub sourcing: Sourcing,
    /// True when its newest source is older than `historical_after`: it says what was so then.
    pub historical: bool,
    /// The fact it answers.
    pub responds_to: Option<Link>,
    /// The facts answering it.
    pub responses: Vec<Link>,
    /// Entities.
    pub entities: Vec<Link>,
    /// Topics.
    pub topics: Vec<Link>,
    /// Related facts.
    pub related: Vec<Link>,
    /// Comparisons it is in.
    pub comparisons: Vec<Link>,
    /// Numbered source notes.
    pub sources: Vec<SourceView>,
    /// Its note, as HTML (empty when it has none).
    pub note_html: String,
    /// How independent its sources are.
    pub independence: Independence,
    /// The other figures of its measure, when they disagree with this one.
    pub spread: Vec<SpreadItem>,
    /// True when it is the preferred figure of its measure.
    pub preferred: bool,
    /// "as of 2023 — may be out of date", when it is older than its `review_after`.
    pub stale: Option<String>,
}

/// A fact in a list: what a line of a list of facts prints, borrowed from its [`FactView`].
#[derive(Debug, Clone, Serialize)]
pub struct FactSummary<'a> {
    /// Its slug.
    pub slug: &'a str,
    /// Its headline.
    pub title: &'a str,
    /// The neutral sentence stating it.
    pub claim: &'a str,
    /// Its page.
    pub path: &'a str,
    /// The formatted figure, if it has one.
    pub figure: Option<&'a format::Figure>,
    /// Its `date:`.
    pub date: Option<&'a DateView>,
    /// When it happened: its date, a window from a relative time, or undated.
    pub when: &'a WhenView,
    /// `reported`, `claimed` or `disputed`.
    pub status: Status,
    /// `reported`, `claimed`, `disputed` or `response`.
    pub kind: &'static str,
    /// "Reported", "Claim by Ilham Aliyev"...
    pub status_label: &'a str,
    /// The status without its speaker ("Claim").
    pub status_short: &'a str,
    /// True when its newest source is older than `historical_after`.
    pub historical: bool,
    /// How many articles and publishers back it ("2 passages from 1 article").
    pub independence: &'a str,
    /// The articles it cites, each once, in source order: where it comes from.
    pub cited: Vec<CitedArticle<'a>>,
}

/// An article a fact cites, as a list links it.
#[derive(Debug, Clone, Serialize)]
pub struct CitedArticle<'a> {
    /// Its slug.
    pub slug: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub path: &'a str,
    /// Who published it, when, and via whom ("Asbarez, 13 August 2020, via Azatutyun").
    pub credit: &'a str,
}

impl<'a> From<&'a FactView> for FactSummary<'a> {
    fn from(f: &'a FactView) -> Self {
        FactSummary {
            slug: &f.slug,
            title: &f.title,
            claim: &f.claim,
            path: &f.path,
            figure: f.figure.as_ref(),
            date: f.date.as_ref(),
            when: &f.when,
            status: f.status,
            kind: f.kind,
            status_label: &f.status_label,
            status_short: &f.status_short,
            historical: f.historical,
            independence: &f.independence.text,
            cited: f.sources.iter().fold(Vec::new(), |mut cited, s| {
                if !cited
                    .iter()
                    .any(|c: &CitedArticle| c.slug == s.article.slug)
                {
                    cited.push(CitedArticle {
                        slug: &s.article.slug,
                        title: &s.article.title,
                        path: &s.article.path,
                        credit: &s.article.credit,
                    });
                }
                cited
            }),
        }
    }
}

/// An entity, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its name again, so any view has a `title`.
    pub title: String,
    /// Person, country, organization or place.
    pub kind: Option<EntityKind>,
    /// Its role.
    pub role: Option<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// About it.
    pub description: Option<String>,
    /// Its page.
    pub path: String,
    /// How many facts are about it or claimed by it.
    pub fact_count: usize,
}

/// Entities of one kind, for the entities index.
#[derive(Debug, Serialize)]
pub struct EntityGroup<'a> {
    /// `person`, `country`, `organization`, `place`, or `other`.
    pub kind: &'static str,
    /// "People", "Countries"...
    pub title: &'static str,
    /// Its entities, in site order.
    pub entities: Vec<&'a EntityView>,
}

impl<'a> EntityGroup<'a> {
    /// The non-empty groups of `entities`: people, countries, organizations, places, others.
    pub fn all(entities: &'a [EntityView]) -> Vec<EntityGroup<'a>> {
        let groups = [
            (Some(EntityKind::Person), "person", "People"),
            (Some(EntityKind::Country), "country", "Countries"),
            (
                Some(EntityKind::Organization),
                "organization",
                "Organizations",
            ),
            (Some(EntityKind::Place), "place", "Places"),
            (None, "other", "Others"),
        ];
        groups
            .into_iter()
            .map(|(kind, slug, title)| EntityGroup {
                kind: slug,
                title,
                entities: entities.iter().filter(|e| e.kind == kind).collect(),
            })
            .filter(|g| !g.entities.is_empty())
            .collect()
    }
}

/// A topic, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// About it.
    pub description: Option<String>,
    /// Its page.
    pub path: String,
    /// How many facts are filed under it.
    pub fact_count: usize,
}

/// A comparison, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its note.
    pub note: Option<String>,
    /// Its page.
    pub path: String,
    /// The unit all its facts share.
    pub unit: Option<String>,
    /// The facts, as written.
    pub items: Vec<ComparisonItem>,
    /// The largest value's fact.
    pub largest: Option<Link>,
    /// The smallest value's fact.
    pub smallest: Option<Link>,
    /// Largest / smallest, when the smallest is above zero and the comparison does not say
    /// `ratio: false`.
    pub ratio: Option<f64>,
    /// The ratio for people ("2.9×").
    pub ratio_text: Option<String>,
    /// The chart: a list of labelled bars (print with `| safe`).
    pub chart_html: String,
    /// The articles its facts cite, each once: the chart's source line.
    pub sources: Vec<Link>,
}

/// Every view of the site, built once.
pub struct Views {
    /// Facts, in site order.
    pub facts: Vec<FactView>,
    /// Entity and topic links of each article, in site order.
    pub article_links: Vec<(Vec<Link>, Vec<Link>)>,
    /// Articles, in site order (shared by the sources that cite them).
    pub articles: Vec<std::sync::Arc<ArticleView>>,
    /// Entities, in site order.
    pub entities: Vec<EntityView>,
    /// Topics, in site order.
    pub topics: Vec<TopicView>,
    /// Comparisons, in site order.
    pub comparisons: Vec<ComparisonView>,
}

/// The path of a page of kind `section` (`facts`) for `slug`.
pub fn page_path(section: &str, slug: &str) -> String {
    format!("{section}/{slug}/")
}

/// A link to every record of a site, made once: lists on many pages link to the same facts.
struct Links {
    facts: ById<FactId, Link>,
    entities: ById<EntityId, Link>,
    topics: ById<TopicId, Link>,
    comparisons: ById<ComparisonId, Link>,
}

impl Links {
    fn of(site: &Site) -> Links {
        fn links<Id, T: Sync>(
            items: &[T],
            folder: &str,
            name: impl Fn(&T) -> (&str, &str) + Sync,
        ) -> ById<Id, Link> {
            let links: Vec<Link> = items
                .par_iter()
                .map(|item| {
                    let (slug, title) = name(item);
                    Link::new(slug.to_string(), title.to_string(), page_path(folder, slug))
                })
                .collect();
            links.into()
        }
        Links {
            facts: links(&site.facts, "facts", |f| (&f.slug, &f.statement.title)),
            entities: links(&site.entities, "entities", |e| (&e.slug, &e.fields.name)),
            topics: links(&site.topics, "topics", |t| (&t.slug, &t.fields.title)),
            comparisons: links(&site.comparisons, "comparisons", |c| (&c.slug, &c.title)),
        }
    }

    /// The links to the records `ids` of `all`, in order.
    fn each<Id: Copy + Into<usize>>(all: &ById<Id, Link>, ids: &[Id]) -> Vec<Link> {
        ids.iter().map(|&id| all[id].clone()).collect()
    }
}

crate::indexed_by!(crate::model::site::FactId => FactView);
crate::indexed_by!(crate::model::site::ArticleId => std::sync::Arc<ArticleView>, (Vec<Link>, Vec<Link>));
crate::indexed_by!(crate::model::site::EntityId => EntityView);
crate::indexed_by!(crate::model::site::TopicId => TopicView);
crate::indexed_by!(crate::model::site::ComparisonId => ComparisonView);

impl Views {
    /// Builds the views of `site`.
    pub fn build(site: &Site) -> Views {
        let links = Links::of(site);
        let articles: Vec<std::sync::Arc<ArticleView>> = site
            .articles
            .par_iter()
            .map(|a| std::sync::Arc::new(ArticleView::of(a)))
            .collect();
        let facts: Vec<FactView> = site
            .facts
            .par_iter()
            .map(|f| FactView::of(site, f, &links, &articles))
            .collect();
        let entities = site.entities.iter().map(EntityView::of).collect();
        let topics = site.topics.iter().map(TopicView::of).collect();
        let comparisons = site
            .comparisons
            .iter()
            .map(|c| ComparisonView::of(site, c, &links))
            .collect();
        let article_links = site
            .articles
            .iter()
            .map(|a| {
                (
                    Links::each(&links.entities, &a.entities),
                    Links::each(&links.topics, &a.topics),
                )
            })
            .collect();
        Views {
            facts,
            article_links,
            articles,
            entities,
            topics,
            comparisons,
        }
    }
}

impl ArticleView {
    fn of(a: &crate::model::site::Article) -> ArticleView {
        ArticleView {
            slug: a.slug.clone(),
            title: a.publication.title.clone(),
            citation_title: citation_title(&a.publication.title),
            path: page_path("articles", &a.slug),
            publisher: a.publication.publisher.clone(),
            author: a.publication.author.clone(),
            published: a.publication.published.map(DateView::from),
            url: a.publication.url.clone(),
            archive_url: a.publication.archive_url.clone(),
            accessed: a.publication.accessed.map(DateView::from),
            via: a.publication.via.clone(),
            source_note: a.publication.source_note.clone(),
            credit: credit(&a.publication),
            language: a.publication.language.clone(),
            fact_count: a.facts.len(),
        }
    }
}

impl FactView {
    fn of(
        site: &Site,
        f: &crate::model::site::Fact,
        links: &Links,
        articles: &[std::sync::Arc<ArticleView>],
    ) -> FactView {
        let front = &f.statement;
        let claimed_by = f.claimed_by.map(|e| links.entities[e].clone());
        let reported_by = f.reported_by.map(|e| links.entities[e].clone());
        let attribution = status::attribution(site, f, claimed_by.as_ref(), reported_by.as_ref());
        let status_label = status::label(&attribution);
        let status_short = status::without_speaker(&attribution, claimed_by.as_ref());
        let path = page_path("facts", &f.slug);
        FactView {
            slug: f.slug.clone(),
            title: front.title.clone(),
            claim: front.claim.clone(),
            figure: front.figure(),
            value: front.value,
            range: front.range,
            unit: front.unit.clone(),
            qualifier: front.qualifier,
            date: front.date.map(DateView::from),
            when: WhenView::of(f),
            status: front.status,
            kind: status::kind(f),
            status_label,
            status_short,
            attribution,
            claimed_by,
            reported_by,
            claimed_by_type: schema_type(site, f.claimed_by),
            reported_by_type: schema_type(site, f.reported_by),
            sourcing: front.sourcing,
            historical: f.historical,
            responds_to: f.responds_to.map(|r| links.facts[r].clone()),
            responses: Links::each(&links.facts, &f.responses),
            entities: Links::each(&links.entities, &f.entities),
            topics: Links::each(&links.topics, &f.topics),
            related: Links::each(&links.facts, &f.related),
            comparisons: Links::each(&links.comparisons, &f.comparisons),
            sources: f
                .citations
                .iter()
                .map(|c| SourceView::of(c, &articles[c.article]))
                .collect(),
            note_html: if f.note.trim().is_empty() {
                String::new()
            } else {
                markdown::to_html(&f.note)
            },
            independence: f.independence.clone(),
            spread: f
                .spread
                .iter()
                .map(|&o| SpreadItem::of(site, o, links))
                .collect(),
            preferred: f.statement.preferred,
            stale: (f.stale)
                .then(|| {
                    front
                        .date
                        .map(|d| format!("as of {} \u{2014} may be out of date", d.human()))
                })
                .flatten(),
            path,
        }
    }
}

impl SourceView {
    fn of(c: &crate::model::site::Citation, article: &std::sync::Arc<ArticleView>) -> SourceView {
        SourceView {
            number: c.number,
            id: crate::model::page_ids::source(c.number),
            anchor: c.anchor.clone(),
            href: format!("{}#{}", article.path, c.anchor),
            quote: c.quote.clone(),
            note: c.note.clone(),
            article: std::sync::Arc::clone(article),
            fragment_url: c.fragment_url.clone(),
            times: c.times.iter().map(TimeView::of).collect(),
        }
    }
}

impl SpreadItem {
    /// The fact `other` of the same measure, as a fact page lists it.
    fn of(site: &Site, other: crate::model::site::FactId, links: &Links) -> SpreadItem {
        let fact = &site.facts[other];
        let source = |c: &crate::model::site::Citation| {
            let a = &site.articles[c.article].publication;
            match &a.publisher {
                Some(p) => format!("\u{201c}{}\u{201d} ({p})", a.title),
                None => format!("\u{201c}{}\u{201d}", a.title),
            }
        };
        SpreadItem {
            fact: links.facts[other].clone(),
            figure: fact.statement.figure().map(|g| g.full).unwrap_or_default(),
            sources: fact
                .citations
                .iter()
                .map(source)
                .collect::<Vec<_>>()
                .join(", "),
            preferred: fact.statement.preferred,
        }
    }
}

impl EntityView {
    fn of(e: &crate::model::site::Entity) -> EntityView {
        let mut all: Vec<crate::model::site::FactId> =
            e.facts.iter().chain(&e.claims).copied().collect();
        all.sort_unstable();
        all.dedup();
        EntityView {
            slug: e.slug.clone(),
            name: e.fields.name.clone(),
            title: e.fields.name.clone(),
            kind: e.fields.kind,
            role: e.fields.role.clone(),
            aliases: e.fields.aliases.clone(),
            description: e.fields.description.clone(),
            path: page_path("entities", &e.slug),
            fact_count: all.len(),
        }
    }
}

impl TopicView {
    fn of(t: &crate::model::site::Topic) -> TopicView {
        TopicView {
            slug: t.slug.clone(),
            title: t.fields.title.clone(),
            description: t.fields.description.clone(),
            path: page_path("topics", &t.slug),
            fact_count: t.facts.len(),
        }
    }
}

impl ComparisonView {
    fn of(site: &Site, c: &crate::model::site::Comparison, links: &Links) -> ComparisonView {
        let fact_link = |id: FactId| links.facts[id].clone();

        let items: Vec<ComparisonItem> = c
            .facts
            .iter()
            .filter_map(|&id| {
                let front = &site.facts[id].statement;
                let value = front.value?;
                Some(ComparisonItem {
                    fact: fact_link(id),
                    value,
                    figure: format::amount(value, front.unit.as_deref()),
                })
            })
            .collect();
        let by_value = |a: &&ComparisonItem, b: &&ComparisonItem| a.value.total_cmp(&b.value);
        let largest = items.iter().max_by(by_value);
        let smallest = items.iter().min_by(by_value);
        let ratio = match (largest, smallest) {
            (Some(l), Some(s)) if c.ratio && s.value > 0.0 && items.len() > 1 => {
                Some(l.value / s.value)
            }
            _ => None,
        };
        let unit = c
            .facts
            .first()
            .and_then(|&id| site.facts[id].statement.unit.clone());
        ComparisonView {
            slug: c.slug.clone(),
            title: c.title.clone(),
            note: c.note.clone(),
            path: page_path("comparisons", &c.slug),
            chart_html: chart::bar_chart(&items),
            sources: c.facts.iter().fold(Vec::new(), |mut cited, &f| {
                for citation in &site.facts[f].citations {
                    let article = &site.articles[citation.article];
                    if !cited.iter().any(|l: &Link| l.slug == article.slug) {
                        cited.push(Link::new(
                            article.slug.clone(),
                            article.publication.title.clone(),
                            page_path("articles", &article.slug),
                        ));
                    }
                }
                cited
            }),
            largest: largest.map(|i| i.fact.clone()),
            smallest: smallest.map(|i| i.fact.clone()),
            ratio_text: ratio.map(format::ratio),
            ratio,
            unit,
            items,
        }
    }
}

/// A title as the first sentence of a citation: "Title." (but "Title?" stays as it is).
/// The schema.org type of the entity `id` as an author or publisher: a `Person` for a person,
/// else an `Organization` (a country speaks through its government).
fn schema_type(site: &Site, id: Option<crate::model::site::EntityId>) -> &'static str {
    match id.and_then(|e| site.entities[e].fields.kind) {
        Some(EntityKind::Person) => "Person",
        _ => "Organization",
    }
}

/// Who published an article, when, and via whom: "Asbarez, 13 August 2020, via Azatutyun".
fn credit(p: &crate::model::record::Publication) -> String {
    let mut parts = vec![
        p.publisher
            .clone()
            .unwrap_or_else(|| "publisher not given".into()),
        p.published.map_or_else(|| "undated".into(), |d| d.human()),
    ];
    parts.extend(p.via.as_ref().map(|v| format!("via {v}")));
    parts.join(", ")
}

fn citation_title(title: &str) -> String {
    let title = title.trim_end();
    if title.ends_with(['.', '?', '!']) {
        title.to_string()
    } else {
        format!("{title}.")
    }
}

impl TimeView {
    fn of(t: &QuotedTime) -> TimeView {
        let quoted = format!("\u{201c}{}\u{201d}", t.words);
        TimeView {
            words: t.words.clone(),
            iso: t.window.map(|w| w.iso()),
            text: match t.window {
                Some(w) => format!("{quoted} = {}, counted from the article's date", w.human()),
                None => format!("{quoted}: the article is undated, so this cannot be dated"),
            },
        }
    }
}

/// The whole fact sheet in reading order, for one-page themes (`brief`): the key figures,
/// then facts grouped by topic — each fact once, under its first topic — and the source notes:
/// one per article, numbered in the order their facts first cite them, each listing the
/// passages quoted from it.
#[derive(Debug, Serialize)]
pub struct Sheet<'a> {
    /// The key figures, with the numbers of their notes.
    pub key_figures: Vec<SheetFact<'a>>,
    /// The claims in dispute, each with what answers it.
    pub disputes: Vec<SheetDispute<'a>>,
    /// The facts with a `date:`, oldest first: the front's timeline.
    pub dated: Vec<SheetFact<'a>>,
    /// The topics with their facts, then the facts without a topic.
    pub sections: Vec<SheetSection<'a>>,
    /// The numbered source notes, one per article.
    pub notes: Vec<SheetNote<'a>>,
    /// True when a fact of the sheet rests only on undated sources (the sheet says what its
    /// mark for them means).
    pub undated: bool,
    /// True when a fact of the sheet is historical (the sheet says what its mark means).
    pub historical: bool,
}

/// A claim in dispute and the facts answering it.
#[derive(Debug, Serialize)]
pub struct SheetDispute<'a> {
    /// The claim.
    pub claim: SheetFact<'a>,
    /// Its responses.
    pub responses: Vec<SheetFact<'a>>,
}

/// A topic of the sheet.
#[derive(Debug, Serialize)]
pub struct SheetSection<'a> {
    /// The topic's slug (`None` for the facts without a topic).
    pub slug: Option<&'a str>,
    /// Its title.
    pub title: &'a str,
    /// Its description.
    pub description: Option<&'a str>,
    /// Its facts, with the numbers of their notes.
    pub facts: Vec<SheetFact<'a>>,
}

/// A fact of the sheet and the numbers of its source notes.
#[derive(Debug, Clone, Serialize)]
pub struct SheetFact<'a> {
    /// The fact.
    pub fact: &'a FactView,
    /// The numbers of the notes of the articles it cites, each once, in source order.
    pub notes: Vec<usize>,
}

/// A numbered source note of the sheet: an article, and the passages quoted from it.
#[derive(Debug, Serialize)]
pub struct SheetNote<'a> {
    /// Its number on the sheet.
    pub number: usize,
    /// The article.
    pub article: &'a ArticleView,
    /// The passages quoted from it, in the order their facts appear on the sheet.
    pub passages: Vec<SheetPassage<'a>>,
}

/// A passage of a note's article, and the fact quoting it.
#[derive(Debug, Serialize)]
pub struct SheetPassage<'a> {
    /// The quoting fact's slug (for the link back to it on the sheet).
    pub fact: &'a str,
    /// The quoting fact's title.
    pub title: &'a str,
    /// The source: its quote and the link to the passage.
    pub source: &'a SourceView,
}

impl<'a> Sheet<'a> {
    /// Lays out `views` (built from `site`) as one sheet.
    pub fn build(site: &Site, views: &'a Views) -> Sheet<'a> {
        let mut numbers: ById<FactId, Option<Vec<usize>>> = vec![None; views.facts.len()].into();
        let mut notes: Vec<SheetNote<'a>> = Vec::new();
        // The note of each article cited so far, by the article's id.
        let mut note_of: std::collections::HashMap<crate::model::site::ArticleId, usize> =
            Default::default();
        let mut entry = |i: FactId| {
            let fact = &views.facts[i];
            let numbers = numbers[i].get_or_insert_with(|| {
                let mut mine: Vec<usize> = Vec::new();
                for (source, citation) in fact.sources.iter().zip(&site.facts[i].citations) {
                    let number = *note_of.entry(citation.article).or_insert_with(|| {
                        notes.push(SheetNote {
                            number: notes.len() + 1,
                            article: &views.articles[citation.article],
                            passages: Vec::new(),
                        });
                        notes.len()
                    });
                    notes[number - 1].passages.push(SheetPassage {
                        fact: &fact.slug,
                        title: &fact.title,
                        source,
                    });
                    if !mine.contains(&number) {
                        mine.push(number);
                    }
                }
                mine
            });
            SheetFact {
                fact,
                notes: numbers.clone(),
            }
        };
        let key_figures = site.key_figures.iter().map(|&i| entry(i)).collect();
        let disputes = site
            .facts_with(crate::model::value::Status::Disputed)
            .map(|i| SheetDispute {
                claim: entry(i),
                responses: site.facts[i].responses.iter().map(|&r| entry(r)).collect(),
            })
            .collect();
        let dated = (site.timeline.iter())
            .filter(|&&i| matches!(site.facts[i].when, crate::model::site::When::Date(_)))
            .map(|&i| entry(i))
            .collect();
        let sections = Self::sections(site, views, &mut entry);
        Sheet {
            undated: views.facts.iter().any(|f| f.when.sources_undated),
            historical: views.facts.iter().any(|f| f.historical),
            key_figures,
            disputes,
            dated,
            sections,
            notes,
        }
    }
    /// The topics with their facts (each fact once, under its first topic), then the facts
    /// without a topic; `entry` numbers each fact's notes.
    fn sections(
        site: &Site,
        views: &'a Views,
        entry: &mut impl FnMut(FactId) -> SheetFact<'a>,
    ) -> Vec<SheetSection<'a>> {
        let mut placed: ById<FactId, bool> = vec![false; views.facts.len()].into();
        let mut sections = Vec::new();
        let topics = site.topics.iter().zip(&views.topics).map(|(topic, view)| {
            (
                Some(view.slug.as_str()),
                view.title.as_str(),
                view.description.as_deref(),
                topic.facts.clone(),
            )
        });
        let rest = std::iter::once((
            None,
            "Other facts",
            None,
            crate::model::site::ids(views.facts.len()).collect(),
        ));
        for (slug, title, description, ids) in topics.chain(rest) {
            let facts: Vec<SheetFact<'a>> = ids
                .into_iter()
                .filter(|&i: &FactId| !std::mem::replace(&mut placed[i], true))
                .map(&mut *entry)
                .collect();
            if !facts.is_empty() {
                sections.push(SheetSection {
                    slug,
                    title,
                    description,
                    facts,
                });
            }
        }
        sections
    }
}
