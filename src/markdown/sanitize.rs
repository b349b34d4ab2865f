//! Keeping scripts out of pages: raw HTML and link URLs in content are sanitized with ammonia.
//!
//! pulldown-cmark escapes text and attribute values itself, so a document is only run through
//! ammonia when it could carry something dangerous: raw HTML, or a link or image whose URL has
//! a scheme other than http, https or mailto (`javascript:`). The ammonia builder keeps what
//! Markdown produces — heading ids, footnote ids and classes, table alignment, the `<mark>`
//! highlights and their back-links — and drops scripts, event handlers and unsafe URLs.

use std::collections::HashSet;
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
const STRIPPED_ATTRIBUTES: [&str; 5] = ["id", "class", "style", "hidden", "data-passage"];

/// Elements whose content a browser reads as plain text (`<textarea>`, `<noscript>` with
/// scripting on…) or does not show (`<template>`): a highlight inside one would be printed as
/// literal `<mark …>` markup, or hidden. Their tags are dropped from content and their text
/// shows as ordinary text.
const TEXT_ONLY_ELEMENTS: [&str; 9] = [
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
/// [`TEXT_ONLY_ELEMENTS`]. The rest of the fragment is kept as written; [`clean`] still runs
/// over the whole page afterwards.
pub fn strip_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let slash = usize::from(rest[1..].starts_with('/'));
        let starts_tag = rest[1 + slash..].starts_with(|c: char| c.is_ascii_alphabetic());
        if !starts_tag {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let name_end = rest[1 + slash..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(rest.len(), |i| i + 1 + slash);
        let name = &rest[1 + slash..name_end];
        let dropped_tag = TEXT_ONLY_ELEMENTS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(name));
        let mut tag = rest[..name_end].to_string();
        rest = &rest[name_end..];
        // Attributes, up to the tag's end.
        loop {
            let trimmed = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            let space = &rest[..rest.len() - trimmed.len()];
            rest = trimmed;
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                tag.push_str(space);
                break;
            }
            let name_len = rest
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
                .unwrap_or(rest.len())
                .max(1);
            let name = &rest[..name_len];
            let mut end = name_len;
            let after = rest[end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
                let value_len = match value.chars().next() {
                    Some(q @ ('"' | '\'')) => value[1..].find(q).map_or(value.len(), |i| i + 2),
                    _ => value
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(value.len()),
                };
                end = rest.len() - value.len() + value_len;
            }
            let dropped = STRIPPED_ATTRIBUTES
                .iter()
                .any(|a| a.eq_ignore_ascii_case(name));
            if !dropped {
                tag.push_str(space);
                tag.push_str(&rest[..end]);
            }
            rest = &rest[end..];
        }
        if dropped_tag {
            // The tag goes, up to and including its `>`.
            let close = rest.find('>').map_or(rest.len(), |i| i + 1);
            rest = &rest[close..];
        } else {
            out.push_str(&tag);
        }
    }
    out.push_str(rest);
    out
}

/// A tag in a raw HTML fragment: its name, lowercased.
#[derive(Debug, PartialEq, Eq)]
pub enum HtmlTag {
    /// `<name …>` (or `<name …/>`, which HTML reads as a start tag too).
    Start(String),
    /// `</name>`.
    End(String),
}

/// The tags of a raw HTML fragment, with their byte offsets, skipping comments.
pub fn tags(html: &str) -> impl Iterator<Item = (usize, HtmlTag)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let open = at + html.get(at..)?.find('<')?;
        let rest = &html[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            at = comment.find("-->").map_or(html.len(), |i| open + 4 + i + 3);
            continue;
        }
        at = open + 1;
        let (end, name) = match rest.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, rest),
        };
        let len = name
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(name.len());
        if len == 0 || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = name[..len].to_ascii_lowercase();
        return Some((
            open,
            if end {
                HtmlTag::End(name)
            } else {
                HtmlTag::Start(name)
            },
        ));
    })
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
            "1 < 2 <!-- c --> <p>"
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
