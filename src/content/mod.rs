//! The site's content as the editor wrote it: typed, but not yet cross-checked.
//!
//! One module per content type (`article`, `fact`, `entity`, `topic`, `comparison`, `site`),
//! each with its front matter or YAML struct and a `parse` function that turns one file into
//! that type or into diagnostics. Every record keeps an [`Origin`] — its file and the position
//! of each of its keys — so the `link` stage can report a bad reference at its own line.
//! Nothing here looks at other files: that is `link`'s job.

pub mod article;
pub mod comparison;
pub mod entity;
pub mod fact;
pub mod frontmatter;
pub mod schema;
pub mod settings;
pub mod topic;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::slug;
pub use yaml::Positions;

/// Where a record was written: its file, and the positions of its keys.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file, relative to the site root (`content/facts/x.md`).
    pub file: String,
    positions: Arc<Positions>,
    prefix: String,
    /// The file's text, kept where a word inside a value may need finding.
    source: Option<Arc<str>>,
}

impl Origin {
    /// The origin of a record that is a whole file (an article, a fact, `site.yaml`).
    pub fn file(file: impl Into<String>, positions: Positions) -> Self {
        Origin {
            file: file.into(),
            positions: Arc::new(positions),
            prefix: String::new(),
            source: None,
        }
    }

    /// The origin of the record under key `slug` of a shared YAML file (`entities.yaml`).
    pub fn entry(file: &str, positions: &Arc<Positions>, slug: &str) -> Self {
        Origin {
            file: file.to_string(),
            positions: Arc::clone(positions),
            prefix: format!("{slug}."),
            source: None,
        }
    }

    /// The position of the value at `path` within the record (`sources.0.quote`); `""` is the
    /// record itself.
    pub fn pos(&self, path: &str) -> Option<Pos> {
        let full = format!("{}{}", self.prefix, path);
        self.positions
            .of(full.trim_end_matches('.'))
            .or_else(|| (self.prefix.is_empty()).then_some(Pos::new(1, 1)))
    }

    /// The position of the key at `path` (rather than its value).
    pub fn key_pos(&self, path: &str) -> Option<Pos> {
        let full = format!("{}{}", self.prefix, path);
        self.positions
            .key(full.trim_end_matches('.'))
            .or_else(|| self.pos(path))
    }

    /// The same origin with only its file, for after `link`: a linked site keeps where each
    /// record was written, not every file's text and every key's place (tens of megabytes on
    /// a large site); what a later stage may report carries its own position.
    pub fn slim(&mut self) {
        self.source = None;
        self.positions = Arc::default();
    }

    /// The same origin, keeping the file's `text` so that a word inside a value can be found.
    pub fn with_source(mut self, text: String) -> Self {
        self.source = Some(Arc::from(text));
        self
    }

    /// The position of `word` in the value at `path`, when the first line of the value holds
    /// it as written (and the file's text was kept).
    pub fn word_pos(&self, path: &str, word: &str) -> Option<Pos> {
        let pos = self.pos(path)?;
        let line = self
            .source
            .as_deref()?
            .lines()
            .nth(pos.line.checked_sub(1)?)?;
        let start = line
            .char_indices()
            .nth(pos.column.checked_sub(1)?)
            .map(|(i, _)| i)?;
        let at = line[start..].find(word)?;
        Some(Pos::new(
            pos.line,
            pos.column + line[start..start + at].chars().count(),
        ))
    }

    /// `diagnostic` placed at `word` in the value at `path`, the word underlined; at the value
    /// when the word cannot be found on its first line.
    fn at_word(&self, diagnostic: Diagnostic, path: &str, word: &str) -> Diagnostic {
        match self.word_pos(path, word) {
            Some(pos) => diagnostic.at(pos).spanning(word.chars().count()),
            None => diagnostic.at(self.pos(path)),
        }
    }

    /// An error at `word` in the value at `path`.
    pub fn error_at_word(&self, path: &str, word: &str, message: impl Into<String>) -> Diagnostic {
        self.at_word(Diagnostic::error(&self.file, message), path, word)
    }

    /// A warning at `word` in the value at `path`.
    pub fn warning_at_word(
        &self,
        path: &str,
        word: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.at_word(Diagnostic::warning(&self.file, message), path, word)
    }

    /// An error at the value at `path`.
    pub fn error(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file, message).at(self.pos(path))
    }

    /// A warning at the value at `path`.
    pub fn warning(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.file, message).at(self.pos(path))
    }
}

/// Everything under `content/`, parsed.
#[derive(Debug, Default)]
pub struct Content {
    /// `site.yaml`.
    pub site: settings::SiteConfig,
    /// The articles, by slug.
    pub articles: Vec<article::ArticleFile>,
    /// The facts, by slug.
    pub facts: Vec<fact::FactFile>,
    /// The entities, by slug.
    pub entities: Vec<entity::EntityEntry>,
    /// The topics, by slug.
    pub topics: Vec<topic::TopicEntry>,
    /// The comparisons, by slug.
    pub comparisons: Vec<comparison::ComparisonEntry>,
    /// What could not be read, so references to it are not reported a second time.
    pub unreadable: Unreadable,
}

/// Content that exists but failed to parse: references to it are not errors of their own.
#[derive(Debug, Default, Clone)]
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
    F: serde::de::DeserializeOwned,
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
