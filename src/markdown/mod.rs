//! Markdown: parsing, the plain text a reader sees, and HTML with quoted passages highlighted.
//!
//! One parse serves both sides of a citation. [`Document::plain_text`] is the text quotes are
//! verified against — what a reader sees, without markup, image alt text or raw HTML — and
//! every piece of it remembers the event it came from. [`Document::to_html`] then wraps given
//! ranges of that same plain text in `<mark>` elements, so the passage a fact cites is exactly
//! the passage highlighted on the article page. Raw HTML in content is sanitized (see
//! [`sanitize`]); no script from content reaches a page.
//!
//! CommonMark with tables, footnotes, strikethrough and heading attributes; headings without
//! an `{#id}` get one made from their text.

mod highlight;
pub mod sanitize;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

pub use highlight::Mark;

/// A parsed Markdown text.
pub struct Document<'a> {
    events: Vec<Event<'a>>,
    plain: String,
    /// `(event index, range in plain)` for every event that contributes text, in order.
    pieces: Vec<(usize, Range<usize>)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Escapes `&`, `<`, `>`, `"` and `'`, for text and attribute values in HTML, SVG and XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Parses `markdown`.
pub fn parse(markdown: &str) -> Document<'_> {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::InlineHtml(html) => Event::InlineHtml(sanitize::strip_attributes(&html).into()),
        other => other,
    });
    let events = with_heading_ids(merge_text(stripped_html_blocks(events).into_iter()));
    let (plain, pieces) = plain_text(&events);
    Document {
        events,
        plain,
        pieces,
    }
}

/// The byte offset in `markdown` of the first raw HTML tag that opens an element nested more
/// than `limit` deep in raw HTML (`<div><div><div>…` never closed): the HTML sanitizer takes
/// time in the square of that depth, and the minifier stack in proportion to it.
///
/// Depth is counted as a browser would build the tree, closely enough: void elements (`<br>`)
/// and elements whose end tag may be left out (`<p>`, `<li>`, `<td>`…) do not nest, and an end
/// tag closes everything opened after the element it names.
pub fn raw_html_too_deep(markdown: &str, limit: usize) -> Option<usize> {
    if !markdown.contains('<') {
        return None;
    }
    let mut open: Vec<String> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        if let Some(at) = html_too_deep(&html, limit, &mut open) {
            return Some(range.start + at.min(range.len()));
        }
    }
    None
}

/// The byte offset in `html` of the first tag that opens an element nested more than `limit`
/// deep, counted as [`raw_html_too_deep`] counts; `open` holds the elements left open before
/// `html` (for HTML read in pieces), and those left open after it.
pub fn html_too_deep(html: &str, limit: usize, open: &mut Vec<String>) -> Option<usize> {
    for (at, tag) in sanitize::tags(html) {
        match tag {
            sanitize::HtmlTag::Start(name) if !sanitize::never_nests(&name) => {
                open.push(name);
                if open.len() > limit {
                    return Some(at);
                }
            }
            sanitize::HtmlTag::End(name) => {
                if let Some(i) = open.iter().rposition(|o| *o == name) {
                    open.truncate(i);
                }
            }
            sanitize::HtmlTag::Start(_) => {}
        }
    }
    None
}

/// `html` with the table cells' alignment (`style="text-align: right"`, as pulldown-cmark
/// writes it) as a class (`class="align-right"`): a theme styles it once, and a minified build
/// does not run the CSS minifier over every cell. Raw HTML in content has lost its `style`
/// attributes already, so only the cells of Markdown tables carry one.
fn alignment_as_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// Renders `markdown` to sanitized HTML (for notes and descriptions).
pub fn to_html(markdown: &str) -> String {
    parse(markdown).to_html(&[])
}

impl<'a> Document<'a> {
    /// The text a reader sees: text and code, with blocks separated by newlines.
    pub fn plain_text(&self) -> &str {
        &self.plain
    }

    /// Renders the document, wrapping each mark's ranges of [`Self::plain_text`] in a
    /// highlighted element, then sanitizes it.
    pub fn to_html(self, marks: &[Mark]) -> String {
        let needs_sanitizing = self.events.iter().any(sanitize::is_unsafe);
        let events = highlight::apply(self.events, &self.pieces, marks);
        let mut html = String::with_capacity(self.plain.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        let html = alignment_as_classes(html);
        if needs_sanitizing {
            sanitize::clean(&html)
        } else {
            html
        }
    }
}

/// Each run of raw HTML block lines as one event, its attributes stripped: pulldown-cmark gives
/// an HTML block line by line, and a tag split over two lines (`<p\nclass="hidden">`) must
/// lose its attributes as surely as one written on one line.
fn stripped_html_blocks<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    let mut block = String::new();
    let flush = |block: &mut String, out: &mut Vec<Event<'a>>| {
        if !block.is_empty() {
            out.push(Event::Html(sanitize::strip_attributes(block).into()));
            block.clear();
        }
    };
    for event in events {
        match event {
            Event::Html(line) => block.push_str(&line),
            event => {
                flush(&mut block, &mut out);
                out.push(event);
            }
        }
    }
    flush(&mut block, &mut out);
    out
}

/// Joins runs of text events (pulldown-cmark splits text at `&`, `[` and the like), so a
/// highlighted passage is one element wherever the source has no markup in it.
fn merge_text<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    // The texts of the current run, joined once when it ends: joining pairwise as they come
    // would copy a paragraph split a million times (`a[a[a[…`) a million times.
    let mut run: Vec<CowStr<'a>> = Vec::new();
    let flush = |run: &mut Vec<CowStr<'a>>, out: &mut Vec<Event<'a>>| match run.len() {
        0 => {}
        1 => out.extend(run.pop().map(Event::Text)),
        _ => {
            let mut joined = String::with_capacity(run.iter().map(|t| t.len()).sum());
            run.drain(..).for_each(|t| joined.push_str(&t));
            out.push(Event::Text(joined.into()));
        }
    };
    for event in events {
        match event {
            Event::Text(text) => run.push(text),
            event => {
                flush(&mut run, &mut out);
                out.push(event);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Gives every heading an id unique in the page — made from its text (`## Casualties` ->
/// `casualties`) when it has none, with `-1`, `-2`... when taken — and drops any other
/// attributes written with `{...}`: `{onclick=...}` must never reach a page. An id the engine
/// uses itself ([`crate::model::page_ids`]) is never taken: a reserved one gets a number, one with an
/// engine prefix (`q-`, `year-`…) an `h-` before it.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = crate::model::page_ids::RESERVED
        .iter()
        .map(|s| s.to_string())
        .collect();
    // The next number to try for each base, so a thousand equal headings take a thousand steps.
    let mut next: HashMap<String, usize> = HashMap::new();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { id, .. }) = &events[i] else {
            continue;
        };
        let base = match id {
            Some(id) => crate::model::slug::suggest(id),
            None => {
                let mut text = String::new();
                for e in &events[i + 1..] {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                }
                crate::model::slug::suggest(&text)
            }
        };
        let base = match crate::model::page_ids::PREFIXES
            .iter()
            .any(|p| base.starts_with(p))
        {
            true => format!("h-{base}"),
            false => base,
        };
        let mut unique = base.clone();
        let n = next.entry(base.clone()).or_insert(0);
        while used.contains(&unique) {
            *n += 1;
            unique = format!("{base}-{n}");
        }
        used.insert(unique.clone());
        if let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = &mut events[i]
        {
            *id = Some(CowStr::from(unique));
            classes.clear();
            attrs.clear();
        }
    }
    events
}

/// True for the tags that end a block of text (a paragraph, a heading, a table cell...).
fn ends_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// The rules of plain text, fed one event at a time: text and code count, image alt text and
/// raw HTML do not, line breaks and the ends of blocks become newlines.
#[derive(Default)]
struct PlainText {
    text: String,
    in_image: usize,
    /// Inside an inline `<script>` or `<style>`, whose text the sanitizer removes.
    in_hidden: Option<&'static str>,
}

impl PlainText {
    /// Adds `event`; returns the range of the text it contributed, if any.
    fn push(&mut self, event: &Event<'_>) -> Option<Range<usize>> {
        if let Event::InlineHtml(html) = event {
            let lower = html.to_ascii_lowercase();
            match self.in_hidden {
                Some(close) if lower.contains(close) => self.in_hidden = None,
                None if lower.starts_with("<script") => self.in_hidden = Some("</script"),
                None if lower.starts_with("<style") => self.in_hidden = Some("</style"),
                _ => {}
            }
        }
        if self.in_hidden.is_some() {
            return None;
        }
        match event {
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image -= 1,
            Event::Text(t) | Event::Code(t) if self.in_image == 0 => {
                let start = self.text.len();
                self.text.push_str(t);
                return Some(start..self.text.len());
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.text.push('\n'),
            Event::End(tag) if ends_block(tag) && !self.text.ends_with('\n') => {
                self.text.push('\n')
            }
            _ => {}
        }
        None
    }
}

fn plain_text(events: &[Event<'_>]) -> (String, Vec<(usize, Range<usize>)>) {
    let mut plain = PlainText::default();
    let pieces = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| plain.push(e).map(|r| (i, r)))
        .collect();
    (plain.text, pieces)
}

/// The plain text of `markdown` — the same as `parse(markdown).plain_text()` — straight from
/// the parser, for when only the text is needed (verifying quotes).
pub fn plain_text_of(markdown: &str) -> String {
    let mut plain = PlainText::default();
    for event in Parser::new_ext(markdown, options()) {
        plain.push(&event);
    }
    // Kept for the whole build: without the room it grew into (a quarter more, on average).
    plain.text.shrink_to_fit();
    plain.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_nesting_is_counted_as_a_browser_builds_the_tree() {
        let deep = |n: usize| "<div>".repeat(n);
        assert_eq!(raw_html_too_deep(&deep(3), 3), None);
        assert_eq!(raw_html_too_deep(&deep(4), 3), Some(15));
        assert_eq!(
            raw_html_too_deep("<div></div>".repeat(10).as_str(), 3),
            None
        );
        // End tags may be left out of `<p>` and `<li>`; `<br>` is void; an end tag closes what
        // was opened inside its element; a comment or code span is not HTML.
        let loose = "<ul><li>a<li>b<li>c</ul> <p>x<p>y<br><br><br> <div><b><i><u></div>";
        assert_eq!(raw_html_too_deep(&format!("{loose}<div><span>"), 4), None);
        assert_eq!(
            raw_html_too_deep(&format!("{loose}<div><span>"), 3),
            Some(57)
        );
        assert_eq!(raw_html_too_deep("<!-- <div><div><div><div> -->", 2), None);
        assert_eq!(raw_html_too_deep("`<div><div><div><div>`", 2), None);
        assert_eq!(raw_html_too_deep("<DIV><Div><div>", 2), Some(10));
    }

    #[test]
    fn plain_text_is_what_a_reader_sees() {
        let doc = parse("# Title\n\nSome *emphasis* and `code`,\na [link](x) ![alt text](i.png).\n\n<b>raw</b> &amp; more\n");
        assert_eq!(
            doc.plain_text(),
            "Title\nSome emphasis and code,\na link .\nraw & more\n"
        );
    }

    #[test]
    fn plain_text_straight_from_the_parser_is_the_same() {
        let md = "# T\n\nA *b* `c` [d](e) ![f](g) &amp; h\nnext\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n- i\n- j\n\n[^n]: k\n";
        assert_eq!(plain_text_of(md), parse(md).plain_text());
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = to_html("## Casualties\n\n## Casualties 1\n\n## Casualties\n\n## Own {#mine}\n\n## Sources\n\n## X {#q-a-1}\n");
        for id in [
            "casualties",
            "casualties-1",
            "casualties-2",
            "mine",
            "sources-1",
            "h-q-a-1",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id} in {html}");
        }
    }

    #[test]
    fn heading_attributes_other_than_the_id_are_dropped() {
        let html = to_html("## Evil {onmouseover=alert(1) data-x=y}\n");
        assert_eq!(html, "<h2 id=\"evil\">Evil</h2>\n");
    }

    #[test]
    fn text_inside_inline_script_or_style_is_not_plain_text() {
        let doc = parse("Before <script>secret words</script> after <STYLE>p{}</STYLE>.\n");
        assert_eq!(doc.plain_text(), "Before  after .\n");
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let html =
            to_html("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~gone~~ note[^1]\n\n[^1]: The note.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>gone</del>"), "{html}");
        assert!(html.contains("footnote-reference"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }
}
