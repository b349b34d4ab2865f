//! Themes and templates: a site's own templates over a theme's, a theme folder, the built-in
//! brief theme, an unknown theme.

use crate::common::*;
use scraper::Html;

#[test]
fn site_templates_override_single_theme_templates() {
    let site = copy_fixture("minimal");
    put(
        site.path(),
        "templates/topic.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Custom: {{ topic.title }}</h1>{% endblock content %}",
    );
    let out = tempfile::tempdir().unwrap();
    assert!(build(site.path(), out.path()).status.success());
    assert!(read(out.path(), "topics/budgets/index.html").contains("<h1>Custom: Budgets</h1>"));
    assert!(
        read(out.path(), "facts/budget-rise/index.html").contains("class=\"figure-large\""),
        "other templates stay"
    );
}

#[test]
fn a_theme_folder_is_used_with_theme_and_falls_back_to_the_default() {
    let site = copy_fixture("minimal");
    put(
        site.path(),
        "themes/plain/templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p>Plain theme home</p>{% endblock content %}",
    );
    put(site.path(), "themes/plain/static/plain.css", "body{}");
    let out = tempfile::tempdir().unwrap();
    let output = build_command(site.path(), out.path())
        .args(["--theme", "plain"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(read(out.path(), "index.html").contains("<p>Plain theme home</p>"));
    assert!(read(out.path(), "facts/budget-rise/index.html").contains("class=\"figure-large\""));
    assert_eq!(read(out.path(), "plain.css"), "body{}");
}

#[test]
fn an_unknown_theme_is_an_error() {
    let output = factsheet()
        .args(["check", "--root"])
        .arg(fixture("minimal"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let site = copy_fixture("minimal");
    put(site.path(), "content/site.yaml", "title: T\ntheme: fancy\n");
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got[0].location, "themes/fancy");
    assert_eq!(got[0].message, "there is no theme `fancy`");
}

#[test]
fn the_template_override_example_in_the_theme_docs_works() {
    let readme = std::fs::read_to_string(repo().join("docs/themes.md")).unwrap();
    let after = readme
        .split("put this in `templates/topic.html`:")
        .nth(1)
        .expect("docs/themes.md has the example");
    let example = after
        .split("```html\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("an html block");
    let site = copy_fixture("minimal");
    put(site.path(), "templates/topic.html", example);
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(out.path(), "topics/budgets/index.html");
    assert!(page.contains("<td><a href=\"../../facts/budget-rise/\">The ministry&#39;s budget</a></td>\n<td>$2 billion</td>\n<td>Reported</td>"), "{page}");
}

#[test]
fn the_brief_theme_is_built_in_and_lays_out_the_whole_sheet() {
    let out = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("good"), out.path())
        .args(["--theme", "brief"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = Html::parse_document(&read(out.path(), "index.html"));
    let sections: Vec<String> = select(&doc, "section.topic h2").iter().map(text).collect();
    assert_eq!(
        sections,
        [
            "Defense budgets",
            "Displacement and casualties",
            "Supplies",
            "Other facts"
        ]
    );
    // Every fact appears once; notes are numbered in reading order, key figures first.
    let counts = Counts::of(&fixture("good"));
    assert_eq!(
        select(&doc, "section.topic li[id^=fact-]").len(),
        counts.facts
    );
    let notes: Vec<String> = select(&doc, ".notes li")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(notes.len(), counts.articles, "one note per article");
    assert_eq!(notes[0], "note-1");
    // Each note names its article once and links every passage quoted from it.
    let passages = select(&doc, ".notes .passages a").len();
    assert_eq!(passages, counts.quotes, "a link to each passage");
    let first = select(&doc, ".figures li:first-child a.ref");
    assert_eq!(first[0].value().attr("href"), Some("#note-1"));
    assert!(read(out.path(), "brief.css").contains("@page"));
    let fact = Html::parse_document(&read(out.path(), "facts/displaced/index.html"));
    assert_eq!(
        select(&fact, ".figure-large").len(),
        1,
        "the other pages are the default theme's"
    );
    let report = walk_links(out.path());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
}
