//! A news page read as a source: the article's own text as Markdown, found by readability
//! (`dom_smoothie`, a port of Firefox's Reader View), and what the page states about itself
//! (see [`super::metadata`]).
//!
//! Readability drops the page's navigation, share buttons, related links and comment threads;
//! what is left is written as Markdown — paragraphs, headings, lists, block quotes, links and
//! tables — with images left out (the site would load them from the outlet) and each caption
//! kept as an italic paragraph of its own.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::metadata::{self, Metadata};
use crate::link::quote;
use crate::markdown;

/// Elements the Markdown leaves out, with everything inside them: not the article's words.
const LEFT_OUT: &[&str] = &[
    "script", "style", "meta", "head", "img", "picture", "video", "audio", "iframe", "svg",
    "noscript", "button", "form", "template", "object", "embed", "canvas",
];

/// The most elements readability looks at; a page with more is refused, not read for minutes.
const MAX_ELEMENTS: usize = 200_000;

/// The deepest elements may nest on a page read. Building the tree takes time in the square of
/// its depth (html5ever's, and readability's after it): a hostile page of 100,000 nested
/// `<div>`s would keep `add` busy for hours. News pages nest a few dozen deep.
const MAX_DEPTH: usize = 512;

/// Elements whose content is text to a browser, not tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes",
];

/// True when `html` opens an element more than [`MAX_DEPTH`] deep, counted before it is parsed,
/// as the build counts the raw HTML of an article; the content of `<script>` and the other raw
/// text elements is not read for tags (`"<div>"` in a script is a string).
fn too_deep(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let mut open = Vec::new();
    // Where each raw text element next starts (`None`: nowhere after), found again only once
    // passed, so that a page of many scripts is read once, not once per script.
    let mut starts: Vec<Option<usize>> = RAW_TEXT.iter().map(|n| find_tag(&lower, n, 0)).collect();
    let mut at = 0;
    while at < html.len() {
        for (start, name) in starts.iter_mut().zip(RAW_TEXT) {
            if start.is_some_and(|s| s < at) {
                *start = find_tag(&lower, name, at);
            }
        }
        // The next raw text element, if any: count the tags up to its content, then skip it.
        let next = (starts.iter().zip(RAW_TEXT))
            .filter_map(|(start, name)| start.map(|s| (s, *name)))
            .min();
        let end = next.map_or(html.len(), |(start, _)| start);
        if markdown::html_too_deep(&html[at..end], MAX_DEPTH, &mut open).is_some() {
            return true;
        }
        let Some((start, name)) = next else {
            return false;
        };
        let content = lower[start..]
            .find('>')
            .map_or(html.len(), |g| start + g + 1);
        let close = format!("</{name}");
        at = lower[content..]
            .find(&close)
            .map_or(html.len(), |c| content + c);
    }
    false
}

/// The offset of the next start tag `<NAME` (followed by `>`, `/` or white space) in `lower`
/// at or after `from`.
fn find_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let open = format!("<{name}");
    let mut at = from;
    while let Some(i) = lower[at..].find(&open) {
        let start = at + i;
        let after = lower.as_bytes().get(start + open.len());
        if after.is_none_or(|b| *b == b'>' || *b == b'/' || b.is_ascii_whitespace()) {
            return Some(start);
        }
        at = start + open.len();
    }
    None
}

/// A page read as a source.
#[derive(Debug, Clone)]
pub struct Page {
    /// The article's own text, as Markdown.
    pub markdown: String,
    /// What the page states about itself.
    pub metadata: Metadata,
}

/// Reads `html`, fetched from (or saved from) `url`.
pub fn read(html: &str, url: &str) -> Result<Page, String> {
    if too_deep(html) {
        return Err(format!(
            "the page nests its elements more than {MAX_DEPTH} deep, which no article needs: save the article's part of the page and add that file"
        ));
    }
    let document = Document::from(html);
    let mut metadata = metadata::read(&document);
    let had_title = !document.select("head title").text().trim().is_empty();
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: TextMode::Raw,
        ..Config::default()
    };
    let base = url.starts_with("http").then_some(url);
    let mut readability = Readability::with_document(document, base, Some(config))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let article = readability.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::GrabFailed => {
            "found no article text on the page (is it the article's own page, not a list or a front page?)".to_string()
        }
        dom_smoothie::ReadabilityError::TooManyElements(found, _) => format!(
            "the page has {found} elements, more than the {MAX_ELEMENTS} read: save the article's part of the page and add that file"
        ),
        other => format!("cannot read the page: {other}"),
    })?;
    if metadata.title.is_none() && !article.title.trim().is_empty() {
        let from = if had_title {
            "the page's <title>"
        } else {
            "the page's main heading"
        };
        metadata.title = Some(metadata::Found::new(article.title.trim(), from));
    }
    let title = metadata.title.as_ref().map(|t| t.value.as_str());
    Ok(Page {
        markdown: without_leading_title(markdown_of(&article.content), title),
        metadata,
    })
}

/// `markdown` without a first heading that only repeats the article's `title` (the page shows
/// it above the text already).
fn without_leading_title(markdown: String, title: Option<&str>) -> String {
    let Some(title) = title else {
        return markdown;
    };
    let (first, rest) = markdown.split_once("\n\n").unwrap_or((&markdown, ""));
    let heading = first.trim_start_matches('#');
    let is_title = first.starts_with('#')
        && !first.contains('\n')
        && quote::fold(heading.trim()).to_lowercase() == quote::fold(title).to_lowercase();
    if is_title && !rest.is_empty() {
        rest.to_string()
    } else {
        markdown
    }
}

/// The Markdown of readability's `content` (HTML): captions as paragraphs of their own, in
/// italics; images and other embedded things left out; runs of blank lines made one.
fn markdown_of(content: &str) -> String {
    let content = Document::from(content);
    for caption in content.select("figcaption").nodes() {
        let inner = caption.inner_html();
        if !caption.text().trim().is_empty() {
            caption.replace_with_html(format!("<p><em>{inner}</em></p>"));
        }
    }
    let markdown = content.root().md(Some(LEFT_OUT));
    let mut out = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}
