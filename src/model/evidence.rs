//! The evidence bundle, `data/evidence.json`: one set of types for the build that writes it and
//! for `factsheet verify`, which reads it back, so the two cannot drift apart.
//!
//! For every article, the SHA-256 of its plain text (written beside it as
//! `data/articles/SLUG.txt`); for every quote, where each of its parts is in that text, as W3C
//! Web Annotation selectors: a `TextPositionSelector` (offsets in characters) and a
//! `TextQuoteSelector` (the exact text, with some characters before and after it).

use std::ops::Range;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    /// The program that wrote it.
    pub generator: String,
    /// What it holds, for a reader of the file.
    pub description: String,
    /// Every article.
    pub articles: Vec<ArticleEvidence>,
}

/// The evidence of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEvidence {
    /// Its slug.
    pub article: String,
    /// Its title.
    pub title: String,
    /// Where it was published, if known.
    pub url: Option<String>,
    /// Who published it, when, via whom, and what a reader must know about it.
    #[serde(default)]
    pub provenance: SourceProvenance,
    /// The path of its plain text in the site (`data/articles/SLUG.txt`).
    pub text: String,
    /// The length of that text in characters.
    pub characters: usize,
    /// The SHA-256 of that text, in lowercase hex.
    pub sha256: String,
    /// Every quote of it.
    pub quotes: Vec<QuoteEvidence>,
}

/// What an article's front matter says of its origin, beside its `url` (ISO dates; unknowns
/// empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceProvenance {
    /// The outlet whose page it is.
    pub publisher: Option<String>,
    /// When it was published.
    pub published: Option<String>,
    /// The outlet whose reporting it reprints or rewrites.
    pub via: Option<String>,
    /// An archived copy.
    pub archive_url: Option<String>,
    /// When the editor read it.
    pub accessed: Option<String>,
    /// What a reader must know about the source.
    pub source_note: Option<String>,
}

/// Where one quote is in its article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteEvidence {
    /// The fact that quotes it.
    pub fact: String,
    /// Its source number on the fact's page.
    pub source: usize,
    /// The quote as the editor wrote it.
    pub quote: String,
    /// The link to the highlighted passage.
    pub passage: String,
    /// Per part of the quote, its selectors (alternatives, in Web Annotation terms).
    pub selectors: Vec<Vec<Selector>>,
}

/// A W3C Web Annotation selector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Selector {
    /// Where the passage is: offsets in characters of the article's plain text.
    TextPositionSelector {
        /// The first character.
        start: usize,
        /// Just after the last character.
        end: usize,
    },
    /// What the passage is: its exact text, and the text just before and after it.
    TextQuoteSelector {
        /// The passage.
        exact: String,
        /// The characters before it.
        prefix: String,
        /// The characters after it.
        suffix: String,
    },
}

/// What the bundle says of itself.
pub const DESCRIPTION: &str = "For each article a fact quotes, the SHA-256 of its plain text (data/articles/SLUG.txt, UTF-8) and, for each quote, where its parts are in that text as W3C Web Annotation selectors (offsets count characters). `factsheet verify DIR` checks every hash and every quote.";

/// Characters of context kept before and after a quoted passage in a `TextQuoteSelector`.
pub const CONTEXT: usize = 32;

/// The selectors of the passage at the byte range `range` of `text`: its position in
/// characters, and its text with [`CONTEXT`] characters before and after.
pub fn selectors(text: &str, range: Range<usize>) -> Vec<Selector> {
    let chars_before = |byte: usize| text[..byte].chars().count();
    let back = text[..range.start]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let ahead = text[range.end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| range.end + i);
    vec![
        Selector::TextPositionSelector {
            start: chars_before(range.start),
            end: chars_before(range.end),
        },
        Selector::TextQuoteSelector {
            exact: text[range.clone()].to_string(),
            prefix: text[back..range.start].to_string(),
            suffix: text[range.end..ahead].to_string(),
        },
    ]
}

/// The SHA-256 of `text`'s UTF-8 bytes, in lowercase hex.
pub fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_reads_back_as_it_was_written() {
        let text = "Before the passage — “the budget is $5 billion”, after it.";
        let start = text.find("the budget").unwrap();
        let range = start..start + "the budget is $5 billion".len();
        let bundle = Bundle {
            generator: "factsheet".into(),
            description: DESCRIPTION.into(),
            articles: vec![ArticleEvidence {
                article: "a".into(),
                title: "A".into(),
                url: None,
                provenance: SourceProvenance::default(),
                text: "data/articles/a.txt".into(),
                characters: text.chars().count(),
                sha256: sha256(text),
                quotes: vec![QuoteEvidence {
                    fact: "f".into(),
                    source: 1,
                    quote: "the budget is $5 billion".into(),
                    passage: "articles/a/#q-f-1".into(),
                    selectors: vec![selectors(text, range)],
                }],
            }],
        };
        let json = serde_json::to_string_pretty(&bundle).unwrap();
        assert_eq!(serde_json::from_str::<Bundle>(&json).unwrap(), bundle);
        assert!(json.contains("\"type\": \"TextPositionSelector\",\n"));
        assert_eq!(
            bundle.articles[0].quotes[0].selectors[0],
            [
                Selector::TextPositionSelector { start: 22, end: 46 },
                Selector::TextQuoteSelector {
                    exact: "the budget is $5 billion".into(),
                    prefix: "Before the passage — “".into(),
                    suffix: "”, after it.".into(),
                },
            ]
        );
    }
}
