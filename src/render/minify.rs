//! Minification, done where it pays: the HTML made from an article's Markdown goes through
//! minify-html once, when it is made (and `serve` keeps it while the article is unchanged), and
//! each page loses the line breaks beside its block tags in one quick pass ([`compact`]).
//! Running minify-html over every page whole cost as much CPU as the rest of the build for about
//! 4% fewer bytes, most of them the quotes around attribute values (bench/README.md).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Elements whose tags white space beside is never rendered: block boxes (white space at the
/// start and end of a line box is dropped) and the document's head. As minify-html, this goes
/// by the tag, not by what a stylesheet might make of it.
const BLOCK: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "br",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is kept exactly as written.
const VERBATIM: &[&str] = &["pre", "textarea", "script", "style"];

/// The name of the tag that starts at `text` (`<p`, `</li`, `<!DOCTYPE`, `<fact-card`), as
/// written.
fn tag_name(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'!' | b'-'))
        .count();
    (len > 0).then(|| &rest[..len])
}

/// Whether `name` (in any case) is in `list`.
fn among(name: Option<&str>, list: &[&str]) -> bool {
    name.is_some_and(|n| list.iter().any(|b| b.eq_ignore_ascii_case(n)))
}

/// `page` without the white space beside its block and head tags that contains a line break (a
/// browser does not render it), and with any other run that has a line break made one. Everything inside tags and comments, and inside `<pre>`,
/// `<textarea>`, `<script>` and `<style>`, is kept as written, as is white space within a line
/// and any break between inline elements (`</a>` and `<em>`): it may be the space between two
/// words. One pass, no allocation but the result: text is copied a run at a time, up to the
/// next tag or line break.
pub fn compact(page: &str) -> String {
    let bytes = page.as_bytes();
    let mut out = String::with_capacity(page.len());
    // The tag last written, and where the output ended just after it.
    let mut last_tag: Option<(&str, usize)> = None;
    let mut at = 0;
    while at < page.len() {
        let next = memchr::memchr2(b'<', b'\n', &bytes[at..]).map_or(page.len(), |i| at + i);
        out.push_str(&page[at..next]);
        at = next;
        if at == page.len() {
            break;
        }
        let rest = &page[at..];
        if bytes[at] == b'\n' {
            // The run of white space around this line break: from the end of the output's
            // trailing white space to the next other character.
            let run_end = rest
                .find(|c: char| !c.is_ascii_whitespace())
                .map_or(page.len(), |i| at + i);
            let keep = out
                .trim_end_matches(|c: char| c.is_ascii_whitespace())
                .len();
            let after_block =
                last_tag.is_some_and(|(name, end)| end == keep && among(Some(name), BLOCK));
            let before_block = among(tag_name(&page[run_end..]), BLOCK);
            out.truncate(keep);
            if !(after_block || before_block) {
                // Any run is one space to a browser: one line break keeps the words apart.
                out.push('\n');
            }
            at = run_end;
            continue;
        }
        let end = if rest.starts_with("<!--") {
            last_tag = None;
            rest.find("-->").map_or(rest.len(), |i| i + 3)
        } else if let Some(name) = tag_name(rest) {
            let end = tag_end(rest);
            let verbatim = !rest.starts_with("</") && among(Some(name), VERBATIM);
            let inside =
                verbatim.then(|| closing_tag(&rest[end..], name).unwrap_or(rest.len() - end));
            last_tag = if verbatim {
                None
            } else {
                Some((name, out.len() + end))
            };
            end + inside.unwrap_or(0)
        } else {
            // A `<` that starts no tag is text.
            1
        };
        out.push_str(&rest[..end]);
        at += end;
    }
    out
}

/// Where the closing tag of element `name` first starts in `text`, in any case.
fn closing_tag(text: &str, name: &str) -> Option<usize> {
    text.match_indices("</")
        .map(|(at, _)| at)
        .find(|&at| tag_name(&text[at..]).is_some_and(|n| n.eq_ignore_ascii_case(name)))
}

/// The length of the HTML tag at the start of `text`, up to its `>` outside quotes; all of
/// `text` when it does not end.
fn tag_end(text: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, '>') => return at + 1,
            _ => {}
        }
        at += c.len_utf8();
    }
    text.len()
}

/// HTML through minify-html: closing tags and the `<html>` and `<head>` tags kept, CSS
/// minified, scripts left alone.
pub fn minify_html(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = false;
    minify_html::minify(html, &cfg)
}

/// Minifies fragments; with [`Minified::remembering`], keeps them by a hash of the HTML they
/// were made from, so that `serve` minifies only the articles whose HTML changed since its last
/// rebuild. Entries not used by a rebuild are dropped at its end ([`Minified::keep_used`]).
/// A build makes each fragment once and keeps none ([`Minified::default`]).
#[derive(Default)]
pub struct Minified {
    fragments: Option<Mutex<Remembered>>,
}

/// Minified fragments by the hash of their HTML, each with whether a rebuild used it.
type Remembered = HashMap<u64, (Arc<str>, bool)>;

impl Minified {
    /// A minifier that remembers what it made.
    pub fn remembering() -> Minified {
        Minified {
            fragments: Some(Mutex::default()),
        }
    }

    /// `html`, minified: from memory when the same HTML was minified before.
    pub fn fragment(&self, html: &str) -> Arc<str> {
        let made = || -> Arc<str> { String::from_utf8_lossy(&minify_html(html.as_bytes())).into() };
        let Some(fragments) = &self.fragments else {
            return made();
        };
        let mut hasher = std::hash::DefaultHasher::new();
        html.hash(&mut hasher);
        let key = hasher.finish();
        let lock = || fragments.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((done, used)) = lock().get_mut(&key) {
            *used = true;
            return Arc::clone(done);
        }
        let done = made();
        lock().insert(key, (Arc::clone(&done), true));
        done
    }

    /// Forgets the fragments no rendering asked for since the last call.
    pub fn keep_used(&self) {
        if let Some(fragments) = &self.fragments {
            let mut fragments = fragments.lock().unwrap_or_else(|p| p.into_inner());
            fragments.retain(|_, (_, used)| std::mem::take(used));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `compact` as it was before it copied text a run at a time: one step per word and per
    /// space. The new one must give the same bytes.
    fn compact_before(page: &str) -> String {
        let mut out = String::with_capacity(page.len());
        // The tag just closed in the output, if the output ends with it.
        let mut last_tag: Option<&str> = None;
        let mut rest = page;
        while let Some(c) = rest.chars().next() {
            if rest.starts_with("<!--") {
                let end = rest.find("-->").map_or(rest.len(), |at| at + 3);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                last_tag = None;
                continue;
            }
            if let Some(name) = tag_name(rest) {
                let end = tag_end(rest);
                out.push_str(&rest[..end]);
                let closing = rest.starts_with("</");
                rest = &rest[end..];
                if !closing && among(Some(name), VERBATIM) {
                    let end = closing_tag(rest, name).unwrap_or(rest.len());
                    out.push_str(&rest[..end]);
                    rest = &rest[end..];
                    last_tag = None;
                    continue;
                }
                last_tag = Some(name);
                continue;
            }
            if c.is_ascii_whitespace() {
                let end = rest
                    .find(|c: char| !c.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                let (space, after) = rest.split_at(end);
                let beside_block = among(last_tag, BLOCK) || among(tag_name(after), BLOCK);
                match (space.contains('\n'), beside_block) {
                    (true, true) => {}
                    // Any run is one space to a browser: one line break keeps the words apart.
                    (true, false) => out.push('\n'),
                    (false, _) => out.push_str(space),
                }
                rest = after;
                continue;
            }
            // Text up to the next tag or white space, whole.
            let end = rest
                .find(|c: char| c == '<' || c.is_ascii_whitespace())
                .unwrap_or(rest.len())
                .max(c.len_utf8());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            last_tag = None;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn compact_gives_what_it_gave_a_word_at_a_time(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<p>", "</p>", "<a href=\"x\">", "</a>", "<em>", "</em>", "<pre>", "</pre>",
                "<!--", "-->", "<script>", "</script>", "<br>", "<P>", "<p-x>", "<div\n class='a\n'>",
                "\n", " ", "\t", "\r", "\u{c}", "word", "é", "<", ">", "\"", "'", "</", "<!DOCTYPE html>",
            ]), 0..60)
        ) {
            let page: String = parts.concat();
            proptest::prop_assert_eq!(compact(&page), compact_before(&page));
        }
    }

    #[test]
    fn line_breaks_beside_block_tags_go_and_the_rest_stay() {
        let page = "<!DOCTYPE html>\n<html>\n<head>\n<title>T</title>\n</head>\n<body>\n<ul>\n\n\
            <li><a href=\"x\">x</a>\n \n<span>b</span></li>\n\n</ul>\n<p>said by <a>A</a>\n<em>B</em>\n\
            c\n</p>\n<p>a  b <br>\nc</p>\n<p-x>d</p-x>\n<p-x>e</p-x>\n</body>\n</html>\n";
        assert_eq!(
            compact(page),
            "<!DOCTYPE html><html><head><title>T</title></head><body><ul>\
             <li><a href=\"x\">x</a>\n<span>b</span></li></ul><p>said by <a>A</a>\n<em>B</em>\n\
             c</p><p>a  b <br>c</p><p-x>d</p-x>\n<p-x>e</p-x></body></html>"
        );
    }

    #[test]
    fn tags_comments_and_verbatim_elements_are_kept_as_written() {
        let page = "<div\n class=\"a\n b\"\n id=\"y\">\n<!-- a > b\n -->\n<PRE>\n  x\n\n</pre>\n\
            <script>\nlet a = \"<p>\";\n</script>\n<p title='>\n'>\nÅ\n</p>\n";
        assert_eq!(
            compact(page),
            "<div\n class=\"a\n b\"\n id=\"y\"><!-- a > b\n --><PRE>\n  x\n\n</pre>\
            <script>\nlet a = \"<p>\";\n</script><p title='>\n'>Å</p>"
        );
    }

    #[test]
    fn minifying_keeps_the_space_between_inline_elements() {
        let out = minify_html(b"<p>said by <a href=\"x\">Aliyev</a> and <em>Putin</em> .</p>");
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("by <a href=x>Aliyev</a> and <em>Putin</em> ."),
            "{out}"
        );
    }

    #[test]
    fn a_fragment_is_minified_once_and_forgotten_when_unused() {
        let cache = Minified::remembering();
        let html = "<p>a   <em>b</em></p>\n<p>c</p>\n";
        let first = cache.fragment(html);
        assert_eq!(&*first, "<p>a <em>b</em></p><p>c</p>");
        assert!(
            Arc::ptr_eq(&first, &cache.fragment(html)),
            "the second time from the cache"
        );
        cache.keep_used();
        cache.keep_used();
        assert!(
            !Arc::ptr_eq(&first, &cache.fragment(html)),
            "unused, so forgotten"
        );
        let once = Minified::default();
        assert!(
            !Arc::ptr_eq(&once.fragment(html), &once.fragment(html)),
            "a build keeps none"
        );
    }
}
