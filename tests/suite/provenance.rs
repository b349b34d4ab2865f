//! Provenance: who published a source, when and where; who asserts a fact and who reports
//! that they did; responses labelled as responses; when, in every place a fact appears; and
//! comparisons that may not compute a ratio.

use crate::common::*;
use scraper::Html;

/// `SOURCE_DATE_EPOCH` for 15 June 2025.
const JUNE_2025: &str = "1750000000";

/// An article of the `good` fixture's site that reprints another outlet's report, with a note
/// a reader must know.
const WIRE: &str = "---\ntitle: Ministry confirms the talks\npublisher: Valley Radio\npublished: 2020-08-13\nurl: https://example.org/wire\nvia: Northern Wire\nsource_note: The page prints no date; dated by Northern Wire's report of the same day.\n---\n\nThe Northern Wire reported that President North said the talks would resume, citing two people familiar with the call.\n\nSouthland said in a statement that the talks had never stopped.\n";

/// A copy of the `good` site with the article above.
fn with_wire() -> tempfile::TempDir {
    let site = copy_fixture("good");
    put(site.path(), "content/articles/wire.md", WIRE);
    put(
        site.path(),
        "content/entities.yaml",
        &(std::fs::read_to_string(site.path().join("content/entities.yaml")).unwrap()
            + "northern-wire:\n  name: Northern Wire\n  kind: organization\n"),
    );
    site
}

/// A fact of the wire article: North's words, known through the Northern Wire's anonymous
/// sources.
const TALKS: &str = "---\ntitle: The Northern Wire reported that President North said the talks would resume\nclaim: The Northern Wire reported, citing two people familiar with the call, that President North said the talks would resume.\nstatus: claimed\nclaimed_by: president-north\nreported_by: northern-wire\nsourcing: anonymous\nsources:\n  - article: wire\n    quote: The Northern Wire reported that President North said the talks would resume, citing two people familiar with the call.\n---\n";

fn built(site: &std::path::Path) -> tempfile::TempDir {
    built_with(site, &[])
}

/// The site built on 15 June 2025 with the extra arguments `args`.
fn built_with(site: &std::path::Path, args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = factsheet()
        .env("SOURCE_DATE_EPOCH", JUNE_2025)
        .args(["build", "--root"])
        .arg(site)
        .args(args)
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

fn page(out: &tempfile::TempDir, path: &str) -> Html {
    Html::parse_document(&read(out.path(), path))
}

/// The text of the first element `css` selects, its runs of white space made one space.
fn first(doc: &Html, css: &str) -> String {
    let found = texts(doc, css);
    let text = found.first().unwrap_or_else(|| panic!("no {css}"));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_articles_via_and_source_note_are_shown_on_it_and_on_every_citation_and_exported() {
    let site = with_wire();
    put(site.path(), "content/facts/talks.md", TALKS);
    let out = built(site.path());
    let article = page(&out, "articles/wire/index.html");
    assert_eq!(
        first(&article, ".citation"),
        "\u{201c}Ministry confirms the talks.\u{201d} Valley Radio, 13 August 2020, via Northern Wire."
    );
    assert_eq!(
        first(&article, "aside.source-caveat"),
        "About this source: The page prints no date; dated by Northern Wire's report of the same day."
    );
    let fact = page(&out, "facts/talks/index.html");
    assert_eq!(
        first(&fact, ".sources .cite .credit"),
        "Valley Radio, 13 August 2020, via Northern Wire"
    );
    assert_eq!(
        first(&fact, ".sources .source-caveat"),
        "About this source: The page prints no date; dated by Northern Wire's report of the same day."
    );
    let feed = read(out.path(), "feed.xml");
    assert!(feed.contains("Source: Valley Radio, 13 August 2020, via Northern Wire.</summary>"));
    let csv = read(out.path(), "data/facts.csv");
    let row = csv.lines().find(|l| l.starts_with("talks,")).unwrap();
    assert!(row.ends_with(",anonymous,true,Northern Wire,,The page prints no date; dated by Northern Wire's report of the same day."), "{row}");
    let evidence: serde_json::Value =
        serde_json::from_str(&read(out.path(), "data/evidence.json")).unwrap();
    let wire = evidence["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "wire")
        .unwrap();
    assert_eq!(wire["provenance"]["via"], "Northern Wire");
    assert_eq!(wire["provenance"]["published"], "2020-08-13");
}

#[test]
fn a_claim_known_through_anonymous_sources_is_led_by_its_reporter_everywhere() {
    let site = with_wire();
    put(site.path(), "content/facts/talks.md", TALKS);
    let out = built(site.path());
    let label = "Northern Wire reported, from anonymous sources, a claim by President North";
    let fact = page(&out, "facts/talks/index.html");
    assert_eq!(first(&fact, ".speaker"), label);
    assert_eq!(first(&fact, ".meta .status"), label);
    assert_eq!(
        select(&fact, ".speaker a")
            .iter()
            .map(|a| a.value().attr("href").unwrap())
            .collect::<Vec<_>>(),
        [
            "../../entities/northern-wire/",
            "../../entities/president-north/"
        ]
    );
    let list = page(&out, "facts/index.html");
    assert!(texts(&list, ".status").contains(&label.to_string()));
    let json: serde_json::Value =
        serde_json::from_str(&read(out.path(), "data/facts.json")).unwrap();
    let talks = json["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["slug"] == "talks")
        .unwrap();
    assert_eq!(talks["status_label"], label);
    assert_eq!(talks["reported_by"]["slug"], "northern-wire");
    // Search engines: the speaker is the Claim's author, the reporter each appearance's
    // publisher, the page's own outlet its provider.
    let html = read(out.path(), "facts/talks/index.html");
    let json_ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|r| r.split("</script>").next())
        .unwrap();
    let claim: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(
        claim["author"],
        serde_json::json!({"@type": "Person", "name": "President North"})
    );
    assert_eq!(
        claim["appearance"][0]["publisher"],
        serde_json::json!({"@type": "Organization", "name": "Northern Wire"})
    );
    assert_eq!(claim["appearance"][0]["provider"]["name"], "Valley Radio");

    // On the record, the speaker leads and the reporter follows.
    edit(
        &site.path().join("content/facts/talks.md"),
        "sourcing: anonymous\n",
        "",
    );
    let out = built(site.path());
    let fact = page(&out, "facts/talks/index.html");
    assert_eq!(
        first(&fact, ".meta .status"),
        "Claim by President North, as reported by Northern Wire"
    );
}

#[test]
fn a_reporter_no_quote_names_is_a_warning_an_error_under_strict_and_sourcing_needs_both_names() {
    let site = with_wire();
    put(
        site.path(),
        "content/facts/talks.md",
        &TALKS.replace(
            "quote: The Northern Wire reported that President North said the talks would resume, citing two people familiar with the call.",
            "quote: President North said the talks would resume",
        )
        .replace("title: The Northern Wire reported that", "title: It was reported that")
        .replace("claim: The Northern Wire reported, citing two people familiar with the call, that", "claim: It was reported that"),
    );
    let output = check(site.path());
    let got = printed(&stderr(&output));
    let found: Vec<(&str, &str, &str)> = got
        .iter()
        .filter(|p| p.location.starts_with("content/facts/talks.md"))
        .map(|p| (p.severity.as_str(), p.location.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "warning",
            "content/facts/talks.md:6:14",
            "no quote of this fact names the entity that `reported_by` names (as any of: Northern Wire)"
        )]
    );
    let strict = factsheet()
        .args(["check", "--strict", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert!(errors_at(&printed(&stderr(&strict))).contains(&(
        "content/facts/talks.md:6:14",
        "no quote of this fact names the entity that `reported_by` names (as any of: Northern Wire)"
    )));
    // `sourcing:` says how a speaker's words reached a reporter: both must be named.
    put(
        site.path(),
        "content/facts/talks.md",
        &TALKS.replace(
            "claimed_by: president-north\nreported_by: northern-wire\n",
            "claimed_by: president-north\n",
        ),
    );
    let got = printed(&stderr(&check(site.path())));
    assert_eq!(
        errors_at(&got),
        [(
            "content/facts/talks.md:6:11",
            "`sourcing: anonymous` needs `reported_by:`, the outlet or person whose report the assertion is known from"
        )]
    );
}

#[test]
fn a_response_is_labelled_a_response_and_a_circle_a_self_answer_or_an_answered_report_is_an_error()
{
    let site = copy_fixture("good");
    // The claim now answers the denial, which answers it: a circle.
    edit(
        &site.path().join("content/facts/supplies-claim.md"),
        "claimed_by: north-officials\n",
        "claimed_by: north-officials\nresponds_to: supplies-denial\n",
    );
    // A fact answering a reported fact, which is no one's claim.
    put(
        site.path(),
        "content/facts/answer-to-a-report.md",
        "---\ntitle: Southland said it received no supplies\nclaim: Southland denied receiving any supplies.\nstatus: claimed\nclaimed_by: southland\nresponds_to: displaced\nsources:\n  - article: displacement-report\n    quote: Southland denied receiving any supplies.\n---\n",
    );
    // And one answering itself.
    put(
        site.path(),
        "content/facts/self-answer.md",
        "---\ntitle: Southland said it received no supplies\nclaim: Southland denied receiving any supplies.\nstatus: claimed\nclaimed_by: southland\nresponds_to: self-answer\nsources:\n  - article: displacement-report\n    quote: Southland denied receiving any supplies.\n---\n",
    );
    let got = printed(&stderr(&check(site.path())));
    assert_eq!(
        errors_at(&got),
        [
            (
                "content/facts/answer-to-a-report.md:6:14",
                "`displaced` is a reported fact, not a claim: a response answers a claim or another response"
            ),
            ("content/facts/self-answer.md:6:14", "a fact cannot respond to itself"),
            (
                "content/facts/supplies-claim.md:9:14",
                "these facts answer each other in a circle: supplies-claim -> supplies-denial -> supplies-claim"
            ),
            (
                "content/facts/supplies-denial.md:6:14",
                "these facts answer each other in a circle: supplies-denial -> supplies-claim -> supplies-denial"
            ),
        ]
    );
}

#[test]
fn every_fact_starts_with_when_and_an_old_one_is_marked_historical() {
    let site = with_wire();
    put(site.path(), "content/facts/talks.md", TALKS);
    // A fact dated by its `date:`, reported later.
    edit(
        &site.path().join("content/facts/supplies-denial.md"),
        "claimed_by: southland\n",
        "claimed_by: southland\ndate: 2023-09\n",
    );
    let out = built(site.path());
    let talks = page(&out, "facts/talks/index.html");
    // The date of the report: the words may have been said before it.
    assert_eq!(
        first(&talks, ".meta"),
        "reported on 13 August 2020 · Northern Wire reported, from anonymous sources, a claim by President North Historical · single source"
    );
    let denial = page(&out, "facts/supplies-denial/index.html");
    assert_eq!(
        first(&denial, ".meta"),
        "September 2023 · reported 30 September 2023 · Response by Southland · single source"
    );
    let list = page(&out, "facts/index.html");
    let kickers = texts(&list, ".fact-item .fact-status");
    assert!(
        kickers.iter().all(|k| !k.starts_with("Reported")
            && !k.starts_with("Claim")
            && !k.starts_with("When: not stated")),
        "every entry starts with when: {kickers:?}"
    );
    // `historical_after` in site.yaml: 5 years, and the 2020 report is not historical in 2025.
    let settings = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{text}historical_after: 5\n")).unwrap();
    let out = built(site.path());
    assert!(select(&page(&out, "facts/talks/index.html"), ".status-historical").is_empty());
}

#[test]
fn ratio_false_leaves_no_ratio_anywhere_and_puts_the_note_before_the_figures() {
    let site = copy_fixture("good");
    let comparisons = site.path().join("content/comparisons.yaml");
    edit(
        &comparisons,
        "  note: Both figures are plans.\n",
        "  note: The two budgets may not cover the same spending.\n  ratio: false\n",
    );
    let brief = built_with(site.path(), &["--theme", "brief"]);
    let out = built(site.path());
    for (path, bytes) in files(out.path()).into_iter().chain(files(brief.path())) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("\u{d7} the smallest") && !text.contains("\"ratio\":2"),
            "{path} sets the budgets against each other"
        );
    }
    let doc = page(&out, "comparisons/budgets-2025/index.html");
    let caption = first(&doc, "figcaption");
    assert_eq!(
        caption,
        "Defense budgets for 2025 2 figures compared, in USD. Note: The two budgets may not cover the same spending."
    );
    // Without a note, `ratio: false` is an error at its line.
    edit(
        &comparisons,
        "  note: The two budgets may not cover the same spending.\n",
        "",
    );
    let got = printed(&stderr(&check(site.path())));
    assert_eq!(
        errors_at(&got),
        [(
            "content/comparisons.yaml:4:10",
            "`ratio: false` needs a `note:` saying why these figures are not set against each other"
        )]
    );
}

#[test]
fn impossible_dates_are_errors_and_strict_requires_publisher_date_and_address() {
    let site = copy_fixture("good");
    let article = site.path().join("content/articles/budget-report.md");
    edit(&article, "accessed: 2024-11-06", "accessed: 2024-11-01");
    let got = printed(&stderr(&check(site.path())));
    assert_eq!(
        errors_at(&got),
        [(
            "content/articles/budget-report.md:5:12",
            "`published` (2024-11-05) is after `accessed` (2024-11-01): the page cannot have been read before it was published"
        )]
    );
    edit(&article, "accessed: 2024-11-01", "accessed: 2024-11-06");
    let (code, got, _) = run_on(site.path(), &["check"], "1700000000");
    assert_eq!(code, 1);
    assert_eq!(
        errors_at(&got),
        [(
            "content/articles/budget-report.md:5:12",
            "`published` (2024-11-05) is after the build date (2023-11-14)"
        )]
    );
    // Under --strict, an article with no publisher, date or address stops the build.
    let report = site.path().join("content/articles/displacement-report.md");
    edit(&report, "publisher: Valley Radio\n", "");
    edit(
        &report,
        "url: https://example.org/good/displacement-report\n",
        "",
    );
    let plain = printed(&stderr(&check(site.path())));
    assert!(plain.iter().any(|p| p.severity == "warning"
        && p.location == "content/articles/displacement-report.md:2:8"
        && p.message == "4 facts rely on this article, which has no `publisher` or `url`"));
    let (code, got, _) = run_on(site.path(), &["check", "--strict"], "1800000000");
    assert_eq!(code, 1);
    assert!(errors_at(&got).contains(&(
        "content/articles/displacement-report.md:2:8",
        "4 facts rely on this article, which has no `publisher` or `url`"
    )));
}
