//! What each record states apart from its references: a fact's statement, an article's
//! publication details, an entity's and a topic's fields. `content` reads them from the
//! editor's files, and the linked site keeps them beside the resolved references, so no raw
//! slug survives `link`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::date::PartialDate;
use crate::model::format::{self, Figure, Stated};
use crate::model::value::{Qualifier, Sourcing, Status};

/// What a fact states: its headline, its sentence, its figure and when, and its status.
#[derive(Debug, Clone, Default)]
pub struct Statement {
    /// A short headline.
    pub title: String,
    /// One neutral sentence stating the fact, attributed where contested.
    pub claim: String,
    /// The figure.
    pub value: Option<f64>,
    /// The unit of `value` or `range`, in its canonical spelling (`USD`, `people`).
    pub unit: Option<String>,
    /// `[low, high]` instead of `value`.
    pub range: Option<[f64; 2]>,
    /// How the figure relates to the true amount.
    pub qualifier: Option<Qualifier>,
    /// Text shown instead of the formatted figure.
    pub display: Option<String>,
    /// When it happened, or as of when the figure holds.
    pub date: Option<PartialDate>,
    /// Reported, claimed or disputed.
    pub status: Status,
    /// How the assertion reached its source.
    pub sourcing: Sourcing,
    /// A key shared by facts that measure the same quantity.
    pub measure: Option<String>,
    /// True on the fact to headline among those sharing a `measure`.
    pub preferred: bool,
}

impl Statement {
    /// Its figure, ready to print ("over 100,000 people"), if it has one.
    pub fn figure(&self) -> Option<Figure> {
        format::figure(Stated {
            value: self.value,
            range: self.range,
            unit: self.unit.as_deref(),
            qualifier: self.qualifier,
            display: self.display.as_deref(),
        })
    }
}

/// What is known about where an article was published. Unknowns stay empty: never a guessed
/// publisher or date.
#[derive(Debug, Clone, Default)]
pub struct Publication {
    /// The headline.
    pub title: String,
    /// The outlet that published it.
    pub publisher: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// When it was published.
    pub published: Option<PartialDate>,
    /// Where it was published.
    pub url: Option<String>,
    /// An archived copy.
    pub archive_url: Option<String>,
    /// When the editor read it.
    pub accessed: Option<PartialDate>,
    /// The outlet whose reporting this page reprints or rewrites.
    pub via: Option<String>,
    /// What a reader must know about the source (a known error, how it was dated).
    pub source_note: Option<String>,
    /// Its language, if not the site's.
    pub language: Option<String>,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country or state.
    Country,
    /// A government body, company, organization.
    Organization,
    /// A region, city or other place.
    Place,
}

/// The fields of one entity.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityFields {
    /// Its name as readers know it.
    pub name: String,
    /// Person, country, organization or place.
    pub kind: Option<EntityKind>,
    /// Its role ("President of Azerbaijan").
    pub role: Option<String>,
    /// Other names and spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A sentence or two about it.
    pub description: Option<String>,
}

/// The fields of one topic.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicFields {
    /// Its title ("Defense budgets").
    pub title: String,
    /// A sentence or two about it.
    pub description: Option<String>,
}
