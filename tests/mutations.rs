//! Any mutation of a valid fact file — bytes flipped, inserted, deleted — goes through the whole
//! check path (parse, link with every trust check, render) without a panic: it is a site that
//! builds, or diagnostics.

use std::path::Path;

use factsheet::content::{article, comparison, entity, fact, settings, topic, Content};
use factsheet::render::templates::Theme;
use proptest::prelude::*;

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/good")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture().join(rel)).unwrap()
}

/// The files of a directory of the good site, as `(slug, text)`.
fn files(dir: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixture().join(dir))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            (slug, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The good site with fact `which` replaced by `mutated`, checked as `factsheet check` does.
fn check_with(which: usize, mutated: String) {
    let facts = files("content/facts");
    let which = which % facts.len();
    let mut content = Content::default();
    let mut problems = Vec::new();
    match settings::parse(&read("content/site.yaml")) {
        Ok(s) => content.site = s,
        Err(mut e) => problems.append(&mut e),
    }
    content.entities = entity::parse(&read("content/entities.yaml")).unwrap();
    content.topics = topic::parse(&read("content/topics.yaml")).unwrap();
    content.comparisons = comparison::parse(&read("content/comparisons.yaml")).unwrap();
    for (slug, text) in files("content/articles") {
        let path = format!("content/articles/{slug}.md");
        content
            .articles
            .push(article::parse(&slug, &path, text).unwrap());
    }
    for (i, (slug, text)) in facts.into_iter().enumerate() {
        let path = format!("content/facts/{slug}.md");
        let text = if i == which { mutated.clone() } else { text };
        match fact::parse(&slug, &path, text) {
            Ok(f) => content.facts.push(f),
            Err(mut e) => {
                problems.append(&mut e);
                content.unreadable.facts.insert(slug);
            }
        }
    }
    let checks = factsheet::link::Checks {
        today: 20_000,
        strict: true,
    };
    let (linked, mut link_problems) = factsheet::link::link(content, checks);
    problems.append(&mut link_problems);
    if !problems.iter().any(|d| d.is_error()) {
        let files = factsheet::load::theme::read(&fixture(), "default").unwrap();
        let theme = Theme::compile(files).unwrap();
        let _ = factsheet::render::render(&linked, &theme, &factsheet::write::Discard);
    }
}

/// One edit of a file's bytes.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (
            any::<usize>(),
            prop::sample::select(b"-:[]{}\"'#>|&*!%@`,.$0123456789 \n\t".to_vec())
        )
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<usize>().prop_map(Edit::Delete),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn a_mutated_fact_file_never_panics(which in 0usize..16, edits in prop::collection::vec(edit(), 1..8)) {
        let facts = files("content/facts");
        let mut bytes = facts[which % facts.len()].1.clone().into_bytes();
        for e in edits {
            let n = bytes.len().max(1);
            match e {
                Edit::Flip(i, b) if !bytes.is_empty() => bytes[i % n] ^= b,
                Edit::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
                Edit::Delete(i) if !bytes.is_empty() => {
                    bytes.remove(i % n);
                }
                _ => {}
            }
        }
        check_with(which, String::from_utf8_lossy(&bytes).into_owned());
    }
}
