//! `factsheet verify --sources DIR`: every quote of a built site checked against its page as
//! it is now.
//!
//! Reads the evidence bundle (every cited article's address and every quote), fetches each
//! page — at most [`WORKERS`] at a time and one at a time per host — extracts its text as
//! `add` does, and looks for each quote with the build's own matching (the same folding). Per
//! quote: still there, or changed (with the closest passage now on the page and the words that
//! differ); per page: gone (its status), moved (its final address), updated after the editor
//! read it (`dateModified` later than `accessed`), or not checked and why.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use super::fetch::{self, FetchError};
use super::page;
use crate::diagnostic::Diagnostic;
use crate::link::quote::{self, SourceText};
use crate::model::date::PartialDate;
use crate::model::evidence::ArticleEvidence;

/// Pages fetched at the same time, at most.
pub const WORKERS: usize = 4;

/// Which copy of a source was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Copy {
    /// The page at its `url`.
    Original,
    /// The page at its `archive_url`.
    Archive,
}

/// What became of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageState {
    /// Read at its address.
    Found,
    /// Read, at another address after redirects.
    Moved,
    /// The server says it is not there (404 or 410).
    Gone,
    /// Not read: no answer, another status, too large, not HTML, no article text.
    NotChecked,
}

/// What became of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteState {
    /// Word for word on the page.
    There,
    /// Not on the page as quoted.
    Changed,
    /// Its page could not be read.
    NotChecked,
}

/// One quote, checked.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteCheck {
    /// The fact that quotes it.
    pub fact: String,
    /// Its source's number in the fact.
    pub source: usize,
    /// The quote.
    pub quote: String,
    /// What became of it.
    pub state: QuoteState,
    /// When changed: the passage of the page most like it.
    pub closest: Option<String>,
    /// When changed: each run of differing words, as (the quote's, the page's).
    pub differences: Vec<(String, String)>,
}

/// One page, checked.
#[derive(Debug, Clone, Serialize)]
pub struct PageCheck {
    /// The article's slug.
    pub article: String,
    /// Which copy.
    pub copy: Copy,
    /// The address fetched.
    pub url: String,
    /// What became of the page.
    pub state: PageState,
    /// Where it was read, when it moved, or which address answered that it is gone.
    pub final_url: Option<String>,
    /// The status, when gone.
    pub status: Option<u16>,
    /// Why it was not checked.
    pub problem: Option<String>,
    /// When the editor read it (`accessed`).
    pub accessed: Option<String>,
    /// When the page says it was last changed (`dateModified`).
    pub modified: Option<String>,
    /// True when `modified` is later than `accessed`.
    pub updated_after_access: bool,
    /// Its quotes.
    pub quotes: Vec<QuoteCheck>,
}

/// Counts over a whole run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Pages fetched or tried.
    pub pages: usize,
    /// Quotes still there.
    pub there: usize,
    /// Quotes changed.
    pub changed: usize,
    /// Quotes on pages that are gone or were not checked.
    pub not_checked: usize,
    /// Pages gone.
    pub gone: usize,
    /// Pages moved.
    pub moved: usize,
    /// Pages updated after they were read.
    pub updated: usize,
    /// Pages that could not be read.
    pub unreadable: usize,
    /// Cited articles with no `url`, not checked.
    pub without_url: Vec<String>,
}

/// The whole report, as `--json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Every page checked, in the bundle's order.
    pub pages: Vec<PageCheck>,
    /// The counts.
    pub summary: Summary,
    /// 0: every quote found; 1: something changed; 2: something could not be checked.
    pub status: u8,
}

/// Checks the quotes of the site built in `dir` against their pages (and, with `archive`,
/// their archived copies); `progress` is told each time a page is done.
pub fn recheck(
    dir: &Path,
    archive: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Report, Vec<Diagnostic>> {
    let bundle = crate::verify::read_bundle(dir, &crate::input::Inside::new(dir))?;
    let mut jobs = Vec::new();
    let mut without_url = Vec::new();
    for article in &bundle.articles {
        match &article.url {
            Some(url) => jobs.push((article, Copy::Original, url.clone())),
            None => without_url.push(article.article.clone()),
        }
        if let (true, Some(copy)) = (archive, &article.provenance.archive_url) {
            jobs.push((article, Copy::Archive, copy.clone()));
        }
    }
    let pages = run_by_host(&jobs, progress);
    let summary = summarize(&pages, without_url);
    let status = if summary.changed + summary.gone + summary.moved + summary.updated > 0 {
        1
    } else if summary.unreadable > 0 || pages.is_empty() {
        2
    } else {
        0
    };
    Ok(Report {
        pages,
        summary,
        status,
    })
}

/// Checks every job, [`WORKERS`] at a time, one host's pages one after another; returns the
/// checks in the jobs' order.
fn run_by_host(
    jobs: &[(&ArticleEvidence, Copy, String)],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<PageCheck> {
    let mut hosts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (_, _, url)) in jobs.iter().enumerate() {
        hosts.entry(fetch::host(url)).or_default().push(i);
    }
    let hosts: Vec<Vec<usize>> = hosts.into_values().collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<PageCheck>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(hosts.len()) {
            scope.spawn(|| {
                while let Some(group) = hosts.get(next.fetch_add(1, Ordering::Relaxed)) {
                    for &i in group {
                        let (article, copy, url) = &jobs[i];
                        let checked = check_page(article, *copy, url);
                        results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(checked);
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.into_iter().flatten().collect()
}

/// Fetches one page and looks for the article's quotes on it.
fn check_page(article: &ArticleEvidence, copy: Copy, url: &str) -> PageCheck {
    let mut check = PageCheck {
        article: article.article.clone(),
        copy,
        url: url.to_string(),
        state: PageState::NotChecked,
        final_url: None,
        status: None,
        problem: None,
        accessed: article.provenance.accessed.clone(),
        modified: None,
        updated_after_access: false,
        quotes: (article.quotes.iter())
            .map(|q| QuoteCheck {
                fact: q.fact.clone(),
                source: q.source,
                quote: q.quote.clone(),
                state: QuoteState::NotChecked,
                closest: None,
                differences: Vec::new(),
            })
            .collect(),
    };
    let fetched = match fetch::page(url) {
        Ok(fetched) => fetched,
        Err(FetchError::Gone { status, final_url }) => {
            check.state = PageState::Gone;
            check.status = Some(status);
            check.final_url = (!same_address(&final_url, url)).then_some(final_url);
            return check;
        }
        Err(FetchError::Failed(line)) => {
            check.problem = Some(line);
            return check;
        }
    };
    let page = match page::read(&fetched.html, &fetched.final_url) {
        Ok(page) => page,
        Err(problem) => {
            check.problem = Some(problem);
            return check;
        }
    };
    // An archive answers from the snapshot's own address: that is not a move.
    let moved = copy == Copy::Original && !same_address(&fetched.final_url, url);
    check.state = if moved {
        PageState::Moved
    } else {
        PageState::Found
    };
    check.final_url = moved.then_some(fetched.final_url);
    if copy == Copy::Original {
        check.modified = page.metadata.modified.map(|m| m.value);
        check.updated_after_access = later(check.modified.as_deref(), check.accessed.as_deref());
    }
    let text = SourceText::new(crate::markdown::plain_text_of(&page.markdown));
    for q in &mut check.quotes {
        match quote::find(&q.quote, &text) {
            Ok(_) => q.state = QuoteState::There,
            Err(miss) => {
                q.state = QuoteState::Changed;
                q.differences = (miss.closest.as_deref())
                    .map(|c| quote::differing_words(&miss.text, c))
                    .unwrap_or_default();
                q.closest = miss.closest;
            }
        }
    }
    check
}

/// True when two addresses differ at most by a trailing slash.
fn same_address(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// True when the date `modified` falls after the date `accessed` (both as the page and the
/// front matter write them; either missing or unreadable is false).
fn later(modified: Option<&str>, accessed: Option<&str>) -> bool {
    let (Some(m), Some(a)) = (modified, accessed) else {
        return false;
    };
    match (PartialDate::parse(m), PartialDate::parse(a)) {
        (Ok(m), Ok(a)) => m.first_day() > a.last_day(),
        _ => false,
    }
}

fn summarize(pages: &[PageCheck], without_url: Vec<String>) -> Summary {
    let mut s = Summary {
        pages: pages.len(),
        without_url,
        ..Summary::default()
    };
    for page in pages {
        match page.state {
            PageState::Gone => s.gone += 1,
            PageState::Moved => s.moved += 1,
            PageState::NotChecked => s.unreadable += 1,
            PageState::Found => {}
        }
        s.updated += usize::from(page.updated_after_access);
        for q in &page.quotes {
            match q.state {
                QuoteState::There => s.there += 1,
                QuoteState::Changed => s.changed += 1,
                QuoteState::NotChecked => s.not_checked += 1,
            }
        }
    }
    s
}

/// Writes `report` for people: each page and what became of it, each quote that changed with
/// the words that differ, and a summary line.
pub fn print(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for page in &report.pages {
        let copy = if page.copy == Copy::Archive {
            " (archived copy)"
        } else {
            ""
        };
        writeln!(out, "{}{copy}: {}", page.article, page.url)?;
        match page.state {
            PageState::Gone => writeln!(
                out,
                "  page gone: {}",
                FetchError::Gone {
                    status: page.status.unwrap_or(404),
                    final_url: page.final_url.clone().unwrap_or_else(|| page.url.clone())
                }
            )?,
            PageState::Moved => writeln!(
                out,
                "  page moved to {} (write its new address as `url`)",
                page.final_url.as_deref().unwrap_or("")
            )?,
            PageState::NotChecked => writeln!(
                out,
                "  not checked: {}",
                page.problem.as_deref().unwrap_or("")
            )?,
            PageState::Found => {}
        }
        if page.updated_after_access {
            writeln!(out, "  the page was updated on {} after you read it on {}: read it again, then set `accessed`", page.modified.as_deref().unwrap_or(""), page.accessed.as_deref().unwrap_or(""))?;
        }
        for q in &page.quotes {
            print_quote(q, out)?;
        }
    }
    let s = &report.summary;
    if !s.without_url.is_empty() {
        writeln!(out, "Not checked, no `url`: {}", s.without_url.join(", "))?;
    }
    writeln!(out, "{}", summary_line(s))
}

fn print_quote(q: &QuoteCheck, out: &mut dyn Write) -> std::io::Result<()> {
    let who = format!("{}, source {}", q.fact, q.source);
    match q.state {
        QuoteState::There => writeln!(out, "  still there: {who}"),
        QuoteState::NotChecked => writeln!(out, "  not checked: {who}"),
        QuoteState::Changed => {
            writeln!(out, "  changed: {who}: \"{}\"", q.quote)?;
            match &q.closest {
                Some(c) => writeln!(out, "    the page now says: \"{c}\"")?,
                None => writeln!(out, "    nothing like it is on the page now")?,
            }
            for (was, now) in &q.differences {
                let word = |w: &str| {
                    if w.is_empty() {
                        "(nothing)".to_string()
                    } else {
                        format!("\"{w}\"")
                    }
                };
                writeln!(out, "    {} is now {}", word(was), word(now))?;
            }
            Ok(())
        }
    }
}

/// "Checked 12 quotes on 5 pages: 10 still there, 1 changed, …".
pub fn summary_line(s: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let quotes = s.there + s.changed + s.not_checked;
    let mut parts = vec![format!("{} still there", s.there)];
    for (n, what) in [(s.changed, "changed"), (s.not_checked, "not checked")] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    for (n, one, many) in [
        (s.gone, "page gone", "pages gone"),
        (s.moved, "page moved", "pages moved"),
        (
            s.updated,
            "page updated after it was read",
            "pages updated after they were read",
        ),
        (
            s.unreadable,
            "page could not be read",
            "pages could not be read",
        ),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    format!(
        "Checked {} on {}: {}",
        plural(quotes, "quote", "quotes"),
        plural(s.pages, "page", "pages"),
        parts.join(", ")
    )
}
