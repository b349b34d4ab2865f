//! `content/topics.yaml`: the subjects facts and articles are filed under.

use super::{parse_slug_map, yaml, Origin};
use crate::diagnostic::Diagnostic;
pub use crate::model::record::TopicFields;

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
