//! What the words of a fact are read for, once, by every check that needs them: each quote's
//! numbers and times with its article's date ([`Quoted`]), and every entity's names, to find
//! which entities a title, a claim or a quote names ([`Names`]).

use std::collections::BTreeSet;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::dates::{self, TimeMention};
use super::figures::{self, Mention};
use super::quote;
use crate::content::entity::EntityEntry;
use crate::model::date::PartialDate;
use crate::model::site::{ById, EntityId};

/// One quote of a fact, read once for every check: the numbers and times it states, its
/// article's date, and (when a name is looked for) its folded text.
#[derive(Debug)]
pub struct Quoted<'a> {
    /// The quote as written.
    text: &'a str,
    /// The quote folded as quotes are matched, made when first needed.
    folded: std::cell::OnceCell<String>,
    /// The numbers it states.
    pub numbers: Vec<Mention>,
    /// The dates and relative times it states.
    pub times: Vec<TimeMention>,
    /// Its article's `published` date.
    pub published: Option<PartialDate>,
}

impl<'a> Quoted<'a> {
    /// Reads `quote`, from an article published on `published`.
    pub fn new(quote: &'a str, published: Option<PartialDate>) -> Quoted<'a> {
        let tokens = figures::tokens(quote);
        Quoted {
            text: quote,
            folded: std::cell::OnceCell::new(),
            numbers: figures::mentions_in(quote, &tokens),
            times: dates::times_in(quote, &tokens),
            published,
        }
    }

    /// The quote folded as quotes are matched.
    pub(super) fn folded(&self) -> &str {
        self.folded.get_or_init(|| quote::fold(self.text))
    }
}

/// Every entity name and alias, to find which entities a text names.
pub struct Names {
    /// Leftmost-longest: what a title or claim names.
    pub(super) longest: AhoCorasick,
    /// Overlapping: every entity a quote names under any name.
    pub(super) every: AhoCorasick,
    /// Pattern -> (entity, the name as written, true for an acronym matched with its case).
    pub(super) patterns: Vec<(EntityId, String, bool)>,
    /// Pattern -> its place in its entity's `aliases` (`None` for the entity's `name`).
    pub(super) alias_of: Vec<Option<usize>>,
    /// Each entity's names, for messages.
    pub(super) all_names: ById<EntityId, Vec<String>>,
}

impl Names {
    /// The names of `entities` (in site order, so a position is an [`EntityId`]).
    pub fn new(entities: &[EntityEntry]) -> Names {
        let mut patterns = Vec::new();
        let mut alias_of = Vec::new();
        let mut all_names = Vec::with_capacity(entities.len());
        for (id, e) in entities.iter().enumerate() {
            let mut names: Vec<String> = Vec::new();
            let aliases = e
                .fields
                .aliases
                .iter()
                .enumerate()
                .map(|(i, a)| (Some(i), a));
            for (alias, name) in std::iter::once((None, &e.fields.name)).chain(aliases) {
                let folded = quote::fold(name.trim());
                if folded.is_empty() || names.contains(&folded) {
                    continue;
                }
                let letters: Vec<char> = folded.chars().filter(|c| c.is_alphabetic()).collect();
                let acronym = letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
                patterns.push((EntityId(id), folded.clone(), acronym));
                alias_of.push(alias);
                names.push(folded);
            }
            all_names.push(names);
        }
        let build = |kind: MatchKind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(kind)
                .build(patterns.iter().map(|(_, p, _)| p))
                .expect("entity names form an automaton")
        };
        Names {
            longest: build(MatchKind::LeftmostLongest),
            every: build(MatchKind::Standard),
            patterns,
            alias_of,
            all_names: all_names.into(),
        }
    }

    /// The aliases (not names) that a folded quote holds as ordinary words — not capitalized
    /// as a name is ("the president said", for an alias `President`) — as `(entity, place in
    /// its aliases)`.
    pub(super) fn aliases_as_words(&self, folded: &str) -> Vec<(EntityId, usize)> {
        self.every
            .find_overlapping_iter(folded)
            .filter(|m| self.accepts(folded, m.range(), m.pattern().as_usize()))
            .filter(|m| !folded[m.range()].starts_with(char::is_uppercase))
            .filter_map(|m| {
                let p = m.pattern().as_usize();
                Some((self.patterns[p].0, self.alias_of[p]?))
            })
            .collect()
    }

    /// True when the match `span` of pattern `p` in `text` is a whole word with the right case.
    pub(super) fn accepts(&self, text: &str, span: Range<usize>, p: usize) -> bool {
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        let (_, name, acronym) = &self.patterns[p];
        boundary(before) && boundary(after) && (!acronym || &text[span] == name)
    }

    /// The entities a folded title or claim names, each once, with where it first does.
    pub(super) fn named_in(&self, folded: &str) -> Vec<(EntityId, Range<usize>)> {
        let mut out: Vec<(EntityId, Range<usize>)> = Vec::new();
        for m in self.longest.find_iter(folded) {
            let p = m.pattern().as_usize();
            if self.accepts(folded, m.range(), p) {
                let id = self.patterns[p].0;
                if !out.iter().any(|(e, _)| *e == id) {
                    out.push((id, m.range()));
                }
            }
        }
        out
    }

    /// Every entity a folded quote names, under any of its names.
    pub(super) fn named_anywhere(&self, folded: &str) -> BTreeSet<EntityId> {
        self.every
            .find_overlapping_iter(folded)
            .filter(|m| self.accepts(folded, m.range(), m.pattern().as_usize()))
            .map(|m| self.patterns[m.pattern().as_usize()].0)
            .collect()
    }
}
