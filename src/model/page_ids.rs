//! The ids the engine puts on pages, in one place: the ids the themes' templates write as they
//! are, the prefixes of the ids it numbers (citation anchors, source notes…), and the rule that
//! keeps an id from content (a heading's) from ever taking one of them. A duplicate id would
//! send a citation link, or a skip link, to the wrong place.

/// Ids the themes' templates write literally (`<h2 id="sources">`).
pub const RESERVED: [&str; 30] = [
    "about",
    "all-facts",
    "articles",
    "claims",
    "comparisons",
    "dated",
    "disputes",
    "everything",
    "facts",
    "key-figures",
    "latest",
    "main",
    "notes",
    "only-claimed",
    "only-disputed",
    "only-reported",
    "other-facts",
    "q",
    "related-claims",
    "related-reporting",
    "responds-to",
    "responses",
    "results",
    "search-status",
    "see-also",
    "sources",
    "spread",
    "supported",
    "topics",
    "undated",
];

/// Prefixes of the ids the engine and the templates number: citation anchors (`q-SLUG-N`),
/// a fact's sources (`src-N`), and the templates' `fact-SLUG`, `kind-KIND`, `note-N`,
/// `year-YYYY`, `topic-SLUG` and `preview-SLUG-N` (a citation's preview).
pub const PREFIXES: [&str; 8] = [
    "q-", "src-", "fact-", "kind-", "note-", "year-", "topic-", "preview-",
];

/// The anchor of the `number`th passage `fact` cites, on its article's page (`q-slug-1`).
pub fn citation(fact: &str, number: usize) -> String {
    format!("q-{fact}-{number}")
}

/// The id of a fact's `number`th source on the fact page (`src-1`).
pub fn source(number: usize) -> String {
    format!("src-{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `id="…"` in the built-in themes' templates: literal, or a prefix before `{{`.
    fn template_ids() -> Vec<(String, String)> {
        let themes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(themes) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for (at, _) in text.match_indices(" id=\"") {
                let value = text[at + 5..].split('"').next().unwrap_or("");
                found.push((entry.path().display().to_string(), value.to_string()));
            }
        }
        found
    }

    #[test]
    fn every_id_a_template_writes_is_listed_here() {
        let ids = template_ids();
        assert!(ids.len() > 20, "{ids:?}");
        for (file, id) in ids {
            match id.split_once("{{") {
                None => assert!(
                    RESERVED.contains(&id.as_str()),
                    "{file}: id=\"{id}\" is not in RESERVED"
                ),
                Some(("", _)) => {} // An id the engine made: an anchor or a source id.
                Some((prefix, _)) => assert!(
                    PREFIXES.contains(&prefix),
                    "{file}: prefix {prefix} is not in PREFIXES"
                ),
            }
        }
    }

    #[test]
    fn ids_are_numbered_with_their_prefixes() {
        assert_eq!(citation("budget", 2), "q-budget-2");
        assert_eq!(source(1), "src-1");
        assert!(PREFIXES.iter().all(|p| p.ends_with('-')));
    }
}
