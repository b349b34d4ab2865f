//! `content/comparisons.yaml`: groups of comparable facts, drawn as charts.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{parse_slug_map, yaml, Origin};
use crate::diagnostic::Diagnostic;

/// The fields of one comparison.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComparisonFields {
    /// Its title ("Defense budgets for 2025").
    pub title: String,
    /// The facts compared; all need a `value` in the same unit.
    pub facts: Vec<String>,
    /// A note on what the figures measure, shown before them.
    pub note: Option<String>,
    /// Whether to say how many times the smallest the largest is (default: yes). `false` for
    /// figures that may not measure the same thing; a `note` must then say why.
    pub ratio: Option<bool>,
}

/// A comparison and where it was written.
#[derive(Debug, Clone)]
pub struct ComparisonEntry {
    /// Its slug (the key in `comparisons.yaml`).
    pub slug: String,
    /// Its fields.
    pub fields: ComparisonFields,
    /// Where it was written.
    pub origin: Origin,
}

/// The path of the comparisons file.
pub const PATH: &str = "content/comparisons.yaml";

/// Parses `comparisons.yaml`.
pub fn parse(text: &str) -> Result<Vec<ComparisonEntry>, Vec<Diagnostic>> {
    let schema: yaml::Schema = &[("*", yaml::fields_of::<ComparisonFields>())];
    parse_slug_map(text, PATH, schema, |slug, fields, origin| ComparisonEntry {
        slug,
        fields,
        origin,
    })
}
