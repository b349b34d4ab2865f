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

/// Why `init` did not create the site.
#[derive(Debug)]
pub struct InitError(pub String);

/// Creates the starter site in `dir` (created if missing; it must be empty), with the JSON
/// Schemas its YAML files name for editors in `schema/`. Returns the files written, relative to
/// `dir`.
pub fn init(dir: &Path) -> Result<Vec<String>, InitError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(InitError(format!(
                "`{}` exists and is not a folder",
                dir.display()
            )));
        }
        let mut entries = fs::read_dir(dir)
            .map_err(|e| InitError(format!("cannot read `{}`: {e}", dir.display())))?;
        if entries.next().is_some() {
            return Err(InitError(format!(
                "`{}` is not empty; init only creates a site in a new or empty folder",
                dir.display()
            )));
        }
    }
    for (path, text) in STARTER {
        let file: PathBuf = dir.join(path);
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| InitError(format!("cannot create `{}`: {e}", parent.display())))?;
        }
        fs::write(&file, text)
            .map_err(|e| InitError(format!("cannot write `{}`: {e}", file.display())))?;
    }
    let schemas = dir.join("schema");
    let schema_files = crate::content::schema::write(&schemas)
        .map_err(|e| InitError(format!("cannot write `{}`: {e}", schemas.display())))?;
    let mut written: Vec<String> = STARTER.iter().map(|(path, _)| path.to_string()).collect();
    written.extend(
        schema_files
            .iter()
            .filter_map(|p| p.file_name())
            .map(|name| format!("schema/{}", name.to_string_lossy())),
    );
    Ok(written)
}
