//! What a check is: the seam every check of the site goes through. The checks themselves live
//! each in the file of its subject (`grounding.rs` for what a fact says against its quotes,
//! its figure included; `provenance.rs`, `trust.rs` for the whole site) and are listed once, in
//! [`super::checks`].
//!
//! There are two kinds, by what a check reads:
//!
//! - a [`FactCheck`] reads one fact and the articles it quotes. Its problems are kept with the
//!   fact: `serve` reuses them until the fact or one of those articles changes, so such a check
//!   must never look at another fact;
//! - a [`SiteCheck`] reads the whole linked site (other facts, articles, entities), and runs
//!   again on every link. It may record what it finds on the site (the spread of a measure, a
//!   stale figure) for the pages to show.
//!
//! And each says what `check --strict` does to it ([`UnderStrict`]).

use crate::content::entity::EntityEntry;
use crate::content::settings::SiteConfig;
use crate::content::Origin;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::record::Statement;
use crate::model::site::{EntityId, Site};

use super::reading::{Names, Quoted};

/// What `check --strict` does to a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnderStrict {
    /// Nothing: it runs, and its warnings stay warnings.
    Same,
    /// It runs, and its warnings are errors.
    WarningsAreErrors,
    /// It runs only under `--strict`, and its warnings stay warnings.
    Only,
}

/// What a check of one fact is given: the fact as written and its quotes, read. It is given
/// only once every quote of the fact is found in its article.
pub struct OneFact<'a> {
    /// What the fact states (its figure, unit, date, title, claim…).
    pub statement: &'a Statement,
    /// Where it is written, to place a problem at its key.
    pub origin: &'a Origin,
    /// Each quote, as written.
    pub written: &'a [&'a str],
    /// Each quote read for its times, with its article's date.
    pub quotes: &'a [Quoted<'a>],
    /// The entity through whom the assertion is known (`reported_by`), when it resolves.
    pub reported_by: Option<EntityId>,
    /// Every entity's names, to find them in a title, a claim or a quote.
    pub names: &'a Names,
    /// The build date, in days since 1970-01-01.
    pub today: i64,
    /// False when `unit:` names no known unit, which is its own error: a figure cannot be read
    /// in it.
    pub unit_known: bool,
}

/// A check that reads one fact: its name (for a reader of the list) and what it does.
#[derive(Debug, Clone, Copy)]
pub struct FactCheck {
    /// What it checks, in a few words.
    pub name: &'static str,
    /// What `--strict` does to it.
    pub strict: UnderStrict,
    /// The check: the problems of one fact.
    pub run: fn(&OneFact<'_>) -> Vec<Diagnostic>,
}

/// What a check of the whole site is given besides the linked site.
pub struct WholeSite<'a> {
    /// `site.yaml` as written.
    pub config: &'a SiteConfig,
    /// The entities as written, each with the places of its keys.
    pub entities: &'a [EntityEntry],
    /// Every entity's names.
    pub names: &'a Names,
    /// The build date, in days since 1970-01-01.
    pub today: i64,
}

/// A check that reads the whole site, and may record what it finds on it.
#[derive(Debug, Clone, Copy)]
pub struct SiteCheck {
    /// What it checks, in a few words.
    pub name: &'static str,
    /// What `--strict` does to it.
    pub strict: UnderStrict,
    /// The check: the problems of the site.
    pub run: fn(&mut Site, &WholeSite<'_>) -> Vec<Diagnostic>,
}

/// Whether a check of `strict` runs in a link that is (or is not) `strictly` held.
pub fn runs(strict: UnderStrict, strictly: bool) -> bool {
    strict != UnderStrict::Only || strictly
}

/// `problems` as a check of `strict` reports them in a link that is (or is not) `strictly`
/// held: under `--strict`, the warnings of a [`UnderStrict::WarningsAreErrors`] check are errors.
pub fn as_held(
    mut problems: Vec<Diagnostic>,
    strict: UnderStrict,
    strictly: bool,
) -> Vec<Diagnostic> {
    if strictly && strict == UnderStrict::WarningsAreErrors {
        for d in &mut problems {
            d.severity = Severity::Error;
        }
    }
    problems
}
