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

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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

/// A place where folding replaced more than one byte: a run of white space, a curly quote, an
/// ellipsis character. Between shifts, folded and original offsets differ by a constant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shift {
    folded: Range<usize>,
    original: Range<usize>,
}

/// Folds `text`, and lists where the folded text's length differs from the original's.
fn fold_mapped(text: &str) -> (String, Vec<Shift>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let lone_space = b == b' ' && !text[i + 1..].starts_with(char::is_whitespace);
        if b < 0x80 && (!(b as char).is_whitespace() || lone_space) {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let (replacement, end) = if c.is_whitespace() {
            let run = text[i..]
                .char_indices()
                .find(|(_, d)| !d.is_whitespace())
                .map_or(text.len(), |(j, _)| i + j);
            (" ", run)
        } else if let Some(r) = fold_char(c) {
            (r, i + c.len_utf8())
        } else {
            i += c.len_utf8();
            continue;
        };
        out.push_str(&text[copied..i]);
        let folded_start = out.len();
        out.push_str(replacement);
        // A one-byte character replaced by one byte keeps every offset; anything else may not.
        if replacement.len() != 1 || end - i != 1 {
            shifts.push(Shift {
                folded: folded_start..out.len(),
                original: i..end,
            });
        }
        copied = end;
        i = end;
    }
    out.push_str(&text[copied..]);
    (out, shifts)
}

/// Folds `text` as described in the module documentation.
pub fn fold(text: &str) -> String {
    fold_mapped(text).0
}

/// An article's plain text, and the same folded for matching.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    /// The plain text as the reader sees it.
    pub original: Cow<'a, str>,
    /// The plain text folded.
    pub folded: String,
    shifts: Vec<Shift>,
}

impl<'a> SourceText<'a> {
    /// Folds `original` once, for any number of quotes.
    pub fn new(original: impl Into<Cow<'a, str>>) -> Self {
        let original = original.into();
        let (folded, shifts) = fold_mapped(&original);
        SourceText {
            original,
            folded,
            shifts,
        }
    }

    /// The byte range of the original text that the folded range `range` came from; a range
    /// that starts or ends inside a folded run covers the whole run.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = match self.shift_before(|s| s.folded.start <= range.start) {
            None => range.start,
            Some(s) if range.start < s.folded.end => s.original.start,
            Some(s) => s.original.end + (range.start - s.folded.end),
        };
        let end = match self.shift_before(|s| s.folded.start < range.end) {
            None => range.end,
            Some(s) if range.end <= s.folded.end => s.original.end,
            Some(s) => s.original.end + (range.end - s.folded.end),
        };
        start..end
    }

    /// The last shift for which `before` holds (shifts are in order).
    fn shift_before(&self, before: impl Fn(&Shift) -> bool) -> Option<&Shift> {
        self.shifts
            .partition_point(before)
            .checked_sub(1)
            .map(|k| &self.shifts[k])
    }
}

/// The articles' plain texts, folded for matching, each only while the facts that quote it are
/// being linked: made from the article's Markdown when the first of them asks, let go when the
/// last is done. A large site never holds every article's plain text at once (250 MB on the
/// 100,000-fact benchmark, and as much again folded).
pub struct Folds<'a> {
    /// Each article's Markdown.
    markdown: Vec<&'a str>,
    folded: Vec<Mutex<Option<Arc<SourceText<'static>>>>>,
    /// Per article, how many facts that quote it are not done yet.
    waiting: Vec<AtomicUsize>,
}

impl<'a> Folds<'a> {
    /// The texts of the articles written in `markdown`, for facts that quote the articles
    /// `quoting` (an article once for each fact that quotes it).
    pub fn new(markdown: Vec<&'a str>, quoting: impl Iterator<Item = usize>) -> Self {
        let waiting: Vec<AtomicUsize> = markdown.iter().map(|_| AtomicUsize::new(0)).collect();
        for article in quoting {
            waiting[article].fetch_add(1, Ordering::Relaxed);
        }
        Folds {
            folded: markdown.iter().map(|_| Mutex::new(None)).collect(),
            markdown,
            waiting,
        }
    }

    fn slot(&self, article: usize) -> std::sync::MutexGuard<'_, Option<Arc<SourceText<'static>>>> {
        self.folded[article]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Article `article`'s plain text, and the same folded.
    pub fn get(&self, article: usize) -> Arc<SourceText<'static>> {
        let mut slot = self.slot(article);
        let plain = || crate::markdown::plain_text_of(self.markdown[article]);
        Arc::clone(slot.get_or_insert_with(|| Arc::new(SourceText::new(plain()))))
    }

    /// One fact that quotes article `article` is done: the last lets its text go.
    pub fn done(&self, article: usize) {
        if self.waiting[article].fetch_sub(1, Ordering::AcqRel) == 1 {
            self.slot(article).take();
        }
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

/// Where a quote and the closest passage differ, word by word: each run of differing words as
/// (the quote's words, the passage's words), either side possibly empty. Words are compared
/// folded, as quotes are matched. Empty for texts too long to compare (over 300 words each).
pub fn differing_words(quote: &str, passage: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        quote.split_whitespace().collect(),
        passage.split_whitespace().collect(),
    );
    if a.len() > 300 || b.len() > 300 {
        return Vec::new();
    }
    let (fa, fb): (Vec<String>, Vec<String>) = (
        a.iter().map(|w| fold(w)).collect(),
        b.iter().map(|w| fold(w)).collect(),
    );
    // common[i][j]: the longest common run of words of a[i..] and b[j..].
    let mut common = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if fa[i] == fb[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut runs = Vec::new();
    let mut run: (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && fa[i] == fb[j] {
            if !run.0.is_empty() || !run.1.is_empty() {
                runs.push((run.0.join(" "), run.1.join(" ")));
                run = (Vec::new(), Vec::new());
            }
            (i, j) = (i + 1, j + 1);
        } else if j == b.len() || (i < a.len() && common[i + 1][j] >= common[i][j + 1]) {
            run.0.push(a[i]);
            i += 1;
        } else {
            run.1.push(b[j]);
            j += 1;
        }
    }
    if !run.0.is_empty() || !run.1.is_empty() {
        runs.push((run.0.join(" "), run.1.join(" ")));
    }
    runs
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
    let start = from + hay.get(from..)?.find(needle)?;
    if on_word_boundaries(hay, start, needle) {
        return Some(start);
    }
    // The first occurrence is inside a word. Look at every later one in a single pass: trying
    // again after each would read a long quote over and over (`ab ab ab…` in `ab ab ab…`).
    occurrences(hay.as_bytes(), needle.as_bytes(), start + 1)
        .find(|&start| on_word_boundaries(hay, start, needle))
}

fn on_word_boundaries(hay: &str, start: usize, needle: &str) -> bool {
    on_boundary(hay, start, needle.chars().next())
        && on_boundary_after(hay, start + needle.len(), needle.chars().last())
}

/// The start of every occurrence of `needle` in `hay` at or after `from`, overlapping ones
/// included, found in one pass (Knuth–Morris–Pratt): time linear in both lengths.
fn occurrences<'a>(
    hay: &'a [u8],
    needle: &'a [u8],
    from: usize,
) -> impl Iterator<Item = usize> + 'a {
    // fallback[i]: the length of the longest proper prefix of needle[..=i] that is also its suffix.
    let mut fallback = vec![0; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = fallback[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        fallback[i] = k;
    }
    let mut matched = 0;
    (from..hay.len()).filter_map(move |i| {
        if needle.is_empty() {
            return Some(i);
        }
        while matched > 0 && hay[i] != needle[matched] {
            matched = fallback[matched - 1];
        }
        if hay[i] == needle[matched] {
            matched += 1;
        }
        if matched == needle.len() {
            matched = fallback[matched - 1];
            return Some(i + 1 - needle.len());
        }
        None
    })
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
    let wanted: HashSet<&str> = part.split(' ').collect();
    if words.is_empty() {
        return None;
    }
    let window = part.split(' ').count().clamp(1, words.len());
    // How many of each window's words the part has, slid over the article one word at a time.
    let is_wanted: Vec<usize> = words
        .iter()
        .map(|r| usize::from(wanted.contains(&article[r.clone()])))
        .collect();
    let mut shared: usize = is_wanted[..window].iter().sum();
    let mut candidates = vec![(shared, 0)];
    for i in 1..=words.len() - window {
        shared = shared + is_wanted[i + window - 1] - is_wanted[i - 1];
        candidates.push((shared, i));
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // Edit distance takes time in the product of the lengths: a long part is scored by the
    // share of its words instead.
    let score = |shared: usize, range: Range<usize>| {
        if part.len() <= EDIT_DISTANCE_LIMIT {
            strsim::normalized_levenshtein(part, &article[range])
        } else {
            shared as f64 / window as f64
        }
    };
    let (score, start) = candidates
        .iter()
        .take(12)
        .map(|&(shared, i)| (score(shared, words[i].start..words[i + window - 1].end), i))
        .fold(
            (0.0f64, 0usize),
            |best, c| if c.0 > best.0 { c } else { best },
        );
    if score < 0.5 {
        return None;
    }
    let folded = words[start].start..words[start + window - 1].end;
    let original = &source.original[source.original_range(folded)];
    let mut passage = original.split_whitespace().collect::<Vec<_>>().join(" ");
    // Punctuation the quote does not end with is the article's, not part of the passage.
    if part.ends_with(char::is_alphanumeric) {
        let kept = passage
            .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '%' && c != '$')
            .len();
        passage.truncate(kept);
    }
    Some(passage)
}

/// The longest quote part (in bytes) whose closest passage is chosen by edit distance.
const EDIT_DISTANCE_LIMIT: usize = 1_000;

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

    #[test]
    fn the_words_that_differ_are_found_as_runs_on_either_side() {
        let pair = |q: &str, a: &str| (q.to_string(), a.to_string());
        assert_eq!(
            differing_words(
                "up from $9 milion this year",
                "up from $9 million this year"
            ),
            [pair("milion", "million")]
        );
        assert_eq!(
            differing_words("a very big budget rose", "a big budget rose sharply"),
            [pair("very", ""), pair("", "sharply")]
        );
        // Typography is not a difference, as in matching.
        assert!(differing_words("it’s “done”", "it's \"done\"").is_empty());
        let long = "word ".repeat(301);
        assert!(differing_words(&long, "word").is_empty());
    }

    fn source(text: &str) -> SourceText<'_> {
        SourceText::new(text)
    }

    fn quoted<'a>(text: &'a str, quote: &str) -> Vec<&'a str> {
        let s = source(text);
        find(quote, &s)
            .unwrap_or_else(|m| panic!("not found: {m:?}"))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn every_occurrence_is_found_in_one_pass(hay in "[ab ]{0,60}", needle in "[ab ]{1,6}") {
            let naive: Vec<usize> = (0..hay.len())
                .filter(|&i| hay[i..].starts_with(needle.as_str()))
                .collect();
            let found: Vec<usize> = occurrences(hay.as_bytes(), needle.as_bytes(), 0).collect();
            proptest::prop_assert_eq!(found, naive);
        }

        #[test]
        fn a_quote_on_word_boundaries_is_found_wherever_it_is(
            words in proptest::collection::vec("(ab|a|b|ba)", 1..30),
            from in 0usize..30,
            len in 1usize..5,
        ) {
            let hay = words.join(" ");
            let from = from.min(words.len() - 1);
            let needle = words[from..(from + len).min(words.len())].join(" ");
            let first = (0..hay.len()).find(|&i| {
                hay[i..].starts_with(needle.as_str()) && on_word_boundaries(&hay, i, &needle)
            });
            proptest::prop_assert_eq!(find_words(&hay, &needle, 0), first);
        }
    }

    #[test]
    fn an_article_is_folded_while_the_facts_that_quote_it_are_linked() {
        let markdown = vec!["It *said* \u{201c}so\u{201d}.", "Other."];
        // Two facts quote the first article; none the second.
        let folds = Folds::new(markdown, [0, 0].into_iter());
        let first = folds.get(0);
        // The plain text as the reader sees it (a paragraph ends in a newline), folded.
        assert_eq!(first.folded, "It said \"so\". ");
        assert!(
            Arc::ptr_eq(&first, &folds.get(0)),
            "folded once while it is needed"
        );
        folds.done(0);
        assert!(folds.slot(0).is_some(), "one fact still to link");
        folds.done(0);
        assert!(folds.slot(0).is_none(), "let go after the last");
        assert_eq!(
            first.original, "It said \u{201c}so\u{201d}.\n",
            "made from the Markdown; what was handed out stays good"
        );
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
    fn positions_map_back_to_the_original_text() {
        let s = source("x \u{201C}quoted\u{201D}  words\u{2026} end");
        let needle = "\"quoted\" words...";
        let at = s.folded.find(needle).unwrap();
        let range = s.original_range(at..at + needle.len());
        assert_eq!(&s.original[range], "\u{201C}quoted\u{201D}  words\u{2026}");
        // Every folded prefix maps to an original prefix that folds back to it (or, when it
        // ends inside a folded unit such as the "..." of "\u{2026}", to the whole unit).
        for text in [
            "a\u{2019}b  \n c\u{2026}d\u{00AD}e \u{2014} f",
            "  lead",
            "trail \t",
            "\u{00A0}x",
            "",
        ] {
            let s = source(text);
            for p in (0..=s.folded.len()).filter(|&p| s.folded.is_char_boundary(p)) {
                let end = s.original_range(0..p).end;
                assert!(text.is_char_boundary(end), "{text:?} at {p}");
                let back = fold(&text[..end]);
                assert!(
                    back.starts_with(&s.folded[..p]),
                    "{text:?} at {p}: {back:?}"
                );
                assert!(back.len() - p < 3, "{text:?} at {p}: {back:?}");
            }
        }
    }

    #[test]
    fn a_space_next_to_a_non_breaking_space_folds_to_one() {
        assert_eq!(fold("a \u{00A0}b \u{2009} c"), "a b c");
        assert!(find("The minister said", &source("The minister \u{00A0}said")).is_ok());
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
