//! Quote verification: is this quote really in its article?
//!
//! The rules (DESIGN.md, "Quote verification"):
//! - Both the quote and the article's plain text are *folded* first: curly quotes and
//!   apostrophes become straight ones, en and em dashes `-`, `…` becomes `...`, and every run of
//!   white space (non-breaking spaces included) one space. Invisible soft hyphens and zero-width
//!   spaces are dropped. Case and words must match exactly.
//! - An ellipsis (`...`, `…` or `[...]`) inside a quote splits it into parts, which must occur
//!   in the article in that order.
//! - A part must start and end on word boundaries: "illion" is not a quote of "billion".
//!
//! A quote that is found yields the ranges of the article's plain text it covers (one per
//! part), which the article page highlights. One that is not found yields a [`Miss`]: which
//! part failed and the closest passage of the article, to show the editor what differs.

use std::ops::Range;

/// Folds one character, or returns `None` to keep it as it is.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// The units folding works on, in order: `(folded text, original byte range)`. A run of white
/// space is one unit (`" "`); every other character is one unit.
fn units(text: &str) -> impl Iterator<Item = (&str, Range<usize>)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (i, c) = chars.next()?;
        let mut end = i + c.len_utf8();
        if c.is_whitespace() {
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            return Some((" ", i..end));
        }
        Some((fold_char(c).unwrap_or(&text[i..end]), i..end))
    })
}

/// Folds `text` as described in the module documentation.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut plain_from = 0;
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        let replacement = if c.is_whitespace() {
            Some(if last_space { "" } else { " " })
        } else {
            fold_char(c)
        };
        last_space = c.is_whitespace();
        if let Some(r) = replacement {
            out.push_str(&text[plain_from..i]);
            out.push_str(r);
            plain_from = i + c.len_utf8();
        }
    }
    out.push_str(&text[plain_from..]);
    out
}

/// An article's plain text, and the same folded for matching.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The plain text as the reader sees it.
    pub original: String,
    /// The plain text folded.
    pub folded: String,
}

impl SourceText {
    /// Folds `original` once, for any number of quotes.
    pub fn new(original: String) -> Self {
        let folded = fold(&original);
        SourceText { original, folded }
    }

    /// The byte range of the original text that the folded range `range` came from.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let mut at = 0;
        let mut start = None;
        for (piece, span) in units(&self.original) {
            let next = at + piece.len();
            if start.is_none() && next > range.start {
                start = Some(span.start);
            }
            if next >= range.end && start.is_some() {
                return start.unwrap_or(span.start)..span.end;
            }
            at = next;
        }
        start.unwrap_or(self.original.len())..self.original.len()
    }
}

/// Why a quote was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// Which part (0-based) of the quote was not found, when it has several.
    pub part: usize,
    /// How many parts the quote has.
    pub parts: usize,
    /// The part's text, folded.
    pub text: String,
    /// The passage of the article most like it, in the article's own words.
    pub closest: Option<String>,
    /// True when the part is in the article, but only with other capitals.
    pub case_differs: bool,
    /// True when the part is in the article, but earlier than the part before it.
    pub out_of_order: bool,
}

/// Splits a folded quote at its ellipses into trimmed, non-empty parts.
pub fn parts(folded_quote: &str) -> Vec<&str> {
    folded_quote
        .split("[...]")
        .flat_map(|p| p.split("..."))
        .map(|p| p.trim_matches(|c: char| c == ' '))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Finds `quote` in the article `source`. Returns the byte ranges of the plain text that its
/// parts cover.
pub fn find(quote: &str, source: &SourceText) -> Result<Vec<Range<usize>>, Miss> {
    let article = &source.folded;
    let folded_quote = fold(quote);
    let parts = parts(&folded_quote);
    let mut ranges = Vec::with_capacity(parts.len());
    let mut from = 0;
    for (k, part) in parts.iter().enumerate() {
        match find_words(article, part, from) {
            Some(start) => {
                let end = start + part.len();
                ranges.push(source.original_range(start..end));
                from = end;
            }
            None => {
                return Err(Miss {
                    part: k,
                    parts: parts.len(),
                    text: part.to_string(),
                    closest: closest_passage(part, source),
                    case_differs: find_words(&article.to_lowercase(), &part.to_lowercase(), 0)
                        .is_some(),
                    out_of_order: from > 0 && find_words(article, part, 0).is_some(),
                })
            }
        }
    }
    if parts.is_empty() {
        return Err(Miss {
            part: 0,
            parts: 0,
            text: String::new(),
            closest: None,
            case_differs: false,
            out_of_order: false,
        });
    }
    Ok(ranges)
}

/// The first occurrence of `needle` in `hay` at or after `from` that starts and ends on word
/// boundaries.
fn find_words(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = hay.get(at..)?.find(needle) {
        let start = at + i;
        let end = start + needle.len();
        if on_boundary(hay, start, needle.chars().next())
            && on_boundary_after(hay, end, needle.chars().last())
        {
            return Some(start);
        }
        at = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn on_boundary(hay: &str, start: usize, first: Option<char>) -> bool {
    !(first.is_some_and(is_word) && hay[..start].chars().next_back().is_some_and(is_word))
}

fn on_boundary_after(hay: &str, end: usize, last: Option<char>) -> bool {
    !(last.is_some_and(is_word) && hay[end..].chars().next().is_some_and(is_word))
}

/// The passage of the article most like `part`: the run of as many words that shares the most
/// words with it, refined by edit distance. `None` when nothing is even half alike.
fn closest_passage(part: &str, source: &SourceText) -> Option<String> {
    let article = &source.folded;
    let words: Vec<Range<usize>> = word_ranges(article);
    let wanted: Vec<&str> = part.split(' ').collect();
    let n = wanted.len().max(1);
    if words.is_empty() {
        return None;
    }
    let window = n.min(words.len());
    let mut candidates: Vec<(usize, usize)> = (0..=words.len() - window)
        .map(|i| {
            let shared = words[i..i + window]
                .iter()
                .filter(|r| wanted.contains(&&article[(*r).clone()]))
                .count();
            (shared, i)
        })
        .collect();
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let (score, start) = candidates
        .iter()
        .take(12)
        .map(|&(_, i)| {
            let range = words[i].start..words[i + window - 1].end;
            (strsim::normalized_levenshtein(part, &article[range]), i)
        })
        .fold(
            (0.0f64, 0usize),
            |best, c| if c.0 > best.0 { c } else { best },
        );
    if score < 0.5 {
        return None;
    }
    let folded = words[start].start..words[start + window - 1].end;
    let original = &source.original[source.original_range(folded)];
    Some(original.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Byte ranges of the space-separated words of a folded text.
fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c == ' ', start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceText {
        SourceText::new(text.to_string())
    }

    fn quoted<'a>(text: &'a str, quote: &str) -> Vec<&'a str> {
        let s = source(text);
        find(quote, &s)
            .unwrap_or_else(|m| panic!("not found: {m:?}"))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn folding_makes_typography_irrelevant() {
        let text = "Aliyev\u{2019}s \u{201C}projected\u{201D} $5\u{00A0}billion \u{2014} far  more\u{2026}";
        assert_eq!(
            fold(text),
            "Aliyev's \"projected\" $5 billion - far more..."
        );
        assert_eq!(
            quoted(text, "Aliyev's \"projected\" $5 billion - far more"),
            ["Aliyev\u{2019}s \u{201C}projected\u{201D} $5\u{00A0}billion \u{2014} far  more"]
        );
    }

    #[test]
    fn folding_and_position_mapping_follow_the_same_rules() {
        for text in [
            "a\u{2019}b  \n c\u{2026}d\u{00AD}e \u{2014} f",
            "  lead",
            "trail \t",
            "",
        ] {
            let by_units: String = units(text).map(|(piece, _)| piece).collect();
            assert_eq!(fold(text), by_units, "{text:?}");
        }
        let s = source("x \u{201C}quoted\u{201D}  words\u{2026} end");
        let needle = "\"quoted\" words...";
        let at = s.folded.find(needle).unwrap();
        let range = s.original_range(at..at + needle.len());
        assert_eq!(&s.original[range], "\u{201C}quoted\u{201D}  words\u{2026}");
    }

    #[test]
    fn case_and_words_must_match() {
        let s = source("The budget is $5 billion.");
        let miss = find("the budget is $5 billion", &s).unwrap_err();
        assert!(miss.case_differs);
        assert!(find("illion", &s).is_err());
        assert!(find("$5 billion.", &s).is_ok());
        assert!(find("budget is $6 billion", &s).is_err());
    }

    #[test]
    fn ellipsis_parts_must_come_in_order() {
        let text = "One two three. Four five six. Seven eight.";
        assert_eq!(
            quoted(text, "One two ... five six"),
            ["One two", "five six"]
        );
        assert_eq!(
            quoted(text, "two three [...] Seven\u{2026}eight"),
            ["two three", "Seven", "eight"]
        );
        let miss = find("Four five ... One two", &source(text)).unwrap_err();
        assert_eq!((miss.part, miss.parts, miss.out_of_order), (1, 2, true));
    }

    #[test]
    fn a_miss_shows_the_closest_passage_in_the_article_s_own_words() {
        let text = "Aliyev highlighted Azerbaijan\u{2019}s projected $5 billion defense and national security budget for 2025.";
        let miss = find("Azerbaijan's projected $6 billion defense", &source(text)).unwrap_err();
        assert_eq!(
            miss.closest.as_deref(),
            Some("Azerbaijan\u{2019}s projected $5 billion defense")
        );
        assert!(find("nothing like it at all here", &source(text))
            .unwrap_err()
            .closest
            .is_none());
    }
}
