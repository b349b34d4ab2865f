//! Where a record was written: its file, and the line and column of each of its keys and
//! values, so that any stage can report a problem at the editor's own line.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Pos};

/// Where each key and value of a YAML document is, by dotted path (`sources.0.quote`), as the
/// scanner finds them; [`Positions`] keeps them compactly.
#[derive(Debug, Clone, Default)]
pub(crate) struct Places {
    /// Each key's position, by path.
    pub(crate) keys: BTreeMap<String, Pos>,
    /// Each value's position, by path.
    pub(crate) values: BTreeMap<String, Pos>,
}

impl Places {
    /// The same places, moved down by `lines` (for YAML that starts below a `---` line).
    pub(crate) fn below(mut self, lines: usize) -> Self {
        for pos in self.keys.values_mut().chain(self.values.values_mut()) {
            *pos = pos.below(lines);
        }
        self
    }
}

/// Where each key and value of a YAML document is, by dotted path (`sources.0.quote`). Every
/// record keeps its own until `link` is done — 150,000 of them on a large site — so they are
/// held in two allocations rather than a map of strings.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// Every path, one after the other, in path order.
    paths: Box<str>,
    /// Each path's place in `paths`, with its key's and its value's positions.
    entries: Box<[Entry]>,
}

/// One path of [`Positions`]: its bytes in `paths`, and where its key and value are.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    end: u32,
    key: Place,
    value: Place,
}

/// A 1-based line and column; line 0 when there is none.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    line: u32,
    column: u32,
}

/// `n` in the `u32` a [`Positions`] keeps (no file of content comes near its limit).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Place {
    fn of(pos: Option<&Pos>) -> Place {
        pos.map_or(Place::default(), |p| Place {
            line: narrow(p.line),
            column: narrow(p.column),
        })
    }

    fn pos(self) -> Option<Pos> {
        (self.line > 0).then(|| Pos::new(self.line as usize, self.column as usize))
    }
}

impl From<Places> for Positions {
    fn from(places: Places) -> Positions {
        let mut paths: Vec<&String> = places.keys.keys().chain(places.values.keys()).collect();
        paths.sort();
        paths.dedup();
        let mut joined = String::with_capacity(paths.iter().map(|p| p.len()).sum());
        let mut entries = Vec::with_capacity(paths.len());
        for path in paths {
            let start = joined.len();
            joined.push_str(path);
            entries.push(Entry {
                start: narrow(start),
                end: narrow(joined.len()),
                key: Place::of(places.keys.get(path)),
                value: Place::of(places.values.get(path)),
            });
        }
        Positions {
            paths: joined.into_boxed_str(),
            entries: entries.into_boxed_slice(),
        }
    }
}

impl Positions {
    fn entry(&self, path: &str) -> Option<&Entry> {
        let path_of = |e: &Entry| self.paths.get(e.start as usize..e.end as usize);
        let at = self
            .entries
            .binary_search_by(|e| path_of(e).unwrap_or_default().cmp(path))
            .ok()?;
        self.entries.get(at)
    }

    /// The position of the key at `path`.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.entry(path)?.key.pos()
    }

    /// The position of the value at `path`, else of its key, else of the nearest enclosing
    /// key: always the most precise place known.
    pub fn of(&self, path: &str) -> Option<Pos> {
        let mut path = path;
        loop {
            let entry = self.entry(path);
            if let Some(pos) = entry.and_then(|e| e.value.pos().or_else(|| e.key.pos())) {
                return Some(pos);
            }
            path = &path[..path.rfind('.')?];
        }
    }
}

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
        /// No positions, shared by every slim origin.
        static NONE: std::sync::LazyLock<Arc<Positions>> = std::sync::LazyLock::new(Arc::default);
        self.source = None;
        self.positions = Arc::clone(&NONE);
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
