//! Grounding: a fact's title, claim and date say only what its quotes say.
//!
//! Readers take a fact's `title` and `claim` as the finding, so everything they assert must
//! stand inside a quote of that fact (DESIGN.md, "Trust checks"):
//!
//! - every **number** (read as the figure check reads quotes: digits of any script, number
//!   words, scale words, currencies, percentages, units of measurement, ranges) must be stated
//!   by one of the quotes in the same terms — "12 million km" is not "$12 million" — else an
//!   error, like a misquote. "one" is not counted: it is more often a pronoun than a figure;
//! - every **date** (see [`super::dates`]) must be stated by a quote at least as precisely,
//!   or fall inside (or contain) the window of a relative time in a quote, counted from the
//!   article's `published` date — else an error;
//! - every **entity** the text names, by its `name` or an alias from `entities.yaml` (whole
//!   words, folded as quotes are, case-insensitive except for all-capital acronyms such as
//!   `US`; the longest name wins, so "U.S. State Department" names the department, not also
//!   the United States), must be named by a quote under any of its names — else a warning,
//!   which `check --strict` makes an error.
//!
//! - a **relative time** ("last week") in the site's own words, outside quotation marks, is an
//!   error: the site is read on any day.
//!
//! The quotes must be able to back the fact ([`check_quotes`]): two words each at least, and
//! a word of the claim among them. An alias too ordinary to name one entity is a warning
//! ([`ambiguous_aliases`]).
//!
//! A fact's `date:` must be stated by a quote the same way (a warning naming what the quotes
//! do say), and may not be after the build date unless the fact is `projected` (an error).
//! Notes — a source's `note:` and the fact's Markdown — are the editor's own words and are not
//! checked.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::check::{FactCheck, OneFact, SiteCheck, UnderStrict, WholeSite};
use super::dates::{self, Time, TimeMention};
use super::figures::{self, Mention};
use super::quote::{self, SourceText};
pub use super::reading::{Names, Quoted};
use crate::content::entity::EntityEntry;
use crate::content::Origin;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::date::{PartialDate, Window};
use crate::model::record::Statement;
use crate::model::site::{EntityId, Fact};
use crate::model::value::Qualifier;

/// The check of a fact's figure (and the numbers of its `display`) against its quotes
/// ([`figures::check`]; declared here, as [`super::reading`] reads quotes with `figures`).
pub const AGAINST_QUOTES: FactCheck = FactCheck {
    name: "figures against their quotes",
    strict: UnderStrict::Same,
    run: against_quotes,
};

/// [`figures::check`] for a fact whose unit is known: a figure in an unknown unit cannot be read
/// against its quotes, and its `unit:` is the one problem to fix.
fn against_quotes(fact: &OneFact<'_>) -> Vec<Diagnostic> {
    if !fact.unit_known {
        return Vec::new();
    }
    figures::check(fact.statement, fact.written, fact.origin)
}

/// The check that a fact's quotes can back it at all ([`check_quotes`]).
pub const QUOTES_CAN_BACK: FactCheck = FactCheck {
    name: "the quotes can back the fact",
    strict: UnderStrict::Same,
    run: |fact| check_quotes(fact.statement, fact.origin, fact.written),
};

/// The check of a title's and a claim's numbers, dates, names and relative times against the
/// quotes ([`check_text`]).
pub const TITLE_AND_CLAIM: FactCheck = FactCheck {
    name: "the title and claim say only what the quotes say",
    strict: UnderStrict::WarningsAreErrors,
    run: |fact| check_text(fact.statement, fact.origin, fact.quotes, fact.names),
};

/// The check of a fact's `date:` against its quotes and the build date ([`check_date`]).
pub const DATE: FactCheck = FactCheck {
    name: "the date against the quotes",
    strict: UnderStrict::WarningsAreErrors,
    run: |fact| check_date(fact.statement, fact.origin, fact.quotes, fact.today),
};

/// The check that a quote names the entity of `reported_by` ([`check_named`]).
pub const REPORTER_NAMED: FactCheck = FactCheck {
    name: "a quote names the reporter",
    strict: UnderStrict::WarningsAreErrors,
    run: reporter_named,
};

fn reporter_named(fact: &OneFact<'_>) -> Vec<Diagnostic> {
    match fact.reported_by {
        Some(reporter) => check_named(
            "reported_by",
            reporter,
            fact.origin,
            fact.quotes,
            fact.names,
        )
        .into_iter()
        .collect(),
        None => Vec::new(),
    }
}

/// The check of aliases too ordinary to name one entity ([`ambiguous_aliases`]).
pub const AMBIGUOUS_ALIASES: SiteCheck = SiteCheck {
    name: "aliases too ordinary to name one entity",
    strict: UnderStrict::Same,
    run: |site, whole: &WholeSite<'_>| ambiguous_aliases(whole.entities, whole.names, &site.facts),
};

/// Warnings for aliases too ordinary to name one entity, which would let a quote about
/// something else ground a title: an alias that is also a name of another entity ("President"
/// for two presidents), and one that a quote of a fact not about its entity holds as an
/// ordinary word ("the president said", where the fact's `entities:` and `claimed_by` do not
/// name it). Each at the alias in `entities.yaml`.
pub fn ambiguous_aliases(
    entities: &[EntityEntry],
    names: &Names,
    facts: &[Fact],
) -> Vec<Diagnostic> {
    if names.alias_of.iter().all(Option::is_none) {
        return Vec::new();
    }
    let key = |p: usize| match names.patterns[p].2 {
        true => names.patterns[p].1.clone(),
        false => names.patterns[p].1.to_lowercase(),
    };
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for p in 0..names.patterns.len() {
        by_name.entry(key(p)).or_default().push(p);
    }
    let mut problems = Vec::new();
    let mut reported: BTreeSet<(EntityId, usize)> = BTreeSet::new();
    for shared in by_name.values().filter(|ps| ps.len() > 1) {
        for &p in shared {
            let (id, written, _) = &names.patterns[p];
            let Some(alias) = names.alias_of[p] else {
                continue;
            };
            let others: Vec<String> = shared
                .iter()
                .map(|&q| names.patterns[q].0)
                .filter(|other| other != id)
                .map(|other| format!("`{}`", entities[other.0].slug))
                .collect();
            reported.insert((*id, alias));
            problems.push(
                entities[id.0]
                    .origin
                    .warning(&format!("aliases.{alias}"), format!("the alias \"{written}\" of `{}` also names {}: a title that says \"{written}\" would be taken as naming either", entities[id.0].slug, others.join(", ")))
                    .with_help("keep the alias on one entity, or write it in full (\"Finance Minister Ana Lopes\", not \"Minister\")"),
            );
        }
    }
    // Per alias: the facts not about its entity whose quotes hold it.
    let mut elsewhere: BTreeMap<(EntityId, usize), Vec<&str>> = BTreeMap::new();
    for fact in facts {
        for citation in &fact.citations {
            for (id, alias) in names.aliases_as_words(&quote::fold(&citation.quote)) {
                let about = fact.entities.contains(&id) || fact.claimed_by == Some(id);
                if !about && !reported.contains(&(id, alias)) {
                    let list = elsewhere.entry((id, alias)).or_default();
                    if list.last() != Some(&fact.slug.as_str()) {
                        list.push(&fact.slug);
                    }
                }
            }
        }
    }
    for ((id, alias), slugs) in elsewhere {
        let entity = &entities[id.0];
        let written = &entity.fields.aliases[alias];
        let more = match slugs.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        problems.push(
            entity
                .origin
                .warning(&format!("aliases.{alias}"), format!("the alias \"{written}\" of `{}` is an ordinary word in a quote of `{}`{more}, a fact not about it: such a quote would ground a title naming `{}`", entity.slug, slugs[0], entity.slug))
                .with_help(format!("make the alias name only `{}` (a full name, not an ordinary word or title), or add `{}` to the entities of that fact if it is about it", entity.slug, entity.slug)),
        );
    }
    problems
}

/// The help shared by every grounding problem.
fn how_to_fix(word: &str, key: &str) -> String {
    format!(
        "quote the passage that states it (an ellipsis quote can join an attribution to its statement: \"The minister told reporters ... that the budget would rise\"), or take \"{word}\" out of the {key}"
    )
}

/// True when some quote states the number `m` in the same terms: its currency, percent or unit
/// of measurement when either side gives one ("12 million km" is not stated by "$12 million").
fn number_stated(m: &Mention, quotes: &[Quoted<'_>]) -> bool {
    quotes
        .iter()
        .flat_map(|q| &q.numbers)
        .any(|q| m.same_figure(q))
}

/// How the quotes state the number of `m` in other terms, for a message: "$12 million".
fn stated_otherwise(m: &Mention, quotes: &[Quoted<'_>]) -> Option<String> {
    let other = quotes
        .iter()
        .flat_map(|q| &q.numbers)
        .find(|q| figures::same(q.value, m.value) && q.high.is_none() == m.high.is_none())?;
    Some(match other.measure() {
        Some(measure) => format!("the quotes state it only as \"{}\" ({measure})", other.text),
        None => format!(
            "the quotes state it only as \"{}\", with no unit",
            other.text
        ),
    })
}

/// True when some quote states the date `wanted`: a date at least as precise that agrees, or
/// a relative time (or a date without a year) whose window, counted from its article's date,
/// nests with it.
fn date_stated(wanted: &dates::TextDate, quotes: &[Quoted<'_>]) -> bool {
    let window = wanted.partial().map(Window::of);
    quotes.iter().any(|q| {
        q.times.iter().any(|t| match t.time {
            Time::Date(d) | Time::Yearless(d) if d.states(wanted) => true,
            Time::Date(_) => false,
            _ => match (window, t.window(q.published)) {
                (Some(w), Some(tw)) => w.nests_with(tw),
                _ => false,
            },
        })
    })
}

/// The dates the quotes state, for a message: "2023, October 7".
fn stated_dates(quotes: &[Quoted<'_>]) -> String {
    let mut all: Vec<&str> = Vec::new();
    for t in quotes.iter().flat_map(|q| &q.times) {
        if !all.contains(&t.text.as_str()) {
            all.push(&t.text);
        }
    }
    if all.is_empty() {
        "the quotes state no date".to_string()
    } else {
        format!("the quotes state {}", all.join(", "))
    }
}

/// The byte ranges of `text` inside double quotation marks (`“…”`, `"…"`, `„…“`, `«…»`): the
/// words of whoever the title or claim quotes, not the site's own.
fn quoted_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut open: Option<(usize, char)> = None;
    text.char_indices().filter_map(move |(i, c)| {
        let closes = |opening: char| match opening {
            '“' => c == '”',
            '„' => c == '“' || c == '”',
            '«' => c == '»',
            _ => c == '"',
        };
        match open {
            Some((start, opening)) if closes(opening) => {
                open = None;
                Some(start..i)
            }
            Some(_) => None,
            None => {
                if matches!(c, '“' | '„' | '«' | '"') {
                    open = Some((i + c.len_utf8(), c));
                }
                None
            }
        }
    })
}

/// The error for a relative time ("last week") in a title or claim: the site's own words are
/// read on any day, so they must say the date, which a quote's words and its article's date
/// give (said in the help, when they do).
fn relative_time(key: &str, words: &str, origin: &Origin, quotes: &[Quoted<'_>]) -> Diagnostic {
    let dated = quotes.iter().find_map(|q| {
        q.times
            .iter()
            .filter(|t| t.is_relative())
            .find_map(|t| t.window(q.published).map(|w| (t.text.as_str(), w.human())))
    });
    let help = match dated {
        Some((said, when)) => format!(
            "write the date instead: counted from its article's date, the quote's \"{said}\" is {when}"
        ),
        None => "write the date instead (\"in October 2024\", \"on 8 November 2023\"), as the source states it".to_string(),
    };
    origin
        .error_at_word(
            key,
            words,
            format!("the {key} says \"{words}\", a time counted from the day it is read: on this site it would be wrong the day after"),
        )
        .with_help(help)
}

/// The problem with the time `t` in the text of `key`, if it has one: a relative time in the
/// site's own words, or a date no quote states.
fn time_not_stated(
    key: &str,
    text: &str,
    t: &TimeMention,
    origin: &Origin,
    quotes: &[Quoted<'_>],
) -> Option<Diagnostic> {
    let (Time::Date(d) | Time::Yearless(d)) = t.time else {
        // In quotation marks it is the speaker's word, dated by the citation.
        let quoted = quoted_words(text).any(|q| q.start <= t.span.start && t.span.end <= q.end);
        return (!quoted).then(|| relative_time(key, &t.text, origin, quotes));
    };
    if date_stated(&d, quotes) {
        return None;
    }
    Some(
        origin
            .error_at_word(
                key,
                &t.text,
                format!(
                    "the {key} says \"{}\", but no quote of this fact states that date",
                    t.text
                ),
            )
            .with_help(format!(
                "{}; {}",
                stated_dates(quotes),
                how_to_fix(&t.text, key)
            )),
    )
}

/// The problem with the number `m` in the text of `key`, if no quote states it in its terms.
fn number_not_stated(
    key: &str,
    m: &Mention,
    origin: &Origin,
    quotes: &[Quoted<'_>],
) -> Option<Diagnostic> {
    if number_stated(m, quotes) {
        return None;
    }
    let help = match stated_otherwise(m, quotes) {
        Some(how) => format!("{how}: write the figure as the quote does, or quote the passage that states it as the {key} does"),
        None => how_to_fix(&m.text, key),
    };
    let message = format!(
        "the {key} says \"{}\", but no quote of this fact states that number",
        m.text
    );
    Some(origin.error_at_word(key, &m.text, message).with_help(help))
}

/// A warning when no quote of the fact names the entity `id` that its key `key` names (as
/// `reported_by`): the fact would say who reported it on the editor's word alone.
pub fn check_named(
    key: &str,
    id: EntityId,
    origin: &Origin,
    quotes: &[Quoted<'_>],
    names: &Names,
) -> Option<Diagnostic> {
    if quotes
        .iter()
        .any(|q| names.named_anywhere(q.folded()).contains(&id))
    {
        return None;
    }
    let all = names.all_names[id].join(", ");
    Some(
        origin
            .warning(key, format!("no quote of this fact names the entity that `{key}` names (as any of: {all})"))
            .with_help("quote the words that say whose report it is (\"…, the agency reported\"), or name the entity those words name"),
    )
}

/// The grounding check of a fact's `title` and `claim` against its quotes.
pub fn check_text(
    front: &Statement,
    origin: &Origin,
    quotes: &[Quoted<'_>],
    names: &Names,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut quoted_entities: Option<BTreeSet<EntityId>> = None;
    for (key, text) in [("title", &front.title), ("claim", &front.claim)] {
        let reported = problems.len();
        let tokens = figures::tokens(text);
        let times = dates::times_in(text, &tokens);
        for t in &times {
            problems.extend(time_not_stated(key, text, t, origin, quotes));
        }
        let in_a_date = |span: &Range<usize>| {
            times
                .iter()
                .any(|t| span.start < t.span.end && t.span.start < span.end)
        };
        for m in figures::mentions_in(text, &tokens) {
            let bare = &text[m.span.clone()];
            if in_a_date(&m.span) || bare.eq_ignore_ascii_case("one") {
                continue;
            }
            problems.extend(number_not_stated(key, &m, origin, quotes));
        }
        let folded = SourceText::new(text);
        let named = names.named_in(&folded.folded);
        if !named.is_empty() {
            let quoted = quoted_entities.get_or_insert_with(|| {
                quotes
                    .iter()
                    .flat_map(|q| names.named_anywhere(q.folded()))
                    .collect()
            });
            for (id, span) in named {
                if quoted.contains(&id) {
                    continue;
                }
                let word = &text[folded.original_range(span)];
                let all = names.all_names[id].join(", ");
                problems.push(
                origin
                    .warning_at_word(key, word, format!(
                        "the {key} names \"{word}\", but no quote of this fact does (as any of: {all})"
                    ))
                    .with_help(how_to_fix(word, key)),
            );
            }
        }
        // However long the text, a few problems say what is wrong with it.
        let found = problems.len() - reported;
        // The summary is as severe as the worst problem it stands for: names alone stay
        // warnings however many there are.
        if found > MOST_PER_TEXT {
            let dropped = problems.split_off(reported + MOST_PER_TEXT);
            let message = format!(
                "and {} more words of the {key} that no quote states",
                dropped.len()
            );
            let summary = if dropped.iter().any(|d| d.severity == Severity::Error) {
                origin.error(key, message)
            } else {
                origin.warning(key, message)
            };
            problems.push(summary.with_help("shorten the text to what the quotes say"));
        }
    }
    problems
}

/// How many grounding problems are reported for one title or claim.
const MOST_PER_TEXT: usize = 10;

/// The fewest words a quote may hold: a lone word, or a `.`, says nothing a reader can check.
const FEWEST_WORDS: usize = 2;

/// Words too common to show that a quote is about its claim (English; in other languages every
/// word of three letters or more counts).
const COMMON_WORDS: [&str; 48] = [
    "about", "after", "all", "also", "and", "any", "are", "been", "before", "but", "can", "could",
    "for", "from", "had", "has", "have", "her", "his", "into", "its", "not", "now", "our", "out",
    "over", "said", "says", "she", "than", "that", "the", "their", "them", "then", "there", "they",
    "this", "told", "under", "was", "were", "what", "when", "which", "who", "will", "with",
];

/// The words of a text that say what it is about, lowercased: numbers, and words of three
/// letters or more other than the [`COMMON_WORDS`].
fn content_words(text: &str) -> BTreeSet<String> {
    figures::tokens(text)
        .iter()
        .filter_map(|t| {
            let number = t.is_number();
            let word = t.text.to_lowercase();
            let counts = number
                || (word.chars().count() >= 3
                    && word.chars().all(char::is_alphabetic)
                    && !COMMON_WORDS.contains(&word.as_str()));
            counts.then(|| if number { t.read.to_string() } else { word })
        })
        .collect()
}

/// The check that a fact's quotes can back it: each holds at least [`FEWEST_WORDS`] words (a
/// quote of `.` or `a` is in every article), and together they share at least one word that
/// says something with the claim.
pub fn check_quotes(front: &Statement, origin: &Origin, quotes: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, quote) in quotes.iter().enumerate() {
        let words = figures::tokens(quote)
            .iter()
            .filter(|t| t.is_word())
            .count();
        if words < FEWEST_WORDS {
            problems.push(
                origin
                    .error(&format!("sources.{i}.quote"), format!("the quote \"{quote}\" is too short to back a fact: a quote holds at least {FEWEST_WORDS} words"))
                    .with_help("quote the sentence or clause that states the fact, so a reader can find it and see that it says so"),
            );
        }
    }
    let claimed = content_words(&front.claim);
    if problems.is_empty() && !claimed.is_empty() {
        let quoted: BTreeSet<String> = quotes.iter().flat_map(|q| content_words(q)).collect();
        if claimed.is_disjoint(&quoted) {
            problems.push(
                origin
                    .error("claim", "no quote of this fact shares a word with its claim, so none shows that it says so")
                    .with_help("quote the passage that states what the claim says (its figures, names and key words)"),
            );
        }
    }
    problems
}

/// The date check of a fact: its `date:` is stated by a quote (else an error naming the dates
/// the quotes state, or a warning when they state none), and not after the build date `today`
/// unless the fact is projected (else an error).
pub fn check_date(
    front: &Statement,
    origin: &Origin,
    quotes: &[Quoted<'_>],
    today: i64,
) -> Vec<Diagnostic> {
    let Some(date) = front.date else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if date.first_day() > today && !front.qualifier.is_some_and(Qualifier::is_intended) {
        problems.push(
            origin
                .error("date", format!(
                    "the date {date} is after the build date ({})",
                    PartialDate::from_days(today).iso()
                ))
                .with_help("a fact records what has happened: correct the date, or set `qualifier: projected` for a figure planned or forecast for that date"),
        );
    }
    let wanted = dates::TextDate {
        year: Some(date.year),
        month: date.month,
        day: date.day,
    };
    if !date_stated(&wanted, quotes) {
        problems.push(unstated_date(&date, origin, quotes));
    }
    problems
}

/// The problem with a `date:` no quote states: an error when the quotes state other dates (the
/// two disagree, and one of them is wrong), a warning when they state none.
fn unstated_date(date: &PartialDate, origin: &Origin, quotes: &[Quoted<'_>]) -> Diagnostic {
    let mut dated: Vec<String> = Vec::new();
    for q in quotes {
        for t in &q.times {
            let said = match t.time {
                Time::Date(_) | Time::Yearless(_) => t.text.clone(),
                _ => match t.window(q.published) {
                    Some(w) => format!("\"{}\" ({})", t.text, w.human()),
                    None => continue,
                },
            };
            if !dated.contains(&said) {
                dated.push(said);
            }
        }
    }
    if dated.is_empty() {
        return origin
            .warning("date", format!("no quote states this date: {}; the date is {date}", stated_dates(quotes)))
            .with_help("quote the passage that states when, correct `date:`, or remove it (a fact without a date shows when its quotes' relative times fall, or that its source is undated)");
    }
    origin
        .error(
            "date",
            format!(
                "the date {date} disagrees with the quotes, which state {}",
                crate::model::format::listed(&dated, "and")
            ),
        )
        .with_help("correct `date:` to the date the quotes state, or quote the passage that states this one")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::entity::EntityFields;
    use crate::diagnostic::Severity;

    fn entity(slug: &str, name: &str, aliases: &[&str]) -> EntityEntry {
        EntityEntry {
            slug: slug.to_string(),
            fields: EntityFields {
                name: name.to_string(),
                kind: None,
                role: None,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                description: None,
            },
            origin: Origin::file("content/entities.yaml", Default::default()),
        }
    }

    fn names() -> Names {
        Names::new(&[
            entity("aliyev", "Ilham Aliyev", &["Aliyev"]),
            entity(
                "state-department",
                "U.S. State Department",
                &["State Department"],
            ),
            entity("united-states", "United States", &["U.S.", "US"]),
            entity("armenia", "Armenia", &[]),
        ])
    }

    fn front(title: &str, claim: &str) -> Statement {
        Statement {
            title: title.to_string(),
            claim: claim.to_string(),
            ..Statement::default()
        }
    }

    fn found(
        title: &str,
        claim: &str,
        quotes: &[&str],
        published: Option<&str>,
    ) -> Vec<(Severity, String)> {
        let published = published.map(|p| PartialDate::parse(p).unwrap());
        let quotes: Vec<Quoted> = quotes.iter().map(|q| Quoted::new(q, published)).collect();
        let origin = Origin::file("content/facts/x.md", Default::default());
        check_text(&front(title, claim), &origin, &quotes, &names())
            .into_iter()
            .map(|d| (d.severity, d.message))
            .collect()
    }

    #[test]
    fn numbers_dates_and_names_stated_by_a_quote_pass() {
        assert_eq!(
            found(
                "Aliyev: Azerbaijan's 2025 budget is $5 billion",
                "Ilham Aliyev said on Nov. 8, 2023 that the budget for 2025 is $5 billion, as the U.S. State Department noted.",
                &["Aliyev highlighted the projected $5 billion budget for 2025", "on November 8, 2023", "the State Department said"],
                None,
            ),
            []
        );
    }

    #[test]
    fn what_no_quote_states_is_reported_with_the_word() {
        assert_eq!(
            found(
                "Armenia's budget",
                "Ilham Aliyev said nearly three times more in September 2023 than the US.",
                &["Aliyev said the budget of Armenia is $1.7 billion in 2023"],
                None,
            ),
            [
                (Severity::Error, "the claim says \"September 2023\", but no quote of this fact states that date".to_string()),
                (Severity::Error, "the claim says \"nearly three\", but no quote of this fact states that number".to_string()),
                (Severity::Warning, "the claim names \"US\", but no quote of this fact does (as any of: United States, U.S., US)".to_string()),
            ]
        );
    }

    #[test]
    fn a_long_text_gets_a_few_problems_and_a_count() {
        let claim: String = (0..500).map(|n| format!("{} ", n * 7 + 3)).collect();
        let got = found("t", &claim, &["no figures here"], None);
        assert_eq!(got.len(), MOST_PER_TEXT + 1);
        assert_eq!(
            got[MOST_PER_TEXT].1,
            "and 490 more words of the claim that no quote states"
        );
        assert_eq!(got[MOST_PER_TEXT].0, Severity::Error);
    }

    #[test]
    fn the_count_of_names_alone_is_a_warning_like_the_names() {
        // Twelve unquoted names: ten warnings and a count that stands for two more warnings,
        // so a build without --strict still passes.
        let places = [
            "Aran",
            "Baku",
            "Ganja",
            "Goris",
            "Kapan",
            "Lachin",
            "Meghri",
            "Nakhchivan",
            "Shusha",
            "Sisian",
            "Stepanakert",
            "Yerevan",
        ];
        let entities: Vec<EntityEntry> = places
            .iter()
            .map(|p| entity(&p.to_lowercase(), p, &[]))
            .collect();
        let claim = places.join(" and ");
        let quotes = [Quoted::new("no names here", None)];
        let origin = Origin::file("content/facts/x.md", Default::default());
        let got: Vec<(Severity, String)> = check_text(
            &front("t", &claim),
            &origin,
            &quotes,
            &Names::new(&entities),
        )
        .into_iter()
        .map(|d| (d.severity, d.message))
        .collect();
        assert_eq!(got.len(), MOST_PER_TEXT + 1);
        assert_eq!(
            got[MOST_PER_TEXT],
            (
                Severity::Warning,
                "and 2 more words of the claim that no quote states".to_string()
            )
        );
        assert!(got.iter().all(|(s, _)| *s == Severity::Warning));
    }

    #[test]
    fn the_longest_name_wins_and_acronyms_keep_their_case() {
        // "U.S. State Department" is the department; "us" is not the United States.
        assert_eq!(
            found(
                "t",
                "The U.S. State Department told us.",
                &["the State Department said"],
                None
            ),
            []
        );
    }

    #[test]
    fn relative_times_date_a_claim_only_with_the_article_date() {
        let quote = ["Blinken warned lawmakers last week"];
        assert_eq!(
            found("t", "Blinken spoke in 2024.", &quote, Some("2024-10-10")),
            []
        );
        assert_eq!(
            found(
                "t",
                "Blinken spoke on 1 October 2024.",
                &quote,
                Some("2024-10-10")
            ),
            []
        );
        assert_eq!(found("t", "Blinken spoke in 2024.", &quote, None).len(), 1);
        assert_eq!(
            found(
                "t",
                "Blinken spoke in October 2024.",
                &quote,
                Some("2024-10-10")
            )
            .len(),
            1
        );
    }

    #[test]
    fn the_date_key_is_checked_and_the_future_is_an_error() {
        let quotes = [Quoted::new("the budget for 2025", None)];
        let origin = Origin::file("content/facts/x.md", Default::default());
        let mut f = front("t", "c");
        let today = PartialDate::parse("2024-06-01").unwrap().first_day();
        f.date = PartialDate::parse("2023").ok();
        let got = check_date(&f, &origin, &quotes, today);
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].severity, got[0].message.as_str()),
            (
                Severity::Error,
                "the date 2023 disagrees with the quotes, which state 2025"
            )
        );
        // Quotes that state no date: a warning, naming that.
        let undated = [Quoted::new("the budget rose", None)];
        let got = check_date(&f, &origin, &undated, today);
        assert_eq!(
            (got[0].severity, got[0].message.as_str()),
            (
                Severity::Warning,
                "no quote states this date: the quotes state no date; the date is 2023"
            )
        );
        f.date = PartialDate::parse("2025").ok();
        let got = check_date(&f, &origin, &quotes, today);
        assert_eq!((got.len(), got[0].severity), (1, Severity::Error));
        f.qualifier = Some(Qualifier::Projected);
        assert!(check_date(&f, &origin, &quotes, today).is_empty());
    }
}
