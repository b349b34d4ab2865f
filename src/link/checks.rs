//! Every check of the site, in one list (see [`super::check`] for what a check is).
//!
//! Adding a check is one function in the file of its subject, declared there as a
//! [`FactCheck`] or a [`SiteCheck`], and one line here. A check that reads only one fact and
//! the articles it quotes is a fact check (`serve` keeps its problems until the fact changes);
//! one that reads other facts is a site check.
//!
//! | check | reads | runs |
//! |---|---|---|
//! | figures against their quotes | one fact | always |
//! | the quotes can back the fact at all | one fact | always |
//! | numbers, dates, names and relative times of the title and claim | one fact | always; `--strict` makes its warnings errors |
//! | the `date:` against the quotes | one fact | always; `--strict` makes its warning an error |
//! | the reporter named by a quote | one fact | always; `--strict` makes its warning an error |
//! | aliases too ordinary to name one entity | the site | always |
//! | what an article says about itself, and the facts relying on it | the site | always; `--strict` makes its warnings errors |
//! | responses answer a claim, never round a circle | the site | always |
//! | conflicting figures of a measure | the site | always |
//! | staleness against `review_after` | the site | always |
//! | `reported` facts on a single article | the site | under `--strict` only |
//!
//! Quote verification itself, and every reference's resolution, are not in the list: they
//! are what linking is, and every check above runs on their results.

use super::check::{FactCheck, SiteCheck};
use super::{grounding, provenance, trust};

/// The checks of one fact, in the order they run.
pub const FACT_CHECKS: [FactCheck; 5] = [
    grounding::AGAINST_QUOTES,
    grounding::QUOTES_CAN_BACK,
    grounding::TITLE_AND_CLAIM,
    grounding::DATE,
    grounding::REPORTER_NAMED,
];

/// The checks of the whole site, in the order they run.
pub const SITE_CHECKS: [SiteCheck; 6] = [
    grounding::AMBIGUOUS_ALIASES,
    provenance::ARTICLES,
    trust::RESPONSES,
    trust::CONFLICTS,
    trust::STALENESS,
    trust::SINGLE_SOURCES,
];

/// The checks a link runs: the lists above, or those and more (a test registers its own).
#[derive(Debug, Clone)]
pub struct Checklist {
    /// The checks of one fact.
    pub facts: Vec<FactCheck>,
    /// The checks of the whole site.
    pub site: Vec<SiteCheck>,
}

impl Default for Checklist {
    fn default() -> Self {
        Checklist {
            facts: FACT_CHECKS.to_vec(),
            site: SITE_CHECKS.to_vec(),
        }
    }
}
