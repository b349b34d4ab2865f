//! `content/facts/SLUG.md`: one fact — a figure, event or claim — and the quotes that back it.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{frontmatter, yaml, Origin};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::date::PartialDate;
use crate::model::record::Statement;
use crate::model::value::{Qualifier, Sourcing, Status};

/// A fact's front matter, as in DESIGN.md.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactFrontMatter {
    /// A short headline.
    pub title: String,
    /// One neutral sentence stating the fact, attributed where contested.
    pub claim: String,
    /// The figure.
    pub value: Option<f64>,
    /// The unit of `value` or `range` (`USD`, `people`).
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
    #[serde(default)]
    pub status: Status,
    /// The entity that asserts it (for claimed and disputed facts).
    pub claimed_by: Option<String>,
    /// The fact this one answers.
    pub responds_to: Option<String>,
    /// The entity (an outlet or a person) through whom the assertion is known.
    pub reported_by: Option<String>,
    /// How the assertion reached the source: `on_record` (the default), `anonymous` or
    /// `secondhand`.
    #[serde(default)]
    pub sourcing: Sourcing,
    /// Entities it is about.
    #[serde(default)]
    pub entities: Vec<String>,
    /// Topics it is filed under.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Facts related to it.
    #[serde(default)]
    pub related: Vec<String>,
    /// A key shared by facts that measure the same quantity.
    pub measure: Option<String>,
    /// True on the fact to headline among those sharing a `measure`.
    #[serde(default)]
    pub preferred: bool,
    /// The quotes that back it.
    pub sources: Vec<SourceRef>,
}

impl FactFrontMatter {
    /// What the fact states, and the references `link` resolves.
    pub fn split(self) -> (Statement, FactReferences) {
        let statement = Statement {
            title: self.title,
            claim: self.claim,
            value: self.value,
            unit: self.unit,
            range: self.range,
            qualifier: self.qualifier,
            display: self.display,
            date: self.date,
            status: self.status,
            sourcing: self.sourcing,
            measure: self.measure,
            preferred: self.preferred,
        };
        let references = FactReferences {
            claimed_by: self.claimed_by,
            responds_to: self.responds_to,
            reported_by: self.reported_by,
            entities: self.entities,
            topics: self.topics,
            related: self.related,
            sources: self.sources,
        };
        (statement, references)
    }
}

/// What a fact's front matter names by slug, for `link` to resolve.
#[derive(Debug, Clone)]
pub struct FactReferences {
    /// The entity that asserts it.
    pub claimed_by: Option<String>,
    /// The fact it answers.
    pub responds_to: Option<String>,
    /// The entity through whom the assertion is known.
    pub reported_by: Option<String>,
    /// Entities it is about.
    pub entities: Vec<String>,
    /// Topics it is filed under.
    pub topics: Vec<String>,
    /// Facts related to it.
    pub related: Vec<String>,
    /// The quotes that back it.
    pub sources: Vec<SourceRef>,
}

/// One source of a fact: an article and the exact words quoted from it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The article's slug.
    pub article: String,
    /// The verbatim excerpt; `...` marks an omission.
    pub quote: String,
    /// An editor's note on this source.
    pub note: Option<String>,
}

/// A fact file.
#[derive(Debug, Clone)]
pub struct FactFile {
    /// Its slug (the file name without `.md`).
    pub slug: String,
    /// Its front matter.
    pub front: FactFrontMatter,
    /// An optional note in Markdown, below the front matter.
    pub note: String,
    /// Where it was written.
    pub origin: Origin,
}

/// Parses the fact file at `path` (relative to the root) with slug `slug`.
pub fn parse(slug: &str, path: &str, text: String) -> Result<FactFile, Vec<Diagnostic>> {
    let split = frontmatter::split(&text)
        .map_err(|m| vec![Diagnostic::error(path, m).at(Pos::new(1, 1))])?;
    let schema: yaml::Schema = &[
        ("", yaml::fields_of::<FactFrontMatter>()),
        ("sources.*", yaml::fields_of::<SourceRef>()),
    ];
    let (front, positions) =
        yaml::parse::<FactFrontMatter>(split.yaml, path, split.yaml_first_line, schema)?;
    let note = split.body.to_string();
    let control = super::controls::in_text(split.body, path, split.body_first_line);
    let fact = FactFile {
        slug: slug.to_string(),
        front,
        note,
        origin: Origin::file(path, positions).with_source(text),
    };
    let mut problems = check(&fact);
    problems.extend(control);
    if problems.is_empty() {
        Ok(fact)
    } else {
        Err(problems)
    }
}

/// The largest figure kept exactly (2^53): above it, not every whole number has a float.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// The rules a fact must follow on its own, before its references are resolved.
fn check(fact: &FactFile) -> Vec<Diagnostic> {
    let (f, o) = (&fact.front, &fact.origin);
    let mut problems = text_and_sources(f, o);
    problems.extend(figure(f, o));
    problems.extend(attribution(f, o));
    problems
}

/// A title, a claim, at least one source, and no empty quote.
fn text_and_sources(f: &FactFrontMatter, o: &Origin) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key, text) in [("title", &f.title), ("claim", &f.claim)] {
        if text.trim().is_empty() {
            problems.push(
                o.error(key, format!("`{key}` is empty"))
                    .with_help("write it out"),
            );
        }
    }
    if f.sources.is_empty() {
        problems.push(
            o.error("sources", "a fact needs at least one source")
                .with_help("add `sources:` with `- article: SLUG` and the `quote:` that states it"),
        );
    }
    for (i, source) in f.sources.iter().enumerate() {
        if source.quote.trim().is_empty() {
            problems.push(
                o.error(&format!("sources.{i}.quote"), "the quote is empty")
                    .with_help("copy the exact words of the article that state the fact"),
            );
        }
    }
    problems
}

/// A figure that is one value or one range, finite, kept exactly; a unit or qualifier only
/// with a figure.
fn figure(f: &FactFrontMatter, o: &Origin) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if f.value.is_some() && f.range.is_some() {
        problems.push(
            o.error(
                "range",
                "a fact has either a `value` or a `range`, not both",
            )
            .with_help("keep `range: [low, high]` for a span, `value` for one figure"),
        );
    }
    if let Some([low, high]) = f.range {
        if low > high {
            problems.push(
                o.error("range", format!("the range [{low}, {high}] runs backwards"))
                    .with_help(format!("write it low to high: [{high}, {low}]")),
            );
        }
    }
    for number in f.value.iter().chain(f.range.iter().flatten()) {
        if !number.is_finite() {
            problems.push(o.error("value", "the figure is not a finite number"));
        } else if number.abs() > MAX_EXACT {
            problems.push(
                o.error(
                    if f.value.is_some() { "value" } else { "range" },
                    "the figure is larger than 9,007,199,254,740,992, the largest a figure can be kept exactly",
                )
                .with_help("give it in a larger unit (billions of a currency are written out: `value: 5000000000`, but a figure beyond that needs a unit such as `trillion USD` declared in site.yaml)"),
            );
        }
    }
    let has_figure = f.value.is_some() || f.range.is_some();
    if !has_figure {
        for key in ["unit", "qualifier"] {
            let set = if key == "unit" {
                f.unit.is_some()
            } else {
                f.qualifier.is_some()
            };
            if set {
                problems.push(
                    o.error(
                        key,
                        format!("`{key}` is set but the fact has no `value` or `range`"),
                    )
                    .with_help("add the figure, or remove this key"),
                );
            }
        }
    }
    if let Some(unit) = &f.unit {
        if unit.trim().is_empty() {
            problems.push(o.error("unit", "the unit is empty"));
        }
    }
    problems
}

/// Whose assertion a claim is, and no claimant on a fact reported as such.
fn attribution(f: &FactFrontMatter, o: &Origin) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if f.status.needs_claimant() && f.claimed_by.is_none() {
        problems.push(
            o.error(
                "status",
                format!(
                    "a `{}` fact needs `claimed_by`: whose assertion is it?",
                    f.status.as_str()
                ),
            )
            .with_help("add `claimed_by: ENTITY` naming the party that asserts it"),
        );
    }
    // A reported response (the source's account of an answer) names who answered.
    if !f.status.needs_claimant() && f.claimed_by.is_some() && f.responds_to.is_none() {
        problems.push(
            o.error("claimed_by", "`claimed_by` is set but the status is `reported`")
                .with_help("set `status: claimed` (or `disputed`) if a party asserts it, add `responds_to:` if the source reports an answer, or remove `claimed_by`"),
        );
    }
    problems
}
