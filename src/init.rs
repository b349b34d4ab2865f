//! `factsheet init DIR`: a new site that builds and passes `check` at once.
//!
//! The starter (in `starter/` of this repository, compiled in) is a small fictional fact sheet:
//! site settings, one article, two facts quoting it, an entity, a topic and a comparison. It is
//! fictional on purpose, so it is never mistaken for real facts. `init` refuses a folder that is
//! not empty, so it never overwrites anything. Its YAML files name the JSON Schemas written
//! beside them in `schema/`, so an editor with the YAML language server completes and checks
//! them while typing.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The starter files, by path in the new site.
const STARTER: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        include_str!("../starter/content/site.yaml"),
    ),
    (
        "content/entities.yaml",
        include_str!("../starter/content/entities.yaml"),
    ),
    (
        "content/topics.yaml",
        include_str!("../starter/content/topics.yaml"),
    ),
    (
        "content/comparisons.yaml",
        include_str!("../starter/content/comparisons.yaml"),
    ),
    (
        "content/articles/riverton-road-budget.md",
        include_str!("../starter/content/articles/riverton-road-budget.md"),
    ),
    (
        "content/facts/riverton-road-budget-2025.md",
        include_str!("../starter/content/facts/riverton-road-budget-2025.md"),
    ),
    (
        "content/facts/riverton-road-budget-2024.md",
        include_str!("../starter/content/facts/riverton-road-budget-2024.md"),
    ),
    (".gitignore", include_str!("../starter/gitignore")),
];

/// Creates the starter site in `dir` (created if missing; it must be empty), with the JSON
/// Schemas its YAML files name for editors in `schema/`. Returns the files written, relative to
/// `dir`, or why it did not create the site.
pub fn init(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let at = |path: &Path| path.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(
                Diagnostic::error(at(dir), "this exists and is not a folder")
                    .with_help("name a new folder, or an empty one"),
            );
        }
        let mut entries = fs::read_dir(dir)
            .map_err(|e| Diagnostic::error(at(dir), format!("cannot read this folder: {e}")))?;
        if entries.next().is_some() {
            return Err(Diagnostic::error(at(dir), "this folder is not empty")
                .with_help("init only creates a site in a new or empty folder: name a new one"));
        }
    }
    for (path, text) in STARTER {
        let file: PathBuf = dir.join(path);
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(at(parent), format!("cannot create this folder: {e}"))
            })?;
        }
        fs::write(&file, text)
            .map_err(|e| Diagnostic::error(at(&file), format!("cannot write this file: {e}")))?;
    }
    let schema_files = crate::content::schema::write(&dir.join("schema"))?;
    let mut written: Vec<String> = STARTER.iter().map(|(path, _)| path.to_string()).collect();
    written.extend(
        schema_files
            .iter()
            .filter_map(|p| p.file_name())
            .map(|name| format!("schema/{}", name.to_string_lossy())),
    );
    Ok(written)
}
