//! Keeping scripts out of pages: raw HTML and link URLs in content are sanitized with ammonia.
//!
//! pulldown-cmark escapes text and attribute values itself, so a document is only run through
//! ammonia when it could carry something dangerous: raw HTML, or a link or image whose URL has
//! a scheme other than http, https or mailto (`javascript:`). The ammonia builder keeps what
//! Markdown produces — heading ids, footnote ids and classes, table alignment, the `<mark>`
//! highlights and their back-links — and drops scripts, event handlers and unsafe URLs.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Tag};

/// URL schemes content may link to.
const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// True when `event` could put something unsafe on a page.
pub fn is_unsafe(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !is_safe_url(dest_url)
        }
        _ => false,
    }
}

/// True for relative URLs and absolute ones with an allowed scheme.
pub fn is_safe_url(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match squeezed.find([':', '/', '?', '#']) {
        Some(i) if squeezed.as_bytes()[i] == b':' => {
            SCHEMES.contains(&squeezed[..i].to_ascii_lowercase().as_str())
        }
        _ => true,
    }
}

/// Attributes raw HTML in content may not carry: `id` (it could take a citation anchor's or
/// a heading's id), `class`, `style` and `hidden` (they could hide a quoted passage from
/// the reader, with the theme's visually-hidden class or `display: none`, while its quote still
/// verifies), and `data-passage` (it could dress other text as a targeted passage).
pub const STRIPPED_ATTRIBUTES: [&str; 5] = ["id", "class", "style", "hidden", "data-passage"];

/// Elements whose content a browser reads as plain text (`<textarea>`, `<noscript>` with
/// scripting on…) or does not show (`<template>`): a highlight inside one would be printed as
/// literal `<mark …>` markup, or hidden. Their tags are dropped from content and their text
/// shows as ordinary text.
pub const TEXT_ONLY_ELEMENTS: [&str; 9] = [
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// `html` (a raw HTML fragment written in content) without the attributes of
/// [`STRIPPED_ATTRIBUTES`] in any of its tags, and without the tags of
/// [`TEXT_ONLY_ELEMENTS`]. Tags and attributes are read as a browser's tokenizer reads them
/// ([`read_tag`]); the rest of the fragment is kept as written (a `<` that is text as `&lt;`),
/// and [`clean`] still runs over the whole page afterwards.
pub fn strip_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        out.push_str(&html[at..open]);
        let (next, tag) = read_tag(html, open);
        match tag {
            Some(tag) if TEXT_ONLY_ELEMENTS.contains(&tag.name.as_str()) => {}
            Some(tag) => {
                let mut from = open;
                for (name, span) in &tag.attributes {
                    if STRIPPED_ATTRIBUTES.contains(&name.as_str()) {
                        let kept = html[from..span.start].trim_end_matches(is_space);
                        out.push_str(kept);
                        out.push_str(separator(kept, &html[span.end..]));
                        from = span.end;
                    }
                }
                out.push_str(&html[from..next]);
            }
            // A `<` that is text is written as `&lt;`, so that dropping a tag after it cannot
            // join it to the text beyond into a new tag (`<<textarea>div id=x>`).
            None if next == open + 1 => out.push_str("&lt;"),
            None => out.push_str(&html[open..next]),
        }
        at = next;
    }
    out.push_str(&html[at..]);
    out
}

/// What to write between what is `kept` of a tag, up to a stripped attribute, and the `rest`
/// after it, so that the tokenizer reads the rest as it did with the attribute there: a
/// space, unless the rest starts with one; none before a `>` that cannot make the tag
/// self-closing; and ` /` before an `=`, which after a name without a value would otherwise
/// give that attribute a value, where it started a new attribute.
fn separator(kept: &str, rest: &str) -> &'static str {
    match rest.trim_start_matches(is_space).chars().next() {
        Some('=') => " /",
        Some('>') if !kept.ends_with('/') => "",
        _ if rest.starts_with(is_space) => "",
        _ => " ",
    }
}

/// A tag in a raw HTML fragment: its name, lowercased.
#[derive(Debug, PartialEq, Eq)]
pub enum HtmlTag {
    /// `<name …>` (or `<name …/>`, which HTML reads as a start tag too).
    Start(String),
    /// `</name>`.
    End(String),
}

/// The tags of a raw HTML fragment, with their byte offsets, as a browser's tokenizer reads
/// them ([`read_tag`]): a tag counts once its `>` is read; comments, `<!…>` and `<?…>` are
/// skipped.
pub fn tags(html: &str) -> impl Iterator<Item = (usize, HtmlTag)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let open = at + html.get(at..)?.find('<')?;
        let (next, tag) = read_tag(html, open);
        at = next;
        if let Some(tag) = tag.filter(|t| t.complete) {
            let tag = match tag.end {
                true => HtmlTag::End(tag.name),
                false => HtmlTag::Start(tag.name),
            };
            return Some((open, tag));
        }
    })
}

/// A tag as the tokenizer reads it.
struct ReadTag {
    /// True for an end tag (`</name>`).
    end: bool,
    /// Its name, lowercased: everything from its first letter to white space, `/` or `>`.
    name: String,
    /// Each attribute's name, lowercased, and its bytes, from its name through its value.
    attributes: Vec<(String, Range<usize>)>,
    /// False when the text ends before its `>` (a browser drops such a tag).
    complete: bool,
}

/// What starts at the `<` at byte `open` of `html`, read as the WHATWG tokenizer reads it in
/// its data state: the byte where reading goes on, and the tag, if it is one — not a comment
/// (`<!--…-->`), a bogus comment (`<!…>`, `<?…>`, `</ …>`), or a `<` that is text.
/// `tests/suite/boundary.rs` holds it to html5ever's tokenizer.
fn read_tag(html: &str, open: usize) -> (usize, Option<ReadTag>) {
    let rest = &html[open + 1..];
    let after = |skipped: usize| (open + 1 + skipped).min(html.len());
    if let Some(comment) = rest.strip_prefix("!--") {
        return (after(3 + comment_length(comment)), None);
    }
    let end = match rest.as_bytes() {
        [b'!' | b'?', ..] => return (after(bogus_comment_length(rest)), None),
        [b'/', b'>', ..] => return (after(2), None),
        [b'/', c, ..] if c.is_ascii_alphabetic() => true,
        [b'/', _, ..] => return (after(1 + bogus_comment_length(&rest[1..])), None),
        [b'/'] => return (open + 1, None),
        [c, ..] if c.is_ascii_alphabetic() => false,
        _ => return (open + 1, None),
    };
    let from = open + 1 + usize::from(end);
    let name_len = html[from..]
        .find(|c: char| is_space(c) || c == '/' || c == '>')
        .unwrap_or(html.len() - from);
    let name = lowercased(&html[from..from + name_len]);
    let (attributes, closed) = read_attributes(html, from + name_len);
    let complete = closed.is_some();
    let next = closed.unwrap_or(html.len());
    let tag = ReadTag {
        end,
        name,
        attributes,
        complete,
    };
    (next, Some(tag))
}

/// A tag or attribute name as the tokenizer keeps it: ASCII capitals lowered, NUL replaced.
fn lowercased(name: &str) -> String {
    name.chars().map(lowered).collect()
}

/// One character of a name as the tokenizer keeps it.
fn lowered(c: char) -> char {
    match c {
        '\0' => '\u{fffd}',
        c => c.to_ascii_lowercase(),
    }
}

/// The HTML tokenizer's white space.
fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ')
}

/// Where the tokenizer is inside a tag, after its name (the WHATWG attribute states).
#[derive(Clone, Copy, PartialEq)]
enum AttributeState {
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Quoted(char),
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

/// What one character does to the attribute being read.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    /// It starts a new attribute, as the first character of its name.
    Starts,
    /// It is part of the current attribute: its name (`true`) or the rest.
    Extends(bool),
    /// It is white space or `/` between attributes.
    Between,
}

/// The tokenizer's move on `c` in `state` (a `>` outside quotes, which ends the tag, is
/// handled by the caller).
fn attribute_step(state: AttributeState, c: char) -> (AttributeState, Step) {
    use AttributeState::*;
    let space = is_space(c);
    match state {
        Quoted(q) if c == q => (AfterQuoted, Step::Extends(false)),
        Quoted(q) => (Quoted(q), Step::Extends(false)),
        BeforeValue if c == '"' || c == '\'' => (Quoted(c), Step::Extends(false)),
        BeforeValue if space => (BeforeValue, Step::Extends(false)),
        BeforeValue | Unquoted if !space => (Unquoted, Step::Extends(false)),
        Unquoted => (BeforeName, Step::Between),
        Name | AfterName if c == '=' => (BeforeValue, Step::Extends(false)),
        Name if !space && c != '/' => (Name, Step::Extends(true)),
        Name | AfterName if space => (AfterName, Step::Between),
        _ if space => (BeforeName, Step::Between),
        _ if c == '/' => (SelfClosing, Step::Between),
        // Any other character starts an attribute (`=` too, where no name precedes it).
        _ => (Name, Step::Starts),
    }
}

/// The attributes of the tag whose name ends at byte `from` of `html`, read as the tokenizer
/// reads them (so a `>` inside a quoted value does not end the tag), and the byte after the
/// tag's `>` (`None` when it has none). An attribute's bytes run from its name through its
/// value.
fn read_attributes(html: &str, from: usize) -> (Vec<(String, Range<usize>)>, Option<usize>) {
    let mut attributes: Vec<(String, Range<usize>)> = Vec::new();
    let mut state = AttributeState::BeforeName;
    for (i, c) in html[from..].char_indices() {
        let at = from + i;
        if c == '>' && !matches!(state, AttributeState::Quoted(_)) {
            return (attributes, Some(at + 1));
        }
        let (next, step) = attribute_step(state, c);
        let end = at + c.len_utf8();
        match (step, attributes.last_mut()) {
            (Step::Starts, _) => attributes.push((lowered(c).to_string(), at..end)),
            (Step::Extends(name), Some((written, span))) => {
                if name {
                    written.push(lowered(c));
                }
                span.end = end;
            }
            _ => {}
        }
        state = next;
    }
    (attributes, None)
}

/// How long a comment is after its `<!--`, through its end: `-->`, `--!>`, or the abrupt `>`
/// of `<!-->` and `<!--->`; to the end of `rest` when it has none.
fn comment_length(rest: &str) -> usize {
    for abrupt in [">", "->"] {
        if rest.starts_with(abrupt) {
            return abrupt.len();
        }
    }
    let ends = [
        rest.find("-->").map(|i| i + 3),
        rest.find("--!>").map(|i| i + 4),
    ];
    ends.into_iter().flatten().min().unwrap_or(rest.len())
}

/// How long a bogus comment (`<!…>`, `<?…>`, `</ …>`) is, through its `>`.
fn bogus_comment_length(rest: &str) -> usize {
    rest.find('>').map_or(rest.len(), |i| i + 1)
}

/// Whether an element named `name` never holds others in the tree a browser builds from
/// careless HTML: void elements, and those whose end tag may be left out (a second `<p>`
/// closes the first).
pub fn never_nests(name: &str) -> bool {
    const NAMES: [&str; 33] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option",
        "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot", "colgroup", "caption",
    ];
    NAMES.contains(&name)
}

/// Sanitizes rendered HTML.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["mark"])
            .add_generic_attributes(["id", "class", "title", "aria-label", "data-passage"])
            .add_tag_attributes("span", ["hidden"])
            .url_schemes(HashSet::from(SCHEMES))
            .link_rel(None);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::to_html;

    #[test]
    fn raw_html_loses_ids_classes_styles_and_hidden() {
        assert_eq!(
            strip_attributes("<span class=\"skip\" title='t'>text</span> <div id=q-x-1 hidden style=\"display:none\">a > b</div><br/>"),
            "<span title='t'>text</span> <div>a > b</div><br/>"
        );
        assert_eq!(
            strip_attributes("1 < 2 <!-- c --> <p>"),
            "1 &lt; 2 <!-- c --> <p>"
        );
        let html = to_html("Text <span class=\"visually-hidden\">secret</span> and <b id=\"q-flood-1\">bold</b>.\n\n## Heading {.skip #q-a-1}\n");
        for bad in ["visually-hidden", "q-flood-1", "skip", "id=\"q-a-1\""] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("secret"), "{html}");
        // A tag split over the lines of an HTML block loses its attributes too.
        let split = to_html("<div\nclass=\"visually-hidden\" id=\"q-x-1\">\nquoted text\n</div>\n");
        assert!(
            !split.contains("visually-hidden") && !split.contains("q-x-1"),
            "{split}"
        );
        assert!(split.contains("quoted text"), "{split}");
    }

    #[test]
    fn tags_whose_text_a_browser_would_not_show_as_markup_are_dropped() {
        assert_eq!(
            strip_attributes("<NoScript class=x>a</noscript> <textarea rows=2>b</TEXTAREA><template>c</template>"),
            "a bc"
        );
        assert_eq!(strip_attributes("<div id=x>d</div >"), "<div>d</div >");
        // An attribute glued to the one before it keeps a space where the stripped one was.
        assert_eq!(strip_attributes("<p id=\"x\"title=t>"), "<p title=t>");
        // Found by fuzzing against html5ever: `=` after a name without a value would give it
        // one, and `/` after an unquoted value would join it.
        assert_eq!(strip_attributes("<p a id=x =b>"), "<p a / =b>");
        assert_eq!(strip_attributes("<p a=b id=\"x\"/>"), "<p a=b />");
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let html = to_html(
            "Hi <script>alert(1)</script><img src=x onerror=\"alert(2)\"> [x](javascript:alert(3)) [y](<JaVa ScRiPt:alert(4)>) [z](javascript&#58;alert(5))\n\n<a href=\"javascript:alert(6)\">w</a>\n",
        );
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "alert(1)",
            "javascript:",
            "javascript&#58;",
        ] {
            assert!(!lower.contains(bad), "{bad} in {html}");
        }
        for text in ["<a>x</a>", "<a>z</a>", "<a>w</a>", ">y</a>"] {
            assert!(html.contains(text), "{text} missing from {html}");
        }
    }

    #[test]
    fn markdown_features_survive_sanitizing() {
        let html = to_html(
            "<span>raw</span>\n\n## Head\n\n| a |\n|:-:|\n| b |\n\nText[^n]\n\n[^n]: Note.\n",
        );
        assert!(html.contains("id=\"head\""), "{html}");
        assert!(html.contains("<th class=\"align-center\">a</th>"), "{html}");
        assert!(html.contains("class=\"footnote-definition\""), "{html}");
    }

    #[test]
    fn safe_urls() {
        for ok in [
            "https://a.org/x",
            "/x",
            "x/y",
            "#frag",
            "mailto:a@b.org",
            "?q=a:b",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:x",
            " JAVASCRIPT:x",
            "java\nscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
