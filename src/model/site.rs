//! The linked site: content with every reference resolved to an index and every quote located.
//!
//! This is what `link` returns and `render` reads. References are indices into the site's
//! vectors (`FactId` into `facts`...), all vectors are sorted by slug, and the derived data —
//! backlinks, responses, the timeline, the passages each article must highlight — is computed
//! once here, so no template and no renderer ever looks anything up by name.

use std::ops::Range;

use serde::Serialize;

use crate::model::date::{PartialDate, Window};
use crate::model::origin::Origin;
use crate::model::record::{EntityFields, Publication, Statement, TopicFields};

/// Lets the lists of a kind of record — the records, and the views made of them — be indexed
/// by that kind's id.
#[macro_export]
macro_rules! indexed_by {
    ($id:ty => $($list:ty),+) => {
        $(
            impl std::ops::Index<$id> for Vec<$list> {
                type Output = $list;
                fn index(&self, id: $id) -> &$list {
                    &self[id.0]
                }
            }
            impl std::ops::IndexMut<$id> for Vec<$list> {
                fn index_mut(&mut self, id: $id) -> &mut $list {
                    &mut self[id.0]
                }
            }
            impl std::ops::Index<$id> for [$list] {
                type Output = $list;
                fn index(&self, id: $id) -> &$list {
                    &self[id.0]
                }
            }
        )+
    };
}

/// Declares the id of one kind of record: a number that indexes only the lists of that kind
/// (see [`indexed_by`]), so `site.facts[entity_id]` does not compile.
macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident => $list:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub struct $name(pub usize);
        impl From<usize> for $name {
            fn from(index: usize) -> Self {
                $name(index)
            }
        }
        impl From<$name> for usize {
            fn from(id: $name) -> usize {
                id.0
            }
        }
        $crate::indexed_by!($name => $list);
    };
}

record_id!(
    /// A fact's place in [`Site::facts`].
    FactId => Fact
);
record_id!(
    /// An article's place in [`Site::articles`].
    ArticleId => Article
);
record_id!(
    /// An entity's place in [`Site::entities`]. It indexes entities, never facts:
    ///
    /// ```no_run
    /// # use factsheet::model::site::{EntityId, Site};
    /// let site = Site::default();
    /// let _entity = &site.entities[EntityId(0)];
    /// ```
    ///
    /// ```compile_fail
    /// # use factsheet::model::site::{EntityId, Site};
    /// let site = Site::default();
    /// let _fact = &site.facts[EntityId(0)];
    /// ```
    EntityId => Entity
);
record_id!(
    /// A topic's place in [`Site::topics`].
    TopicId => Topic
);
record_id!(
    /// A comparison's place in [`Site::comparisons`].
    ComparisonId => Comparison
);

/// A list of values, one per record of a kind, indexed by that kind's id only: the links to
/// every fact, the serialized summaries of every fact, and the like.
#[derive(Debug, Clone)]
pub struct ById<Id, T> {
    items: Vec<T>,
    id: std::marker::PhantomData<Id>,
}

impl<Id, T> From<Vec<T>> for ById<Id, T> {
    fn from(items: Vec<T>) -> Self {
        ById {
            items,
            id: std::marker::PhantomData,
        }
    }
}

impl<Id: Into<usize>, T> std::ops::Index<Id> for ById<Id, T> {
    type Output = T;
    fn index(&self, id: Id) -> &T {
        &self.items[id.into()]
    }
}

impl<Id: Into<usize>, T> std::ops::IndexMut<Id> for ById<Id, T> {
    fn index_mut(&mut self, id: Id) -> &mut T {
        &mut self.items[id.into()]
    }
}

impl<Id, T: Serialize> Serialize for ById<Id, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl<Id, T> ById<Id, T> {
    /// The values, in record order.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

/// The ids of a list of `n` records, in order.
pub fn ids<Id: From<usize>>(n: usize) -> impl Iterator<Item = Id> {
    (0..n).map(Id::from)
}

/// The whole site, linked.
#[derive(Debug, Default)]
pub struct Site {
    /// Site settings, with command-line overrides applied.
    pub settings: Settings,
    /// Facts, by slug.
    pub facts: Vec<Fact>,
    /// Articles, by slug.
    pub articles: Vec<Article>,
    /// Entities, by slug.
    pub entities: Vec<Entity>,
    /// Topics, by slug.
    pub topics: Vec<Topic>,
    /// Comparisons, by slug.
    pub comparisons: Vec<Comparison>,
    /// The facts headlined on the home page.
    pub key_figures: Vec<FactId>,
    /// Facts with a date, dated by a relative time in a quote, or with a dated source (placed
    /// when first reported), oldest first.
    pub timeline: Vec<FactId>,
    /// Facts that no date, relative time or dated source places in time, in site order.
    pub undated: Vec<FactId>,
    /// The latest date anywhere in the content (for the feed's `updated`).
    pub updated: Option<PartialDate>,
}

/// Settings the pages need.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The site's name.
    pub title: String,
    /// What the fact sheet covers.
    pub description: Option<String>,
    /// The site's language (`en`).
    pub language: String,
    /// Whether pages are minified with minify-html when written.
    pub minify: bool,
    /// The absolute URL of the site, ending in `/`, when known.
    pub base_url: Option<String>,
    /// The build date (`SOURCE_DATE_EPOCH` when set), for a printed sheet to say when it was
    /// made.
    pub built: Option<PartialDate>,
    /// How many entries a page of a long list shows.
    pub page_size: usize,
}

/// A text shared rather than copied (an article's Markdown): `serve` keeps each from one
/// rebuild to the next. An `Arc<String>`, so that making one moves the text rather than
/// copying it.
pub type SharedText = std::sync::Arc<String>;

/// A fact with its references resolved.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Its slug.
    pub slug: String,
    /// What it states (its front matter without the references, which are resolved below).
    pub statement: Statement,
    /// Its note, in Markdown.
    pub note: String,
    /// Who asserts it.
    pub claimed_by: Option<EntityId>,
    /// The fact it answers.
    pub responds_to: Option<FactId>,
    /// Who reports the assertion (`reported_by`), when it is known through them.
    pub reported_by: Option<EntityId>,
    /// The facts that answer it.
    pub responses: Vec<FactId>,
    /// Entities it is about.
    pub entities: Vec<EntityId>,
    /// Topics it is filed under.
    pub topics: Vec<TopicId>,
    /// Related facts, both those it names and those naming it.
    pub related: Vec<FactId>,
    /// Comparisons it is part of.
    pub comparisons: Vec<ComparisonId>,
    /// Its sources, numbered from 1.
    pub citations: Vec<Citation>,
    /// The other facts of its `measure`, when their figures disagree with its.
    pub spread: Vec<FactId>,
    /// True when it is older than its `review_after` period.
    pub stale: bool,
    /// When it happened, as far as its content says.
    pub when: When,
    /// True when no article it cites has a `published` date.
    pub sources_undated: bool,
    /// The earliest `published` date of the articles it cites: when it was first reported.
    pub first_reported: Option<PartialDate>,
    /// The latest `published` date of the articles it cites.
    pub last_reported: Option<PartialDate>,
    /// True when its newest source is older than `historical_after` before the build date:
    /// what it says was so then, and may not be now.
    pub historical: bool,
    /// How independent its support is: articles and publishers behind its quotes.
    pub independence: Independence,
    /// Where it was written.
    pub origin: Origin,
}

impl Site {
    /// The facts of status `status`, in site order.
    pub fn facts_with(
        &self,
        status: crate::model::value::Status,
    ) -> impl Iterator<Item = FactId> + '_ {
        ids::<FactId>(self.facts.len()).filter(move |&i| self.facts[i].statement.status == status)
    }
}

impl Fact {
    /// The distinct articles it cites, in site order.
    pub fn articles(&self) -> Vec<ArticleId> {
        let mut ids: Vec<ArticleId> = self.citations.iter().map(|c| c.article).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// When a fact happened, as far as its content says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// Its `date:`.
    Date(PartialDate),
    /// No `date:`, but a relative time in a quote ("last week") dates it, counted from its
    /// article's `published` date.
    Window {
        /// The days it covers.
        window: Window,
        /// The words of the quote that say when.
        words: String,
    },
    /// No `date:`, and the source is undated: a quote says when only relative to an article
    /// with no `published` date, or no cited article has one.
    Undated,
    /// No `date:`, and nothing in the quotes says when.
    NotStated,
}

impl When {
    /// The days it covers: its date's, or the window of the relative time; none when undated.
    pub fn window(&self) -> Option<Window> {
        match self {
            When::Date(d) => Some(Window::of(*d)),
            When::Window { window, .. } => Some(*window),
            When::Undated | When::NotStated => None,
        }
    }
}

/// A relative time in a quote ("last week"), and the days it covers counted from the
/// article's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotedTime {
    /// The words as quoted.
    pub words: String,
    /// The days they cover; `None` when the article is undated (or not precisely enough).
    pub window: Option<Window>,
}

/// One source of a fact, located in its article.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The article quoted.
    pub article: ArticleId,
    /// The quote as the editor wrote it.
    pub quote: String,
    /// The editor's note on this source.
    pub note: Option<String>,
    /// The source note's number on the fact page (1-based).
    pub number: usize,
    /// The id of the highlighted passage on the article page (`q-SLUG-N`).
    pub anchor: String,
    /// The passage in the live original, as a text-fragment link, when the article has a `url`.
    pub fragment_url: Option<String>,
    /// Where the quote is written in the fact's file, for a message about it.
    pub quote_at: Option<crate::diagnostic::Pos>,
    /// The relative times the quote states, resolved from the article's date.
    pub times: Vec<QuotedTime>,
}

/// How independent a fact's support is: passages of one article are one source.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Independence {
    /// Distinct articles quoted.
    pub articles: usize,
    /// Passages quoted (one per source note).
    pub passages: usize,
    /// Distinct publishers named among the articles.
    pub publishers: usize,
    /// Articles that name no publisher.
    pub unknown: usize,
    /// True when every source is published by the party that claims the fact.
    pub claimant_only: bool,
    /// "single source", "2 passages from 1 article", "2 articles, 2 publishers",
    /// "2 articles, publisher not given".
    pub text: String,
}

/// An article with its references resolved.
#[derive(Debug)]
pub struct Article {
    /// Its slug.
    pub slug: String,
    /// Where and when it was published.
    pub publication: Publication,
    /// Its text, in Markdown. Its plain text, as the reader sees it (what quotes are found in,
    /// and what the evidence bundle hashes), is made from it where needed
    /// ([`crate::markdown::plain_text_of`]): a large site never holds every article's twice.
    pub body: SharedText,
    /// Entities it is about.
    pub entities: Vec<EntityId>,
    /// Topics it is filed under.
    pub topics: Vec<TopicId>,
    /// Facts citing it.
    pub facts: Vec<FactId>,
    /// The passages quoted from it, to highlight.
    pub passages: Vec<Passage>,
    /// Where it was written.
    pub origin: Origin,
}

/// A passage of an article quoted by a fact.
#[derive(Debug, Clone)]
pub struct Passage {
    /// The ranges of the article's plain text quoted (several for a quote with ellipses).
    pub ranges: Vec<Range<usize>>,
    /// The citing fact.
    pub fact: FactId,
    /// Which of the fact's citations (0-based).
    pub citation: usize,
}

/// An entity with its backlinks.
#[derive(Debug)]
pub struct Entity {
    /// Its slug.
    pub slug: String,
    /// Its fields as written.
    pub fields: EntityFields,
    /// Facts about it.
    pub facts: Vec<FactId>,
    /// Facts it asserts (`claimed_by`).
    pub claims: Vec<FactId>,
    /// Articles about it.
    pub articles: Vec<ArticleId>,
}

/// A topic with its backlinks.
#[derive(Debug)]
pub struct Topic {
    /// Its slug.
    pub slug: String,
    /// Its fields as written.
    pub fields: TopicFields,
    /// Facts filed under it.
    pub facts: Vec<FactId>,
    /// Articles filed under it.
    pub articles: Vec<ArticleId>,
}

/// A comparison of facts with values in one unit.
#[derive(Debug)]
pub struct Comparison {
    /// Its slug.
    pub slug: String,
    /// Its title ("Defense budgets for 2025").
    pub title: String,
    /// A note on what the figures measure, shown before them.
    pub note: Option<String>,
    /// Whether the largest is set against the smallest as a ratio.
    pub ratio: bool,
    /// The facts compared, in the order written.
    pub facts: Vec<FactId>,
}
