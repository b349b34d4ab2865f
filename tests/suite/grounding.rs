//! Saying only what the sources say: titles, claims, dates and units checked against the
//! quotes; relative times dated from the article; undated sources said to be undated; sources
//! counted by article.

use crate::common::*;
use scraper::Html;

/// `SOURCE_DATE_EPOCH` for 1 January 2026.
const BUILD_DATE: &str = "1767225600";

fn run(site: &str, args: &[&str]) -> (i32, Vec<Printed>, String) {
    run_at(site, args, BUILD_DATE)
}

const QUOTE_IT: &str = "quote the passage that states it (an ellipsis quote can join an attribution to its statement: \"The minister told reporters ... that the budget would rise\"), or take";

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
            "warning",
            "content/facts/date-unstated.md:6:7",
            "no quote states this date: the quotes state no date; the date is 2024-09",
            "quote the passage that states when, correct `date:`, or remove it (a fact without a date shows when its quotes' relative times fall, or that its source is undated)".to_string(),
        ),
        (
            "error",
            "content/facts/future-date.md:6:7",
            "the date 2032-09 disagrees with the quotes, which state 2025",
            "correct `date:` to the date the quotes state, or quote the passage that states this one".to_string(),
        ),
        (
            "error",
            "content/facts/future-date.md:6:7",
            "the date 2032-09 is after the build date (2026-01-01)",
            "a fact records what has happened: correct the date, or set `qualifier: projected` for a figure planned or forecast for that date".to_string(),
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
        err.contains("error: could not check the site: 6 errors, 3 warnings; nothing was written")
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
        .expect("the date no quote states");
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
            "1 fact relies on this article, which has no `published`",
            "add `published:` the date the page prints (YYYY-MM-DD; until then its relative times, \"last week\", cannot be dated); if the page does not say, find it from another dated report and say how in `source_note:`"
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
    // Said once, for the group, not on every row.
    assert!(
        undated_group[0].contains("Officials said 40 checkpoints were closed")
            && !undated_group[0].contains("undated"),
        "{undated_group:?}"
    );
    assert_eq!(
        texts(&timeline, "section[aria-labelledby=undated] > p"),
        ["Neither these facts nor their sources give a date, so they are not placed above."]
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
    // A list row is short: how many sources back a fact is on its page.
    let list = page("facts/index.html");
    assert!(texts(&list, ".fact-list .independence").is_empty());
    let repeated = exported(out.path(), "repeated");
    assert_eq!(repeated["independence"]["articles"], 1);
    assert_eq!(repeated["independence"]["passages"], 2);
    // A reported fact is no one's claim: search engines get no schema.org `Claim` for it.
    let html = read(out.path(), "facts/repeated/index.html");
    assert!(!html.contains("application/ld+json"));
    // Claimed, it is Anna Kovac's, a `Person`; they see one appearance: the article, with both
    // passages.
    let site = copy_fixture("relative-times");
    edit(
        &site.path().join("content/facts/repeated.md"),
        "claim: Anna Kovac",
        "status: claimed\nclaimed_by: kovac\nclaim: Anna Kovac",
    );
    let claimed = tempfile::tempdir().unwrap();
    assert!(build(site.path(), claimed.path()).status.success());
    let html = read(claimed.path(), "facts/repeated/index.html");
    let json_ld = html
        .split("<script type=application/ld+json>")
        .nth(1)
        .or_else(|| html.split("<script type=\"application/ld+json\">").nth(1))
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let claim: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(
        claim["author"],
        serde_json::json!({"@type": "Person", "name": "Anna Kovac"})
    );
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

/// `factsheet check --root SITE` on the build date.
fn check_on_build_date(site: &std::path::Path) -> std::process::Output {
    factsheet()
        .env("SOURCE_DATE_EPOCH", BUILD_DATE)
        .args(["check", "--root"])
        .arg(site)
        .output()
        .unwrap()
}

/// The minimal fixture with its fact's `title`, `claim` and quotes (all in its article) set, and
/// the article's text `more` added: `(location, severity, message, help)` of what `check`
/// prints.
fn checked_minimal(
    title: &str,
    claim: &str,
    quotes: &[&str],
    more: &str,
) -> Vec<(String, String, String, String)> {
    let site = copy_fixture("minimal");
    let sources: String = quotes
        .iter()
        .map(|q| format!("  - article: report\n    quote: \"{q}\"\n"))
        .collect();
    put(
        site.path(),
        "content/facts/budget-rise.md",
        &format!("---\ntitle: \"{title}\"\nclaim: \"{claim}\"\nvalue: 2000000000\nunit: USD\nentities: [ministry]\nsources:\n{sources}---\n"),
    );
    let article = site.path().join("content/articles/report.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}\n{more}\n")).unwrap();
    let output = check_on_build_date(site.path());
    printed(&stderr(&output))
        .into_iter()
        .map(|p| {
            (
                p.location,
                p.severity,
                p.message,
                p.help.unwrap_or_default(),
            )
        })
        .collect()
}

const QUOTE: &str = "The ministry said the budget will rise to $2 billion next year.";

#[test]
fn a_figure_in_other_digits_a_superscript_or_a_fraction_is_read_for_what_it_is() {
    // Each reads "20" or "2.5" where the quote says $2 billion: not stated.
    for (figure, read) in [
        ("$２０ billion", "$２０ billion"),
        ("$٢٠ billion", "$٢٠ billion"),
        ("$2⁰ billion", "$2⁰ billion"),
        ("$2½ billion", "$2½ billion"),
    ] {
        let got = checked_minimal(
            "The ministry's budget",
            &format!("The ministry said its budget will rise to {figure} in 2025."),
            &[QUOTE],
            "",
        );
        assert_eq!(got.len(), 1, "{figure}: {got:?}");
        assert_eq!(
            got[0].2,
            format!("the claim says \"{read}\", but no quote of this fact states that number")
        );
        assert_eq!(got[0].1, "error");
    }
    // The same figure in other digits is the same figure.
    let same = checked_minimal(
        "The ministry's budget",
        "The ministry said its budget will rise to $２ billion in ٢٠٢٥.",
        &[QUOTE],
        "",
    );
    assert_eq!(same, []);
}

#[test]
fn a_figure_restated_in_another_unit_is_not_stated() {
    let got = checked_minimal(
        "The ministry's budget",
        "The ministry said it will build 2 billion km of roads in 2025.",
        &[QUOTE],
        "",
    );
    assert_eq!(
        got,
        [(
            "content/facts/budget-rise.md:3:41".to_string(),
            "error".to_string(),
            "the claim says \"2 billion km\", but no quote of this fact states that number"
                .to_string(),
            "the quotes state it only as \"$2 billion\" (USD): write the figure as the quote does, or quote the passage that states it as the claim does".to_string()
        )]
    );
    // A bare number where the quote gives the unit, and the other way round.
    let bare = checked_minimal(
        "The ministry's 2 billion",
        "The ministry said its budget will rise to $2 billion in 2025.",
        &[QUOTE],
        "",
    );
    assert_eq!(bare.len(), 1, "{bare:?}");
    assert_eq!(
        bare[0].2,
        "the title says \"2 billion\", but no quote of this fact states that number"
    );
    let more = "The ministry will build 400 tons of roads.";
    let tons = checked_minimal(
        "The ministry's budget",
        "The ministry said its budget will rise to $2 billion in 2025, for 400 km of roads.",
        &[QUOTE, more],
        more,
    );
    assert_eq!(tons.len(), 1, "{tons:?}");
    assert_eq!(tons[0].3, "the quotes state it only as \"400 tons\" (ton): write the figure as the quote does, or quote the passage that states it as the claim does");
}

#[test]
fn a_quote_of_a_word_or_a_mark_backs_nothing() {
    for quote in [".", ",", "a", "budget"] {
        let got = checked_minimal(
            "The ministry's budget",
            "The ministry said its budget will rise to $2 billion in 2025.",
            &[QUOTE, quote],
            "In short, a note.",
        );
        assert_eq!(got.len(), 1, "{quote}: {got:?}");
        assert_eq!(got[0].0, "content/facts/budget-rise.md:11:12");
        assert_eq!(
            got[0].2,
            format!(
                "the quote \"{quote}\" is too short to back a fact: a quote holds at least 2 words"
            )
        );
    }
    // Two words, but none of them says anything the claim says.
    let got = checked_minimal("A report", "A report appeared.", &["The ministry"], "");
    assert_eq!(
        got.iter().map(|g| g.2.as_str()).collect::<Vec<_>>(),
        [
            "no quote of this fact shares a word with its claim, so none shows that it says so",
            "no quote states this figure: $2 billion"
        ]
    );
}

#[test]
fn a_relative_time_in_the_sites_own_words_is_an_error_and_a_quoted_one_is_not() {
    let got = checked_minimal(
        "The ministry's budget next year",
        "The ministry said yesterday that its budget will rise to $2 billion next year.",
        &[QUOTE],
        "",
    );
    let said: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(at, severity, message, _)| (at.as_str(), severity.as_str(), message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            ("content/facts/budget-rise.md:2:31", "error", "the title says \"next year\", a time counted from the day it is read: on this site it would be wrong the day after"),
            ("content/facts/budget-rise.md:3:27", "error", "the claim says \"yesterday\", a time counted from the day it is read: on this site it would be wrong the day after"),
            ("content/facts/budget-rise.md:3:77", "error", "the claim says \"next year\", a time counted from the day it is read: on this site it would be wrong the day after"),
        ]
    );
    assert_eq!(
        got[0].3,
        "write the date instead: counted from its article's date, the quote's \"next year\" is 2025"
    );
    // In quotation marks it is the speaker's word; and "Russia Today" is a channel.
    let quoted = checked_minimal(
        "The ministry's budget “next year”",
        "The ministry told Russia Today that its budget will rise to $2 billion “next year”.",
        &[QUOTE, "ministry said it to Russia Today"],
        "The ministry said it to Russia Today.",
    );
    assert_eq!(quoted, []);
}

#[test]
fn an_alias_that_is_an_ordinary_word_or_another_entitys_name_is_a_warning() {
    let site = copy_fixture("minimal");
    put(
        site.path(),
        "content/entities.yaml",
        "ministry:\n  name: The ministry\n  aliases: [Ministry of Finance, budget]\ntreasury:\n  name: Treasury\n  aliases: [Ministry of Finance]\n",
    );
    // The fact is not about the ministry, and its quote says "the budget".
    edit(
        &site.path().join("content/facts/budget-rise.md"),
        "entities: [ministry]",
        "entities: []",
    );
    let output = check_on_build_date(site.path());
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let got: Vec<(String, String)> = printed(&err)
        .into_iter()
        .filter(|p| p.message.contains("alias"))
        .map(|p| (p.location, p.message))
        .collect();
    assert_eq!(
        got,
        [
            ("content/entities.yaml:3:13".to_string(), "the alias \"Ministry of Finance\" of `ministry` also names `treasury`: a title that says \"Ministry of Finance\" would be taken as naming either".to_string()),
            ("content/entities.yaml:3:34".to_string(), "the alias \"budget\" of `ministry` is an ordinary word in a quote of `budget-rise`, a fact not about it: such a quote would ground a title naming `ministry`".to_string()),
            ("content/entities.yaml:6:13".to_string(), "the alias \"Ministry of Finance\" of `treasury` also names `ministry`: a title that says \"Ministry of Finance\" would be taken as naming either".to_string()),
        ]
    );
}
