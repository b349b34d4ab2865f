//! Saying only what the sources say: titles, claims, dates and units checked against the
//! quotes; relative times dated from the article; undated sources said to be undated; sources
//! counted by article.

mod common;

use common::*;
use scraper::Html;

/// `SOURCE_DATE_EPOCH` for 1 January 2026.
const BUILD_DATE: &str = "1767225600";

fn run(site: &str, args: &[&str]) -> (i32, Vec<Printed>, String) {
    run_at(site, args, BUILD_DATE)
}

const QUOTE_IT: &str = "quote the passage that states it (an ellipsis quote can join an attribution to its statement: \"In an interview with Brussels Signal, Mr Balayan ... said that Armenia is under imminent threat\"), or take";

#[test]
fn what_no_quote_states_is_reported_at_the_word_with_the_fix() {
    let (code, got, err) = run("bad-grounding", &["check"]);
    assert_eq!(code, 1, "{err}");
    let got: Vec<(&str, &str, &str, &str)> = got.iter().map(Printed::fields).collect();
    let expected = [
        (
            "error",
            "content/facts/date-not-stated.md:3:11",
            "the claim says \"March 2023\", but no quote of this fact states that date",
            format!("the quotes state no date; {QUOTE_IT} \"March 2023\" out of the claim"),
        ),
        (
            "error",
            "content/facts/future-date.md:6:7",
            "the date 2032-09 is after the build date (2026-01-01)",
            "a fact records what has happened: correct the date, or set `qualifier: projected` for a figure planned or forecast for that date".to_string(),
        ),
        (
            "warning",
            "content/facts/future-date.md:6:7",
            "no quote states this date: the quotes state 2025; the date is 2032-09",
            "quote the passage that states when, correct `date:`, or remove it (a fact without a date shows when its quotes' relative times fall, or that its source is undated)".to_string(),
        ),
        (
            "error",
            "content/facts/money-as-a-count.md:5:7",
            "the quote states \"$3 billion\", which is money (USD), but the unit is `people`",
            "set `unit: USD`, or quote the passage that states the figure in this unit".to_string(),
        ),
        (
            "warning",
            "content/facts/name-not-stated.md:2:8",
            "the title names \"Kovac\", but no quote of this fact does (as any of: Anna Kovac, Kovac)",
            format!("{QUOTE_IT} \"Kovac\" out of the title"),
        ),
        (
            "warning",
            "content/facts/name-not-stated.md:3:8",
            "the claim names \"Anna Kovac\", but no quote of this fact does (as any of: Anna Kovac, Kovac)",
            format!("{QUOTE_IT} \"Anna Kovac\" out of the claim"),
        ),
        (
            "error",
            "content/facts/number-not-stated.md:2:8",
            "the title says \"Nearly 2,000\", but no quote of this fact states that number",
            format!("{QUOTE_IT} \"Nearly 2,000\" out of the title"),
        ),
        (
            "error",
            "content/facts/unit-typo.md:5:7",
            "unknown unit `peple`",
            "did you mean `people`? Otherwise declare it in content/site.yaml under `units:` (`peple: PLURAL`)".to_string(),
        ),
    ];
    let expected: Vec<(&str, &str, &str, &str)> = expected
        .iter()
        .map(|(s, l, m, h)| (*s, *l, *m, h.as_str()))
        .collect();
    assert_eq!(got, expected, "{err}");
    // The exact word is underlined in the source line.
    assert!(
        err.contains("3 | claim: In March 2023, 1,200 people left the border villages.\n  |           ^^^^^^^^^^\n"),
        "{err}"
    );
    assert!(
        err.contains("error: could not check the site: 5 errors, 3 warnings; nothing was written")
    );
}

#[test]
fn check_strict_makes_a_name_or_date_no_quote_states_an_error() {
    let (code, got, err) = run("bad-grounding", &["check", "--strict"]);
    assert_eq!(code, 1, "{err}");
    let names: Vec<&str> = got
        .iter()
        .filter(|p| p.message.contains("but no quote of this fact does"))
        .map(|p| p.severity.as_str())
        .collect();
    assert_eq!(names, ["error", "error"], "{err}");
    let date = got
        .iter()
        .find(|p| p.message.starts_with("no quote states this date"))
        .unwrap();
    assert_eq!(date.severity, "error");
}

#[test]
fn a_projected_figure_may_be_dated_in_the_future() {
    let site = copy_fixture("bad-grounding");
    let fact = site.path().join("content/facts/future-date.md");
    edit(
        &fact,
        "date: 2032-09",
        "date: 2032-09\nqualifier: projected",
    );
    let output = factsheet()
        .env("SOURCE_DATE_EPOCH", BUILD_DATE)
        .arg("check")
        .arg("--root")
        .arg(site.path())
        .output()
        .unwrap();
    let got = printed(&stderr(&output));
    assert!(
        !got.iter()
            .any(|p| p.message.contains("after the build date")),
        "{got:?}"
    );
}

fn built(site: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = build_command(&fixture(site), out.path())
        .env("SOURCE_DATE_EPOCH", BUILD_DATE)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

/// The fact `slug` as `data/facts.json` exports it.
fn exported(out: &std::path::Path, slug: &str) -> serde_json::Value {
    let json: serde_json::Value = serde_json::from_str(&read(out, "data/facts.json")).unwrap();
    json["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["slug"] == slug)
        .unwrap()
        .clone()
}

#[test]
fn relative_times_are_dated_from_the_article_and_undated_sources_say_so() {
    let (code, got, err) = run("relative-times", &["check"]);
    assert_eq!(code, 0, "{err}");
    let got: Vec<(&str, &str, &str, &str)> = got.iter().map(Printed::fields).collect();
    assert_eq!(
        got,
        [(
            "warning",
            "content/articles/undated.md:2:8",
            "1 fact relies on this article, which has no `published` date",
            "add `published:` with the date the article gives (YYYY-MM-DD); until then its relative times (\"last week\") cannot be dated, and the facts say their source is undated"
        )]
    );

    let out = built("relative-times");
    let page = |p: &str| Html::parse_document(&read(out.path(), p));
    // "last week" in an article of Thursday 10 October 2024: the week of 30 September.
    let dated = page("facts/left-villages/index.html");
    assert_eq!(
        texts(&dated, "#src-1 .times li"),
        ["\u{201c}last week\u{201d} = the week of 30 September 2024, counted from the article's date"]
    );
    assert_eq!(
        texts(&dated, ".meta .when-window"),
        ["the week of 30 September 2024 (\u{201c}last week\u{201d}, counted from the article's date)"]
    );
    // "last week" in an undated article cannot be dated.
    let undated = page("facts/checkpoints-closed/index.html");
    assert_eq!(
        texts(&undated, ".meta .when-undated"),
        ["When: not stated; the source is undated"]
    );
    assert_eq!(
        texts(&undated, "#src-1 .times li"),
        ["\u{201c}last week\u{201d}: the article is undated, so this cannot be dated"]
    );

    // The timeline places the first by its window and lists the second as undated.
    let timeline = page("timeline/index.html");
    assert_eq!(texts(&timeline, "main h2"), ["2024", "Undated"]);
    let undated_group = texts(&timeline, "section[aria-labelledby=undated] li");
    assert_eq!(undated_group.len(), 1);
    assert!(
        undated_group[0].contains("When: not stated; the source is undated")
            && undated_group[0].contains("Officials said 40 checkpoints were closed"),
        "{undated_group:?}"
    );

    // The open data says so too, in an explicit field.
    let fact = |slug: &str| exported(out.path(), slug);
    assert_eq!(fact("checkpoints-closed")["when"]["kind"], "undated");
    assert_eq!(
        fact("checkpoints-closed")["when"]["text"],
        "not stated; the source is undated"
    );
    assert_eq!(fact("left-villages")["when"]["kind"], "window");
    assert_eq!(
        fact("left-villages")["when"]["iso"],
        "2024-09-30/2024-10-06"
    );
    let csv = read(out.path(), "data/facts.csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("checkpoints-closed,"))
        .unwrap();
    assert!(row.contains(",not stated; the source is undated,"), "{row}");
}

#[test]
fn two_passages_of_one_article_are_one_source() {
    let out = built("relative-times");
    let page = |p: &str| Html::parse_document(&read(out.path(), p));
    let fact = page("facts/repeated/index.html");
    assert_eq!(
        texts(&fact, ".meta .independence"),
        ["2 passages from 1 article"]
    );
    let list = page("facts/index.html");
    assert!(
        texts(&list, ".fact-list .independence").contains(&"2 passages from 1 article".to_string())
    );
    let repeated = exported(out.path(), "repeated");
    assert_eq!(repeated["independence"]["articles"], 1);
    assert_eq!(repeated["independence"]["passages"], 2);
    // Search engines see one appearance: the article, with both passages.
    let html = read(out.path(), "facts/repeated/index.html");
    let json_ld = html
        .split("<script type=application/ld+json>")
        .nth(1)
        .or_else(|| html.split("<script type=\"application/ld+json\">").nth(1))
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let claim: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(claim["appearance"].as_array().unwrap().len(), 1);
    assert_eq!(
        claim["appearance"][0]["text"],
        "Minister Anna Kovac said last week [\u{2026}] Kovac repeated the figure in a second interview."
    );

    // check --strict counts it as a single source.
    let (_, got, _) = run("relative-times", &["check", "--strict"]);
    let single: Vec<(&str, &str)> = got
        .iter()
        .filter(|p| {
            p.message
                .starts_with("a reported fact with a single source")
        })
        .map(|p| (p.location.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        single,
        [
            (
                "content/facts/checkpoints-closed.md:6:1",
                "a reported fact with a single source"
            ),
            (
                "content/facts/repeated.md:4:1",
                "a reported fact with a single source (2 passages of one article)"
            ),
        ]
    );
}
