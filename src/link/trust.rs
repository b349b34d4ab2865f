//! Trust checks across facts (DESIGN.md, "Trust checks"), beyond each quote being in its article:
//!
//! - **Conflicting figures**: facts sharing a `measure:` whose values or ranges do not overlap
//!   are reported, and each of their pages shows the spread; `preferred: true` (at most one per
//!   measure) picks the figure to headline.
//! - **Staleness**: with `review_after` in `site.yaml` (`{default: 2y, USD: 1y, topic: 6m}`), a
//!   fact dated longer ago than its period, counted back from the build date, is reported and
//!   labelled on its page. The build date is `SOURCE_DATE_EPOCH` when set, so a fixed value
//!   gives the same output every time.
//! - **Single sources** (`check --strict`): a `reported` fact backed by one source only.
//!
//! (The figure-in-quote check is per fact, in [`super::figures`].)

use std::collections::BTreeMap;

use super::check::{SiteCheck, UnderStrict, WholeSite};
use crate::content::settings::parse_period;
use crate::diagnostic::Diagnostic;
use crate::model::date::PartialDate;
use crate::model::site::{FactId, Independence, Site};
use crate::model::value::Status;

/// The check of responses ([`responses`]).
pub const RESPONSES: SiteCheck = SiteCheck {
    name: "responses answer a claim, never round a circle",
    strict: UnderStrict::Same,
    run: |site, _| responses(site),
};

/// The check of the figures of each measure ([`conflicts`]).
pub const CONFLICTS: SiteCheck = SiteCheck {
    name: "conflicting figures of a measure",
    strict: UnderStrict::Same,
    run: |site, _| conflicts(site),
};

/// The check of each fact's age against `review_after` ([`staleness`]).
pub const STALENESS: SiteCheck = SiteCheck {
    name: "staleness against review_after",
    strict: UnderStrict::Same,
    run: stale,
};

fn stale(site: &mut Site, whole: &WholeSite<'_>) -> Vec<Diagnostic> {
    match &whole.config.review_after {
        Some(review_after) => staleness(site, review_after, whole.today),
        None => Vec::new(),
    }
}

/// The check of `reported` facts on a single article ([`single_sources`]), under `--strict`.
pub const SINGLE_SOURCES: SiteCheck = SiteCheck {
    name: "reported facts on a single article",
    strict: UnderStrict::Only,
    run: |site, _| single_sources(site),
};

/// The interval a fact's figure covers.
fn interval(site: &Site, id: FactId) -> Option<(f64, f64)> {
    let f = &site.facts[id].statement;
    f.value.map(|v| (v, v)).or(f.range.map(|[lo, hi]| (lo, hi)))
}

/// A fact's figure for a message: "over 100,000 people (karabakh-displaced, from “Title”)".
fn described(site: &Site, id: FactId) -> String {
    let fact = &site.facts[id];
    let figure = fact.statement.figure().map(|f| f.full).unwrap_or_default();
    let from: Vec<String> = fact
        .citations
        .iter()
        .map(|c| {
            format!(
                "\u{201c}{}\u{201d}",
                site.articles[c.article].publication.title
            )
        })
        .collect();
    format!("{figure} ({}, from {})", fact.slug, from.join(" and "))
}

/// Checks `measure` and `preferred`, and records for each fact of a conflicting measure the
/// other facts of it (`Fact::spread`).
pub fn conflicts(site: &mut Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut groups: BTreeMap<String, Vec<FactId>> = BTreeMap::new();
    for (id, fact) in crate::model::site::ids::<FactId>(site.facts.len()).zip(&site.facts) {
        match &fact.statement.measure {
            Some(m) => groups.entry(m.clone()).or_default().push(id),
            None if fact.statement.preferred => problems.push(
                site.facts[id]
                    .origin
                    .error(
                        "preferred",
                        "`preferred` only means something with a `measure`",
                    )
                    .with_help(
                        "add `measure: KEY`, shared by the facts that measure the same quantity",
                    ),
            ),
            None => {}
        }
    }
    for (measure, ids) in groups {
        let preferred: Vec<FactId> = ids
            .iter()
            .copied()
            .filter(|&i| site.facts[i].statement.preferred)
            .collect();
        for &extra in preferred.iter().skip(1) {
            problems.push(
                site.facts[extra]
                    .origin
                    .error(
                        "preferred",
                        format!(
                            "another fact of measure `{measure}` is already preferred: `{}`",
                            site.facts[preferred[0]].slug
                        ),
                    )
                    .with_help("mark one fact per measure as `preferred: true`"),
            );
        }
        let spans: Vec<(FactId, (f64, f64))> = ids
            .iter()
            .filter_map(|&i| interval(site, i).map(|s| (i, s)))
            .collect();
        let disjoint = spans
            .iter()
            .any(|(_, a)| spans.iter().any(|(_, b)| a.1 < b.0 || b.1 < a.0));
        if !disjoint {
            continue;
        }
        let first = ids[0];
        let all: Vec<String> = ids.iter().map(|&i| described(site, i)).collect();
        let help = match preferred.first() {
            Some(&p) => format!(
                "check the sources; every page shows the spread, and `{}` (preferred) is the headline figure",
                site.facts[p].slug
            ),
            None => "check the sources; keep every figure (each page shows the spread) and mark the one to headline with `preferred: true`".to_string(),
        };
        problems.push(
            site.facts[first]
                .origin
                .warning(
                    "measure",
                    format!(
                        "the facts measuring `{measure}` disagree: {}",
                        all.join("; ")
                    ),
                )
                .with_help(help),
        );
        for &id in &ids {
            site.facts[id].spread = ids.iter().copied().filter(|&j| j != id).collect();
        }
    }
    problems
}

/// Marks and reports facts older than their `review_after` period at the build date `today`
/// (days since 1970-01-01).
pub fn staleness(
    site: &mut Site,
    review_after: &BTreeMap<String, String>,
    today: i64,
) -> Vec<Diagnostic> {
    if review_after.is_empty() {
        return Vec::new();
    }
    let period = |key: &str| {
        review_after
            .get(key)
            .and_then(|p| parse_period(p).map(|d| (p.clone(), d)))
    };
    let build_date = PartialDate::from_days(today).iso();
    let mut problems = Vec::new();
    let mut stale = Vec::new();
    for (id, fact) in site.facts.iter().enumerate() {
        let Some(date) = fact.statement.date else {
            continue;
        };
        // The most specific period: the fact's unit, then its topics (the shortest), then the default.
        let by_unit = fact.statement.unit.as_deref().and_then(period);
        let by_topic = fact
            .topics
            .iter()
            .filter_map(|&t| period(&site.topics[t].slug))
            .min_by_key(|(_, d)| *d);
        let Some((written, days)) = by_unit.or(by_topic).or_else(|| period("default")) else {
            continue;
        };
        if today - date.last_day() <= i64::from(days) {
            continue;
        }
        problems.push(
            fact.origin
                .warning("date", format!("dated {date}, more than {written} before the build date ({build_date}): the figure may be out of date"))
                .with_help("look for a newer source and update the fact, or change `review_after` in content/site.yaml"),
        );
        stale.push(id);
    }
    for id in stale {
        site.facts[id].stale = true;
    }
    problems
}

/// `check --strict`: `reported` facts backed by a single article (however many passages of
/// it they quote).
pub fn single_sources(site: &Site) -> Vec<Diagnostic> {
    site.facts
        .iter()
        .filter(|f| f.statement.status == Status::Reported && f.independence.articles == 1)
        .map(|f| {
            let message = match f.citations.len() {
                1 => "a reported fact with a single source".to_string(),
                n => format!("a reported fact with a single source ({n} passages of one article)"),
            };
            f.origin
                .warning("sources", message)
                .with_help("add a second, independent source if there is one")
        })
        .collect()
}

/// Errors at the `responds_to:` line of a fact that answers a `reported` fact that is not
/// itself a response (a response answers a claim, or another response), and of each fact of a
/// cycle of responses (A answers B, B answers A), which no reader could follow to a claim.
pub fn responses(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for fact in &site.facts {
        let Some(target) = fact.responds_to else {
            continue;
        };
        let answered = &site.facts[target];
        if answered.statement.status == Status::Reported && answered.responds_to.is_none() {
            problems.push(
                fact.origin
                    .error("responds_to", format!("`{}` is a reported fact, not a claim: a response answers a claim or another response", answered.slug))
                    .with_help(format!("list `{}` under `related:` instead, or answer the claim it reports", answered.slug)),
            );
        }
        if let Some(cycle) = cycle_from(site, target, &fact.slug) {
            problems.push(
                fact.origin
                    .error("responds_to", format!("these facts answer each other in a circle: {cycle}"))
                    .with_help("a response answers what came before it: remove `responds_to:` from the fact that came first"),
            );
        }
    }
    problems
}

/// The circle of responses that leads from `start` back to the fact `slug`, as "a -> b -> a",
/// when there is one. Each step follows one `responds_to`, so a chain is followed at most once
/// round the site.
fn cycle_from(site: &Site, start: FactId, slug: &str) -> Option<String> {
    let mut path = vec![slug];
    let mut at = Some(start);
    for _ in 0..site.facts.len() {
        let fact = &site.facts[at?];
        path.push(&fact.slug);
        if fact.slug == slug {
            return Some(path.join(" -> "));
        }
        at = fact.responds_to;
    }
    None
}

/// How independent `fact`'s support is: distinct articles and publishers behind its quotes
/// (passages of one article are one source), and whether every source is the claimant's own.
pub fn independence(site: &Site, fact: &crate::model::site::Fact) -> Independence {
    let articles = fact.articles();
    let mut publishers: Vec<&str> = Vec::new();
    let mut unknown = 0;
    for &a in &articles {
        match &site.articles[a].publication.publisher {
            Some(p) => publishers.push(p),
            None => unknown += 1,
        }
    }
    let claimant: Vec<String> = fact
        .claimed_by
        .map(|e| {
            let f = &site.entities[e].fields;
            std::iter::once(&f.name)
                .chain(&f.aliases)
                .map(|n| n.to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let claimant_only = !claimant.is_empty()
        && unknown == 0
        && publishers
            .iter()
            .all(|p| claimant.contains(&p.to_lowercase()));
    publishers.sort_unstable();
    publishers.dedup();
    let passages = fact.citations.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let text = match (articles.len(), publishers.len(), unknown) {
        (1, _, _) if passages == 1 => "single source".to_string(),
        (1, _, _) => format!("{passages} passages from 1 article"),
        (n, 0, _) => format!("{}, publisher not given", plural(n, "article")),
        (n, p, 0) => format!("{}, {}", plural(n, "article"), plural(p, "publisher")),
        (n, p, u) => format!(
            "{}, {} and {u} not given",
            plural(n, "article"),
            plural(p, "publisher")
        ),
    };
    Independence {
        articles: articles.len(),
        passages,
        publishers: publishers.len(),
        unknown,
        claimant_only,
        text,
    }
}
