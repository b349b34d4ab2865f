//! `content/articles/SLUG.md`: a source article — front matter about the source, and its text.
//!
//! The text is what quotes are checked against, so it is kept exactly as written.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{frontmatter, yaml, Origin};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::date::PartialDate;
use crate::model::record::Publication;

/// What is known about a source. Unknowns stay empty: never a guessed publisher or date.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrontMatter {
    /// The headline.
    pub title: String,
    /// The outlet that published it.
    pub publisher: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// When it was published.
    pub published: Option<PartialDate>,
    /// Where it was published.
    pub url: Option<String>,
    /// An archived copy.
    pub archive_url: Option<String>,
    /// When the editor read it.
    pub accessed: Option<PartialDate>,
    /// The outlet whose reporting this page reprints or rewrites.
    pub via: Option<String>,
    /// What a reader must know about the source: a known error, a garbled quotation, a date
    /// established from elsewhere.
    pub source_note: Option<String>,
    /// Its language, if not the site's.
    pub language: Option<String>,
    /// Entities it is about.
    #[serde(default)]
    pub entities: Vec<String>,
    /// Topics it is filed under.
    #[serde(default)]
    pub topics: Vec<String>,
}

impl ArticleFrontMatter {
    /// Where the article was published, and the entities and topics it is filed under (by
    /// slug, for `link` to resolve).
    pub fn split(self) -> (Publication, Vec<String>, Vec<String>) {
        let publication = Publication {
            title: self.title,
            publisher: self.publisher,
            author: self.author,
            published: self.published,
            url: self.url,
            archive_url: self.archive_url,
            accessed: self.accessed,
            via: self.via,
            source_note: self.source_note,
            language: self.language,
        };
        (publication, self.entities, self.topics)
    }
}

/// An article file.
#[derive(Debug, Clone)]
pub struct ArticleFile {
    /// Its slug (the file name without `.md`).
    pub slug: String,
    /// Its front matter.
    pub front: ArticleFrontMatter,
    /// The article text, in Markdown.
    pub body: crate::model::site::SharedText,
    /// Where it was written.
    pub origin: Origin,
}

/// Parses the article file at `path` (relative to the root) with slug `slug`.
pub fn parse(slug: &str, path: &str, mut text: String) -> Result<ArticleFile, Vec<Diagnostic>> {
    let split = frontmatter::split(&text)
        .map_err(|m| vec![Diagnostic::error(path, m).at(Pos::new(1, 1))])?;
    let schema: yaml::Schema = &[("", yaml::fields_of::<ArticleFrontMatter>())];
    let (front, positions) =
        yaml::parse::<ArticleFrontMatter>(split.yaml, path, split.yaml_first_line, schema)?;
    let origin = Origin::file(path, positions);
    let mut problems = Vec::new();
    if front.title.trim().is_empty() {
        problems.push(origin.error("title", "the article title is empty"));
    }
    for (key, url) in [("url", &front.url), ("archive_url", &front.archive_url)] {
        if let Some(url) = url {
            if let Some(problem) = url_problem(url) {
                problems.push(
                    origin
                        .error(key, format!("`{key}` {problem}"))
                        .with_help("write the full address, starting with https://"),
                );
            }
        }
    }
    let body_first_line = split.body_first_line;
    problems.extend(super::controls::in_text(split.body, path, body_first_line));
    if let Some(line) = too_deep(split.body) {
        problems.push(
            Diagnostic::error(
                path,
                format!("the text nests blockquotes or lists deeper than {MAX_NESTING} levels"),
            )
            .at(Pos::new(body_first_line + line - 1, 1))
            .with_help("flatten it: a news article needs only a few levels"),
        );
    }
    if let Some(at) = crate::markdown::raw_html_too_deep(split.body, MAX_NESTING) {
        let before = &split.body[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        problems.push(
            Diagnostic::error(
                path,
                format!("the text's HTML nests elements deeper than {MAX_NESTING} levels"),
            )
            .at(Pos::new(body_first_line + line - 1, column))
            .with_help("close each element (`<div>` … `</div>`), or write the text in Markdown"),
        );
    }
    if let Some((line, cells)) = largest_table(split.body).filter(|(_, c)| *c > MAX_TABLE_CELLS) {
        problems.push(
            Diagnostic::error(
                path,
                format!("this table has {cells} cells; an article's table may have at most {MAX_TABLE_CELLS}"),
            )
            .at(Pos::new(body_first_line + line - 1, 1))
            .with_help("link to the data instead (a CSV in static/), and quote the figures the article states"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Keep the body in the file's own allocation rather than copying it.
    let body_start = text.len() - split.body.len();
    text.drain(..body_start);
    Ok(ArticleFile {
        slug: slug.to_string(),
        front,
        body: std::sync::Arc::new(text),
        origin,
    })
}

/// The deepest an article's Markdown may nest blockquotes (`> > >`) or lists: deeper pages
/// would take the HTML minifier and browsers past their limits, and no article needs it.
pub const MAX_NESTING: usize = 64;

/// The first line (1-based, in `body`) that nests deeper than [`MAX_NESTING`]: blockquote
/// markers and list markers at its start (`> > - - x`), or an indentation of more than twice
/// that many levels.
fn too_deep(body: &str) -> Option<usize> {
    body.lines().enumerate().find_map(|(n, line)| {
        let mut depth = 0;
        let mut rest = line;
        loop {
            let trimmed = rest.trim_start_matches([' ', '\t']);
            let marker = [">", "- ", "* ", "+ "]
                .iter()
                .find(|m| trimmed.starts_with(**m));
            match marker {
                Some(m) => {
                    depth += 1;
                    rest = &trimmed[m.len()..];
                }
                None => break,
            }
            if depth > MAX_NESTING {
                return Some(n + 1);
            }
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        (indent > MAX_NESTING * 4).then_some(n + 1)
    })
}

/// The most cells a table of an article may have: a table of millions of cells takes
/// gigabytes and minutes to render, and a news article never has one.
pub const MAX_TABLE_CELLS: usize = 100_000;

/// The first line (1-based, in `body`) and cell count of the largest run of table rows (lines
/// holding a `|`; the `|---|` row under the header is not counted).
fn largest_table(body: &str) -> Option<(usize, usize)> {
    let mut largest: Option<(usize, usize)> = None;
    let mut current: Option<(usize, usize)> = None;
    for (n, line) in body.lines().enumerate() {
        let row = line.trim();
        let pipes = row.bytes().filter(|b| *b == b'|').count();
        let delimiter = row.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '));
        let cells = match pipes {
            0 => 0,
            _ if delimiter => 0,
            p => p + 1 - usize::from(row.starts_with('|')) - usize::from(row.ends_with('|')),
        };
        current = match (current, pipes) {
            (_, 0) => None,
            (Some((start, total)), _) => Some((start, total + cells)),
            (None, _) => Some((n + 1, cells)),
        };
        if let Some((start, cells)) = current {
            if largest.is_none_or(|(_, most)| cells > most) {
                largest = Some((start, cells));
            }
        }
    }
    largest
}

/// What is wrong with `url` as the address a site is published at (`base_url`): what
/// [`url_problem`] finds, or a query or fragment, which would break every absolute link.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    url_problem(url).or_else(|| {
        url.contains(['?', '#'])
            .then_some("has a query or a fragment (`?…` or `#…`): give the site's address only")
    })
}

/// Why `url` cannot be linked to, if it cannot: only absolute http(s) URLs are published.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        None => Some("must be an absolute http:// or https:// URL"),
        Some(r) if r.is_empty() || r.starts_with('/') => Some("has no host name"),
        Some(r)
            if r.chars()
                .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>') =>
        {
            Some("contains spaces or characters that are not allowed in a URL")
        }
        // Browsers read `\` as `/`, so `https://a.org\@b.org/` leads elsewhere than it reads.
        Some(r) if r.contains('\\') => {
            Some("contains a backslash (`\\`), which browsers read as `/`: write `/`")
        }
        Some(r) if r.split(['/', '?', '#']).next().is_some_and(|host| host.contains('@')) => {
            Some("has a user name or password before the host (`user:pass@`), which would be published on every page that links it: give the address without them")
        }
        Some(_) => None,
    }
}
