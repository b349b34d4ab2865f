//! `serve` reads and links again only what an edit can change, and renders each page when it is
//! asked for: whatever the edit, what it serves is what a fresh build of the same files makes,
//! page for page and error for error.

use std::path::Path;

use crate::common::*;
use factsheet::diagnostic::Diagnostic;
use factsheet::{Options, Rebuilder, SiteFiles};

fn options(site: &Path) -> Options {
    Options {
        root: site.to_path_buf(),
        ..Options::default()
    }
}

/// The whole site as `rebuilder` makes it after a change to the files `changed`, checking on
/// the way that each page rendered alone, as `serve` renders a page asked for, is that page of
/// the whole site.
fn whole(
    rebuilder: &mut Rebuilder,
    changed: Option<&[&str]>,
) -> Result<SiteFiles, Vec<Diagnostic>> {
    let changed: Option<Vec<String>> = changed.map(|c| c.iter().map(|f| f.to_string()).collect());
    let (report, preview) = rebuilder.rebuild(changed.as_deref())?;
    let memory = factsheet::write::Memory::default();
    preview.render(&memory)?;
    let pages = memory.finish();
    let mut alone = 0;
    for (file, bytes) in &pages {
        if let Some(page) = preview.page(file) {
            assert_eq!(page.unwrap(), **bytes, "{file} rendered alone");
            alone += 1;
        }
    }
    assert_eq!(alone, report.pages, "every page can be rendered alone");
    assert!(preview.page("data/facts.json").is_none());
    Ok(pages)
}

/// What a fresh build of the site at `site` makes.
fn fresh(site: &Path) -> Result<SiteFiles, Vec<Diagnostic>> {
    whole(&mut Rebuilder::new(options(site)), None)
}

/// Rebuilds after the change to `changed` and asserts that the result is a fresh build's: the
/// same files with the same bytes, or the same errors.
fn same_as_fresh(rebuilder: &mut Rebuilder, site: &Path, changed: &[&str]) {
    let again = whole(rebuilder, Some(changed));
    let fresh = fresh(site);
    match (&again, &fresh) {
        (Ok(again), Ok(fresh)) => {
            let differ: Vec<&String> = again
                .keys()
                .chain(fresh.keys())
                .filter(|file| again.get(*file) != fresh.get(*file))
                .collect();
            assert!(
                differ.is_empty(),
                "after a change to {changed:?}, not as built: {differ:?}"
            );
        }
        _ => assert_eq!(again.err(), fresh.err(), "after a change to {changed:?}"),
    }
}

/// Edits `file` from `edit.0` to `edit.1`, and asserts that the rebuild fails as a fresh build
/// does, with an error that is `expected`; then edits it back, and asserts that the rebuild is
/// a fresh build's again.
fn fails_as_fresh(
    rebuilder: &mut Rebuilder,
    root: &Path,
    file: &str,
    edit: (&str, &str),
    expected: impl Fn(&Diagnostic) -> bool,
) {
    crate::common::edit(&root.join(file), edit.0, edit.1);
    let broken = whole(rebuilder, Some(&[file])).unwrap_err();
    assert!(
        broken.iter().any(|d| d.is_error() && expected(d)),
        "{broken:?}"
    );
    assert_eq!(Err(broken), fresh(root).map(|_| ()));
    crate::common::edit(&root.join(file), edit.1, edit.0);
    same_as_fresh(rebuilder, root, &[file]);
}

/// A copy of fixture `name`, built once as `serve` builds it first.
fn serving(name: &str) -> (tempfile::TempDir, Rebuilder) {
    let site = copy_fixture(name);
    let mut rebuilder = Rebuilder::new(options(site.path()));
    whole(&mut rebuilder, None).unwrap();
    (site, rebuilder)
}

#[test]
fn after_any_edit_a_rebuild_serves_what_a_fresh_build_makes() {
    let (site, mut rebuilder) = serving("good");
    let root = site.path();

    // A fact's title: only that fact is linked again.
    let fact = "content/facts/war-deaths.md";
    edit(
        &root.join(fact),
        "title: Soldiers killed",
        "title: Troops killed",
    );
    same_as_fresh(&mut rebuilder, root, &[fact]);
    let served = whole(&mut rebuilder, Some(&[])).unwrap();
    let page = String::from_utf8_lossy(&served["facts/war-deaths/index.html"]).into_owned();
    assert!(page.contains("Troops killed in the 2020 war"), "{page}");

    // A quote that is no longer in its article: the same error as a fresh build.
    let quote = ("quote: Between 5,000", "quote: Between 6,000");
    fails_as_fresh(&mut rebuilder, root, fact, quote, |d| d.path == fact);

    // An article's text, which the facts that quote it are checked against again.
    let article = "content/articles/budget-report.md";
    let unquoted = "More details were not given.";
    edit(
        &root.join(article),
        unquoted,
        "More details were not given at all.",
    );
    same_as_fresh(&mut rebuilder, root, &[article]);
    let figure = ("$5 billion defense budget", "$6 billion defense budget");
    let in_a_fact = |d: &Diagnostic| d.path.starts_with("content/facts/");
    fails_as_fresh(&mut rebuilder, root, article, figure, in_a_fact);

    // A file made and removed within one save (Vim's `4913`), then a new fact, then none.
    same_as_fresh(&mut rebuilder, root, &["content/facts/4913"]);
    let text = std::fs::read_to_string(root.join(fact)).unwrap();
    let added = "content/facts/war-deaths-again.md";
    std::fs::write(
        root.join(added),
        text.replace("Troops killed", "Soldiers killed"),
    )
    .unwrap();
    same_as_fresh(&mut rebuilder, root, &[added]);
    std::fs::remove_file(root.join(added)).unwrap();
    same_as_fresh(&mut rebuilder, root, &[added]);

    // The settings, the entities, a theme of the site's own.
    edit(&root.join("content/site.yaml"), "title: ", "title: New ");
    same_as_fresh(&mut rebuilder, root, &["content/site.yaml"]);
    let entities = std::fs::read_to_string(root.join("content/entities.yaml")).unwrap();
    let renamed = entities.replacen("name: ", "name: The ", 1);
    assert_ne!(renamed, entities);
    std::fs::write(root.join("content/entities.yaml"), renamed).unwrap();
    same_as_fresh(&mut rebuilder, root, &["content/entities.yaml"]);
    put(root, "templates/robots.txt", "User-agent: *\nDisallow: /\n");
    same_as_fresh(&mut rebuilder, root, &["templates/robots.txt"]);
}

#[test]
fn a_fact_that_no_longer_parses_fails_a_rebuild_as_it_fails_a_fresh_build() {
    let (site, mut rebuilder) = serving("good");
    let root = site.path();
    let fact = "content/facts/war-length.md";
    let only_there = |d: &Diagnostic| d.path == fact;
    fails_as_fresh(
        &mut rebuilder,
        root,
        fact,
        ("title:", "title: ["),
        only_there,
    );
}
