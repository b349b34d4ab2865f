//! The pipeline's direction, checked in the source: load -> link -> render -> write, on the
//! ground floor of `model/`. No stage reaches into a later one, `render` reads nothing through
//! `load`, and `verify` nothing of `render`. (Test code inside a module is not counted.)

use std::collections::BTreeSet;
use std::path::Path;

/// The `crate::NAME` modules the non-test code under `src/PATH` refers to.
fn uses(path: &str) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let start = root.join(path);
    let files: Vec<std::path::PathBuf> = if start.is_dir() {
        walkdir::WalkDir::new(&start)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect()
    } else {
        vec![start.with_extension("rs")]
    };
    let mut found = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                let rest = &line[at + 7..];
                let word = |s: &str| -> String {
                    s.trim_start()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect()
                };
                match rest.strip_prefix('{') {
                    // `use crate::{load, link::x};`: each item's first name.
                    Some(group) => {
                        let group = group.split('}').next().unwrap_or("");
                        found.extend(group.split(',').map(word).filter(|w| !w.is_empty()));
                    }
                    None => {
                        found.insert(word(rest));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_stage_uses_a_later_one_and_the_ground_floor_uses_no_stage() {
    // Each part of the program, and the parts it must not use.
    let rules: [(&str, &[&str]); 8] = [
        (
            "model",
            &[
                "content", "load", "link", "render", "write", "verify", "serve",
            ],
        ),
        (
            "content",
            &["load", "link", "render", "write", "verify", "serve"],
        ),
        ("load", &["link", "render", "write", "verify", "serve"]),
        ("link", &["load", "render", "write", "verify", "serve"]),
        ("render", &["load", "link", "write", "verify", "serve"]),
        ("write", &["content", "load", "link", "verify", "serve"]),
        (
            "verify",
            &["content", "load", "link", "render", "write", "serve"],
        ),
        (
            "markdown",
            &[
                "content", "load", "link", "render", "write", "verify", "serve",
            ],
        ),
    ];
    let mut broken = Vec::new();
    for (part, forbidden) in rules {
        let used = uses(part);
        assert!(!used.is_empty() || part == "model", "{part}: nothing found");
        for name in forbidden {
            if used.contains(*name) {
                broken.push(format!("{part} uses {name}"));
            }
        }
    }
    assert_eq!(broken, Vec::<String>::new());
}
