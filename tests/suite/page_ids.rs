//! No page has two elements with one id, whatever headings content has: a duplicate id sends a
//! citation link or a section link to the wrong place.

use std::path::Path;

use crate::common::*;

/// Every id used more than once on a page of the site in `out`, with the page.
fn duplicate_ids(out: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (path, bytes) in files(out) {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
        let mut ids: Vec<String> = doc
            .select(&scraper::Selector::parse("[id]").unwrap())
            .filter_map(|e| e.value().attr("id").map(String::from))
            .collect();
        ids.sort();
        for pair in ids.windows(2) {
            if pair[0] == pair[1] {
                found.push((path.clone(), pair[0].clone()));
            }
        }
    }
    found.dedup();
    found
}

#[test]
fn headings_in_a_note_never_take_an_id_of_the_fact_page() {
    // Two facts that measure the same thing with different figures: the fact page shows the
    // "Figures differ" section, whose heading is `#spread`.
    let site = copy_fixture("trust-warnings");
    let fact = site.path().join("content/facts/evacuated-herald.md");
    let text = std::fs::read_to_string(&fact).unwrap();
    let note = "\n## Spread\n\nWhy they differ.\n\n## Year 2015\n\n## Sources\n\n## Spread\n";
    std::fs::write(&fact, format!("{text}{note}")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(out.path(), "facts/evacuated-herald/index.html");
    assert!(
        page.contains("Figures differ"),
        "the page shows the spread section"
    );
    assert_eq!(duplicate_ids(out.path()), []);
    let doc = scraper::Html::parse_document(&page);
    let heading_ids: Vec<&str> = doc
        .select(&scraper::Selector::parse(".note h2").unwrap())
        .filter_map(|e| e.value().attr("id"))
        .collect();
    assert_eq!(
        heading_ids,
        ["spread-1", "h-year-2015", "sources-1", "spread-2"]
    );
}

#[test]
fn no_page_of_the_fixture_sites_or_the_fact_sheet_repeats_an_id() {
    for site in [fixture("good"), fixture("minimal"), repo()] {
        let out = tempfile::tempdir().unwrap();
        let output = build(&site, out.path());
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(duplicate_ids(out.path()), [], "{}", site.display());
    }
}
