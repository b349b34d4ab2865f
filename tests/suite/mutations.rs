//! Any mutation of a valid fact file — bytes flipped, inserted, deleted — goes through the whole
//! check path (parse, link with every trust check, render) without a panic: it is a site that
//! builds, or diagnostics.

use std::path::Path;
use std::sync::OnceLock;

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

/// The good site, parsed once: its content, its fact files as written, and its theme compiled.
struct Base {
    content: Content,
    facts: Vec<(String, String)>,
    theme: std::sync::Arc<Theme>,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut content = Content {
            site: settings::parse(&read("content/site.yaml")).unwrap(),
            entities: entity::parse(&read("content/entities.yaml")).unwrap(),
            topics: topic::parse(&read("content/topics.yaml")).unwrap(),
            comparisons: comparison::parse(&read("content/comparisons.yaml")).unwrap(),
            ..Content::default()
        };
        for (slug, text) in files("content/articles") {
            let path = format!("content/articles/{slug}.md");
            content
                .articles
                .push(article::parse(&slug, &path, text).unwrap().into());
        }
        let facts = files("content/facts");
        for (slug, text) in &facts {
            let path = format!("content/facts/{slug}.md");
            content
                .facts
                .push(fact::parse(slug, &path, text.clone()).unwrap().into());
        }
        let files = factsheet::load::theme::read(&fixture(), "default").unwrap();
        Base {
            content,
            facts,
            theme: std::sync::Arc::new(Theme::compile(files).unwrap()),
        }
    })
}

/// The good site with fact `which` replaced by `mutated`, checked as `factsheet check` does.
fn check_with(which: usize, mutated: String) {
    let base = base();
    let which = which % base.facts.len();
    let slug = base.facts[which].0.clone();
    let mut content = base.content.clone();
    let mut problems = Vec::new();
    let path = format!("content/facts/{slug}.md");
    match fact::parse(&slug, &path, mutated) {
        Ok(f) => content.facts[which] = f.into(),
        Err(mut e) => {
            problems.append(&mut e);
            content.facts.remove(which);
            content.unreadable.facts.insert(slug);
        }
    }
    let checks = factsheet::link::CheckOptions {
        today: 20_000,
        strict: true,
    };
    let (linked, mut link_problems) = factsheet::link::link(content, checks);
    problems.append(&mut link_problems);
    if !problems.iter().any(|d| d.is_error()) {
        let none = factsheet::render::minify::Minified::default();
        let rendition =
            factsheet::render::Rendition::new(linked, std::sync::Arc::clone(&base.theme));
        let _ = rendition.render(&none, &factsheet::write::Discard);
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
        let facts = &base().facts;
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
