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
        (
            "render",
            &["content", "load", "link", "write", "verify", "serve"],
        ),
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

/// The sibling modules the non-test code of `file` (in `dir`, whose module path from the crate
/// root is `path`) refers to: `super::NAME`, `super::{NAME, …}` or `crate::PATH::NAME`.
fn siblings_used(file: &Path, path: &str, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let own = file.file_stem().unwrap().to_string_lossy().into_owned();
    let mut found = BTreeSet::new();
    let prefixes = [
        "super::".to_string(),
        format!("crate::{}::", path.replace('/', "::")),
    ];
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for prefix in &prefixes {
            for (at, _) in line.match_indices(prefix.as_str()) {
                let rest = &line[at + prefix.len()..];
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                    None => vec![rest],
                };
                for name in names {
                    let name: String = name
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if siblings.contains(&name) && name != own {
                        found.insert(name);
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_files_of_one_folder_import_each_other_round_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut loops = Vec::new();
    for dir in walkdir::WalkDir::new(&src).into_iter().map(|e| e.unwrap()) {
        if !dir.file_type().is_dir() {
            continue;
        }
        let files: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .filter(|p| {
                !["mod", "lib", "main"].contains(&&*p.file_stem().unwrap().to_string_lossy())
            })
            .collect();
        let names: BTreeSet<String> = files
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        let path = dir
            .path()
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let edges: std::collections::BTreeMap<String, BTreeSet<String>> = files
            .iter()
            .map(|f| {
                let name = f.file_stem().unwrap().to_string_lossy().into_owned();
                (name, siblings_used(f, &path, &names))
            })
            .collect();
        // A file reaches itself through the others: a circle.
        for start in edges.keys() {
            let mut seen = BTreeSet::new();
            let mut next: Vec<&String> = edges[start].iter().collect();
            while let Some(at) = next.pop() {
                if at == start {
                    loops.push(format!("src/{path}: {start} imports itself round a circle"));
                    break;
                }
                if seen.insert(at.clone()) {
                    next.extend(edges.get(at).into_iter().flatten());
                }
            }
        }
    }
    assert_eq!(loops, Vec::<String>::new());
}

#[test]
fn only_add_and_verify_sources_reach_the_network() {
    // The network is `sources/` (through `ureq`), and only `main.rs` runs it, for `add` and
    // `verify --sources`: no part of build, check or serve refers to it.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut reaching = Vec::new();
    for file in walkdir::WalkDir::new(&src)
        .into_iter()
        .map(|e| e.unwrap().into_path())
    {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if !rel.ends_with(".rs") || rel.starts_with("sources/") || rel == "main.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let names_network = [
                "crate::sources",
                "super::sources",
                "ureq",
                "TcpStream::connect",
                "UdpSocket",
            ]
            .iter()
            .any(|n| line.contains(n));
            if names_network && !(rel == "lib.rs" && line.trim() == "pub mod sources;") {
                reaching.push(format!("src/{rel}: {}", line.trim()));
            }
        }
    }
    assert_eq!(reaching, Vec::<String>::new());
    let main = std::fs::read_to_string(src.join("main.rs")).unwrap();
    let runs: Vec<&str> = main.lines().filter(|l| l.contains("sources::")).collect();
    assert!(
        runs.iter().all(|l| l.contains("sources::add")
            || l.contains("sources::recheck")
            || l.contains("sources::archive")),
        "{runs:?}"
    );
}
