//! A theme as read from disk and the binary, before its templates are compiled: what `load`
//! hands `render`, and the static files `write` copies.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// Built into the binary, from the named built-in theme.
    Builtin(&'static str, &'static [u8]),
    /// A file on disk: its path, and its path relative to the site root (for messages).
    File(PathBuf, String),
}

impl StaticSource {
    /// Where it comes from, as messages name it (`static/x.css`,
    /// `themes/default/static/style.css (built in)`).
    pub fn name(&self, rel: &str) -> String {
        match self {
            StaticSource::Builtin(theme, _) => format!("themes/{theme}/static/{rel} (built in)"),
            StaticSource::File(_, source) => source.clone(),
        }
    }

    /// Its bytes, read through the input gate.
    pub fn bytes(&self) -> Result<Vec<u8>, Diagnostic> {
        match self {
            StaticSource::Builtin(_, bytes) => Ok(bytes.to_vec()),
            StaticSource::File(path, source) => {
                crate::input::read_regular(path, source, crate::input::Limit::Static)
            }
        }
    }
}

/// A theme's files: each template's name with where it came from (relative to the site root,
/// for messages) and its text, and each static file's output path with where its bytes are.
pub struct ThemeFiles {
    /// Template name -> (its file, its text).
    pub templates: BTreeMap<String, (String, String)>,
    /// Output path -> where its bytes come from, in output order.
    pub static_files: BTreeMap<String, StaticSource>,
}
