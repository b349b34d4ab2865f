//! `factsheet verify DIR`: re-checks a built site's evidence bundle, offline.
//!
//! Reads `DIR/data/evidence.json` and, for every article, checks that `data/articles/SLUG.txt`
//! still has the SHA-256 recorded for it, and that every quote's parts are at their recorded
//! character offsets with their recorded text, prefix and suffix. Anyone holding a copy of the
//! site can run it: it needs nothing but the files.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::input::{Inside, Limit};
use crate::model::evidence::{sha256, Bundle, Selector};

/// What `verify` checked.
#[derive(Debug, Default)]
pub struct Verified {
    /// Articles whose text matched its hash.
    pub articles: usize,
    /// Quotes found at their offsets.
    pub quotes: usize,
}

/// Where a built site keeps its evidence bundle.
const BUNDLE: &str = "data/evidence.json";

/// Checks the evidence bundle of the site in `dir`.
pub fn verify(dir: &Path) -> Result<Verified, Vec<Diagnostic>> {
    let inside = Inside::new(dir);
    let bundle = read_bundle(dir, &inside)?;
    let mut problems = Vec::new();
    let mut verified = Verified::default();
    if bundle.articles.iter().all(|a| a.quotes.is_empty()) {
        problems.push(
            Diagnostic::error(
                BUNDLE,
                "the evidence bundle holds no quote, so it proves nothing",
            )
            .with_help("verify the output of a build of a site with facts"),
        );
    }
    for article in &bundle.articles {
        if article.text.contains("..") || article.text.starts_with('/') {
            problems.push(Diagnostic::error(
                BUNDLE,
                format!("`{}` is not a path inside the site", article.text),
            ));
            continue;
        }
        let text = match inside.read_text(&dir.join(&article.text), &article.text, Limit::Evidence)
        {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        if sha256(&text) != article.sha256 {
            problems.push(
                Diagnostic::error(&article.text, format!("the text of article `{}` does not match its SHA-256", article.article))
                    .with_help("the file was changed after the site was built; rebuild from the source articles"),
            );
        } else {
            verified.articles += 1;
        }
        let chars: Vec<char> = text.chars().collect();
        for quote in &article.quotes {
            let found = quote_problems(&article.text, quote, &chars);
            if found.is_empty() {
                verified.quotes += 1;
            }
            problems.extend(found);
        }
    }
    if problems.is_empty() {
        Ok(verified)
    } else {
        Err(problems)
    }
}

/// The evidence bundle of the site in `dir`, read and parsed.
pub(crate) fn read_bundle(dir: &Path, inside: &Inside) -> Result<Bundle, Vec<Diagnostic>> {
    if !dir.join(BUNDLE).exists() {
        return Err(vec![Diagnostic::error(
            BUNDLE,
            "there is no evidence bundle here: this is not a folder `factsheet build` wrote",
        )
        .with_help("pass the folder a build wrote (its output, e.g. output/), which holds data/evidence.json")]);
    }
    let raw = inside
        .read_text(&dir.join(BUNDLE), BUNDLE, Limit::Evidence)
        .map_err(|d| {
            vec![Diagnostic {
                message: format!("cannot read the evidence bundle: {}", d.message),
                ..d
            }
            .with_help("verify a folder made by `factsheet build`")]
        })?;
    serde_json::from_str(&raw).map_err(|e| {
        vec![Diagnostic::error(
            BUNDLE,
            format!("not a valid evidence bundle: {e}"),
        )]
    })
}

/// What does not hold of `quote`'s evidence in the text `chars` (of the file `path`): each
/// part at its offsets, with its text, prefix and suffix.
fn quote_problems(
    path: &str,
    quote: &crate::model::evidence::QuoteEvidence,
    chars: &[char],
) -> Vec<Diagnostic> {
    let slice =
        |a: usize, b: usize| -> Option<String> { chars.get(a..b).map(|c| c.iter().collect()) };
    let unproven = |what: &str| {
        Diagnostic::error(
            path,
            format!("source {} of fact `{}` {what}", quote.source, quote.fact),
        )
    };
    if quote.selectors.is_empty() {
        return vec![unproven("has no selectors: where it is cannot be checked")];
    }
    let mut problems = Vec::new();
    for part in &quote.selectors {
        let position = part.iter().find_map(|s| match s {
            Selector::TextPositionSelector { start, end } => Some((*start, *end)),
            _ => None,
        });
        let exact = part.iter().find_map(|s| match s {
            Selector::TextQuoteSelector {
                exact,
                prefix,
                suffix,
            } => Some((exact, prefix, suffix)),
            _ => None,
        });
        let (Some((start, end)), Some((exact, prefix, suffix))) = (position, exact) else {
            problems.push(unproven("lacks a position or a quote selector"));
            continue;
        };
        let at = slice(start, end);
        let before = slice(start.saturating_sub(prefix.chars().count()), start);
        let after = slice(end, (end + suffix.chars().count()).min(chars.len()));
        if at.as_ref() != Some(exact)
            || before.as_ref() != Some(prefix)
            || after.as_ref() != Some(suffix)
        {
            problems.push(unproven(&format!(
                "is not at characters {start}–{end}: expected \"{exact}\""
            )));
        }
    }
    problems
}
