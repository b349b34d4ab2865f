//! The seams a maintainer adds to, shown by adding to them in a few lines: a check of one fact
//! and a check of the whole site, registered in a checklist beside the standard ones, and an
//! output registered beside the standard outputs (`docs/architecture.md`, "Where to add a
//! check, a page type or an output").

use factsheet::diagnostic::{Diagnostic, Severity};
use factsheet::link::check::{FactCheck, OneFact, SiteCheck, UnderStrict, WholeSite};
use factsheet::link::checks::{Checklist, FACT_CHECKS, SITE_CHECKS};
use factsheet::link::{link_checked, CheckOptions};
use factsheet::model::site::Site;
use factsheet::render::output::Output;
use factsheet::render::outputs::OUTPUTS;
use factsheet::render::{Renderer, Sink};
use factsheet::Options;

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

/// An output some newsroom might add: every fact as a line of Markdown, for language models.
fn facts_as_markdown(renderer: &Renderer<'_>, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let lines: String = (renderer.views().facts.iter())
        .map(|fact| format!("- [{}]({}): {}\n", fact.title, fact.path, fact.claim))
        .collect();
    sink.write("facts.md", lines.into_bytes())
        .map_err(|d| vec![d])
}

/// What a build did: the pages it rendered or its errors' messages, and the files it wrote.
type Built = (
    Result<usize, Vec<String>>,
    Option<std::collections::BTreeMap<String, Vec<u8>>>,
);

/// The good fixture built into the outputs `list`.
fn built_with(list: &[Output]) -> Built {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let options = Options {
        root: fixture("good"),
        output: Some(output.clone()),
        ..Options::default()
    };
    let result = factsheet::build_with(&options, list)
        .map(|report| report.pages)
        .map_err(|problems| problems.iter().map(|d| d.message.clone()).collect());
    (result, output.exists().then(|| files(&output)))
}

#[test]
fn an_output_is_one_function_and_one_line_of_the_list() {
    let (standard, Some(mut plain)) = built_with(&OUTPUTS) else {
        panic!("the standard build failed");
    };
    let mut list = OUTPUTS.to_vec();
    list.push(Output {
        name: "every fact as a line of Markdown (facts.md)",
        write: facts_as_markdown,
    });
    let (result, Some(mut with)) = built_with(&list) else {
        panic!("the build with a Markdown output failed");
    };
    assert_eq!(result, standard);
    let markdown = String::from_utf8(with.remove("facts.md").expect("facts.md written")).unwrap();
    assert_eq!(markdown.lines().count(), 8, "{markdown}");
    assert!(
        markdown.contains(
            "- [Length of the 2020 war](facts/war-length/): The 2020 war lasted 44 days.\n"
        ),
        "{markdown}"
    );
    // Every other file as the standard build writes it (its file list included).
    plain.remove("facts.md");
    assert_eq!(with, plain);
}

#[test]
fn an_output_that_fails_fails_the_build_and_writes_nothing() {
    let mut list = OUTPUTS.to_vec();
    list.push(Output {
        name: "an output that cannot be written",
        write: |_, _| Err(vec![Diagnostic::error("facts.md", "the disk is full")]),
    });
    let (result, written) = built_with(&list);
    assert_eq!(result, Err(vec!["the disk is full".to_string()]));
    assert!(written.is_none(), "a failed build left an output");
}
