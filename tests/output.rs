//! The built site: every expected file, links that resolve both ways, safe and stable output.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::*;
use scraper::{Element, Html, Selector};

/// The good fixture, built once for the tests that only read it.
fn good() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let output = build(&fixture("good"), &out.path().join("site"));
        assert!(output.status.success(), "{}", stderr(&output));
        out
    })
    .path()
    .join("site")
    .leak()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text().collect()
}

#[test]
fn the_build_prints_a_one_line_summary() {
    let out = tempfile::tempdir().unwrap();
    let output = build(&fixture("good"), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let line = stdout(&output);
    assert!(
        line.starts_with("Built 29 pages: 8 facts, 2 articles, 5 entities, 3 topics, 1 comparison; 9 quotes verified, in "),
        "{line}"
    );
    assert!(
        line.trim_end()
            .ends_with(&format!("ms -> {}", out.path().display())),
        "{line}"
    );
    assert_eq!(stderr(&output), "", "no warnings expected");
}

#[test]
fn every_expected_file_exists() {
    let out = good();
    let mut expected = vec![
        ".factsheet",
        "404.html",
        "index.html",
        "sitemap.xml",
        "feed.xml",
        "style.css",
        "favicon.svg",
        "search.js",
        "robots.txt",
        "data/facts.json",
        "data/facts.csv",
        "data/evidence.json",
        "data/articles/budget-report.txt",
        "data/articles/displacement-report.txt",
        "data/search.json",
        "data/index.html",
        "data/schema/article.json",
        "data/schema/comparisons.json",
        "data/schema/entities.json",
        "data/schema/fact.json",
        "data/schema/site.json",
        "data/schema/topics.json",
        "search/index.html",
        "extra/notes.txt",
        "facts/index.html",
        "articles/index.html",
        "entities/index.html",
        "topics/index.html",
        "timeline/index.html",
        "comparisons/index.html",
        "comparisons/budgets-2025/index.html",
        "articles/budget-report/index.html",
        "articles/displacement-report/index.html",
    ];
    let facts = [
        "displaced",
        "northland-budget",
        "second-delivery",
        "southland-budget",
        "supplies-claim",
        "supplies-denial",
        "war-deaths",
        "war-length",
    ];
    let entities = [
        "north-officials",
        "northland",
        "president-north",
        "river-delta",
        "southland",
    ];
    let topics = ["budgets", "displacement", "supplies"];
    let pages: Vec<String> = facts
        .iter()
        .map(|s| format!("facts/{s}/index.html"))
        .chain(entities.iter().map(|s| format!("entities/{s}/index.html")))
        .chain(topics.iter().map(|s| format!("topics/{s}/index.html")))
        .collect();
    expected.extend(pages.iter().map(String::as_str));
    expected.sort();
    let mut got: Vec<String> = files(out).into_keys().collect();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let report = walk_links(good());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
    assert!(
        report.checked > 300,
        "only {} links checked",
        report.checked
    );
    assert!(
        report.anchors >= 18,
        "only {} anchors checked",
        report.anchors
    );
}

#[test]
fn a_site_written_from_design_md_alone_builds_and_cross_links() {
    let out = tempfile::tempdir().unwrap();
    let output = build(&fixture("minimal"), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let report = walk_links(out.path());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
    let fact = read(out.path(), "facts/budget-rise/index.html");
    assert!(
        fact.contains("href=\"../../articles/report/#q-budget-rise-1\""),
        "{fact}"
    );
    let article = read(out.path(), "articles/report/index.html");
    assert!(article.contains("<mark class=\"quote\" id=\"q-budget-rise-1\">The ministry said the budget will rise to $2 billion next year.</mark><a"), "{article}");
    assert!(
        article.contains("href=\"../../facts/budget-rise/#src-1\""),
        "{article}"
    );
    assert!(
        !fact.contains("rel=canonical"),
        "no base_url, no canonical link"
    );
}

#[test]
fn citations_link_to_the_highlighted_passage_and_back() {
    let out = good();
    let fact = Html::parse_document(&read(out, "facts/northland-budget/index.html"));
    let cite = select(&fact, "#src-1 .cite a");
    assert_eq!(
        cite[0].value().attr("href"),
        Some("../../articles/budget-report/#q-northland-budget-1")
    );
    assert_eq!(
        text(&select(&fact, "#src-1 blockquote")[0]).trim(),
        "Northland's projected $5 billion defense budget for 2025"
    );

    let article = Html::parse_document(&read(out, "articles/budget-report/index.html"));
    let mark = &select(&article, "mark#q-northland-budget-1")[0];
    assert_eq!(
        text(mark),
        "Northland\u{2019}s projected $5 billion defense budget for 2025"
    );
    assert!(mark.value().classes().any(|c| c == "quote"));
    let back = mark
        .next_sibling_element()
        .expect("back-link after the passage");
    assert_eq!(
        back.value().attr("href"),
        Some("../../facts/northland-budget/#src-1")
    );
    assert_eq!(back.value().attr("class"), Some("backref"));
}

#[test]
fn passages_across_markup_links_and_ellipses_are_highlighted() {
    let out = good();
    let article = Html::parse_document(&read(out, "articles/budget-report/index.html"));
    // The quote runs across *emphasis*: one mark per piece, the first one carries the id.
    let marks: Vec<String> = select(&article, "p mark.quote").iter().map(text).collect();
    assert!(
        marks.starts_with(&[
            "Northland\u{2019}s projected $5 billion defense budget for 2025".to_string(),
            "Southland\u{2019}s planned $1.7 billion budget".to_string(),
            "Officials said ".to_string(),
            "about 400 tons".to_string(),
        ]),
        "{marks:?}"
    );
    assert_eq!(
        text(&select(&article, "mark#q-supplies-claim-1")[0]),
        "Officials said "
    );
    // Overlapping quotes nest.
    assert_eq!(
        text(&select(&article, "mark > mark#q-second-delivery-1")[0]),
        "supplies arrived"
    );
    // A passage that is link text: the back-link comes after the link, never inside it.
    assert!(select(&article, "a a").is_empty());
    assert_eq!(
        text(&select(&article, "a[href='https://example.org/report'] mark")[0]),
        "full report"
    );

    let displacement = Html::parse_document(&read(out, "articles/displacement-report/index.html"));
    let parts: Vec<String> = select(&displacement, "mark.quote")
        .iter()
        .map(text)
        .collect();
    assert!(
        parts.contains(&"More than 100,000 people fled".to_string()),
        "{parts:?}"
    );
    assert!(
        parts.contains(&"in September 2023".to_string()),
        "{parts:?}"
    );
    assert_eq!(select(&displacement, "mark#q-displaced-1").len(), 1);
    assert_eq!(
        select(
            &displacement,
            "a.backref[href='../../facts/displaced/#src-1']"
        )
        .len(),
        1
    );
}

#[test]
fn references_render_as_links_both_ways() {
    let out = good();
    let pairs = [
        (
            "facts/supplies-claim/index.html",
            "../../entities/north-officials/",
        ),
        (
            "entities/north-officials/index.html",
            "../../facts/supplies-claim/",
        ),
        ("facts/supplies-claim/index.html", "../../topics/supplies/"),
        ("topics/supplies/index.html", "../../facts/supplies-claim/"),
        (
            "facts/supplies-claim/index.html",
            "../../facts/supplies-denial/",
        ),
        (
            "facts/supplies-denial/index.html",
            "../../facts/supplies-claim/",
        ),
        ("facts/war-deaths/index.html", "../../facts/war-length/"),
        ("facts/war-length/index.html", "../../facts/war-deaths/"),
        (
            "comparisons/budgets-2025/index.html",
            "../../facts/northland-budget/",
        ),
        (
            "facts/northland-budget/index.html",
            "../../comparisons/budgets-2025/",
        ),
        (
            "articles/budget-report/index.html",
            "../../entities/president-north/",
        ),
        (
            "entities/president-north/index.html",
            "../../articles/budget-report/",
        ),
        (
            "articles/displacement-report/index.html",
            "../../facts/displaced/",
        ),
    ];
    for (page, href) in pairs {
        let doc = Html::parse_document(&read(out, page));
        assert!(
            !select(&doc, &format!("a[href='{href}']")).is_empty(),
            "{page} lacks a link to {href}"
        );
    }
}

#[test]
fn figures_are_formatted_for_people() {
    let out = good();
    let figure = |slug: &str| {
        let doc = Html::parse_document(&read(out, &format!("facts/{slug}/index.html")));
        let text = select(&doc, ".figure-large")
            .first()
            .map(text)
            .unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert_eq!(figure("northland-budget"), "projected $5 billion");
    assert_eq!(figure("southland-budget"), "projected $1.7 billion");
    assert_eq!(figure("displaced"), "over 100,000 people");
    assert_eq!(figure("supplies-claim"), "about 400 tons");
    assert_eq!(
        figure("war-deaths"),
        "estimated 5,000\u{2013}7,000 soldiers"
    );
    assert_eq!(figure("war-length"), "44-day war");
    assert_eq!(figure("second-delivery"), "");
}

#[test]
fn claims_show_who_makes_them_and_the_response() {
    let out = good();
    let claim = Html::parse_document(&read(out, "facts/supplies-claim/index.html"));
    let status = text(&select(&claim, ".status")[0]);
    assert_eq!(status, "Disputed: claimed by Northland officials");
    let responses: Vec<String> = select(&claim, ".responses a.fact-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(responses, ["Southland denies receiving supplies"]);
    let denial = Html::parse_document(&read(out, "facts/supplies-denial/index.html"));
    assert_eq!(text(&select(&denial, ".status")[0]), "Claimed by Southland");
    let answered: Vec<String> = select(&denial, ".responds-to a.fact-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(answered, ["Officials' claim of a supply delivery"]);
}

#[test]
fn the_comparison_page_draws_a_chart_a_table_and_the_ratio() {
    let out = good();
    let doc = Html::parse_document(&read(out, "comparisons/budgets-2025/index.html"));
    assert_eq!(select(&doc, "svg.chart rect.chart-bar").len(), 2);
    assert_eq!(text(&select(&doc, "svg.chart desc")[0]), "Northland's 2025 defense budget: $5 billion; Southland's planned defense budget: $1.7 billion");
    let cells: Vec<String> = select(&doc, "table td").iter().map(text).collect();
    assert_eq!(cells, ["$5 billion", "$1.7 billion"]);
    let caption = text(&select(&doc, "figcaption")[0]);
    assert_eq!(caption, "The largest, Northland's 2025 defense budget, is 2.9\u{d7} the smallest, Southland's planned defense budget.");
}

#[test]
fn the_home_page_shows_key_figures_comparisons_topics_and_the_timeline() {
    let out = good();
    let doc = Html::parse_document(&read(out, "index.html"));
    let figures: Vec<String> = select(&doc, ".card-figure")
        .iter()
        .map(|e| text(e).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        figures,
        [
            "projected $5 billion",
            "projected $1.7 billion",
            "over 100,000 people"
        ]
    );
    assert_eq!(
        select(
            &doc,
            ".card a.cite-ref[href='./articles/budget-report/#q-northland-budget-1']"
        )
        .len(),
        1
    );
    assert_eq!(select(&doc, "svg.chart").len(), 1);
    assert_eq!(select(&doc, ".chips li").len(), 3);
    let latest: Vec<String> = select(&doc, ".timeline-teaser time")
        .iter()
        .map(text)
        .collect();
    assert_eq!(latest, ["2025", "September 2023", "2020", "2020"]);
}

#[test]
fn the_timeline_is_chronological_and_grouped_by_year() {
    let out = good();
    let doc = Html::parse_document(&read(out, "timeline/index.html"));
    let years: Vec<String> = select(&doc, "main h2").iter().map(text).collect();
    assert_eq!(years, ["2020", "2023", "2025", "Undated"]);
    let dates: Vec<String> = select(&doc, ".timeline time")
        .iter()
        .map(|e| e.value().attr("datetime").unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2020", "2020", "2023-09", "2025"]);
    // Facts without a date are listed too, each saying so, not left out.
    let undated: Vec<String> = select(&doc, "section[aria-labelledby=undated] li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(undated.len(), 4, "{undated:?}");
    assert!(
        undated[1].starts_with("When: not stated Southland's planned defense budget"),
        "{undated:?}"
    );
}

#[test]
fn scripts_handlers_and_javascript_urls_never_reach_a_page() {
    let out = good();
    let mut pages = 0;
    for (path, bytes) in files(out) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let lower = html.to_lowercase();
        for bad in ["onerror", "javascript:", "alert("] {
            assert!(!lower.contains(bad), "{bad} in {path}");
        }
        // The only scripts are the theme's: JSON-LD data, and the search page's own script.
        let doc = Html::parse_document(&html);
        for script in select(&doc, "script") {
            let v = script.value();
            let allowed = v.attr("type") == Some("application/ld+json")
                || (path == "search/index.html" && v.attr("src") == Some("../search.js"));
            assert!(allowed, "a script in {path}: {}", script.html());
        }
    }
    assert_eq!(pages, 29);
    let article = read(out, "articles/budget-report/index.html");
    assert!(
        article.contains("<span>Hover text</span>"),
        "harmless markup stays"
    );
    assert!(
        article.contains("<a>Click me</a>"),
        "the link text stays, without its URL"
    );
}

#[test]
fn markdown_features_render() {
    let article = read(good(), "articles/budget-report/index.html");
    for needle in [
        "<h2 id=budgets>Budgets</h2>",
        "<th style=text-align:right>Budget</th>",
        "<del>disputed</del>",
        "class=footnote-reference",
        "class=footnote-definition",
        "<code>the annex</code>",
    ] {
        assert!(article.contains(needle), "{needle} missing");
    }
}

#[test]
fn pages_are_minified_only_when_the_site_or_the_command_asks() {
    // By default the pages are written as the templates make them (no indentation).
    let plain = tempfile::tempdir().unwrap();
    assert!(build(&fixture("minimal"), plain.path()).status.success());
    let page = read(plain.path(), "facts/budget-rise/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"),
        "{page}"
    );
    // `build --minify` runs minify-html on every page, as `minify: true` in site.yaml does.
    let minified = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("minimal"), minified.path())
        .arg("--minify")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    for (path, _) in files(plain.path()) {
        let (before, after) = (read(plain.path(), &path), read(minified.path(), &path));
        match path.ends_with(".html") {
            true => assert!(after.len() < before.len(), "{path} is not minified"),
            false => assert_eq!(after, before, "{path} is not a page and stays as it is"),
        }
    }
    let page = read(minified.path(), "facts/budget-rise/index.html");
    assert!(
        page.starts_with("<!doctype html><html lang=en><head><meta charset=utf-8>"),
        "{page}"
    );
    let report = walk_links(minified.path());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
}

#[test]
fn minified_pages_keep_the_spaces_between_inline_elements() {
    let page = read(good(), "facts/supplies-claim/index.html");
    assert!(page.contains("Disputed: claimed by <a href=../../entities/north-officials/>Northland officials</a></span>"), "{page}");
    assert!(!page.contains("\n\n"), "pages are minified");
}

#[test]
fn facts_json_holds_every_fact_with_its_sources_and_articles() {
    let json: serde_json::Value = serde_json::from_str(&read(good(), "data/facts.json")).unwrap();
    let facts = json["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 8);
    let budget = facts
        .iter()
        .find(|f| f["slug"] == "northland-budget")
        .unwrap();
    assert_eq!(budget["value"], 5e9);
    assert_eq!(budget["unit"], "USD");
    assert_eq!(budget["figure"]["text"], "projected $5 billion");
    let source = &budget["sources"][0];
    assert_eq!(
        source["quote"],
        "Northland's projected $5 billion defense budget for 2025"
    );
    assert_eq!(
        source["href"],
        "articles/budget-report/#q-northland-budget-1"
    );
    assert_eq!(source["article"]["publisher"], "The Example Gazette");
    assert_eq!(source["article"]["published"]["iso"], "2024-11-05");
    assert_eq!(source["article"]["url"], "https://example.org/news/budget");
    let displaced = facts.iter().find(|f| f["slug"] == "displaced").unwrap();
    assert_eq!(
        displaced["sources"][0]["article"]["publisher"],
        serde_json::Value::Null
    );
    assert_eq!(json["site"]["base_url"], "https://example.org/sheet/");
}

#[test]
fn sitemap_feed_and_canonical_links_use_the_base_url() {
    let out = good();
    let sitemap = read(out, "sitemap.xml");
    assert_eq!(sitemap.matches("<loc>").count(), 28, "every page but 404");
    assert!(sitemap.contains("<loc>https://example.org/sheet/facts/northland-budget/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/sheet/</loc>"));
    let feed = read(out, "feed.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(feed.matches("<entry>").count(), 8);
    assert!(feed.contains("<updated>2025-01-01T00:00:00Z</updated>"));
    assert!(feed
        .contains("<link rel=\"alternate\" href=\"https://example.org/sheet/facts/displaced/\"/>"));
    let fact = read(out, "facts/displaced/index.html");
    assert!(
        fact.contains("<link href=https://example.org/sheet/facts/displaced/ rel=canonical>"),
        "{fact}"
    );
}

#[test]
fn base_url_from_the_command_line_overrides_site_yaml() {
    let out = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("minimal"), out.path())
        .args(["--base-url", "https://facts.example.net/sub"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let fact = read(out.path(), "facts/budget-rise/index.html");
    assert!(
        fact.contains(
            "<link rel=\"canonical\" href=\"https://facts.example.net/sub/facts/budget-rise/\">"
        ),
        "{fact}"
    );
    assert!(
        fact.contains("href=\"../../style.css\""),
        "internal links stay relative"
    );
}

#[test]
fn two_builds_are_byte_identical_whatever_the_thread_count() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        let output = build_command(&fixture("good"), dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(bytes == &fb[path], "{path} differs between builds");
    }
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let site = copy_fixture("good");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    assert!(build(site.path(), &target).status.success());
    let before = files(&target);
    let fact = site.path().join("content/facts/northland-budget.md");
    let text = std::fs::read_to_string(&fact)
        .unwrap()
        .replace("$5 billion", "$6 billion");
    std::fs::write(&fact, text).unwrap();
    let output = build(site.path(), &target);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("content/facts/northland-budget.md:13:12"),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&target), before);
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["public"], "no staging directory is left behind");
}

#[test]
fn a_rebuild_replaces_the_previous_output_and_removes_stale_files() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    assert!(build(&fixture("good"), &target).status.success());
    std::fs::write(target.join("stale.html"), "old").unwrap();
    std::fs::create_dir_all(out.path().join(".public.factsheet-new")).unwrap();
    assert!(build(&fixture("minimal"), &target).status.success());
    assert!(!target.join("stale.html").exists());
    assert!(!target.join("facts/northland-budget").exists());
    assert!(target.join("facts/budget-rise/index.html").is_file());
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["public"]);
}

#[test]
fn a_directory_not_made_by_factsheet_is_never_replaced() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("thesis.docx"), "precious").unwrap();
    let output = build(&fixture("minimal"), out.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("the output directory is not empty and was not made by factsheet"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("thesis.docx")).unwrap(),
        "precious"
    );
}

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
fn the_link_walker_itself_finds_missing_pages_anchors_and_root_absolute_links() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("facts/a")).unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<a href=facts/a/#here>ok</a><a href=facts/a/#nowhere>anchor</a><a href=facts/b/>page</a><a href=/facts/a/>root</a><a href=https://example.org/>external</a>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("facts/a/index.html"),
        "<p id=here><a href=../../>home</a></p>",
    )
    .unwrap();
    let report = walk_links(dir.path());
    assert_eq!(report.checked, 5);
    assert_eq!(report.anchors, 1);
    assert_eq!(
        report.broken,
        [
            "index.html: facts/a/#nowhere -> no id `nowhere` on facts/a/index.html",
            "index.html: facts/b/ -> missing facts/b/index.html",
            "index.html: root-absolute link /facts/a/",
        ]
    );
}

#[test]
fn the_template_override_example_in_the_readme_works() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let after = readme
        .split("put this in `templates/topic.html`:")
        .nth(1)
        .expect("the README has the example");
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
    assert_eq!(select(&doc, "section.topic li[id^=fact-]").len(), 8);
    let notes: Vec<String> = select(&doc, ".notes li")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(notes.len(), 9);
    assert_eq!(notes[0], "note-1");
    assert_eq!(select(&doc, ".figures a.ref[href='#note-1']").len(), 1);
    assert!(read(out.path(), "brief.css").contains("@page"));
    assert!(
        read(out.path(), "facts/displaced/index.html").contains("class=figure-large"),
        "the other pages are the default theme's"
    );
    let report = walk_links(out.path());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
}

#[test]
fn facts_csv_has_one_row_per_fact_and_source() {
    let csv = read(good(), "data/facts.csv");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with(
        "fact,fact_url,title,claim,value,range_low,range_high,unit,qualifier,figure,date,when,status,claimed_by,responds_to,independence,"
    ));
    assert_eq!(lines.len(), 1 + 9, "a header and one row per source");
    let war = lines.iter().find(|l| l.starts_with("war-deaths,")).unwrap();
    assert_eq!(
        *war,
        "war-deaths,https://example.org/sheet/facts/war-deaths/,Soldiers killed in the 2020 war,\"Between 5,000 and 7,000 soldiers were killed in the 2020 war.\",,5000,7000,soldiers,estimated,\"estimated 5,000\u{2013}7,000 soldiers\",2020,2020,reported,,,single source,1,\"Between 5,000 and 7,000 soldiers were killed in the 2020 war\",,https://example.org/sheet/articles/displacement-report/#q-war-deaths-1,displacement-report,Thousands flee the valley,,2023-09-30,,"
    );
}

#[test]
fn fact_pages_carry_schema_org_claims_and_the_data_page_a_dataset() {
    let out = good();
    let json_ld = |page: &str| -> serde_json::Value {
        let doc = Html::parse_document(&read(out, page));
        let script = select(&doc, "script[type='application/ld+json']");
        assert_eq!(script.len(), 1, "{page}");
        serde_json::from_str(&text(&script[0])).expect("valid JSON")
    };
    let claim = json_ld("facts/supplies-claim/index.html");
    assert_eq!(claim["@type"], "Claim");
    assert_eq!(claim["author"]["name"], "Northland officials");
    assert_eq!(
        claim["appearance"][0]["publisher"]["name"],
        "The Example Gazette"
    );
    assert_eq!(
        claim["appearance"][0]["text"],
        "Officials said about 400 tons of supplies arrived"
    );
    assert_eq!(
        claim["url"],
        "https://example.org/sheet/facts/supplies-claim/"
    );
    let dataset = json_ld("data/index.html");
    assert_eq!(dataset["@type"], "Dataset");
    assert_eq!(
        dataset["distribution"][1]["contentUrl"],
        "https://example.org/sheet/data/facts.csv"
    );
    assert_eq!(
        read(out, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sheet/sitemap.xml\n"
    );
}

#[test]
fn the_search_index_holds_facts_articles_and_entities() {
    let index: serde_json::Value = serde_json::from_str(&read(good(), "data/search.json")).unwrap();
    let entries = index.as_array().unwrap();
    assert_eq!(entries.len(), 8 + 2 + 5);
    let fact = entries
        .iter()
        .find(|e| e["path"] == "facts/displaced/")
        .unwrap();
    assert_eq!(fact["kind"], "fact");
    assert_eq!(fact["figure"], "over 100,000 people");
    let person = entries
        .iter()
        .find(|e| e["path"] == "entities/president-north/")
        .unwrap();
    assert_eq!(person["text"], "President of Northland North The President");
    // Without JavaScript the search page lists everything.
    let page = read(good(), "search/index.html");
    assert!(
        page.contains(
            "href=../facts/displaced/>People displaced in September 2023</a> — over 100,000 people"
        ),
        "{page}"
    );
}

#[test]
fn without_base_url_there_is_no_sitemap_and_robots_names_none() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("minimal"), out.path()).status.success());
    assert!(
        !out.path().join("sitemap.xml").exists(),
        "a sitemap needs absolute URLs"
    );
    assert_eq!(read(out.path(), "robots.txt"), "User-agent: *\nAllow: /\n");
}

#[test]
fn a_heading_in_content_never_takes_an_id_of_the_page() {
    let article = read(good(), "articles/budget-report/index.html");
    assert!(
        article.contains("<h3 id=sources-1>Sources</h3>"),
        "{article}"
    );
    let doc = Html::parse_document(&article);
    let mut ids: Vec<&str> = doc
        .select(&Selector::parse("[id]").unwrap())
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "duplicate ids");
}

#[test]
fn a_static_file_cannot_replace_a_generated_page() {
    let site = copy_fixture("minimal");
    put(site.path(), "static/index.html", "mine");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let output = build(site.path(), &target);
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got[0].location, "static/index.html");
    assert_eq!(
        got[0].message,
        "`index.html` would replace a page factsheet generates"
    );
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn static_symlinks_inside_the_site_are_copied_and_those_leading_out_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "private").unwrap();
    let site = copy_fixture("minimal");
    let static_dir = site.path().join("static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(site.path().join("logo.txt"), "logo").unwrap();
    std::os::unix::fs::symlink(site.path().join("logo.txt"), static_dir.join("logo.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    assert!(build(site.path(), out.path()).status.success());
    assert_eq!(read(out.path(), "logo.txt"), "logo");

    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        static_dir.join("secret.txt"),
    )
    .unwrap();
    let output = build(site.path(), out.path());
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got[0].location, "static/secret.txt");
    assert!(!out.path().join("secret.txt").exists());
}
