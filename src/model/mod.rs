//! The ground floor: the vocabulary the stages share. `load`, `link`, `render`, `write` and
//! `verify` depend on it; it depends on none of them.
//!
//! - [`date`]: dates as precise as a source states them, and windows of days;
//! - [`value`]: qualifiers ("over", "nearly") and statuses (reported, claimed, disputed);
//! - [`unit`]: units of figures — currencies, percentages, counts — and their symbols and words;
//! - [`slug`]: the names content is referred to by;
//! - [`format`]: figures spelled for people ("over 100,000 people", "$5 billion");
//! - [`evidence`]: the evidence bundle, written by the build and read by `verify`;
//! - [`page_ids`]: the ids the engine puts on pages;
//! - [`origin`]: where a record was written, for diagnostics at the editor's line;
//! - [`record`]: what facts, articles, entities and topics state apart from their references;
//! - [`site`]: the linked site, with typed ids: what `link` returns and `render` reads;
//! - [`theme`]: a theme's templates and static files as read, before compiling.

pub mod date;
pub mod evidence;
pub mod format;
pub mod origin;
pub mod page_ids;
pub mod record;
pub mod site;
pub mod slug;
pub mod theme;
pub mod unit;
pub mod value;

/// The folders of a site that a build reads, and `serve` watches: an output may not sit inside
/// one, or the next build would read it back.
pub const SITE_FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// The known name closest to `unknown`, if one is close enough to be a likely typo: for the
/// "did you mean …?" of a diagnostic.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}
