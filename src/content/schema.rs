//! JSON Schemas of the files an editor writes, generated from the structs that read them, so
//! they cannot drift from what `check` accepts.
//!
//! Each build publishes them in `data/schema/`, and `factsheet schema DIR` writes them where an
//! editor wants them (the repository keeps a copy in `schema/`). A YAML editor given a schema
//! (the YAML language server's `# yaml-language-server: $schema=…` comment, VS Code's
//! `yaml.schemas`) completes keys, shows each key's description and marks unknown keys and wrong
//! types while typing. They are JSON Schema draft 7, which every such editor reads.

use std::collections::BTreeMap;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::json;

use super::{article, comparison, entity, fact, settings, topic};
use crate::diagnostic::Diagnostic;
use crate::model::slug;

/// The schemas, each with its file name (`fact.json`) and text (pretty JSON ending in a newline).
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        (
            "site.json",
            of::<settings::SiteConfig>(
                "factsheet site settings (content/site.yaml)",
                "The settings of a factsheet site.",
            ),
        ),
        (
            "article.json",
            of::<article::ArticleFrontMatter>(
                "factsheet article (front matter of content/articles/SLUG.md)",
                "What is known about a source article. Leave unknowns out: never a guessed publisher or date.",
            ),
        ),
        (
            "fact.json",
            of::<fact::FactFrontMatter>(
                "factsheet fact (front matter of content/facts/SLUG.md)",
                "One fact, event or claim, and the exact quotes that back it.",
            ),
        ),
        (
            "entities.json",
            of_map::<entity::EntityFields>(
                "factsheet entities (content/entities.yaml)",
                "The people, countries, organizations and places facts refer to, by slug.",
            ),
        ),
        (
            "topics.json",
            of_map::<topic::TopicFields>(
                "factsheet topics (content/topics.yaml)",
                "The subjects facts and articles are filed under, by slug.",
            ),
        ),
        (
            "comparisons.json",
            of_map::<comparison::ComparisonFields>(
                "factsheet comparisons (content/comparisons.yaml)",
                "Groups of comparable facts, drawn as charts, by slug.",
            ),
        ),
    ]
}

/// Writes [`all`] into `dir` (created if missing); returns the paths written, or the path
/// that could not be written and why.
pub fn write(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Diagnostic> {
    let problem = |path: &std::path::Path, e: std::io::Error| {
        Diagnostic::error(
            path.display().to_string(),
            format!("cannot write here: {e}"),
        )
    };
    std::fs::create_dir_all(dir).map_err(|e| problem(dir, e))?;
    all()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(|e| problem(&path, e))?;
            Ok(path)
        })
        .collect()
}

/// The schema of a file read as `T`.
fn of<T: JsonSchema>(title: &str, description: &str) -> String {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    text(schema, title, description)
}

/// The schema of a file that maps slugs to `T`s.
fn of_map<T: JsonSchema>(title: &str, description: &str) -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<BTreeMap<String, T>>();
    schema.insert(
        "propertyNames".into(),
        json!({"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": slug::MAX_LEN}),
    );
    text(schema, title, description)
}

fn text(mut schema: Schema, title: &str, description: &str) -> String {
    schema.insert("title".into(), json!(title));
    schema.insert("description".into(), json!(description));
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
