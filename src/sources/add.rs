//! `factsheet add URL` and `factsheet add FILE.html --url URL`: a source from its page.
//!
//! Fetches the page (or reads a saved copy), keeps the article's own text as Markdown, and
//! writes `content/articles/SLUG.md` with the front matter the page states — title, outlet,
//! byline, date, address — saying where each value came from and which the page does not
//! state (those stay empty: nothing is guessed). `accessed` is today, or `SOURCE_DATE_EPOCH`.
//! With an archive endpoint, the Internet Archive's closest snapshot is `archive_url`. An
//! existing article is never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::metadata::Found;
use super::{archive, fetch, page};
use crate::content::article::url_problem;
use crate::diagnostic::Diagnostic;
use crate::input::{self, Limit};
use crate::model::date::PartialDate;
use crate::model::slug;

/// Where the page comes from.
#[derive(Debug, Clone)]
pub enum PageSource {
    /// Fetched from its address.
    Url(String),
    /// A saved copy, and the address it was saved from.
    File {
        /// The saved HTML file.
        path: PathBuf,
        /// The address of the original page.
        url: String,
    },
}

/// What `add` is asked to do.
#[derive(Debug, Clone)]
pub struct AddOptions {
    /// The site's root folder (holds `content/`).
    pub root: PathBuf,
    /// The page.
    pub source: PageSource,
    /// The slug to use instead of one made from the title.
    pub slug: Option<String>,
    /// The title to use when the page states none.
    pub title: Option<String>,
    /// The archive's availability endpoint, when `--archive` asks for a snapshot.
    pub archive: Option<String>,
}

/// What `add` wrote.
#[derive(Debug, Clone)]
pub struct Added {
    /// The article file, relative to the root (`content/articles/SLUG.md`).
    pub file: String,
    /// The article's slug.
    pub slug: String,
    /// For each front matter field, where its value came from, or that the page does not
    /// state it.
    pub fields: Vec<String>,
}

/// Adds the page of `options` as an article of the site.
pub fn add(options: &AddOptions) -> Result<Added, Diagnostic> {
    let (html, url, fetched) = page_html(&options.source)?;
    let page = page::read(&html, &url).map_err(|m| Diagnostic::error("", format!("{url}: {m}")))?;
    let meta = &page.metadata;
    let title = match (&meta.title, &options.title) {
        (_, Some(t)) => Found::new(t, "--title"),
        (Some(t), None) => t.clone(),
        (None, None) => {
            return Err(Diagnostic::error(&url, "the page states no title")
                .with_help("give the article's title with --title \"…\""))
        }
    };
    let slug = match &options.slug {
        Some(s) if slug::is_valid(s) => s.clone(),
        Some(s) => {
            let (message, help) = slug::problem(s);
            return Err(Diagnostic::error("--slug", message).with_help(help));
        }
        None => slug::suggest(&title.value),
    };
    let address = match &meta.canonical {
        Some(c) => c.clone(),
        None if fetched => Found::new(&url, "the address it was fetched from, after redirects"),
        None => Found::new(&url, "--url"),
    };
    let accessed = PartialDate::from_days(crate::build_date()).iso();
    let archived = options
        .archive
        .as_ref()
        .map(|endpoint| archive::closest(endpoint, &address.value, &accessed));
    let front = FrontMatter {
        title,
        address,
        accessed,
        archived,
        meta: meta.clone(),
    };
    let file = format!("content/articles/{slug}.md");
    let text = format!("---\n{}---\n\n{}", front.yaml(), page.markdown);
    write_new(&options.root, &file, &text)?;
    Ok(Added {
        file,
        slug,
        fields: front.said(),
    })
}

/// The page's HTML, its address and whether it was fetched (not read from a file).
fn page_html(source: &PageSource) -> Result<(String, String, bool), Diagnostic> {
    match source {
        PageSource::Url(url) => {
            // One line: the message names the address.
            let page = fetch::page(url).map_err(|e| Diagnostic::error("", e.to_string()))?;
            Ok((page.html, page.final_url, true))
        }
        PageSource::File { path, url } => {
            // Held to what an article's `url` must be, so that the file written builds.
            if let Some(problem) = url_problem(url) {
                return Err(Diagnostic::error(
                    "--url",
                    format!("`{url}` is not the address of a page: it {problem}"),
                )
                .with_help("give the address the page was saved from, in full: --url https://…"));
            }
            let rel = path.display().to_string();
            let bytes = input::read_regular(path, &rel, Limit::Content)?;
            let html = String::from_utf8(bytes).map_err(|_| {
                Diagnostic::error(&rel, "not UTF-8").with_help("save the page as UTF-8")
            })?;
            Ok((html, url.clone(), false))
        }
    }
}

/// What the front matter holds, and where each value came from.
struct FrontMatter {
    title: Found,
    address: Found,
    accessed: String,
    archived: Option<Result<Option<archive::Snapshot>, String>>,
    meta: super::metadata::Metadata,
}

impl FrontMatter {
    /// The fields read from the page, in the order written: each key, its value if the page
    /// states it, and what the page would have had to state.
    fn stated(&self) -> [(&'static str, Option<&Found>, &'static str); 5] {
        [
            ("title", Some(&self.title), ""),
            (
                "publisher",
                self.meta.publisher.as_ref(),
                "its publisher (no JSON-LD publisher.name, no og:site_name)",
            ),
            (
                "author",
                self.meta.author.as_ref(),
                "an author (no JSON-LD author, no author meta tag)",
            ),
            (
                "published",
                self.meta.published.as_ref(),
                "a date (no JSON-LD datePublished, no article:published_time, no <time datetime>)",
            ),
            ("url", Some(&self.address), ""),
        ]
    }

    /// The front matter's lines, each field the page does not state as a comment saying so.
    fn yaml(&self) -> String {
        let mut out = String::new();
        let mut field = |key: &str, value: Option<&str>| match value {
            Some(v) => out.push_str(&format!("{key}: {}\n", yaml_string(v))),
            None => out.push_str(&format!("# {key}: not stated on the page\n")),
        };
        for (key, found, _) in self.stated() {
            field(key, found.map(|f| f.value.as_str()));
        }
        if let Some(Ok(Some(snapshot))) = &self.archived {
            field("archive_url", Some(&snapshot.url));
        }
        field("accessed", Some(&self.accessed));
        field("source_note", Some(&self.note()));
        out
    }

    /// Where the date came from, for readers: the `source_note`.
    fn note(&self) -> String {
        let mut note = match &self.meta.published {
            Some(d) => format!("The date is {}.", d.from),
            None => "The page states no date of publication.".to_string(),
        };
        if let Some(m) = &self.meta.modified {
            note.push_str(&format!(
                " The page says it was updated on {} ({}).",
                m.value, m.from
            ));
        }
        note
    }

    /// One line per field: where its value came from, or that the page does not state it.
    fn said(&self) -> Vec<String> {
        let mut lines: Vec<String> = (self.stated().into_iter())
            .map(|(key, found, what)| match found {
                Some(f) => format!("{key}: {} (from {})", f.value, f.from),
                None => format!("{key}: the page does not state {what}; left empty"),
            })
            .collect();
        lines.push(match &self.archived {
            None => "archive_url: not asked for (--archive finds the Internet Archive's closest snapshot)".to_string(),
            Some(Ok(Some(s))) => format!("archive_url: {} (the archive's closest snapshot, of {})", s.url, s.taken),
            Some(Ok(None)) => "archive_url: the archive has no snapshot of the page; left empty".to_string(),
            Some(Err(e)) => format!("archive_url: could not ask the archive ({e}); left empty"),
        });
        lines.push(format!(
            "accessed: {} (the day it was read: today, or SOURCE_DATE_EPOCH)",
            self.accessed
        ));
        lines
    }
}

/// `text` as a YAML scalar: plain when it reads back as the same string, else double-quoted.
fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([' ', ':'])
        && serde_yaml::from_str::<String>(text).ok().as_deref() == Some(text);
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

/// Writes `text` to `rel` under `root`, which must not exist yet (never overwritten, not even
/// through a link put there).
fn write_new(root: &Path, rel: &str, text: &str) -> Result<(), Diagnostic> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Diagnostic::error(
            "content/",
            format!("there is no content/ folder in `{}`", root.display()),
        )
        .with_help("run factsheet add in the site's root folder, or pass it with --root"));
    }
    let path = root.join(rel);
    let folder = path.parent().unwrap_or(&content);
    std::fs::create_dir_all(folder)
        .map_err(|e| Diagnostic::error("content/articles/", format!("cannot create: {e}")))?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Diagnostic::error(
                rel,
                "this article exists already; factsheet add never overwrites one",
            )
            .with_help("choose another name with --slug NAME"))
        }
        Err(e) => return Err(Diagnostic::error(rel, format!("cannot write: {e}"))),
    };
    file.write_all(text.as_bytes()).map_err(|e| {
        // Not half an article: the file is ours, made a moment ago.
        let _ = std::fs::remove_file(&path);
        Diagnostic::error(rel, format!("cannot write: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::yaml_string;

    #[test]
    fn every_value_reads_back_from_the_front_matter_as_it_was() {
        for text in [
            "Plain title",
            "Aliyev: \"We will not wait\"",
            "- a dash first",
            "#1 in the region",
            "yes",
            "2024-11-08",
            "100",
            "null",
            "A title with a # inside",
            "'quoted'",
            "Ends with a colon:",
            "[bracketed]",
            "{braced}",
            "Tab\there",
            "Ünïcödé — dash",
            "@handle",
            "*bold*",
            "% percent",
            "",
        ] {
            let yaml = format!("key: {}\n", yaml_string(text));
            let read: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(read["key"], text, "{yaml}");
        }
    }
}
