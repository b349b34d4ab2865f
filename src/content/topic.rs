//! `content/topics.yaml`: the subjects facts and articles are filed under.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{parse_slug_map, yaml, Origin};
use crate::diagnostic::Diagnostic;

/// The fields of one topic.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicFields {
    /// Its title ("Defense budgets").
    pub title: String,
    /// A sentence or two about it.
    pub description: Option<String>,
}

/// A topic and where it was written.
#[derive(Debug, Clone)]
pub struct TopicEntry {
    /// Its slug (the key in `topics.yaml`).
    pub slug: String,
    /// Its fields.
    pub fields: TopicFields,
    /// Where it was written.
    pub origin: Origin,
}

/// The path of the topics file.
pub const PATH: &str = "content/topics.yaml";

/// Parses `topics.yaml`.
pub fn parse(text: &str) -> Result<Vec<TopicEntry>, Vec<Diagnostic>> {
    let schema: yaml::Schema = &[("*", yaml::fields_of::<TopicFields>())];
    parse_slug_map(text, PATH, schema, |slug, fields, origin| TopicEntry {
        slug,
        fields,
        origin,
    })
}
