//! Provenance: every article says who published it, when and where, and no date contradicts
//! another (DESIGN.md, "Articles").
//!
//! - `published` after `accessed`, or after the build date, is an error: a page cannot be read
//!   before it exists, nor published in the future.
//! - A cited article without `published`, `publisher` or `url` is a warning naming what is
//!   missing (the facts resting on it cannot say when or where it was said), which
//!   `check --strict` makes an error.
//! - A fact whose newest source is older than `historical_after` years (default 2) before the
//!   build date is marked historical.

use super::check::{SiteCheck, UnderStrict};
use crate::diagnostic::Diagnostic;
use crate::model::date::PartialDate;
use crate::model::site::{Article, Site};

/// How many years without a newer source make a fact historical when `site.yaml` does not say.
pub const DEFAULT_HISTORICAL_AFTER: u16 = 2;

/// The provenance problems of every article of `site`, built on `today` (days since
/// 1970-01-01); the missing fields are errors when `strict`.
pub fn check_articles(site: &Site, today: i64) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for article in &site.articles {
        problems.extend(impossible_dates(article, today));
        problems.extend(missing(article));
    }
    problems
}

/// Errors for a `published` date after the `accessed` date or after the build date.
fn impossible_dates(article: &Article, today: i64) -> Vec<Diagnostic> {
    let p = &article.publication;
    let Some(published) = p.published else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if let Some(accessed) = p.accessed.filter(|a| published.first_day() > a.last_day()) {
        problems.push(
            article
                .origin
                .error("published", format!("`published` ({}) is after `accessed` ({}): the page cannot have been read before it was published", published.iso(), accessed.iso()))
                .with_help("check both dates against the page: `published` is the date it prints, `accessed` the day you read it"),
        );
    }
    if published.first_day() > today {
        problems.push(
            article
                .origin
                .error("published", format!("`published` ({}) is after the build date ({})", published.iso(), PartialDate::from_days(today).iso()))
                .with_help("write the date the page prints (YYYY-MM-DD); a build date set by SOURCE_DATE_EPOCH counts too"),
        );
    }
    problems
}

/// A warning (an error under `--strict`) for a cited article that does not say who published
/// it, when or where.
fn missing(article: &Article) -> Option<Diagnostic> {
    if article.facts.is_empty() {
        return None;
    }
    let p = &article.publication;
    let absent: Vec<&str> = [
        ("publisher", p.publisher.is_none()),
        ("published", p.published.is_none()),
        ("url", p.url.is_none()),
    ]
    .into_iter()
    .filter_map(|(key, absent)| absent.then_some(key))
    .collect();
    if absent.is_empty() {
        return None;
    }
    let n = article.facts.len();
    let facts = if n == 1 {
        "1 fact relies".to_string()
    } else {
        format!("{n} facts rely")
    };
    let keys: Vec<String> = absent.iter().map(|k| format!("`{k}`")).collect();
    let problem = article
        .origin
        .warning(
            "title",
            format!(
                "{facts} on this article, which has no {}",
                crate::model::format::listed(&keys, "or")
            ),
        )
        .with_help(help(&absent));
    Some(problem)
}

/// The check of what each cited article says about itself ([`check_articles`]).
pub const ARTICLES: SiteCheck = SiteCheck {
    name: "what an article says about itself",
    strict: UnderStrict::WarningsAreErrors,
    run: |site, whole| check_articles(site, whole.today),
};

/// What to add for the keys `absent`.
fn help(absent: &[&str]) -> String {
    let each: Vec<&str> = absent
        .iter()
        .map(|&key| match key {
            "publisher" => "`publisher:` the outlet whose page it is",
            "published" => "`published:` the date the page prints (YYYY-MM-DD; until then its relative times, \"last week\", cannot be dated)",
            _ => "`url:` the page's address",
        })
        .collect();
    format!("add {}; if the page does not say, find it from another dated report and say how in `source_note:`", each.join(", "))
}

/// Marks the facts of `site` whose newest source was published more than `years` before
/// `today`.
pub fn mark_historical(site: &mut Site, years: u16, today: i64) {
    let now = PartialDate::from_days(today);
    let Some(year) = now.year.checked_sub(years) else {
        return;
    };
    let cutoff = PartialDate { year, ..now }.first_day();
    for fact in &mut site.facts {
        fact.historical = fact.last_reported.is_some_and(|d| d.last_day() < cutoff);
    }
}
