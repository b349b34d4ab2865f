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

/// Sanitizes rendered HTML.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["mark"])
            .add_generic_attributes(["id", "class", "title", "aria-label"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .filter_style_properties(HashSet::from(["text-align"]))
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
        assert!(html.contains("text-align"), "{html}");
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
