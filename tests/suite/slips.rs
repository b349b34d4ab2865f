//! The slips editors make most often, each answered with the right fix: the exact message, the
//! file, line and column, and the help, as `factsheet check` prints them. Each starts from the
//! site `factsheet init` makes and changes one thing, as an editor would.

use std::path::Path;

use crate::common::*;

const FACT: &str = "content/facts/riverton-road-budget-2024.md";

/// A new site from `factsheet init`, with `edit` applied to the text of the file at `path`.
fn starter_with(path: &str, edit: impl FnOnce(&str) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    factsheet().arg("init").arg(tmp.path()).assert().success();
    let file = tmp.path().join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    std::fs::write(&file, edit(&text)).unwrap();
    tmp
}

/// What `factsheet check` prints on stderr, expecting it to fail.
fn report(site: &Path) -> String {
    let out = factsheet()
        .args(["check", "--root"])
        .arg(site)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the check fails");
    String::from_utf8(out.stderr).unwrap()
}

/// The problems of a report, each as `(level: message, location, help)`, in the order shown.
fn problems(report: &str) -> Vec<(String, String, String)> {
    report
        .split("\n\n")
        .filter(|block| !block.starts_with("error: could not"))
        .filter_map(|block| {
            let mut lines = block.lines();
            let head = lines.next()?.to_string();
            let location = lines
                .clone()
                .find_map(|l| l.trim_start().strip_prefix("--> "))
                .unwrap_or("")
                .to_string();
            let help = lines
                .find_map(|l| l.strip_prefix("help: "))
                .unwrap_or("")
                .to_string();
            Some((head, location, help))
        })
        .collect()
}

/// The one problem of a report.
fn one(report: &str) -> (String, String, String) {
    let found = problems(report);
    assert_eq!(found.len(), 1, "one problem: {report}");
    found.into_iter().next().unwrap()
}

/// An edit that replaces the first `from` of a file with `to`.
fn replace(from: &'static str, to: &'static str) -> impl FnOnce(&str) -> String {
    move |text: &str| {
        assert!(text.contains(from), "{from:?} is in the starter file");
        text.replacen(from, to, 1)
    }
}

#[test]
fn a_deleted_sources_line_is_a_missing_key_above_the_list() {
    let site = starter_with(FACT, replace("sources:\n", ""));
    assert_eq!(
        one(&report(site.path())),
        (
            "error: YAML syntax error: a list with no key above it".into(),
            format!("{FACT}:8:3"),
            "a key is missing on the line above this `- ` item (most likely `sources:`); the keys that take a list here are `entities:`, `range:`, `related:`, `sources:` and `topics:`".into(),
        )
    );
}

#[test]
fn keys_from_other_generators_are_answered_by_meaning_with_the_files_keys() {
    let site = starter_with(FACT, replace("topics: [budgets]", "tags: [budgets]"));
    let (message, at, help) = one(&report(site.path()));
    assert_eq!(
        (message.as_str(), at),
        ("error: unknown key `tags`", format!("{FACT}:7:1"))
    );
    assert!(
        help.starts_with("did you mean `topics`? The keys here are: title, claim, "),
        "{help}"
    );
    let site = starter_with(
        "content/articles/riverton-road-budget.md",
        replace("published: 2024-11-05", "date_published: 2024-11-05"),
    );
    let (message, _, help) = one(&report(site.path()));
    assert_eq!(message, "error: unknown key `date_published`");
    assert!(help.starts_with("did you mean `published`?"), "{help}");
}

#[test]
fn a_value_by_meaning_is_answered_with_the_allowed_one() {
    let site = starter_with(
        FACT,
        replace("unit: USD\n", "unit: USD\nqualifier: approximately\n"),
    );
    assert_eq!(
        one(&report(site.path())),
        (
            "error: qualifier: `approximately` is not one of the values allowed here".into(),
            format!("{FACT}:6:12"),
            "did you mean `about`? The values allowed here are: exact, about, nearly, over, under, at-least, up-to, projected, planned, estimated".into(),
        )
    );
}

#[test]
fn a_currency_name_as_unit_is_said_once_first_and_its_consequence_points_to_it() {
    let site = starter_with(FACT, replace("unit: USD", "unit: dollars"));
    let found = problems(&report(site.path()));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0],
        (
            "error: `dollars` is money: write `unit: USD`".into(),
            format!("{FACT}:5:7"),
            "a currency is written as its ISO 4217 code (`USD`; `CAD`, `AUD`… for other dollars) or its symbol (`$`, `€`, `£`), so its figures print as money".into(),
        )
    );
    assert_eq!(
        found[1].0,
        format!("error: mixed units: `riverton-road-budget-2025` is in `USD` but `riverton-road-budget-2024` is in `dollars` (because of the problem at {FACT}:5:7)")
    );
    assert_eq!(
        (found[1].1.as_str(), found[1].2.as_str()),
        (
            "content/comparisons.yaml:4:38",
            "correct that fact's `unit:`: this comparison needs no change"
        )
    );
}

#[test]
fn a_file_in_windows_1252_is_placed_at_its_first_bad_byte_with_what_it_stands_for() {
    let site = starter_with(FACT, |text| {
        text.replace("Riverton's road", "Riverton\u{2019}s road")
    });
    let file = site.path().join(FACT);
    let bytes = std::fs::read(&file).unwrap();
    let windows: Vec<u8> = String::from_utf8(bytes)
        .unwrap()
        .replace('\u{2019}', "\u{92}")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    std::fs::write(&file, windows).unwrap();
    let report = report(site.path());
    assert_eq!(
        one(&report),
        (
            "error: the file is not UTF-8 text: byte 0x92 here is not UTF-8, which is `’` in Windows-1252, the usual encoding of such files".into(),
            format!("{FACT}:2:16"),
            format!("save the file as UTF-8 (in most editors: Save with Encoding → UTF-8), or convert it: `iconv -f WINDOWS-1252 -t UTF-8 {FACT} > converted && mv converted {FACT}`"),
        )
    );
    assert!(
        report.contains("2 | title: Riverton\u{fffd}s road repair budget in 2024"),
        "{report}"
    );
}

#[test]
fn a_date_the_quotes_contradict_is_an_error_and_one_they_do_not_state_a_warning() {
    let site = starter_with(FACT, replace("unit: USD\n", "unit: USD\ndate: 2022\n"));
    assert_eq!(
        one(&report(site.path())),
        (
            "error: the date 2022 disagrees with the quotes, which state \"this year\" (1 January – 5 November 2024)".into(),
            format!("{FACT}:6:7"),
            "correct `date:` to the date the quotes state, or quote the passage that states this one".into(),
        )
    );
    // Quotes that state no date at all: a warning, and the site builds.
    let site = starter_with("content/facts/main-streets.md", |_| {
        "---\ntitle: Council members said the money would go to the main streets\nclaim: Council members said the money would pay for repairs on the city's main streets.\ndate: 2022\nsources:\n  - article: riverton-road-budget\n    quote: \"Council members said the money would pay for repairs on the city's main streets\"\n---\n".into()
    });
    let out = factsheet()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.starts_with("warning: no quote states this date: the quotes state no date; the date is 2022\n --> content/facts/main-streets.md:4:7\n"),
        "{stderr}"
    );
}

#[test]
fn a_yaml_file_among_the_facts_is_told_to_become_markdown_with_front_matter() {
    let site = starter_with("content/facts/x.yaml", |_| "title: x\nclaim: y\n".into());
    assert_eq!(
        one(&report(site.path())),
        (
            "error: facts/ holds only Markdown files (`SLUG.md`)".into(),
            "content/facts/x.yaml".into(),
            "fact files are Markdown with front matter: rename it to `x.md` and put its YAML between two `---` lines at the top".into(),
        )
    );
}

#[test]
fn a_quote_with_a_typo_shows_the_words_that_differ() {
    let site = starter_with(FACT, replace("up from $9 million", "up from $9 milion"));
    assert_eq!(
        one(&report(site.path())),
        (
            "error: this quote is not in article `riverton-road-budget`".into(),
            format!("{FACT}:10:12"),
            "the closest passage in the article is: \"up from $9 million this year\"; the quote differs at \"milion\" where the article has \"million\"".into(),
        )
    );
}

/// The entity names of this repository's own sheet (`name:` in its `entities.yaml`), which no
/// message may quote on another site.
fn repository_names() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("content/entities.yaml")).unwrap();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("name: "))
        .map(|n| n.trim_matches('"').to_string())
        .collect()
}

#[test]
fn no_message_on_another_site_quotes_this_repositorys_sheet() {
    let names = repository_names();
    assert!(names.iter().any(|n| n == "Ilham Aliyev"), "{names:?}");
    let slips = [
        ("up from $9 million", "up from $8 million"),
        (
            "Riverton's road repair budget in 2024 is",
            "In March 2023, Riverton's budget was",
        ),
        (
            "entities: [riverton-council]",
            "entities: [riverton-council]\nsourcing: anonymous",
        ),
        ("value: 9000000", "value: 9500000"),
        ("unit: USD", "unit: dollars"),
    ];
    let mut reports: Vec<String> = slips
        .into_iter()
        .map(|(from, to)| report(starter_with(FACT, replace(from, to)).path()))
        .collect();
    // And every fixture site made to fail, none of which names this sheet's entities.
    for entry in std::fs::read_dir(repo().join("tests/sites")).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("bad-")
        {
            reports.push(report(&path));
        }
    }
    for report in &reports {
        for name in &names {
            assert!(!report.contains(name.as_str()), "{name} in: {report}");
        }
    }
}
