//! Stage 1, load: walk `content/`, read every file and parse it into [`Content`].
//!
//! The walk is sorted by file name, so the result never depends on the file system's order.
//! Files are parsed in parallel. A file that fails to parse becomes diagnostics and is left
//! out; a file the walk does not expect is an error too, so a typo in a file name (`fact/`,
//! `site.yml`) never drops content silently. Hidden files and editor backups (`~`) are ignored.

pub mod theme;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::{article, comparison, entity, fact, settings, topic, yaml, Content, Loaded};
use crate::diagnostic::Diagnostic;
use crate::input::{self, Inside, Limit};
use crate::model::slug;

/// The YAML files `content/` may hold, besides the two folders.
const DATA_FILES: [&str; 4] = [
    "site.yaml",
    "entities.yaml",
    "topics.yaml",
    "comparisons.yaml",
];
/// The folders of `content/`.
const FOLDERS: [&str; 2] = ["articles", "facts"];

/// A file the walk found: its path, and whether it is a symbolic link.
type Walked = (PathBuf, bool);

/// Files found by the walk, by kind: `(name or slug, path relative to the root, full path)`.
#[derive(Default)]
struct Found {
    data: Vec<(&'static str, String, Walked)>,
    articles: Vec<(String, String, Walked)>,
    facts: Vec<(String, String, Walked)>,
}

impl Found {
    /// Whether the walk found a file at `rel` (from the site root): `Some(true)` for a symbolic
    /// link, `None` when it found none.
    fn link_at(&self, rel: &str) -> Option<bool> {
        let content = self.articles.iter().chain(&self.facts);
        let data = self.data.iter().map(|(_, r, w)| (r, w));
        let mut all = content.map(|(_, r, w)| (r, w)).chain(data);
        all.find(|(r, _)| *r == rel).map(|(_, (_, link))| *link)
    }
}

/// Reads and parses everything under `root/content`.
pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let inside = Inside::new(root);
    let found = walk(root, &inside, &mut problems);
    let mut content = Content::default();
    let articles = parse_all(&inside, &found.articles, article::parse);
    let articles = articles.into_iter().map(owned);
    content.articles = sort_out(articles, &mut problems, &mut content.unreadable.articles);
    let facts = parse_all(&inside, &found.facts, fact::parse);
    let facts = facts.into_iter().map(owned);
    content.facts = sort_out(facts, &mut problems, &mut content.unreadable.facts);
    read_data(root, &inside, &found, &mut content, &mut problems);
    (content, problems)
}

/// What a file parsed into, or what is wrong with it; with its slug.
type Parsed<T> = (String, Result<T, Vec<Diagnostic>>);

/// What one load read, kept (by `serve`) so that the next reads again only the files that
/// changed: the walk and every article and fact as parsed.
#[derive(Default)]
pub struct Reading {
    /// The last walk, with its problems.
    walked: Option<(Found, Vec<Diagnostic>)>,
    articles: Vec<Parsed<Arc<article::ArticleFile>>>,
    facts: Vec<Parsed<Arc<fact::FactFile>>>,
}

impl Reading {
    /// Loads as [`load`] does, but when every file in `changed` (paths from the site root) is
    /// a file the last walk found, and still a regular file (or a file it never found, gone
    /// again), reads again only the articles and facts among them, and the small files of
    /// `content/` (`site.yaml`...), which are always read; otherwise (or with `changed`
    /// unknown) reads everything. Changes outside `content/` are no changes here.
    pub fn load(&mut self, root: &Path, changed: Option<&[String]>) -> (Content, Vec<Diagnostic>) {
        let inside = Inside::new(root);
        let in_content = |f: &&String| *f == "content" || f.starts_with("content/");
        let edits: Option<Vec<&String>> = changed.map(|c| c.iter().filter(in_content).collect());
        // Only edits of files the walk found, still regular files; or files gone that it never
        // saw (an editor's test file, made and removed within one save).
        let reread = |(found, problems): &(Found, Vec<Diagnostic>), edits: &[&String]| {
            edits.iter().all(|rel| {
                let now = std::fs::symlink_metadata(root.join(rel));
                match found.link_at(rel) {
                    Some(link) => !link && now.is_ok_and(|m| m.is_file()),
                    None => now.is_err() && !problems.iter().any(|d| d.path == **rel),
                }
            })
        };
        match (&self.walked, edits) {
            (Some(walked), Some(edits)) if reread(walked, &edits) => {
                let (found, _) = walked;
                let again = |files: &[(String, String, Walked)]| -> Vec<(String, String, Walked)> {
                    let edited = |(_, rel, _): &&(String, String, Walked)| edits.contains(&rel);
                    files.iter().filter(edited).cloned().collect()
                };
                let (articles, facts) = (again(&found.articles), again(&found.facts));
                let parsed = shared(parse_all(&inside, &articles, article::parse));
                replace(&mut self.articles, &found.articles, &articles, parsed);
                let parsed = shared(parse_all(&inside, &facts, fact::parse));
                replace(&mut self.facts, &found.facts, &facts, parsed);
            }
            _ => {
                let mut problems = Vec::new();
                let found = walk(root, &inside, &mut problems);
                self.articles = shared(parse_all(&inside, &found.articles, article::parse));
                self.facts = shared(parse_all(&inside, &found.facts, fact::parse));
                self.walked = Some((found, problems));
            }
        }
        let Some((found, walk_problems)) = &self.walked else {
            unreachable!("walked just above")
        };
        let mut problems = walk_problems.clone();
        let mut content = Content::default();
        let articles = self.articles.iter().map(lent);
        content.articles = sort_out(articles, &mut problems, &mut content.unreadable.articles);
        let facts = self.facts.iter().map(lent);
        content.facts = sort_out(facts, &mut problems, &mut content.unreadable.facts);
        read_data(root, &inside, found, &mut content, &mut problems);
        (content, problems)
    }
}

/// A file as parsed, for this build only.
fn owned<T>((slug, parsed): Parsed<T>) -> Parsed<Loaded<T>> {
    (slug, parsed.map(Loaded::Owned))
}

/// A file as parsed and kept, lent to this build.
fn lent<T>((slug, parsed): &Parsed<Arc<T>>) -> Parsed<Loaded<T>> {
    (slug.clone(), parsed.clone().map(Loaded::Shared))
}

/// Files as parsed, to be kept.
fn shared<T>(parsed: Vec<Parsed<T>>) -> Vec<Parsed<Arc<T>>> {
    parsed
        .into_iter()
        .map(|(slug, p)| (slug, p.map(Arc::new)))
        .collect()
}

/// Puts what the files `again` (some of `files`) parsed into, `parsed`, in their places in
/// `kept` (one entry for each of `files`).
fn replace<T>(
    kept: &mut [Parsed<T>],
    files: &[(String, String, Walked)],
    again: &[(String, String, Walked)],
    parsed: Vec<Parsed<T>>,
) {
    for ((_, rel, _), parsed) in again.iter().zip(parsed) {
        if let Some(i) = files.iter().position(|(_, r, _)| r == rel) {
            kept[i] = parsed;
        }
    }
}

/// Reads and parses the small files of `content/` the walk found (`site.yaml`, the entities,
/// topics and comparisons) into `content`.
fn read_data(
    root: &Path,
    inside: &Inside,
    found: &Found,
    content: &mut Content,
    problems: &mut Vec<Diagnostic>,
) {
    let mut has_site = false;
    for (name, rel, (path, is_link)) in &found.data {
        let text = inside
            .read_walked(path, rel, Limit::Data, Some(*is_link))
            .map_err(|d| vec![d]);
        let result = text.and_then(|text| match *name {
            "site.yaml" => settings::parse(&text).map(|s| {
                has_site = true;
                content.site = s;
            }),
            "entities.yaml" => entity::parse(&text).map(|e| content.entities = e),
            "topics.yaml" => topic::parse(&text).map(|t| content.topics = t),
            _ => comparison::parse(&text).map(|c| content.comparisons = c),
        });
        if let Err(mut e) = result {
            problems.append(&mut e);
            match *name {
                "entities.yaml" => content.unreadable.entities = true,
                "topics.yaml" => content.unreadable.topics = true,
                "site.yaml" => has_site = true,
                _ => {}
            }
        }
    }
    if !has_site && root.join("content").is_dir() {
        problems.push(
            Diagnostic::error(settings::PATH, "the site has no settings file")
                .with_help("create content/site.yaml with at least `title: Your fact sheet`"),
        );
    }
}

/// Reads and parses `files` (`(slug, path relative to the root, full path)`) in parallel.
fn parse_all<T: Send>(
    inside: &Inside,
    files: &[(String, String, Walked)],
    parse: impl Fn(&str, &str, String) -> Result<T, Vec<Diagnostic>> + Sync,
) -> Vec<Parsed<T>> {
    files
        .par_iter()
        .map(|(slug, rel, (path, is_link))| {
            let text = inside
                .read_walked(path, rel, Limit::Content, Some(*is_link))
                .map_err(|d| vec![d]);
            (slug.clone(), text.and_then(|t| parse(slug, rel, t)))
        })
        .collect()
}

/// What parsed, in order; what failed becomes diagnostics, and its slug is remembered as
/// unreadable.
fn sort_out<T>(
    parsed: impl Iterator<Item = Parsed<Loaded<T>>>,
    problems: &mut Vec<Diagnostic>,
    unreadable: &mut BTreeSet<String>,
) -> Vec<Loaded<T>> {
    let mut items = Vec::with_capacity(parsed.size_hint().0);
    for (slug, result) in parsed {
        match result {
            Ok(item) => items.push(item),
            Err(mut e) => {
                problems.append(&mut e);
                unreadable.insert(slug);
            }
        }
    }
    items
}

fn walk(root: &Path, inside: &Inside, problems: &mut Vec<Diagnostic>) -> Found {
    let mut found = Found::default();
    let content_dir = root.join("content");
    if let Some(missing) = missing_content(root) {
        problems.push(missing);
        return found;
    }
    if let Err(d) = inside.check_folder(&content_dir, "content") {
        problems.push(d);
        return found;
    }
    let mut walker = WalkDir::new(&content_dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| "content".to_string());
                problems.push(input::unreadable_folder(&path, &err));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let parts: Vec<&str> = rel.split('/').skip(1).collect();
        let is_dir = entry.file_type().is_dir();
        match (parts.as_slice(), is_dir) {
            ([folder], true) if FOLDERS.contains(folder) => {}
            ([folder, name], false) if FOLDERS.contains(folder) => {
                let Some(slug) = name.strip_suffix(".md") else {
                    problems.push(not_markdown(&rel, folder, name));
                    continue;
                };
                if !slug::is_valid(slug) {
                    let (message, help) = slug::problem(slug);
                    problems.push(Diagnostic::error(&rel, message).with_help(help));
                    continue;
                }
                let list = if *folder == "articles" {
                    &mut found.articles
                } else {
                    &mut found.facts
                };
                let is_link = entry.path_is_symlink();
                list.push((slug.to_string(), rel, (entry.into_path(), is_link)));
            }
            ([name], false) if DATA_FILES.contains(name) => {
                let known = DATA_FILES.iter().find(|k| *k == name).copied();
                found.data.extend(known.map(|k| {
                    let walked = (entry.path().to_path_buf(), entry.path_is_symlink());
                    (k, rel.clone(), walked)
                }));
            }
            ([folder, ..], true) if FOLDERS.contains(folder) => {
                problems.push(
                    Diagnostic::error(&rel, "folders inside content/ folders are not read")
                        .with_help(format!("move its files up into content/{folder}/")),
                );
                walker.skip_current_dir();
            }
            ([.., name], _) => {
                problems.push(unknown_file(&rel, name));
                if is_dir {
                    walker.skip_current_dir();
                }
            }
            ([], _) => {}
        }
    }
    found
}

/// The error for a site root with no `content/` folder, if it has none.
pub fn missing_content(root: &Path) -> Option<Diagnostic> {
    (!root.join("content").is_dir()).then(|| {
        Diagnostic::error("content", "there is no content/ folder here")
            .with_help("run factsheet in the site's root folder, or pass --root DIR")
    })
}

fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~')
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The error for a file or folder of `content/` that factsheet does not read, with the name
/// it most likely should have.
fn unknown_file(rel: &str, name: &str) -> Diagnostic {
    let known = DATA_FILES.iter().chain(FOLDERS.iter()).copied();
    let help = match yaml::nearest(name, known) {
        Some(near) => format!("did you mean `content/{near}`?"),
        None => "content/ holds site.yaml, entities.yaml, topics.yaml, comparisons.yaml, articles/ and facts/".to_string(),
    };
    Diagnostic::error(rel, "factsheet does not know what this is").with_help(help)
}

/// The error for a file in `articles/` or `facts/` that is not `SLUG.md`, with the name to
/// give it: a YAML or text file keeps its stem, and YAML goes into front matter.
fn not_markdown(rel: &str, folder: &str, name: &str) -> Diagnostic {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let kind = if folder == "facts" { "fact" } else { "article" };
    let message = format!("{folder}/ holds only Markdown files (`SLUG.md`)");
    let help = match extension.to_ascii_lowercase().as_str() {
        "yaml" | "yml" => format!(
            "{kind} files are Markdown with front matter: rename it to `{}.md` and put its YAML between two `---` lines at the top",
            slug::suggest(stem)
        ),
        "markdown" | "mdown" | "txt" | "text" => {
            format!("rename it to `{}.md`", slug::suggest(stem))
        }
        _ => format!("name it SLUG.md, e.g. `{}.md`", slug::suggest(name)),
    };
    Diagnostic::error(rel, message).with_help(help)
}
