//! A fact's status in words: who asserts it, who reports that they did, and whether it answers
//! another fact — the one wording every page, list, search result, feed and data file shows.
//!
//! - A `reported` fact is "Reported"; a claim is "Claim by X"; a disputed claim "Disputed claim
//!   by X, answered by Y"; a fact with `responds_to` is a "Response by X" (or, when `reported`,
//!   the source's "Reported response by X").
//! - With `reported_by` and the speaker on the record, the speaker leads: "Claim by X, as
//!   reported by R". When the sourcing is anonymous or secondhand, the reporter leads, because
//!   the assertion is theirs until the speaker confirms it: "R reported, from anonymous
//!   sources, a claim by X".

use serde::Serialize;

use super::parts::Link;
use crate::model::site::{Fact, Site};
use crate::model::value::{Sourcing, Status};

/// What a fact is, for its style: `reported`, `claimed`, `disputed`, or `response` (a fact
/// with `responds_to`, whatever its status).
pub fn kind(fact: &Fact) -> &'static str {
    match fact.responds_to {
        Some(_) => "response",
        None => fact.statement.status.as_str(),
    }
}

/// One piece of a status in words: text, linked to an entity's page where it names one.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// The words.
    pub text: String,
    /// The page of the entity the words name, if they name one.
    pub path: Option<String>,
    /// True for the words naming who answered a disputed claim (", answered by …"), which a
    /// page that shows the responses beside the claim may leave out.
    pub answers: bool,
}

impl Part {
    fn words(text: impl Into<String>) -> Part {
        Part {
            text: text.into(),
            path: None,
            answers: false,
        }
    }

    fn entity(link: &Link) -> Part {
        Part {
            text: link.title.clone(),
            path: Some(link.path.clone()),
            answers: false,
        }
    }
}

/// The status of `fact` in words, as parts (see the module's documentation); `speaker` and
/// `reporter` are the links to its `claimed_by` and `reported_by` entities.
pub fn attribution(
    site: &Site,
    fact: &Fact,
    speaker: Option<&Link>,
    reporter: Option<&Link>,
) -> Vec<Part> {
    let status = fact.statement.status;
    let noun = match (fact.responds_to.is_some(), status) {
        (true, Status::Reported) => "reported response",
        (true, _) => "response",
        (false, Status::Reported) => "",
        (false, Status::Claimed) => "claim",
        (false, Status::Disputed) => "disputed claim",
    };
    let mut parts = Vec::new();
    let reporter_leads = fact.statement.sourcing != Sourcing::OnRecord;
    match reporter.filter(|_| reporter_leads) {
        Some(r) => {
            let how = match fact.statement.sourcing {
                Sourcing::Anonymous => "from anonymous sources",
                _ => "at second hand",
            };
            parts.push(Part::entity(r));
            parts.push(Part::words(format!(" reported, {how}, a {noun}")));
        }
        None if noun.is_empty() => parts.push(Part::words("Reported")),
        None => parts.push(Part::words(capitalized(noun))),
    }
    if !noun.is_empty() || speaker.is_some() {
        match speaker {
            Some(s) => {
                parts.push(Part::words(" by "));
                parts.push(Part::entity(s));
            }
            None if !noun.is_empty() => parts.push(Part::words(" by an unnamed party")),
            None => {}
        }
    }
    if let Some(r) = reporter.filter(|_| !reporter_leads) {
        parts.push(Part::words(", as reported by "));
        parts.push(Part::entity(r));
    }
    if status == Status::Disputed && fact.responds_to.is_none() {
        let answered = answered_by(site, fact);
        if !answered.is_empty() {
            parts.push(Part {
                answers: true,
                ..Part::words(format!(
                    ", answered by {}",
                    crate::model::format::listed(&answered, "and")
                ))
            });
        }
    }
    parts
}

/// The parts of a status as one text.
pub fn label(parts: &[Part]) -> String {
    parts.iter().map(|p| p.text.as_str()).collect()
}

/// The status without the words naming its speaker, for a list on the speaker's own page:
/// "Claim", "Disputed claim, answered by U.S. State Department", "Response".
pub fn without_speaker(parts: &[Part], speaker: Option<&Link>) -> String {
    let Some(speaker) = speaker else {
        return label(parts);
    };
    let names_speaker = |i: usize| {
        parts[i].text == " by "
            && parts
                .get(i + 1)
                .is_some_and(|p| p.path.as_deref() == Some(speaker.path.as_str()))
    };
    let mut out = String::new();
    let mut i = 0;
    while i < parts.len() {
        match names_speaker(i) {
            true => i += 2,
            false => {
                out.push_str(&parts[i].text);
                i += 1;
            }
        }
    }
    out
}

/// The names of those whose responses answer `fact`, each once, in site order.
fn answered_by<'s>(site: &'s Site, fact: &Fact) -> Vec<&'s str> {
    let mut names: Vec<&str> = Vec::new();
    for &r in &fact.responses {
        if let Some(e) = site.facts[r].claimed_by {
            let name = site.entities[e].fields.name.as_str();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
