//! The README's quick start, run as an editor would type it: every command of its code blocks,
//! from `factsheet init` to `factsheet build`, with `serve` running while the fact is added,
//! and the misquote it shows stopped with the very message the README prints.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::serve::{serve_with, until_served};

/// The README's section under `heading`, up to the next `## ` heading.
fn section(heading: &str) -> String {
    let readme = std::fs::read_to_string(crate::common::repo().join("README.md")).unwrap();
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README has a section {heading:?}"));
    let rest = &readme[start + heading.len() + 2..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// The fenced code blocks of `text` as `(info string, body)`.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.to_string(), String::new())),
            (Some(_), Some("")) => found.push(open.take().unwrap()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    found
}

/// A shell block split into commands: one per line, a here-document with its lines.
fn commands(block: &str) -> Vec<String> {
    let mut commands: Vec<String> = Vec::new();
    let mut heredoc_end: Option<String> = None;
    for line in block.lines() {
        match &heredoc_end {
            Some(end) => {
                let last = commands.last_mut().unwrap();
                last.push('\n');
                last.push_str(line);
                if line == end {
                    heredoc_end = None;
                }
            }
            None => {
                if let Some((_, end)) = line.split_once("<<'") {
                    heredoc_end = Some(end.trim_end_matches('\'').to_string());
                }
                commands.push(line.to_string());
            }
        }
    }
    commands
}

/// The shell the commands run in, in `dir`, with the built `factsheet` first on the `PATH`.
fn shell(dir: &Path, command: &str) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_factsheet")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .expect("bash runs")
}

/// Runs `command` in `dir` and returns the folder the next command runs in.
fn run(dir: &Path, command: &str) -> PathBuf {
    if let Some(folder) = command.strip_prefix("cd ") {
        return dir.join(folder.split_whitespace().next().unwrap());
    }
    let out = shell(dir, command);
    assert!(
        out.status.success(),
        "`{command}` failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    dir.to_path_buf()
}

#[test]
fn the_quick_start_runs_as_written_from_init_to_build_with_serve_showing_the_new_fact() {
    let tmp = tempfile::tempdir().unwrap();
    let quick = section("## Quick start");
    let shell_blocks: Vec<String> = blocks(&quick)
        .into_iter()
        .filter(|(info, _)| info == "sh")
        .map(|(_, body)| body)
        .collect();
    assert_eq!(
        shell_blocks.len(),
        3,
        "the quick start has three shell blocks"
    );
    // The page `factsheet add` is given, served here (a saved news page) at its path.
    let pages = crate::sources::Pages::start();
    let mut dir = tmp.path().to_path_buf();
    let mut served = None;
    let mut added = None;
    for command in shell_blocks.iter().flat_map(|b| commands(b)) {
        if command.starts_with("factsheet serve") {
            // As typed, but on a free port rather than 1111, which another program may hold.
            served = Some(serve_with(&dir, &[], &[]));
            continue;
        }
        if let Some(address) = command.strip_prefix("factsheet add ") {
            let path = &address[address.find("://").unwrap() + 3..];
            let path = &path[path.find('/').unwrap()..];
            pages.html(path, &crate::sources::saved("news-article.html"));
            added = Some(shell(&dir, &format!("factsheet add {}", pages.url(path))));
            continue;
        }
        dir = run(&dir, &command);
    }
    let added = added.expect("the quick start runs `factsheet add`");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let article = dir.join("content/articles/northland-sets-its-defence-budget-at-5-billion.md");
    assert!(std::fs::read_to_string(article)
        .unwrap()
        .starts_with("---\ntitle: Northland sets its defence budget at $5 billion\n"));
    assert!(
        shell(&dir, "factsheet check").status.success(),
        "the site checks with the article added"
    );
    let served = served.expect("the quick start runs `factsheet serve`");
    let page = until_served(
        served.port,
        "/facts/main-street-repairs/",
        "Council members said the money would go to the main streets",
    );
    assert!(page.contains("articles/riverton-road-budget/#q-main-street-repairs-1"));
    drop(served);
    let built = std::fs::read_to_string(dir.join("output/facts/main-street-repairs/index.html"))
        .expect("`factsheet build` wrote the new fact's page");
    assert!(built.contains("Council members said the money would go to the main streets"));
}

#[test]
fn the_misquote_example_prints_exactly_what_the_readme_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("mysheet");
    run(tmp.path(), "factsheet init mysheet");
    let wrong = section("## When a quote is wrong");
    let found = blocks(&wrong);
    let [(sh, script), (plain, shown)] = &found[..] else {
        panic!("the section has a shell block and the output it prints: {found:?}");
    };
    assert_eq!((sh.as_str(), plain.as_str()), ("sh", ""));
    let commands = commands(script);
    let (build, edits) = commands.split_last().unwrap();
    assert_eq!(build, "factsheet build");
    for edit in edits {
        run(&site, edit);
    }
    let out = shell(&site, build);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        shown.trim_end()
    );
    assert!(!site.join("output").exists(), "nothing was written");
}

/// A heading's anchor as forges make it: lower-case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn the_readme_is_short_starts_with_the_editor_and_every_link_of_it_and_of_docs_resolves() {
    let repo = crate::common::repo();
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    assert!(lines.len() < 300, "README.md has {} lines", lines.len());
    let quick = lines.iter().position(|l| *l == "## Quick start").unwrap();
    assert!(
        quick < 30,
        "the quick start is in the first screen (line {quick})"
    );
    let mut pages = vec![repo.join("README.md"), repo.join("bench/README.md")];
    for entry in std::fs::read_dir(repo.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for target in link_targets(&text) {
            if target.starts_with("http") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let path = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            assert!(path.exists(), "{}: {target} does not exist", page.display());
            if !fragment.is_empty() {
                let linked = std::fs::read_to_string(&path).unwrap();
                let anchors: Vec<String> = linked
                    .lines()
                    .filter_map(|l| {
                        l.trim_start_matches('#')
                            .strip_prefix(' ')
                            .filter(|_| l.starts_with('#'))
                    })
                    .map(anchor)
                    .collect();
                assert!(
                    anchors.iter().any(|a| a == fragment),
                    "{}: {target}: no heading makes #{fragment}",
                    page.display()
                );
            }
        }
    }
}

/// The targets of the Markdown links `[text](target)` of `text`.
fn link_targets(text: &str) -> Vec<String> {
    text.match_indices("](")
        .filter_map(|(i, _)| {
            let rest = &text[i + 2..];
            let target = &rest[..rest.find(')')?];
            (!target.contains(char::is_whitespace)).then(|| target.to_string())
        })
        .collect()
}
