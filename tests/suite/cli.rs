//! The command line: help, exit statuses 0/1/2, summaries.

use crate::common::*;
use predicates::prelude::*;

#[test]
fn help_lists_the_commands_and_their_options() {
    factsheet().arg("--help").assert().success().stdout(
        predicate::str::contains("build")
            .and(predicate::str::contains("check"))
            .and(predicate::str::contains("source-cited")),
    );
    let output = factsheet().args(["build", "--help"]).output().unwrap();
    let help = stdout(&output);
    for flag in ["--root", "--output", "--base-url", "--theme"] {
        assert!(help.contains(flag), "{flag} missing from\n{help}");
    }
    let output = factsheet().args(["check", "--help"]).output().unwrap();
    assert!(stdout(&output).contains("--root"));
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["build", "--no-such-flag"][..],
        &["check", "--output", "x"][..],
    ] {
        let output = factsheet().args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_base_url_that_is_not_absolute_is_a_usage_error() {
    factsheet()
        .args(["build", "--base-url", "example.org/sheet", "--root"])
        .arg(fixture("minimal"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--base-url").and(predicate::str::contains("https://")));
}

#[test]
fn a_missing_root_is_a_usage_error() {
    let output = factsheet()
        .args(["check", "--root", "/no/such/dir"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the root folder `/no/such/dir` does not exist"));
}

#[test]
fn a_folder_without_content_is_an_error_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let output = check(dir.path());
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].message, "there is no content/ folder here");
    assert_eq!(
        got[0].help.as_deref(),
        Some("run factsheet in the site's root folder, or pass --root DIR")
    );
}

#[test]
fn check_validates_and_writes_nothing() {
    let site = copy_fixture("good");
    let output = check(site.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let counts = Counts::of(site.path());
    let line = stdout(&output);
    assert!(
        line.starts_with(&format!(
            "Checked {}: {}, {} pages render, in ",
            counts.records(),
            counts.verified(),
            counts.pages()
        )),
        "{line}"
    );
    assert!(!site.path().join("output").exists());
}

#[test]
fn build_defaults_to_output_under_the_root() {
    let site = copy_fixture("minimal");
    let output = factsheet()
        .arg("build")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.path().join("output/index.html").is_file());
    assert!(site.path().join("output/.factsheet").is_file());
}

#[test]
fn stray_and_misnamed_files_in_content_are_errors_not_silently_skipped() {
    let site = copy_fixture("minimal");
    let c = site.path().join("content");
    std::fs::write(c.join("entity.yaml"), "x:\n  name: X\n").unwrap();
    std::fs::write(c.join("facts/notes.txt"), "draft").unwrap();
    std::fs::create_dir_all(c.join("facts/2023")).unwrap();
    std::fs::write(c.join("facts/2023/old.md"), "---\ntitle: x\n---\n").unwrap();
    std::fs::write(c.join("facts/.hidden.md"), "ignored").unwrap();
    std::fs::write(c.join("facts/budget-rise.md~"), "editor backup, ignored").unwrap();
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let got: Vec<(String, String, Option<String>)> = printed(&stderr(&output))
        .into_iter()
        .map(|p| (p.location, p.message, p.help))
        .collect();
    assert_eq!(
        got,
        [
            (
                "content/entity.yaml".to_string(),
                "factsheet does not know what this is".to_string(),
                Some("did you mean `content/entities.yaml`?".to_string())
            ),
            (
                "content/facts/2023".to_string(),
                "folders inside content/ folders are not read".to_string(),
                Some("move its files up into content/facts/".to_string())
            ),
            (
                "content/facts/notes.txt".to_string(),
                "facts/ holds only Markdown files (`SLUG.md`)".to_string(),
                Some("rename it to `notes.md`".to_string())
            ),
        ]
    );
}

#[test]
fn a_missing_site_yaml_is_reported() {
    let site = copy_fixture("minimal");
    std::fs::remove_file(site.path().join("content/site.yaml")).unwrap();
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got[0].location, "content/site.yaml");
    assert_eq!(got[0].message, "the site has no settings file");
}

#[test]
fn a_theme_name_that_is_not_a_slug_is_a_usage_error() {
    factsheet()
        .args(["build", "--theme", "../x", "--root"])
        .arg(fixture("minimal"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a theme name"));
}

#[test]
fn one_quote_is_said_in_the_singular() {
    let site = fixture("minimal");
    assert_eq!(Counts::of(&site).quotes, 1, "the fixture has one quote");
    let output = check(&site);
    assert!(output.status.success(), "{}", stderr(&output));
    let line = stdout(&output);
    assert!(line.contains(": 1 quote verified, "), "{line}");
}

#[test]
fn a_closed_standard_output_is_not_a_crash() {
    // `factsheet build | head -0`: the reader is gone before the summary is written.
    let out = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("factsheet");
    let run = std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c"])
        .arg(format!(
            "\"{}\" build --root \"{}\" --output \"{}\" | (exec 0<&-; true)",
            bin.display(),
            fixture("good").display(),
            out.path().join("site").display()
        ))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!stderr(&run).contains("panicked"), "{}", stderr(&run));
    assert!(out.path().join("site/index.html").exists());
}
