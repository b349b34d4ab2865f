//! The seams a maintainer adds to, shown by adding to them in a few lines: a check of one fact
//! and a check of the whole site, registered in a checklist beside the standard ones
//! (`docs/architecture.md`, "Where to add a check, a page type or an output").

use factsheet::diagnostic::{Diagnostic, Severity};
use factsheet::link::check::{FactCheck, OneFact, SiteCheck, UnderStrict, WholeSite};
use factsheet::link::checks::{Checklist, FACT_CHECKS, SITE_CHECKS};
use factsheet::link::{link_checked, CheckOptions};
use factsheet::model::site::Site;

use crate::common::*;

/// A house rule of some newsroom: no title ends in a full stop.
fn no_full_stop(fact: &OneFact<'_>) -> Vec<Diagnostic> {
    match fact.statement.title.ends_with('.') {
        true => vec![fact
            .origin
            .warning("title", "the title ends with a full stop")
            .with_help("take the full stop out")],
        false => Vec::new(),
    }
}

/// Another: the site names at least one comparison.
fn a_comparison(site: &mut Site, _: &WholeSite<'_>) -> Vec<Diagnostic> {
    match site.comparisons.is_empty() {
        true => vec![Diagnostic::warning(
            "content/comparisons.yaml",
            "no comparison",
        )],
        false => Vec::new(),
    }
}

/// The problems of linking the good fixture, with a title ending in a full stop, under
/// `checklist`, held `strictly` or not.
fn linked(checklist: &Checklist, strictly: bool) -> Vec<Diagnostic> {
    let site = copy_fixture("good");
    edit(
        &site.path().join("content/facts/war-length.md"),
        "title: Length of the 2020 war",
        "title: Length of the 2020 war.",
    );
    let (content, problems) = factsheet::load::load(site.path());
    assert!(problems.is_empty(), "{problems:?}");
    let options = CheckOptions {
        today: 20_000,
        strict: strictly,
    };
    link_checked(content, options, checklist).1
}

#[test]
fn a_fact_check_is_one_function_and_one_line_of_the_list() {
    let mut checklist = Checklist::default();
    assert_eq!(checklist.facts.len(), FACT_CHECKS.len());
    let standard = linked(&checklist, false);
    assert!(!standard.iter().any(|d| d.message.contains("full stop")));
    checklist.facts.push(FactCheck {
        name: "no full stop at the end of a title",
        strict: UnderStrict::WarningsAreErrors,
        run: no_full_stop,
    });
    let found: Vec<(String, Severity)> = linked(&checklist, false)
        .into_iter()
        .filter(|d| d.message.contains("full stop"))
        .map(|d| (d.location(), d.severity))
        .collect();
    assert_eq!(
        found,
        [(
            "content/facts/war-length.md:2:8".to_string(),
            Severity::Warning
        )]
    );
    // `--strict` holds it as its entry says.
    let strict = linked(&checklist, true);
    let held = strict.iter().find(|d| d.message.contains("full stop"));
    assert_eq!(held.map(|d| d.severity), Some(Severity::Error));
}

#[test]
fn a_site_check_runs_when_its_entry_says() {
    let mut checklist = Checklist {
        facts: FACT_CHECKS.to_vec(),
        site: SITE_CHECKS.to_vec(),
    };
    checklist.site.push(SiteCheck {
        name: "at least one comparison",
        strict: UnderStrict::Only,
        run: a_comparison,
    });
    // The good fixture has a comparison: nothing to say, strict or not.
    for strictly in [false, true] {
        let problems = linked(&checklist, strictly);
        assert!(!problems.iter().any(|d| d.message == "no comparison"));
    }
    // Without one, only a strict link says so.
    checklist.site.last_mut().unwrap().run = |site, whole| {
        site.comparisons.clear();
        a_comparison(site, whole)
    };
    let said = |strictly| {
        linked(&checklist, strictly)
            .iter()
            .any(|d| d.message == "no comparison")
    };
    assert_eq!((said(false), said(true)), (false, true));
}
