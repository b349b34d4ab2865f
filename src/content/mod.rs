//! The site's content as the editor wrote it: typed, but not yet cross-checked.
//!
//! One module per content type (`article`, `fact`, `entity`, `topic`, `comparison`, `site`),
//! each with its front matter or YAML struct and a `parse` function that turns one file into
//! that type or into diagnostics. Every record keeps an [`Origin`] — its file and the position
//! of each of its keys — so the `link` stage can report a bad reference at its own line.
//! Nothing here looks at other files: that is `link`'s job.

pub mod article;
pub mod comparison;
pub mod controls;
pub mod entity;
pub mod fact;
pub mod frontmatter;
pub mod meaning;
pub mod schema;
pub mod settings;
pub mod topic;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
pub use crate::model::origin::{Origin, Positions};
use crate::model::slug;

/// Everything under `content/`, parsed.
#[derive(Debug, Default, Clone)]
pub struct Content {
    /// `site.yaml`.
    pub site: settings::SiteConfig,
    /// The articles, by slug.
    pub articles: Vec<Loaded<article::ArticleFile>>,
    /// The facts, by slug.
    pub facts: Vec<Loaded<fact::FactFile>>,
    /// The entities, by slug.
    pub entities: Vec<entity::EntityEntry>,
    /// The topics, by slug.
    pub topics: Vec<topic::TopicEntry>,
    /// The comparisons, by slug.
    pub comparisons: Vec<comparison::ComparisonEntry>,
    /// What could not be read, so references to it are not reported a second time.
    pub unreadable: Unreadable,
}

/// A file as loaded: owned, by a build, which reads each file once; or shared with `serve`'s
/// [`crate::load::Reading`], which keeps it for the next rebuild. (Shared by a build, each file
/// would be a small allocation of its own, freed while linking: about 13 MiB more at the peak
/// of a 10,000-article build.)
#[derive(Debug, Clone)]
pub enum Loaded<T> {
    /// Read for this build only.
    Owned(T),
    /// Kept by `serve` too.
    Shared(Arc<T>),
}

impl<T> std::ops::Deref for Loaded<T> {
    type Target = T;

    fn deref(&self) -> &T {
        match self {
            Loaded::Owned(item) => item,
            Loaded::Shared(item) => item,
        }
    }
}

impl<T: Clone> Loaded<T> {
    /// The item itself, copied only when `serve` keeps it too.
    pub fn into_owned(self) -> T {
        match self {
            Loaded::Owned(item) => item,
            Loaded::Shared(item) => Arc::unwrap_or_clone(item),
        }
    }
}

impl<T> From<T> for Loaded<T> {
    fn from(item: T) -> Self {
        Loaded::Owned(item)
    }
}

/// Content that exists but failed to parse: references to it are not errors of their own.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Unreadable {
    /// Slugs of article files that did not parse.
    pub articles: BTreeSet<String>,
    /// Slugs of fact files that did not parse.
    pub facts: BTreeSet<String>,
    /// `entities.yaml` did not parse.
    pub entities: bool,
    /// `topics.yaml` did not parse.
    pub topics: bool,
}

/// Parses a YAML file that maps slugs to records (`entities.yaml`, `topics.yaml`,
/// `comparisons.yaml`), checking every slug.
pub fn parse_slug_map<F, T>(
    text: &str,
    path: &str,
    schema: yaml::Schema,
    make: impl Fn(String, F, Origin) -> T,
) -> Result<Vec<T>, Vec<Diagnostic>>
where
    F: serde::de::DeserializeOwned + schemars::JsonSchema,
{
    let (map, positions) = yaml::parse::<BTreeMap<String, F>>(text, path, 1, schema)?;
    let positions = Arc::new(positions);
    let mut problems = Vec::new();
    let mut records = Vec::new();
    for (key, fields) in map {
        let origin = Origin::entry(path, &positions, &key);
        if !slug::is_valid(&key) {
            let (message, help) = slug::problem(&key);
            problems.push(
                Diagnostic::error(path, message)
                    .at(origin.key_pos(""))
                    .with_help(help),
            );
            continue;
        }
        records.push(make(key, fields, origin));
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}
