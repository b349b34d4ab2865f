//! Careless and hostile input: no hang, nothing read or published from outside the site,
//! nothing skipped without a word.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use crate::common::*;

/// Runs `factsheet ARGS` and gives it a minute: a hang fails the test instead of stopping it.
fn run(args: &[&str], path: &Path) -> (Option<i32>, Vec<Printed>, String) {
    let output = run_timed(args, path);
    let err = stderr(&output);
    (output.status.code(), printed(&err), err)
}

const NOT_REGULAR: &str = "not a regular file (a FIFO, a socket or a device): it is not read";
const LINK_OUT: &str =
    "a symbolic link to something outside the site, or to nothing: it is not read";

#[test]
fn fifos_and_devices_are_errors_at_their_path_not_hangs() {
    let site = copy_fixture("minimal");
    let root = site.path();
    mkfifo(&root.join("content/facts/waiting.md"));
    symlink("/dev/zero", root.join("content/articles/zeros.md")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    mkfifo(&root.join("static/pipe"));
    let (code, got, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [
            ("content/articles/zeros.md", LINK_OUT),
            ("content/facts/waiting.md", NOT_REGULAR),
            ("static/pipe", NOT_REGULAR),
        ],
        "{err}"
    );
}

#[test]
fn links_out_of_the_site_are_refused_and_never_quoted() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "SECRET LINE FROM OUTSIDE THE SITE";
    put(outside.path(), "article.md", &format!("{secret}\n"));
    put(outside.path(), "theme/templates/base.html", secret);
    let site = copy_fixture("minimal");
    let root = site.path();
    symlink(
        outside.path().join("article.md"),
        root.join("content/articles/borrowed.md"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("themes")).unwrap();
    symlink(outside.path().join("theme"), root.join("themes/outside")).unwrap();
    let settings = root.join("content/site.yaml");
    let yaml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{yaml}theme: outside\n")).unwrap();
    let (code, got, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [
            ("content/articles/borrowed.md", LINK_OUT),
            (
                "themes/outside/templates",
                "a symbolic link to a folder outside the site: nothing in it is read"
            ),
        ],
        "{err}"
    );
    assert!(!err.contains(secret), "{err}");

    // A link that stays inside the site is followed.
    std::fs::write(&settings, yaml).unwrap();
    std::fs::remove_file(root.join("content/articles/borrowed.md")).unwrap();
    put(
        root,
        "sources/report.md",
        &std::fs::read_to_string(root.join("content/articles/report.md")).unwrap(),
    );
    std::fs::remove_file(root.join("content/articles/report.md")).unwrap();
    symlink(
        root.join("sources/report.md"),
        root.join("content/articles/report.md"),
    )
    .unwrap();
    let (code, _, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_file_over_its_size_limit_is_an_error() {
    let site = copy_fixture("minimal");
    put(
        site.path(),
        "templates/huge.html",
        &"<p>x</p>".repeat((1 << 20) / 8 + 1),
    );
    let (code, got, err) = run(&["check", "--root"], site.path());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "templates/huge.html",
            "the file is larger than 1 MiB, the most a template may be"
        )]
    );
}

#[test]
fn verify_reads_only_regular_files_inside_the_built_site() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(build(&fixture("minimal"), &site).status.success());
    let text = site.join("data/articles/report.txt");
    std::fs::remove_file(&text).unwrap();
    symlink("/etc/passwd", &text).unwrap();
    let (code, got, err) = run(&["verify"], &site);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(errors_at(&got)[0], ("data/articles/report.txt", LINK_OUT));
    assert!(!err.contains("root:"), "{err}");

    // A linked folder on the way out: the bundle names a file under it, with its right hash.
    let outside = out.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let built = tempfile::tempdir().unwrap();
    assert!(build(&fixture("minimal"), built.path()).status.success());
    std::fs::copy(
        built.path().join("data/articles/report.txt"),
        outside.join("report.txt"),
    )
    .unwrap();
    std::fs::remove_file(&text).unwrap();
    symlink(&outside, site.join("data/articles/elsewhere")).unwrap();
    let bundle = site.join("data/evidence.json");
    let json = std::fs::read_to_string(&bundle).unwrap().replace(
        "\"data/articles/report.txt\"",
        "\"data/articles/elsewhere/report.txt\"",
    );
    std::fs::write(&bundle, json).unwrap();
    let (code, got, err) = run(&["verify"], &site);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "data/articles/elsewhere/report.txt",
            "reached through a symbolic link to a folder outside the site: it is not read"
        )]
    );

    std::fs::remove_file(&bundle).unwrap();
    mkfifo(&bundle);
    let (code, got, err) = run(&["verify"], &site);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "data/evidence.json",
            "cannot read the evidence bundle: not a regular file (a FIFO, a socket or a device): it is not read"
        )]
    );
}

#[test]
fn deeply_nested_yaml_is_an_error_at_its_line_not_a_crash() {
    let site = copy_fixture("minimal");
    let root = site.path();
    let fact = |body: &str| {
        format!("---\ntitle: t\nclaim: c\n{body}\nsources:\n  - article: report\n    quote: The ministry\n---\n")
    };
    let deep_list = format!("entities: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    put(root, "content/facts/deep-list.md", &fact(&deep_list));
    let dashes = format!("related:\n  {}x", "- ".repeat(100_000));
    put(root, "content/facts/dashes.md", &fact(&dashes));
    let deep_map = format!(
        "title: Deep\nkey_figures: {}{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    put(root, "content/site.yaml", &deep_map);
    let (code, got, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(1), "{err}");
    let deep = "the YAML is nested deeper than 64 levels";
    assert_eq!(
        errors_at(&got),
        [
            ("content/facts/dashes.md:5:1", deep),
            ("content/facts/deep-list.md:4:1", deep),
            ("content/site.yaml:2:1", deep),
        ],
        "{err}"
    );
}

#[test]
fn a_long_flow_list_on_one_line_is_read_in_one_pass() {
    let site = copy_fixture("minimal");
    let fact = site.path().join("content/facts/budget-rise.md");
    let many = format!("entities: [{}]", vec!["ministry"; 500_000].join(", "));
    edit(&fact, "entities: [ministry]", &many);
    let (code, _, err) = run(&["check", "--root"], site.path());
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_file_and_an_empty_file_is_called_empty() {
    let site = copy_fixture("minimal");
    let root = site.path();
    for rel in [
        "content/site.yaml",
        "content/entities.yaml",
        "content/topics.yaml",
        "content/facts/budget-rise.md",
        "content/articles/report.md",
    ] {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        std::fs::write(root.join(rel), format!("\u{feff}{text}")).unwrap();
    }
    let (code, _, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(0), "{err}");
    put(root, "content/facts/empty.md", "");
    let (code, got, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "content/facts/empty.md:1:1",
            "the file is empty: it needs front matter, a `---` line, the YAML and another `---` line"
        )]
    );
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised() {
    let site = copy_fixture("minimal");
    let fact = site.path().join("content/facts/budget-rise.md");
    edit(
        &fact,
        "title: The ministry's budget",
        "title: \"@The ministry's budget\"",
    );
    edit(
        &fact,
        "claim: The ministry said",
        "claim: \"=The ministry said",
    );
    edit(&fact, "in 2025.\n", "in 2025.\"\n");
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = read(out.path(), "data/facts.csv");
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.contains(",'@The ministry's budget,'=The ministry said its budget will rise to $2 billion in 2025.,"),
        "{row}"
    );
}

#[test]
fn a_base_url_with_a_query_or_fragment_is_refused() {
    let out = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("minimal"), out.path())
        .args(["--base-url", "https://example.org/a?x=1#frag"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("has a query or a fragment (`?…` or `#…`): give the site's address only"),
        "{}",
        stderr(&output)
    );
    let site = copy_fixture("minimal");
    put(
        site.path(),
        "content/site.yaml",
        "title: T\nbase_url: https://example.org/#top\n",
    );
    let (code, got, err) = run(&["check", "--root"], site.path());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "content/site.yaml:2:11",
            "`base_url` has a query or a fragment (`?…` or `#…`): give the site's address only"
        )]
    );
}

#[test]
fn a_base_url_with_a_password_or_a_backslash_is_refused() {
    const USERINFO: &str = "has a user name or password before the host (`user:pass@`), which would be published on every page that links it: give the address without them";
    const BACKSLASH: &str = "contains a backslash (`\\`), which browsers read as `/`: write `/`";
    for (url, problem) in [
        ("https://user:pass@example.org/", USERINFO),
        ("https://trusted.example@evil.example/sheet/", USERINFO),
        ("https://evil.example\\@trusted.example/", BACKSLASH),
        ("https://example.org\\sheet/", BACKSLASH),
    ] {
        let out = tempfile::tempdir().unwrap();
        let output = build_command(&fixture("minimal"), out.path())
            .args(["--base-url", url])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{url}");
        let err = stderr(&output);
        assert!(err.contains(&format!("`{url}` {problem}")), "{url}: {err}");
        assert!(!out.path().join("index.html").exists());
        let site = copy_fixture("minimal");
        put(
            site.path(),
            "content/site.yaml",
            &format!("title: T\nbase_url: '{url}'\n"),
        );
        let (code, got, err) = run(&["check", "--root"], site.path());
        assert_eq!(code, Some(1), "{err}");
        let expected = format!("`base_url` {problem}");
        assert_eq!(
            errors_at(&got),
            [("content/site.yaml:2:11", expected.as_str())]
        );
    }
    // An `@` after the host, in a path, is not a user name.
    let out = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("minimal"), out.path())
        .args(["--base-url", "https://example.org/@desk/"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn short_flags_work_as_zola_and_hugo_users_type_them() {
    let out = tempfile::tempdir().unwrap();
    let output = factsheet()
        .args(["build", "-r"])
        .arg(fixture("minimal"))
        .arg("-o")
        .arg(out.path())
        .args(["-u", "https://example.org/sheet/"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(read(out.path(), "sitemap.xml").contains("https://example.org/sheet/facts/"));
}

#[test]
fn raw_html_cannot_hide_a_quoted_passage_or_take_a_citation_anchor() {
    let site = copy_fixture("minimal");
    let root = site.path();
    let article = root.join("content/articles/report.md");
    edit(
        &article,
        "The ministry said the budget will rise to $2 billion next year.",
        "<b id=\"q-budget-rise-1\">A decoy.</b> <span class=\"visually-hidden\" style=\"display:none\" hidden>The ministry said the budget will rise to $2 billion next year.</span>",
    );
    put(
        root,
        "content/facts/heading.md",
        "---\ntitle: A decoy\nclaim: A decoy.\nsources:\n  - article: report\n    quote: A decoy.\n---\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = build(root, out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(out.path(), "articles/report/index.html");
    assert_eq!(
        page.matches("id=q-budget-rise-1").count() + page.matches("id=\"q-budget-rise-1\"").count(),
        1,
        "{page}"
    );
    for hiding in ["visually-hidden", "display:none"] {
        assert!(!page.contains(hiding), "{hiding} in {page}");
    }
    // Only the engine's own landing notes (shown when a citation leads to their passage) are
    // hidden.
    let doc = scraper::Html::parse_document(&page);
    for hidden in select(&doc, "[hidden]") {
        assert_eq!(hidden.value().attr("class"), Some("landing"), "{page}");
    }
}

#[test]
fn a_negative_figure_is_read_as_the_source_states_it_and_a_huge_one_is_refused() {
    let site = copy_fixture("minimal");
    let root = site.path();
    let article = root.join("content/articles/report.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}\nThe night fell to -3 degrees.\n\nIt counted 100000000000000000000000000000000000000000000000000 stars.\n")).unwrap();
    put(
        root,
        "content/facts/cold.md",
        "---\ntitle: The coldest night\nclaim: The night fell to -3 degrees.\nvalue: -3\nunit: degrees\nsources:\n  - article: report\n    quote: The night fell to -3 degrees.\n---\n",
    );
    let (code, _, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(0), "{err}");
    put(
        root,
        "content/facts/stars.md",
        "---\ntitle: Stars\nclaim: It counted many stars.\nvalue: 1e50\nsources:\n  - article: report\n    quote: It counted 100000000000000000000000000000000000000000000000000 stars.\n---\n",
    );
    let (code, got, err) = run(&["check", "--root"], root);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "content/facts/stars.md:4:8",
            "the figure is larger than 9,007,199,254,740,992, the largest a figure can be kept exactly"
        )]
    );
}

#[test]
fn an_output_that_is_a_symbolic_link_is_refused_and_its_target_kept() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("www/v1");
    assert!(build(&fixture("minimal"), &v1).status.success());
    let current = dir.path().join("www/current");
    symlink(&v1, &current).unwrap();
    let output = build(&fixture("minimal"), &current);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("the output path is a symbolic link"), "{err}");
    assert!(
        std::fs::read_link(&current).is_ok(),
        "the link stays a link"
    );
    assert!(v1.join("index.html").is_file(), "its target keeps the site");
}

#[test]
fn a_link_beside_the_output_is_never_followed_and_its_target_survives() {
    // The three paths a build keeps beside its output, each planted with a link to a folder
    // of someone else's: absolute (beside `--output out`) and relative (beside the default
    // `output/`, as a repository could ship it: `.output.factsheet-new -> ../victim`).
    for suffix in ["new", "old", "lock"] {
        for relative in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let site = dir.path().join("site");
            copy_dir(&fixture("minimal"), &site);
            let victim = dir.path().join("victim");
            std::fs::create_dir_all(victim.join("sub")).unwrap();
            std::fs::write(victim.join("notes.txt"), "important").unwrap();
            std::fs::write(victim.join("sub/more.txt"), "more").unwrap();
            let (out, link, points_to) = if relative {
                let out = site.join("output");
                let link = site.join(format!(".output.factsheet-{suffix}"));
                (out, link, Path::new("../victim").to_path_buf())
            } else {
                let out = dir.path().join("out");
                let link = dir.path().join(format!(".out.factsheet-{suffix}"));
                (out, link, victim.clone())
            };
            let mut command = factsheet();
            command.args(["build", "--root"]).arg(&site);
            if !relative {
                command.arg("--output").arg(&out);
            }
            assert!(command.output().unwrap().status.success());
            // The lock's link leads to a file that does not exist yet: it must not be made.
            let points_to = match suffix {
                "lock" => points_to.join("created"),
                _ => points_to,
            };
            symlink(&points_to, &link).unwrap();
            let output = command.output().unwrap();
            let case = format!("{suffix}, relative: {relative}");
            assert_eq!(output.status.code(), Some(1), "{case}: {}", stderr(&output));
            let got = printed(&stderr(&output));
            assert_eq!(got.len(), 1, "{case}: {got:?}");
            assert!(
                got[0].message.starts_with(&format!(
                    "`{}` is a symbolic link, at the path factsheet keeps beside the output for ",
                    link.display()
                )),
                "{case}: {got:?}"
            );
            assert!(
                got[0]
                    .help
                    .as_deref()
                    .unwrap_or("")
                    .starts_with("remove the link"),
                "{case}: {got:?}"
            );
            assert_eq!(
                std::fs::read_to_string(victim.join("notes.txt")).unwrap(),
                "important",
                "{case}"
            );
            assert_eq!(
                std::fs::read_to_string(victim.join("sub/more.txt")).unwrap(),
                "more",
                "{case}"
            );
            assert!(
                !victim.join("created").exists(),
                "{case}: the lock was made through the link"
            );
            assert_eq!(
                std::fs::read_link(&link).unwrap(),
                points_to,
                "{case}: the link stays"
            );
            assert!(
                out.join("index.html").is_file(),
                "{case}: the previous site stays"
            );
            // Once the link is gone, the build goes on as before.
            std::fs::remove_file(&link).unwrap();
            assert!(command.output().unwrap().status.success(), "{case}");
            assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 2, "{case}");
        }
    }
}

#[test]
fn an_output_inside_the_sites_inputs_is_refused() {
    let site = copy_fixture("minimal");
    let output = build(site.path(), &site.path().join("content/out"));
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("the output directory is inside the site's content/ folder"),
        "{err}"
    );
    assert!(!site.path().join("content/out").exists());
}

#[test]
fn one_build_at_a_time_writes_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    let first = factsheet::write::Staging::new(&target).unwrap();
    let second = factsheet::write::Staging::new(&target);
    let err = second.err().expect("the second build is refused");
    assert!(err.message.starts_with("another build is writing"), "{err}");
    drop(first);
    assert!(factsheet::write::Staging::new(&target).is_ok());
}

#[test]
fn a_swap_cut_short_is_recovered_and_no_leftover_stays() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert!(build(&fixture("minimal"), &out).status.success());
    // A crash between the two renames of a swap leaves the previous site aside.
    std::fs::rename(&out, dir.path().join(".out.factsheet-old")).unwrap();
    assert!(build(&fixture("minimal"), &out).status.success());
    assert!(out.join("index.html").is_file());
    // A second build swaps in place.
    assert!(build(&fixture("minimal"), &out).status.success());
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["out"]);
}

#[test]
fn verify_says_what_is_missing_and_proves_every_quote_or_fails() {
    let (code, _, err) = run(&["verify"], Path::new("/nonexistent/site"));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("pass the folder a build wrote, e.g. output/"),
        "{err}"
    );
    let empty = tempfile::tempdir().unwrap();
    let (code, got, err) = run(&["verify"], empty.path());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "data/evidence.json",
            "there is no evidence bundle here: this is not a folder `factsheet build` wrote"
        )]
    );

    // A bundle whose quotes lost their selectors, or that holds no quote, proves nothing.
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(build(&fixture("minimal"), &site).status.success());
    let bundle = site.join("data/evidence.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&bundle).unwrap()).unwrap();
    json["articles"][0]["quotes"][0]["selectors"] = serde_json::json!([]);
    std::fs::write(&bundle, json.to_string()).unwrap();
    let (code, got, err) = run(&["verify"], &site);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "data/articles/report.txt",
            "source 1 of fact `budget-rise` has no selectors: where it is cannot be checked"
        )]
    );
    json["articles"][0]["quotes"] = serde_json::json!([]);
    std::fs::write(&bundle, json.to_string()).unwrap();
    let (code, got, err) = run(&["verify"], &site);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "data/evidence.json",
            "the evidence bundle holds no quote, so it proves nothing"
        )]
    );
}

#[test]
fn a_slug_too_long_for_a_file_name_fails_check_as_it_would_fail_build() {
    let site = copy_fixture("minimal");
    let long = "a".repeat(329);
    let entities = site.path().join("content/entities.yaml");
    let text = std::fs::read_to_string(&entities).unwrap();
    std::fs::write(&entities, format!("{text}{long}:\n  name: Long\n")).unwrap();
    let (code, got, err) = run(&["check", "--root"], site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        got.iter().any(|p| p
            .message
            .ends_with("is longer than 100 characters, the most a slug may be")),
        "{err}"
    );
}

#[test]
fn an_empty_entities_file_is_one_error_with_a_count_not_one_per_reference() {
    let site = copy_fixture("good");
    put(site.path(), "content/entities.yaml", "");
    let (code, got, err) = run(&["check", "--root"], site.path());
    assert_eq!(code, Some(1), "{err}");
    let errors: Vec<&Printed> = got.iter().filter(|p| p.severity == "error").collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0]
            .message
            .starts_with("no entity is defined, but 13 references name one (the first: content/articles/budget-report.md:"),
        "{err}"
    );
    assert_eq!(errors[0].location, "content/entities.yaml");
}

#[test]
fn a_tab_or_a_misindented_key_is_said_in_editor_words() {
    let site = copy_fixture("minimal");
    let fact = |sources: &str| {
        format!("---\ntitle: T\nclaim: C\nsources:\n  - article: report\n{sources}\n---\n")
    };
    put(
        site.path(),
        "content/facts/tabbed.md",
        &fact("\tquote: The ministry"),
    );
    put(
        site.path(),
        "content/facts/shallow.md",
        &fact("  quote: The ministry"),
    );
    put(
        site.path(),
        "content/facts/top-in-source.md",
        &fact("    quote: The ministry\n    title: Another"),
    );
    // A tab inside a `|` block, after its indentation, is text.
    put(
        site.path(),
        "content/facts/tab-in-block.md",
        &fact("    quote: The ministry\n    note: |\n      Checked:\tyes\n      \tindented\n"),
    );
    let (code, got, err) = run(&["check", "--root"], site.path());
    assert_eq!(code, Some(1), "{err}");
    let got: Vec<(&str, &str, &str, &str)> = got
        .iter()
        .filter(|p| !p.location.is_empty())
        .map(Printed::fields)
        .collect();
    assert_eq!(
        got,
        [
            (
                "error",
                "content/facts/shallow.md:6:3",
                "`quote` is not indented where it belongs",
                "`quote` belongs to each item of `sources`: indent it under its `- ` line, aligned with the key after the dash"
            ),
            (
                "error",
                "content/facts/tabbed.md:6:1",
                "a tab is used for indentation: YAML allows only spaces there",
                "indent with spaces (two per level); set your editor to insert spaces for Tab in YAML"
            ),
            (
                "error",
                "content/facts/top-in-source.md:7:5",
                "`title` is not indented where it belongs",
                "`title` is a key of the whole file, not of an item of `sources`: write it at the start of a line, before `sources:`"
            ),
        ]
    );
}

#[test]
fn deeply_nested_markdown_is_an_error_at_its_line_not_a_crash() {
    let site = copy_fixture("minimal");
    let article = site.path().join("content/articles/report.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}\n{}deep\n", "> ".repeat(100_000))).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = factsheet()
        .args(["build", "--minify", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(out.path().join("site"))
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let got = printed(&stderr(&output));
    assert_eq!(
        errors_at(&got),
        [(
            "content/articles/report.md:10:1",
            "the text nests blockquotes or lists deeper than 64 levels"
        )]
    );
    // Sixty levels still render.
    std::fs::write(
        &article,
        format!(
            "{text}\n{}deep\n\n{}item\n",
            "> ".repeat(60),
            "- ".repeat(60)
        ),
    )
    .unwrap();
    let output = factsheet()
        .args(["build", "--minify", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_table_of_more_than_100_000_cells_is_an_error_at_its_first_line() {
    let site = copy_fixture("minimal");
    let article = site.path().join("content/articles/report.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let row = format!("|{}\n", "1|".repeat(400));
    let separator = format!("|{}\n", "-|".repeat(400));
    let table = format!("{row}{separator}{}", row.repeat(398));
    std::fs::write(&article, format!("{text}\n{table}")).unwrap();
    let (code, got, err) = run(&["check", "--root"], site.path());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        errors_at(&got),
        [(
            "content/articles/report.md:10:1",
            "this table has 159600 cells; an article's table may have at most 100000"
        )]
    );
}
