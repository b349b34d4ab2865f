//! Helpers shared by the integration tests: fixture sites, running the binary, reading output.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The fixture site `tests/sites/NAME`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(name)
}

/// The repository root (whose `content/` is the real fact sheet).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `factsheet` binary.
pub fn factsheet() -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("factsheet");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `factsheet build --root SITE --output OUT`, to run as it is or with more flags or env.
pub fn build_command(site: &Path, out: &Path) -> Command {
    let mut cmd = factsheet();
    cmd.args(["build", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out);
    cmd
}

/// Runs `factsheet build --root SITE --output OUT` and returns its output.
pub fn build(site: &Path, out: &Path) -> std::process::Output {
    build_command(site, out).output().expect("factsheet runs")
}

/// Writes `text` to `rel` under `site`, creating its folders.
pub fn put(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Runs `factsheet check --root SITE` and returns its output.
pub fn check(site: &Path) -> std::process::Output {
    factsheet()
        .args(["check", "--root"])
        .arg(site)
        .output()
        .expect("factsheet runs")
}

/// Standard error as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir` (hidden ones included), by path relative to `dir`.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Copies the directory `from` to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in files(from) {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
}

/// A fresh copy of fixture `name` in a temporary directory.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture(name), dir.path());
    dir
}

/// Reads a text file of the output.
pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One diagnostic as printed: `(severity, message, location, help)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// `error` or `warning`.
    pub severity: String,
    /// The message after `error: `.
    pub message: String,
    /// `path:line:column` after `-->`.
    pub location: String,
    /// The text after `help: `.
    pub help: Option<String>,
}

impl Printed {
    /// Severity, location, message and help (empty when none), to compare at once.
    pub fn fields(&self) -> (&str, &str, &str, &str) {
        (
            self.severity.as_str(),
            self.location.as_str(),
            self.message.as_str(),
            self.help.as_deref().unwrap_or(""),
        )
    }
}

/// Reads the diagnostics back out of what factsheet printed (without the final summary).
pub fn printed(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        let start = ["error: ", "warning: "]
            .iter()
            .find_map(|p| line.strip_prefix(p).map(|m| (p.trim_end_matches(": "), m)));
        if let Some((severity, message)) = start {
            if message.starts_with("could not ") {
                continue;
            }
            out.push(Printed {
                severity: severity.to_string(),
                message: message.to_string(),
                location: String::new(),
                help: None,
            });
        } else if let Some(last) = out.last_mut() {
            if let Some(loc) = line.trim_start().strip_prefix("--> ") {
                if last.location.is_empty() {
                    last.location = loc.to_string();
                }
            } else if let Some(help) = line.strip_prefix("help: ") {
                last.help = Some(help.to_string());
            }
        }
    }
    out
}

/// Asserts that checking fixture `site` fails with exit 1 and exactly these errors, in this
/// order: `(location, message, help contains)`.
/// The text of every element of `doc` matching `css`, white space collapsed.
pub fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Runs `factsheet ARGS --root SITE` with `SOURCE_DATE_EPOCH` set to `epoch`: the exit code,
/// the diagnostics printed, and stderr.
pub fn run_at(site: &str, args: &[&str], epoch: &str) -> (i32, Vec<Printed>, String) {
    run_on(&fixture(site), args, epoch)
}

/// Runs `factsheet ARGS --root ROOT` with `SOURCE_DATE_EPOCH` set to `epoch`, as [`run_at`].
pub fn run_on(root: &Path, args: &[&str], epoch: &str) -> (i32, Vec<Printed>, String) {
    let output = factsheet()
        .env("SOURCE_DATE_EPOCH", epoch)
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let err = stderr(&output);
    (output.status.code().unwrap_or(-1), printed(&err), err)
}

/// Checks the fixture site `site` and asserts that it fails with exactly the errors `expected`:
/// `(location, message, a part of the help)`.
pub fn assert_errors(site: &str, expected: &[(&str, &str, &str)]) {
    assert_errors_in(&fixture(site), expected)
}

/// [`assert_errors`] for the site at `site`.
pub fn assert_errors_in(site: &Path, expected: &[(&str, &str, &str)]) {
    let output = check(site);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let got = printed(&err);
    assert_eq!(got.len(), expected.len(), "{err}");
    for (p, (location, message, help)) in got.iter().zip(expected) {
        assert_eq!(p.severity, "error", "{err}");
        assert_eq!(&p.location, location, "{err}");
        assert_eq!(&p.message, message, "{err}");
        let h = p.help.as_deref().unwrap_or("");
        assert!(h.contains(help), "help {h:?} lacks {help:?}\n{err}");
    }
    let n = expected.len();
    let summary = format!(
        "error: could not check the site: {n} error{}; nothing was written",
        if n == 1 { "" } else { "s" }
    );
    assert!(err.contains(&summary), "{err}");
}

/// What the link walker found in a built site.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Links and asset URLs checked.
    pub checked: usize,
    /// Links with a `#fragment` that was found on its target page.
    pub anchors: usize,
    /// Problems: `page: what`.
    pub broken: Vec<String>,
}

/// Follows every relative link (`a`, `link`, `img`, `script`, `source`) of every HTML page under
/// `out`: the target file must exist and a `#fragment` must be an `id` on the target page.
/// Root-absolute links (`/x`) are reported: the site must work from any sub-path.
pub fn walk_links(out: &Path) -> LinkReport {
    use scraper::{Html, Selector};
    let pages: BTreeMap<String, String> = files(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("utf-8 page")))
        .collect();
    let ids_of = |html: &str| -> Vec<String> {
        let doc = Html::parse_document(html);
        let sel = Selector::parse("[id]").unwrap();
        doc.select(&sel)
            .filter_map(|e| e.value().attr("id").map(str::to_string))
            .collect()
    };
    let ids: BTreeMap<&String, Vec<String>> = pages.iter().map(|(p, h)| (p, ids_of(h))).collect();
    let sel = Selector::parse("a[href], link[href], img[src], script[src], source[src]").unwrap();
    let mut report = LinkReport::default();
    for (page, html) in &pages {
        let doc = Html::parse_document(html);
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        for element in doc.select(&sel) {
            let v = element.value();
            let url = v.attr("href").or_else(|| v.attr("src")).unwrap_or_default();
            if url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            report.checked += 1;
            if url.starts_with('/') {
                report
                    .broken
                    .push(format!("{page}: root-absolute link {url}"));
                continue;
            }
            let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
            let mut target = if path.is_empty() {
                PathBuf::from(page)
            } else {
                normalize(&dir.join(path))
            };
            if path.ends_with('/')
                || path == "."
                || path == "./"
                || (path.is_empty() && page.ends_with('/'))
            {
                target = target.join("index.html");
            }
            let target_str = target.to_string_lossy().replace('\\', "/");
            let target_str = target_str.trim_start_matches("./").to_string();
            if !out.join(&target_str).is_file() {
                report
                    .broken
                    .push(format!("{page}: {url} -> missing {target_str}"));
                continue;
            }
            if !fragment.is_empty() {
                match ids.get(&target_str) {
                    Some(list) if list.iter().any(|i| i == fragment) => report.anchors += 1,
                    _ => report.broken.push(format!(
                        "{page}: {url} -> no id `{fragment}` on {target_str}"
                    )),
                }
            }
        }
    }
    report
}

/// Resolves `.` and `..` in a relative path.
fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.iter().collect()
}

/// The good fixture, built once per test binary for the tests that only read it.
pub fn good() -> &'static Path {
    static OUT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let output = build(&fixture("good"), &out.path().join("site"));
        assert!(output.status.success(), "{}", stderr(&output));
        out
    })
    .path()
    .join("site")
    .leak()
}

/// The elements of `doc` that `css` selects.
pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

/// The text of `e`, as it is.
pub fn text(e: &scraper::ElementRef) -> String {
    e.text().collect()
}

/// What a site's content holds, counted from its files (not from what factsheet says), for the
/// tests that check its summary lines.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub facts: usize,
    pub articles: usize,
    pub entities: usize,
    pub topics: usize,
    pub comparisons: usize,
    pub quotes: usize,
}

impl Counts {
    /// Counts the content of the site at `site`.
    pub fn of(site: &Path) -> Counts {
        let content = site.join("content");
        let files = |dir: &str| -> Vec<PathBuf> {
            let mut found: Vec<PathBuf> = std::fs::read_dir(content.join(dir))
                .map(|d| d.map(|e| e.unwrap().path()).collect())
                .unwrap_or_default();
            found.retain(|p| p.extension().is_some_and(|e| e == "md"));
            found
        };
        let keys = |file: &str| -> usize {
            std::fs::read_to_string(content.join(file))
                .ok()
                .and_then(|t| serde_yaml::from_str::<serde_json::Value>(&t).ok())
                .and_then(|v| v.as_object().map(|m| m.len()))
                .unwrap_or(0)
        };
        let facts = files("facts");
        let quotes = facts
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                let front = text
                    .split("\n---")
                    .next()
                    .unwrap()
                    .trim_start_matches("---\n");
                let yaml: serde_json::Value = serde_yaml::from_str(front).unwrap();
                yaml["sources"].as_array().map_or(0, Vec::len)
            })
            .sum();
        Counts {
            facts: facts.len(),
            articles: files("articles").len(),
            entities: keys("entities.yaml"),
            topics: keys("topics.yaml"),
            comparisons: keys("comparisons.yaml"),
            quotes,
        }
    }

    /// The HTML pages a build makes: the ten fixed ones (home, the five indexes, timeline,
    /// search, data, 404) and one per fact, article, entity, topic and comparison.
    pub fn pages(&self) -> usize {
        10 + self.facts + self.articles + self.entities + self.topics + self.comparisons
    }

    /// "9 quotes verified" (or "1 quote verified"), as the summary lines say it.
    pub fn verified(&self) -> String {
        let s = if self.quotes == 1 { "" } else { "s" };
        format!("{} quote{s} verified", self.quotes)
    }

    /// "8 facts, 2 articles, 5 entities, 3 topics, 1 comparison", as the summary lines say it.
    pub fn records(&self) -> String {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        [
            n(self.facts, "fact", "facts"),
            n(self.articles, "article", "articles"),
            n(self.entities, "entity", "entities"),
            n(self.topics, "topic", "topics"),
            n(self.comparisons, "comparison", "comparisons"),
        ]
        .join(", ")
    }
}

/// Replaces `from` with `to` in the file at `file`; `from` must be there, so an edit that no
/// longer applies fails the test instead of testing nothing.
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from} not in {}", file.display());
    std::fs::write(file, text.replace(from, to)).unwrap();
}

/// Makes a FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// Runs `factsheet ARGS PATH` with a minute to answer: a hang fails the test instead of
/// stopping it.
pub fn run_timed(args: &[&str], path: &Path) -> std::process::Output {
    factsheet()
        .args(args)
        .arg(path)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap()
}

/// The errors printed at a place: `(location, message)`.
pub fn errors_at(got: &[Printed]) -> Vec<(&str, &str)> {
    got.iter()
        .filter(|p| p.severity == "error" && !p.location.is_empty())
        .map(|p| (p.location.as_str(), p.message.as_str()))
        .collect()
}
