//! What the pages of a built site show: every expected file, links that resolve both ways, citations
//! that land on their passage, figures, claims, charts, the home page and the timeline.

use crate::common::*;
use scraper::{Element, Html, Selector};

#[test]
fn the_build_prints_a_one_line_summary() {
    let out = tempfile::tempdir().unwrap();
    let output = build(&fixture("good"), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let counts = Counts::of(&fixture("good"));
    let line = stdout(&output);
    assert!(
        line.starts_with(&format!(
            "Built {} pages: {}; {}, in ",
            counts.pages(),
            counts.records(),
            counts.verified()
        )),
        "{line}"
    );
    assert!(
        line.trim_end()
            .ends_with(&format!("ms -> {}", out.path().display())),
        "{line}"
    );
    assert_eq!(stderr(&output), "", "no warnings expected");
}

/// The files of a built site's search index: its manifest and the files it names, no others.
fn search_files(out: &std::path::Path) -> Vec<String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&read(out, "data/search/index.json")).unwrap();
    let count = |k: &str| manifest[k].as_u64().unwrap() as usize;
    let documents = count("entities") + count("facts") + count("articles");
    let mut search = vec!["data/search/index.json".to_string()];
    search.extend(
        (0..documents.div_ceil(count("docs_per_file")))
            .map(|n| format!("data/search/docs/{n}.json")),
    );
    for dir in ["terms", "body"] {
        search.extend(manifest[dir].as_array().unwrap().iter().map(|key| {
            let file = factsheet::render::search::key_file(key.as_str().unwrap());
            format!("data/search/{dir}/{file}.json")
        }));
    }
    assert!(
        search.contains(&"data/search/terms/di.json".to_string()),
        "{search:?}"
    );
    search
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
    let search = search_files(out);
    expected.extend(search.iter().map(String::as_str));
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
    assert!(article.contains("<mark class=\"quote\" data-passage=\"q-budget-rise-1\" id=\"q-budget-rise-1\">The ministry said the budget will rise to $2 billion next year.</mark><a"), "{article}");
    assert!(
        article.contains("href=\"../../facts/budget-rise/#src-1\""),
        "{article}"
    );
    let doc = Html::parse_document(&fact);
    assert!(
        select(&doc, "link[rel=canonical]").is_empty(),
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
        let text = select(&doc, ".figure-large, .figure-claimed")
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
    let status = text(&select(&claim, ".meta .status")[0]);
    assert_eq!(
        status,
        "Disputed claim by Northland officials, answered by Southland"
    );
    // The answer is beside the claim, before anything else: who answered, and how.
    assert_eq!(
        texts(&claim, ".response-row li"),
        ["Southland denies receiving supplies Response by Southland"]
    );
    // The speaker line leaves "answered by" to that row.
    assert_eq!(
        text(&select(&claim, ".speaker")[0]),
        "Disputed claim by Northland officials"
    );
    let responses: Vec<String> = select(&claim, ".responses a.fact-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(responses, ["Southland denies receiving supplies"]);
    let denial = Html::parse_document(&read(out, "facts/supplies-denial/index.html"));
    // A fact that answers another is a response, in its own style, not another claim.
    assert_eq!(
        text(&select(&denial, ".status")[0]),
        "Response by Southland"
    );
    assert_eq!(
        text(&select(&denial, ".speaker")[0]),
        "Response by Southland"
    );
    assert_eq!(
        select(&denial, "article.fact-response > .claim-box").len(),
        1
    );
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
    // The chart's words are page text: each fact's title and figure, then the sources.
    assert_eq!(select(&doc, "ol.chart li svg.chart-bar").len(), 2);
    assert_eq!(
        texts(&doc, "ol.chart .chart-label"),
        [
            "Northland's 2025 defense budget",
            "Southland's planned defense budget"
        ]
    );
    assert_eq!(
        texts(&doc, "ol.chart .chart-value"),
        ["$5 billion", "$1.7 billion"]
    );
    assert_eq!(
        texts(&doc, ".chart-subtitle"),
        ["2 figures compared, in USD; the largest is 2.9\u{d7} the smallest."]
    );
    assert!(texts(&doc, ".chart-source")[0].starts_with("Source"));
    let cells: Vec<String> = select(&doc, "table td").iter().map(text).collect();
    assert_eq!(cells, ["$5 billion", "$1.7 billion"]);
    // As a reader sees it: any run of white space is one space.
    let caption = text(&select(&doc, "figcaption")[0]);
    let caption = caption.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        caption,
        "Defense budgets for 2025 2 figures compared, in USD; the largest is 2.9\u{d7} the smallest. Note: Both figures are plans."
    );
    let ratio = texts(&doc, "article.comparison > p");
    assert!(ratio.contains(&"The largest, Northland's 2025 defense budget, is 2.9\u{d7} the smallest, Southland's planned defense budget.".to_string()), "{ratio:?}");
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
    assert_eq!(select(&doc, "ol.chart").len(), 1);
    assert_eq!(select(&doc, ".chips li").len(), 3);
    let latest: Vec<String> = select(&doc, ".timeline-teaser time")
        .iter()
        .map(text)
        .collect();
    // The latest five: a fact dated by its `date:`, then facts placed by their sources' dates.
    assert_eq!(
        latest,
        [
            "2025",
            "5 November 2024",
            "5 November 2024",
            "5 November 2024",
            "30 September 2023"
        ]
    );
    let kickers: Vec<String> = select(&doc, ".timeline-teaser li")
        .iter()
        .map(|li| text(li).split(" ").take(4).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(kickers[0], "2025 · reported 5");
    assert_eq!(kickers[1], "reported on 5 November");
}

#[test]
fn the_timeline_is_chronological_and_grouped_by_year() {
    let out = good();
    let doc = Html::parse_document(&read(out, "timeline/index.html"));
    let years: Vec<String> = select(&doc, "main h2").iter().map(text).collect();
    // Every source is dated: a fact without a `date:` is placed when it was first reported.
    assert_eq!(years, ["2020", "2023", "2024", "2025"]);
    let dates: Vec<String> = select(&doc, ".timeline time")
        .iter()
        .map(|e| e.value().attr("datetime").unwrap().to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "2020",
            "2020",
            "2023-09",
            "2023-09-30",
            "2024-11-05",
            "2024-11-05",
            "2024-11-05",
            "2025"
        ]
    );
    let when: Vec<String> = select(&doc, ".event-when").iter().map(text).collect();
    // When, then the status, on one line; the title below.
    assert_eq!(
        when[3],
        "Reported on 30 September · Response by Southland Historical"
    );
    assert_eq!(when[4], "Reported on 5 November · Reported Historical");
    assert_eq!(when[0], "No month given · Reported Historical");
    assert!(select(&doc, "#undated").is_empty());
}

#[test]
fn undated_holds_only_the_facts_whose_every_source_is_undated() {
    let site = copy_fixture("good");
    put(
        site.path(),
        "content/articles/leaflet.md",
        "---\ntitle: A leaflet\npublisher: Valley Radio\nurl: https://example.org/leaflet\n---\n\nThe leaflet says 300 families left the valley.\n",
    );
    put(
        site.path(),
        "content/facts/families-left.md",
        "---\ntitle: Families who left the valley\nclaim: The leaflet says 300 families left the valley.\nsources:\n  - article: leaflet\n    quote: 300 families left the valley\n---\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = Html::parse_document(&read(out.path(), "timeline/index.html"));
    let undated: Vec<String> = select(&doc, "section[aria-labelledby=undated] li")
        .iter()
        .map(|li| text(li).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(undated.len(), 1, "{undated:?}");
    // The group says once that they are undated; its rows do not repeat it.
    assert!(
        undated[0].contains("Families who left the valley") && !undated[0].contains("undated"),
        "{undated:?}"
    );
    assert_eq!(
        texts(&doc, "section[aria-labelledby=undated] > p"),
        ["Neither these facts nor their sources give a date, so they are not placed above."]
    );
}

#[test]
fn markdown_features_render() {
    let article = read(good(), "articles/budget-report/index.html");
    for needle in [
        "<h2 id=budgets>Budgets</h2>",
        "<th class=align-right>Budget</th>",
        "<del>disputed</del>",
        "class=footnote-reference",
        "class=footnote-definition",
        "<code>the annex</code>",
    ] {
        assert!(article.contains(needle), "{needle} missing");
    }
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
fn a_heading_in_content_never_takes_an_id_of_the_page() {
    let article = read(good(), "articles/budget-report/index.html");
    let doc = Html::parse_document(&article);
    let heading = select(&doc, "h3#sources-1");
    assert_eq!(heading.iter().map(text).collect::<Vec<_>>(), ["Sources"]);
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

/// The good fixture with `page_size` set, built: (the site, its output).
fn good_built_with_page_size(size: usize) -> (tempfile::TempDir, tempfile::TempDir) {
    let site = copy_fixture("good");
    let settings = site.path().join("content/site.yaml");
    edit(
        &settings,
        "minify: true\n",
        &format!("minify: true\npage_size: {size}\n"),
    );
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    (site, out)
}

/// The pages of a list at `base` of the built site `out`, in order, following each page's
/// "Next" link; and the facts they link to (the `entry` links), each page holding at most 3.
fn list_pages(out: &std::path::Path, base: &str, entry: &str) -> (Vec<String>, Vec<String>) {
    let mut pages = Vec::new();
    let mut linked = Vec::new();
    let mut at = base.to_string();
    loop {
        let doc = Html::parse_document(&read(out, &format!("{at}index.html")));
        let entries = select(&doc, entry);
        assert!(entries.len() <= 3, "{at}: {} entries", entries.len());
        for e in entries {
            let href = e.value().attr("href").unwrap();
            let slug = href.rsplit("facts/").next().unwrap().trim_end_matches('/');
            linked.push(slug.to_string());
        }
        pages.push(at.clone());
        let next = select(&doc, "nav.pager a[rel=next]");
        let Some(next) = next.first() else { break };
        let href = next.value().attr("href").unwrap();
        let depth = at.matches('/').count();
        at = href.trim_start_matches(&"../".repeat(depth)).to_string();
        assert!(pages.len() < 50, "the pages go round in circles");
    }
    (pages, linked)
}

/// The facts among `all` of the site at `site` that `entity` claims or that are about it.
fn facts_about(
    site: &std::path::Path,
    all: &std::collections::BTreeSet<String>,
    entity: &str,
) -> std::collections::BTreeSet<String> {
    all.iter()
        .filter(|slug| {
            let text =
                std::fs::read_to_string(site.join(format!("content/facts/{slug}.md"))).unwrap();
            let yaml = text
                .split("\n---")
                .next()
                .unwrap()
                .trim_start_matches("---\n");
            let front: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
            front["claimed_by"] == entity
                || front["entities"]
                    .as_array()
                    .is_some_and(|e| e.iter().any(|e| e == entity))
        })
        .cloned()
        .collect()
}

/// The slugs of the facts of the site at `site`.
fn fact_slugs(site: &std::path::Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(site.join("content/facts"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.trim_end_matches(".md").to_string()
        })
        .collect()
}

#[test]
fn long_lists_are_paginated_at_page_size_with_every_entry_reachable() {
    let (site, out) = good_built_with_page_size(3);
    let counts = Counts::of(site.path());
    let report = walk_links(out.path());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
    let all_facts = fact_slugs(site.path());
    let (pages, linked) = list_pages(out.path(), "facts/", "a.fact-title");
    let expected_pages = counts.facts.div_ceil(3);
    assert_eq!(pages.len(), expected_pages, "{pages:?}");
    assert_eq!(pages[1], "facts/page/2/");
    let mut found: Vec<String> = linked.clone();
    found.sort();
    found.dedup();
    assert_eq!(found.len(), linked.len(), "each fact once: {linked:?}");
    assert_eq!(
        found.into_iter().collect::<std::collections::BTreeSet<_>>(),
        all_facts
    );
    // The last page links back to the first, and says where it is.
    let last = Html::parse_document(&read(
        out.path(),
        &format!("{}index.html", pages[pages.len() - 1]),
    ));
    assert_eq!(
        texts(&last, "nav.pager [aria-current=page]"),
        [format!("Page {expected_pages} of {expected_pages}")]
    );
    assert_eq!(select(&last, "nav.pager a[rel=next]").len(), 0);
    // Each page has its own title.
    assert_eq!(
        texts(&last, "title")[0],
        format!("Facts (page {expected_pages} of {expected_pages}) · Test fact sheet")
    );
    // The sources list.
    let sources: usize = (1..=counts.articles.div_ceil(3))
        .map(|n| {
            let path = if n == 1 {
                "articles/".to_string()
            } else {
                format!("articles/page/{n}/")
            };
            select(
                &Html::parse_document(&read(out.path(), &format!("{path}index.html"))),
                ".bibliography li",
            )
            .len()
        })
        .sum();
    assert_eq!(sources, counts.articles);
    assert!(
        !out.path().join("facts/page/1").exists(),
        "page 1 is the list's own address"
    );
}

#[test]
fn the_timeline_an_entity_and_search_reach_every_entry_over_their_pages() {
    let (site, out) = good_built_with_page_size(3);
    let all_facts = fact_slugs(site.path());
    // The timeline: every fact, dated or not, on one of its pages.
    let (_, on_timeline) = list_pages(out.path(), "timeline/", "a.fact-title");
    let on_timeline: std::collections::BTreeSet<String> = on_timeline.into_iter().collect();
    assert_eq!(on_timeline, all_facts);
    // An entity's claims and the other facts about it, each once, over its pages.
    let of_southland = facts_about(site.path(), &all_facts, "southland");
    assert!(
        of_southland.len() > 3,
        "the fixture gives southland more than a page"
    );
    let (entity_pages, on_entity) = list_pages(out.path(), "entities/southland/", "a.fact-title");
    assert_eq!(entity_pages.len(), of_southland.len().div_ceil(3));
    assert_eq!(
        on_entity.len(),
        of_southland.len(),
        "each once: {on_entity:?}"
    );
    assert_eq!(
        on_entity
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        of_southland
    );
    // Without JavaScript, the search page lists the first page of each list and leads to the
    // rest.
    let search = Html::parse_document(&read(out.path(), "search/index.html"));
    assert_eq!(
        select(&search, "#everything a[href^='../facts/'][href$='/']").len(),
        3 + 1
    );
    assert_eq!(select(&search, "#everything a[href='../facts/']").len(), 1);
    // The sitemap lists every page of every list.
    let sitemap = read(out.path(), "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/sheet/facts/page/2/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn the_feed_holds_the_newest_page_size_facts() {
    let (_site, out) = good_built_with_page_size(3);
    let feed = read(out.path(), "feed.xml");
    let updated: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            e.split("<updated>")
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(updated.len(), 3, "{feed}");
    // Newest first, and none left out that is newer than the last one kept.
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted);
    let (_, all) = good_built_with_page_size(100);
    let all = read(all.path(), "feed.xml");
    let newer = all
        .split("<updated>")
        .skip(2)
        .filter(|u| u.split('<').next().unwrap() > updated[2])
        .count();
    assert!(
        newer <= 2,
        "{newer} facts newer than the last entry were left out"
    );
}

#[test]
fn the_default_page_size_keeps_a_small_sheet_on_one_page_and_zero_is_an_error() {
    let out = good();
    assert!(!out.join("facts/page").exists());
    assert!(!out.join("timeline/page").exists());
    let doc = Html::parse_document(&read(out, "facts/index.html"));
    assert_eq!(select(&doc, "nav.pager").len(), 0);
    let site = copy_fixture("minimal");
    put(site.path(), "content/site.yaml", "title: T\npage_size: 0\n");
    assert_errors_in(
        site.path(),
        &[(
            "content/site.yaml:2:12",
            "`page_size` is 0, so a list page would show nothing",
            "leave it out for 100",
        )],
    );
    // A number too large for any page size is said in an editor's words, with no stray mark.
    put(
        site.path(),
        "content/site.yaml",
        "title: T\npage_size: 18446744073709551616\n",
    );
    assert_errors_in(
        site.path(),
        &[(
            "content/site.yaml:2:12",
            "page_size: the number 18446744073709551616 is out of range here: write a whole number from 0 to 18446744073709551615",
            "",
        )],
    );
}

#[test]
fn a_topic_shows_every_fact_once_even_in_a_chain_of_responses() {
    let site = copy_fixture("good");
    let fact = |responds_to: &str, title: &str| {
        format!("---\ntitle: {title}\nclaim: Southland denied receiving any supplies.\nstatus: claimed\nclaimed_by: southland\nresponds_to: {responds_to}\nentities: [southland]\ntopics: [supplies]\nsources:\n  - article: displacement-report\n    quote: Southland denied receiving any supplies.\n---\n")
    };
    // A answers the denial, which answers the claim: a chain, which reads as one.
    put(
        site.path(),
        "content/facts/answer-to-denial.md",
        &fact("supplies-denial", "An answer to the denial"),
    );
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = Html::parse_document(&read(out.path(), "topics/supplies/index.html"));
    let mut shown: Vec<String> = select(&doc, "section a.fact-title")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let count = shown.len();
    shown.sort();
    shown.dedup();
    assert_eq!(count, shown.len(), "each fact once: {shown:?}");
    for slug in [
        "supplies-claim",
        "supplies-denial",
        "second-delivery",
        "answer-to-denial",
    ] {
        assert!(
            shown.iter().any(|h| h.ends_with(&format!("facts/{slug}/"))),
            "{slug} is missing: {shown:?}"
        );
    }
    // The denial still sits under the claim it answers.
    let answers: Vec<String> = select(&doc, "li.answers a.fact-title")
        .iter()
        .map(text)
        .collect();
    assert!(
        answers.contains(&"Southland denies receiving supplies".to_string()),
        "{answers:?}"
    );
}

#[test]
fn a_topic_or_entity_lists_at_most_a_page_of_sources_and_says_where_the_rest_are() {
    let (_site, out) = good_built_with_page_size(1);
    let doc = Html::parse_document(&read(out.path(), "entities/southland/index.html"));
    assert_eq!(select(&doc, ".bibliography li").len(), 1);
    let note = texts(&doc, "section[aria-labelledby=articles] p");
    assert!(note[0].starts_with("The first 1 of 2;"), "{note:?}");
    let second = Html::parse_document(&read(out.path(), "entities/southland/page/2/index.html"));
    assert_eq!(
        select(&second, ".bibliography li").len(),
        0,
        "sources once, on the first page"
    );
}

#[test]
fn only_an_article_with_quoted_passages_explains_its_underlines() {
    let site = copy_fixture("good");
    put(
        site.path(),
        "content/articles/unquoted-note.md",
        "---\ntitle: A note nobody quotes\npublisher: The Daily\n---\n\nNothing here is quoted.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let built = build(site.path(), out.path());
    assert!(built.status.success(), "{}", stderr(&built));
    let hint = |slug: &str| {
        let page = Html::parse_document(&read(out.path(), &format!("articles/{slug}/index.html")));
        texts(&page, "p.hint")
    };
    assert_eq!(hint("unquoted-note"), Vec::<String>::new());
    assert_eq!(hint("budget-report").len(), 1);
}
