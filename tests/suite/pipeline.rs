//! `check`, `build` and `serve` are one pipeline with three outputs: what `build` refuses,
//! `check` refuses too, with the same words at the same place.

use crate::common::*;

/// An exit code and the problems printed.
type Outcome = (Option<i32>, Vec<Printed>);

/// What `check` and `build` say of the site at `site`.
fn both(site: &std::path::Path) -> (Outcome, Outcome) {
    let checked = check(site);
    let out = tempfile::tempdir().unwrap();
    let built = build(site, &out.path().join("site"));
    (
        (checked.status.code(), printed(&stderr(&checked))),
        (built.status.code(), printed(&stderr(&built))),
    )
}

#[test]
fn check_and_build_agree_on_every_fixture_site() {
    let mut sites: Vec<_> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sites.sort();
    assert!(sites.len() >= 14, "{sites:?}");
    for site in sites.into_iter().chain([repo()]) {
        let (checked, built) = both(&site);
        assert_eq!(checked, built, "{}", site.display());
    }
}

#[test]
fn a_static_file_at_the_path_of_a_page_fails_check_as_it_fails_build() {
    let site = copy_fixture("minimal");
    put(site.path(), "static/index.html", "mine");
    // A theme of the site's own whose static file takes the search page's place.
    put(
        site.path(),
        "themes/mine/static/search/index.html",
        "theirs",
    );
    put(
        site.path(),
        "content/site.yaml",
        "title: Minimal fact sheet\ntheme: mine\n",
    );
    let (checked, built) = both(site.path());
    assert_eq!(checked, built);
    assert_eq!(checked.0, Some(1));
    let got: Vec<(&str, &str, &str, &str)> = checked.1.iter().map(Printed::fields).collect();
    assert_eq!(
        got,
        [
            (
                "error",
                "static/index.html",
                "`index.html` would replace a page factsheet generates",
                "rename or move the static file"
            ),
            (
                "error",
                "themes/mine/static/search/index.html",
                "`search/index.html` would replace a page factsheet generates",
                "rename or move the static file"
            ),
        ]
    );
}
