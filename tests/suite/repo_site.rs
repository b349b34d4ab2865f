//! The repository's own fact sheet builds cleanly, cross-links, and headlines its key figures
//! with citations to the passages that state them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;
use scraper::{Html, Selector};

/// The repository's site, built once for the tests that only read it (cargo's temporary folder
/// for tests, emptied first).
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("repo-site");
        let _ = std::fs::remove_dir_all(&out);
        let output = build(&repo(), &out);
        assert!(output.status.success(), "{}", stderr(&output));
        out
    })
}

#[test]
fn the_repository_content_checks_without_errors_or_warnings() {
    let output = check(&repo());
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    // Every article says who published it, when and where: nothing is reported.
    assert_eq!(printed(&err), [], "no warning expected:\n{err}");
    // Under --strict, only reported facts with a single source are (they are listed in the
    // sheet's notes); no provenance, date or grounding finding.
    let strict = factsheet()
        .args(["check", "--strict", "--root"])
        .arg(repo())
        .output()
        .unwrap();
    let findings = printed(&stderr(&strict));
    assert!(
        findings.iter().all(|p| p
            .message
            .starts_with("a reported fact with a single source")),
        "{}",
        stderr(&strict)
    );
    let line = stdout(&output);
    let number = |word: &str| -> usize {
        let before = line.split(word).next().unwrap_or_default();
        before
            .split_whitespace()
            .last()
            .unwrap_or("0")
            .parse()
            .unwrap_or(0)
    };
    assert!(number(" facts") >= 30, "{line}");
    assert!(number(" quotes verified") >= 40, "{line}");
    assert!(number(" entities") >= 20, "{line}");
    assert!(number(" topics") >= 6, "{line}");
}

#[test]
fn the_home_page_headlines_the_key_figures_with_their_citations() {
    let report = walk_links(built());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);

    let home = Html::parse_document(&read(built(), "index.html"));
    let cards = Selector::parse(".card").unwrap();
    let figure = Selector::parse(".card-figure").unwrap();
    let cite = Selector::parse("a.cite-ref").unwrap();
    let expected = [
        ("projected $5 billion", "azerbaijan-defense-budget-2025", 1),
        ("planned $1.7 billion", "armenia-defense-budget", 1),
        (
            "over 100,000 people",
            "karabakh-armenians-displaced-2023",
            2,
        ),
        ("nearly 7,000 soldiers", "war-2020-soldiers-killed", 1),
    ];
    let got: Vec<_> = home.select(&cards).collect();
    assert_eq!(got.len(), expected.len());
    for (card, (text, slug, sources)) in got.iter().zip(expected) {
        let shown: String = card.select(&figure).flat_map(|e| e.text()).collect();
        assert_eq!(shown.split_whitespace().collect::<Vec<_>>().join(" "), text);
        let links: Vec<&str> = card
            .select(&cite)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(links.len(), sources, "{slug}");
        for (n, href) in links.iter().enumerate() {
            assert!(href.ends_with(&format!("#q-{slug}-{}", n + 1)), "{href}");
        }
    }
}

#[test]
fn the_displacement_figure_is_cited_to_both_articles_that_report_it() {
    let fact = read(
        built(),
        "facts/karabakh-armenians-displaced-2023/index.html",
    );
    for article in [
        "aliyev-cautions-armenia-against-armament",
        "blinken-warns-azerbaijan-may-invade-armenia",
    ] {
        let href = format!("../../articles/{article}/#q-karabakh-armenians-displaced-2023-");
        assert!(fact.contains(&href), "no citation of {article}");
        let page = read(built(), &format!("articles/{article}/index.html"));
        let doc = scraper::Html::parse_document(&page);
        let marked = select(&doc, "mark.quote[id^=q-karabakh-armenians-displaced-2023-]");
        assert_eq!(marked.len(), 1, "{article}");
        let back = select(
            &doc,
            "a.backref[href^='../../facts/karabakh-armenians-displaced-2023/#src-']",
        );
        assert_eq!(back.len(), 1, "{article}");
    }
}

#[test]
fn reader_comments_and_page_furniture_are_not_in_the_sources() {
    for entry in std::fs::read_dir(repo().join("content/articles")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for furniture in ["Discussion Policy", "said:\n", "Leave a Reply", "\nShare\n"] {
            assert!(!text.contains(furniture), "{furniture:?} in an article");
        }
    }
}

#[test]
fn the_fact_sheet_s_evidence_verifies_and_a_changed_byte_does_not() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&repo(), out.path()).status.success());
    let verified = factsheet().arg("verify").arg(out.path()).output().unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));
    let counts = Counts::of(&repo());
    assert!(
        stdout(&verified).starts_with(&format!(
            "Verified {} articles and {} quotes",
            counts.articles, counts.quotes
        )),
        "{}",
        stdout(&verified)
    );
    for entry in std::fs::read_dir(out.path().join("data/articles")).unwrap() {
        let file = entry.unwrap().path();
        let original = std::fs::read(&file).unwrap();
        let mut changed = original.clone();
        let last = changed.len() - 2;
        changed[last] ^= 0x01;
        std::fs::write(&file, &changed).unwrap();
        let result = factsheet().arg("verify").arg(out.path()).output().unwrap();
        assert_eq!(result.status.code(), Some(1), "{}", file.display());
        std::fs::write(&file, &original).unwrap();
    }
}

#[test]
fn every_article_says_who_published_it_when_and_through_whom_and_what_to_know() {
    let page = Html::parse_document(&read(
        built(),
        "articles/aliyev-concerned-russian-military-supplies/index.html",
    ));
    let text = |css: &str| -> String {
        let found: String = page
            .select(&Selector::parse(css).unwrap())
            .flat_map(|e| e.text())
            .collect();
        found.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert_eq!(
        text("p.citation"),
        "\u{201c}Aliyev \u{2018}Concerned\u{2019} about Russian Military Supplies to Armenia.\u{201d} Asbarez, August 2020, via Azatutyun (RFE/RL Armenian Service). Accessed 6 December 2026."
    );
    assert!(text("aside.source-caveat").starts_with("About this source: The page prints no date"));
    // The sheet's 2014 testimony is marked historical wherever it is listed.
    let fact = Html::parse_document(&read(built(), "facts/us-minsk-group-co-chair/index.html"));
    let meta: String = fact
        .select(&Selector::parse(".meta").unwrap())
        .flat_map(|e| e.text())
        .collect();
    assert!(
        meta.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .starts_with("reported in June 2014 · Claim by Eric Rubin Historical"),
        "{meta}"
    );
}
