//! The repository's own site builds cleanly: no errors, no warnings, headline facts present.

mod common;

use common::*;

#[test]
fn the_repository_content_checks_without_errors_or_warnings() {
    let output = check(&repo());
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert_eq!(err, "", "no warnings expected");
}

#[test]
fn the_repository_site_builds_with_its_headline_figures_cited() {
    let out = tempfile::tempdir().unwrap();
    let output = build(&repo(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let report = walk_links(out.path());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
    let home = read(out.path(), "index.html");
    for figure in ["$5 billion", "$1.7 billion"] {
        assert!(home.contains(figure), "{figure} missing from the home page");
    }
    assert!(home
        .contains("./articles/us-rejects-aliyev-arms-claims/#q-azerbaijan-defense-budget-2025-1"));
}
