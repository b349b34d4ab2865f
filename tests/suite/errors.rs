//! Bad input: every problem is reported with its file, line and column, and what to do.

use crate::common::*;

#[test]
fn misquote_reports_line_and_closest_passage() {
    assert_errors(
        "bad-misquote",
        &[(
            "content/facts/budget.md:8:12",
            "this quote is not in article `source`",
            "the closest passage in the article is: \"The ministry said the budget will rise to $2 billion next year.\"",
        )],
    );
}

#[test]
fn unknown_references_of_every_kind_are_reported_with_the_nearest_slug() {
    assert_errors(
        "bad-references",
        &[
            (
                "content/articles/source.md:3:12",
                "unknown entity `ministry-of-defence`",
                "did you mean `ministry-of-defense`?",
            ),
            (
                "content/facts/evacuated.md:7:12",
                "unknown entity `ministry`",
                "add `ministry:` with a `name:` to content/entities.yaml",
            ),
            (
                "content/facts/evacuated.md:8:10",
                "unknown topic `evacuations`",
                "did you mean `evacuation`?",
            ),
            (
                "content/facts/evacuated.md:9:11",
                "unknown fact `budget-rise`",
                "add the fact as content/facts/budget-rise.md",
            ),
            (
                "content/facts/evacuated.md:10:14",
                "unknown fact `no-such-fact`",
                "content/facts/no-such-fact.md",
            ),
            (
                "content/facts/evacuated.md:12:14",
                "unknown article `sourse`",
                "did you mean `source`?",
            ),
        ],
    );
}

#[test]
fn yaml_syntax_errors_point_at_the_line() {
    assert_errors(
        "bad-yaml",
        &[
            (
                "content/entities.yaml:3:8",
                "YAML syntax error: a `key: value` where none can be",
                "if this is a key, indent it like the keys beside it",
            ),
            (
                "content/facts/evacuated.md:8:1",
                "YAML syntax error: found unexpected end of stream, while scanning a quoted scalar at line 3 column 8",
                "every quote closed",
            ),
        ],
    );
}

#[test]
fn unknown_keys_name_the_nearest_known_key() {
    assert_errors(
        "bad-unknown-key",
        &[
            (
                "content/entities.yaml:3:3",
                "unknown key `rol`",
                "did you mean `role`?",
            ),
            (
                "content/facts/evacuated.md:4:1",
                "unknown key `valeu`",
                "did you mean `value`?",
            ),
            (
                "content/facts/evacuated.md:7:5",
                "unknown key `qoute`",
                "did you mean `quote`?",
            ),
        ],
    );
}

#[test]
fn bad_slugs_are_reported_with_a_valid_one() {
    assert_errors(
        "bad-slug",
        &[
            (
                "content/entities.yaml:3:1",
                "`Border Villages` is not a valid slug: use lowercase letters, digits and single hyphens",
                "rename it to `border-villages`",
            ),
            (
                "content/facts/Evacuated_People.md",
                "`Evacuated_People` is not a valid slug: use lowercase letters, digits and single hyphens",
                "rename it to `evacuated-people`",
            ),
        ],
    );
}

#[test]
fn claimed_and_disputed_facts_need_claimed_by() {
    assert_errors(
        "bad-claimed",
        &[
            (
                "content/facts/budget.md:6:9",
                "a `claimed` fact needs `claimed_by`: whose assertion is it?",
                "add `claimed_by: ENTITY`",
            ),
            (
                "content/facts/evacuated.md:4:9",
                "a `disputed` fact needs `claimed_by`: whose assertion is it?",
                "add `claimed_by: ENTITY`",
            ),
        ],
    );
}

#[test]
fn comparisons_need_values_in_one_unit() {
    assert_errors(
        "bad-units",
        &[
            (
                "content/comparisons.yaml:5:7",
                "mixed units: `evacuated` is in `people` but `budget` is in `USD`",
                "same unit",
            ),
            (
                "content/comparisons.yaml:6:7",
                "fact `villages` has no `value` to compare",
                "give each fact a `value:`",
            ),
        ],
    );
}

#[test]
fn several_errors_in_several_files_are_reported_together_in_a_stable_order() {
    assert_errors(
        "bad-many",
        &[
            (
                "content/articles/source.md:3:12",
                "unknown entity `border-guard`",
                "content/entities.yaml",
            ),
            (
                "content/facts/budget.md:6:7",
                "date: `2024-13` has no month 13: months run from 01 to 12",
                "dates are YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            (
                "content/facts/evacuated.md:6:1",
                "unknown key `qualifer`",
                "did you mean `qualifier`?",
            ),
            (
                "content/facts/villages.md:6:12",
                "this quote is not in article `source`",
                "\"evacuated from the border villages\"",
            ),
        ],
    );
}

#[test]
fn a_figure_written_as_words_is_an_error_that_shows_how_to_write_it() {
    let site = copy_fixture("minimal");
    let fact = site.path().join("content/facts/budget-rise.md");
    let text = std::fs::read_to_string(&fact)
        .unwrap()
        .replace("value: 2000000000", "value: $2 billion");
    std::fs::write(&fact, text).unwrap();
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].location, "content/facts/budget-rise.md:4:8");
    assert_eq!(
        got[0].message,
        "value: the text \"$2 billion\" where a number is expected"
    );
    assert!(got[0]
        .help
        .as_deref()
        .unwrap()
        .contains("`value: 5000000000`"));
}

#[test]
fn a_failing_build_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let output = build(&fixture("bad-many"), &target);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("could not build the site: 4 errors; nothing was written"));
    assert!(!target.exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_error_names_the_template_file_and_line() {
    let site = copy_fixture("good");
    put(
        site.path(),
        "templates/fact.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ fact.title }</h1>\n{% endblock content %}\n",
    );
    let output = check(site.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let got = printed(&err);
    assert_eq!(got.len(), 1, "{err}");
    assert!(
        got[0].location.starts_with("templates/fact.html:3:"),
        "{err}"
    );
}

#[test]
fn a_template_reading_a_missing_field_fails_at_render_time_with_its_line() {
    let site = copy_fixture("good");
    put(
        site.path(),
        "templates/topic.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ topic.no_such_field }}</h1>\n{% endblock content %}\n",
    );
    let output = check(site.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let got = printed(&err);
    assert!(!got.is_empty(), "{err}");
    assert!(
        got.iter()
            .all(|p| p.location.starts_with("templates/topic.html:3:")),
        "{err}"
    );
}

#[test]
fn the_terminal_report_shows_each_source_line_underlined_with_its_fix() {
    let output = check(&fixture("bad-many"));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn a_quote_of_text_the_reader_never_sees_is_not_verified() {
    let site = copy_fixture("minimal");
    let article = site.path().join("content/articles/report.md");
    let mut text = std::fs::read_to_string(&article).unwrap();
    text.push_str("\nSee <script>var hidden = 1;</script> above.\n");
    std::fs::write(&article, text).unwrap();
    let fact = site.path().join("content/facts/budget-rise.md");
    let text = std::fs::read_to_string(&fact).unwrap().replace(
        "quote: \"The ministry said the budget will rise to $2 billion next year.\"",
        "quote: \"var hidden = 1;\"",
    );
    std::fs::write(&fact, text).unwrap();
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got.len(), 1, "{}", stderr(&output));
    assert_eq!(got[0].message, "this quote is not in article `report`");
}

#[test]
fn bad_settings_are_errors_at_their_line() {
    let site = copy_fixture("minimal");
    put(
        site.path(),
        "content/site.yaml",
        "title: T\nbase_url: \"https://\"\ntheme: ../../elsewhere\nreview_after:\n  default: 2é\n",
    );
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let got: Vec<(String, String)> = printed(&stderr(&output))
        .into_iter()
        .map(|p| (p.location, p.message))
        .collect();
    assert_eq!(
        got,
        [
            (
                "content/site.yaml:2:11".to_string(),
                "`base_url` has no host name".to_string()
            ),
            (
                "content/site.yaml:3:8".to_string(),
                "`../../elsewhere` is not a theme name".to_string()
            ),
            (
                "content/site.yaml:5:12".to_string(),
                "`2é` is not a period".to_string()
            ),
        ]
    );
}

#[test]
fn control_characters_in_a_text_field_are_errors_at_their_line_with_the_fix() {
    let site = copy_fixture("minimal");
    let fact = site.path().join("content/facts/budget-rise.md");
    // An escape in a title (which once made feed.xml unreadable while the build passed), and
    // the characters XML forbids, each in another text field.
    edit(
        &fact,
        "title: The ministry's budget",
        "title: \"The ministry\\x01s budget\"",
    );
    edit(
        &fact,
        "claim: The ministry said its budget will rise to $2 billion in 2025.",
        "claim: \"The ministry\\uFFFF said its budget will rise to $2 billion in 2025.\"",
    );
    put(
        site.path(),
        "content/entities.yaml",
        "ministry:\n  name: \"Ministry\\e\"\n",
    );
    // And the raw characters, pasted into an article's text.
    let article = site.path().join("content/articles/report.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        format!("{text}\nA pasted \u{7} bell and \u{c} feed.\n"),
    )
    .unwrap();
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let got: Vec<(String, String)> = printed(&err)
        .into_iter()
        .map(|p| (p.location, p.message))
        .collect();
    let escape = |key: &str, c: &str| {
        format!("`{key}` holds a control character ({c}), written as an escape: no page, feed or data file may hold it")
    };
    assert_eq!(
        got,
        [
            (
                "content/articles/report.md:10:10".to_string(),
                "a control character (\\x07) in the text (and 1 more in this file): no page, feed or data file may hold it".to_string()
            ),
            ("content/entities.yaml:2:9".to_string(), escape("ministry.name", "\\x1b")),
            ("content/facts/budget-rise.md:2:8".to_string(), escape("title", "\\x01")),
            ("content/facts/budget-rise.md:3:8".to_string(), escape("claim", "\\uFFFF")),
        ],
        "{err}"
    );
    assert!(
        err.contains("help: delete it: it is invisible in most editors"),
        "{err}"
    );
}

#[test]
fn content_never_reaches_the_terminal_as_control_sequences() {
    let site = copy_fixture("minimal");
    // A C1 control (CSI, which some terminals run as `ESC [`) and a right-to-left override in
    // an article: the closest passage of a misquote shows them, escaped.
    let article = site.path().join("content/articles/report.md");
    edit(
        &article,
        "The ministry said the budget",
        "The ministry said \u{9b}2J\u{202e} the budget",
    );
    // And a file name holding an escape sequence that would set the window title.
    put(
        site.path(),
        "content/facts/x\u{1b}]0;owned\u{7}.md",
        "---\ntitle: t\n---\n",
    );
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!err.contains(raw), "{raw:?} reached the terminal: {err:?}");
    }
    assert!(
        err.contains("the closest passage in the article is: \"ministry said \\x9b2J\\u202E the budget will rise to $2 billion next year.\""),
        "{err}"
    );
    assert!(
        err.contains("content/facts/x\\x1b]0;owned\\x07.md"),
        "{err}"
    );
}
