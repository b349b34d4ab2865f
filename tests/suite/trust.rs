//! Trust checks: figures against their quotes, conflicting figures, staleness, independence,
//! the evidence bundle and `verify`.

use crate::common::*;
use scraper::{Html, Selector};

/// `SOURCE_DATE_EPOCH` for 14 November 2023.
const BUILD_DATE: &str = "1700000000";

#[test]
fn a_figure_no_quote_states_is_an_error_at_its_line() {
    assert_errors(
        "bad-figures",
        &[
            (
                "content/facts/budget.md:3:50",
                "the claim says \"$3 billion\", but no quote of this fact states that number",
                "quote the passage that states it (an ellipsis quote can join an attribution to its statement",
            ),
            (
                "content/facts/budget.md:4:8",
                "no quote states this figure: $3 billion",
                "the quotes state \"$2 billion\" (source 1); correct the figure",
            ),
            (
                "content/facts/evacuated.md:7:10",
                "no quote states the \"nearly 4,000\" of this display text",
                "the quotes state \"Nearly 3,000\" (source 1)",
            ),
        ],
    );
}

#[test]
fn contradicting_qualifiers_conflicting_figures_and_stale_facts_are_warned_about() {
    let (code, got, err) = run_at("trust-warnings", &["check"], BUILD_DATE);
    assert_eq!(code, 0, "warnings do not stop the build\n{err}");
    let got: Vec<(String, String, String)> = got
        .into_iter()
        .map(|p| (p.severity, p.location, p.message))
        .collect();
    let w = |location: &str, message: &str| {
        (
            "warning".to_string(),
            location.to_string(),
            message.to_string(),
        )
    };
    assert_eq!(
        got,
        [
            w(
                "content/facts/evacuated-gazette.md:7:10",
                "the facts measuring `evacuated` disagree: nearly 3,000 people (evacuated-gazette, from “A source”); 5,000 people (evacuated-herald, from “Another count”)"
            ),
            w("content/facts/evacuated-herald.md:6:12", "the quote says \"About 5,000\", but the qualifier is `exact`"),
            w(
                "content/facts/evacuated-herald.md:7:7",
                "dated 2015, more than 5y before the build date (2023-11-14): the figure may be out of date"
            ),
            w(
                "content/facts/old-budget.md:6:7",
                "dated 2014, more than 2y before the build date (2023-11-14): the figure may be out of date"
            ),
        ]
    );
    assert!(
        err.contains("`evacuated-gazette` (preferred) is the headline figure"),
        "{err}"
    );
}

#[test]
fn staleness_counts_from_source_date_epoch() {
    // 1 January 2016: the 2014 budget is within its 2 years? No: 31 Dec 2014 + 2y is 31 Dec 2016.
    let (_, got, _) = run_at("trust-warnings", &["check"], "1451606400");
    assert!(
        !got.iter().any(|p| p.message.starts_with("dated")),
        "{got:?}"
    );
}

#[test]
fn pages_show_the_spread_the_staleness_and_the_independence() {
    let out = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("trust-warnings"), out.path())
        .env("SOURCE_DATE_EPOCH", BUILD_DATE)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let page = |p: &str| Html::parse_document(&read(out.path(), p));
    let text = |doc: &Html, css: &str| -> String {
        texts(doc, css).into_iter().next().unwrap_or_default()
    };
    let herald = page("facts/evacuated-herald/index.html");
    assert_eq!(text(&herald, ".stale"), "as of 2015 — may be out of date");
    let spread = text(&herald, ".spread li:nth-child(2)");
    assert_eq!(
        spread,
        "nearly 3,000 people (“A source” (The Example Gazette)) — the headline figure"
    );
    assert_eq!(
        herald
            .select(&Selector::parse(".spread a[href='../../facts/evacuated-gazette/']").unwrap())
            .count(),
        1
    );
    let gazette = page("facts/evacuated-gazette/index.html");
    assert!(text(&gazette, ".spread p").contains("this one is the headline figure"));
    assert_eq!(text(&gazette, ".independence"), "single source");
    assert!(
        text(&gazette, ".stale").is_empty(),
        "undated facts are never stale"
    );
    // The home page headlines the preferred figure of the measure, not the other one.
    let home = page("index.html");
    let cards: Vec<&str> = home
        .select(&Selector::parse(".card h3 a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(cards, ["./facts/old-budget/", "./facts/evacuated-gazette/"]);
    let budget = page("facts/old-budget/index.html");
    assert_eq!(text(&budget, ".independence"), "2 articles, 2 publishers");

    // With a fixed SOURCE_DATE_EPOCH, the output is byte-identical.
    let again = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("trust-warnings"), again.path())
        .env("SOURCE_DATE_EPOCH", BUILD_DATE)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        files(out.path()) == files(again.path()),
        "two builds differ"
    );
}

#[test]
fn check_strict_warns_about_reported_facts_with_a_single_source() {
    let (code, got, _) = run_at("trust-warnings", &["check", "--strict"], BUILD_DATE);
    assert_eq!(code, 0);
    let single: Vec<&str> = got
        .iter()
        .filter(|p| p.message == "a reported fact with a single source")
        .map(|p| p.location.as_str())
        .collect();
    assert_eq!(
        single,
        [
            "content/facts/evacuated-gazette.md:9:1",
            "content/facts/evacuated-herald.md:9:1"
        ]
    );
}

#[test]
fn the_evidence_bundle_is_verified_and_any_changed_byte_is_caught() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("good"), out.path()).status.success());
    let evidence: serde_json::Value =
        serde_json::from_str(&read(out.path(), "data/evidence.json")).unwrap();
    let budget = evidence["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "budget-report")
        .unwrap();
    let text = read(out.path(), "data/articles/budget-report.txt");
    let quote = budget["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["fact"] == "northland-budget")
        .unwrap();
    let position = &quote["selectors"][0][0];
    assert_eq!(position["type"], "TextPositionSelector");
    let (start, end) = (
        position["start"].as_u64().unwrap() as usize,
        position["end"].as_u64().unwrap() as usize,
    );
    let exact: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(
        exact,
        "Northland’s projected $5 billion defense budget for 2025"
    );
    assert_eq!(quote["selectors"][0][1]["exact"], exact);
    assert_eq!(
        quote["selectors"][0][1]["prefix"],
        "ets\nPresident North highlighted "
    );

    let verified = factsheet().arg("verify").arg(out.path()).output().unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));
    let counts = Counts::of(&fixture("good"));
    assert_eq!(
        stdout(&verified),
        format!(
            "Verified {} articles and {} quotes: every text matches its SHA-256, every quote is at its place\n",
            counts.articles, counts.quotes
        )
    );

    let file = out.path().join("data/articles/displacement-report.txt");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[5] ^= 0x20;
    std::fs::write(&file, bytes).unwrap();
    let tampered = factsheet().arg("verify").arg(out.path()).output().unwrap();
    assert_eq!(tampered.status.code(), Some(1));
    let got = printed(&stderr(&tampered));
    assert_eq!(got[0].location, "data/articles/displacement-report.txt");
    assert_eq!(
        got[0].message,
        "the text of article `displacement-report` does not match its SHA-256"
    );
}

#[test]
fn citations_link_to_the_passage_in_the_live_original() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("good"), out.path()).status.success());
    let fact = Html::parse_document(&read(out.path(), "facts/northland-budget/index.html"));
    let link = fact
        .select(&Selector::parse("#src-1 a[rel=external]").unwrap())
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_string();
    assert_eq!(
        link,
        "https://example.org/news/budget#:~:text=Northland%E2%80%99s%20projected%20%245%20billion%20defense%20budget%20for%202025"
    );
    let archived = fact
        .select(
            &Selector::parse("#src-1 a[href='https://archive.example.org/news/budget']").unwrap(),
        )
        .count();
    assert_eq!(archived, 1);
}
