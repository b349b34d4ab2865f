//! The small vocabularies of a fact: its qualifier and its status.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a figure relates to the true amount, as the source words it ("over 100,000").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// Exactly the figure.
    Exact,
    /// Roughly the figure.
    About,
    /// Just below the figure.
    Nearly,
    /// More than the figure.
    Over,
    /// Less than the figure.
    Under,
    /// The figure or more.
    AtLeast,
    /// The figure or less.
    UpTo,
    /// A forecast ("projected", "expected").
    Projected,
    /// A plan ("planned"): what a budget or a government intends, not what was spent.
    Planned,
    /// An estimate.
    Estimated,
}

impl Qualifier {
    /// The qualifier as written in YAML (`at-least`).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::AtLeast => "at-least",
            Qualifier::UpTo => "up-to",
            Qualifier::Projected => "projected",
            Qualifier::Planned => "planned",
            Qualifier::Estimated => "estimated",
        }
    }

    /// The words put before a figure ("at least"); empty for `exact`.
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::AtLeast => "at least",
            Qualifier::UpTo => "up to",
            Qualifier::Projected => "projected",
            Qualifier::Planned => "planned",
            Qualifier::Estimated => "estimated",
        }
    }

    /// True for a figure that is a plan or forecast, not yet a fact: it may be dated after the
    /// build date, and a source may state it with or without the word.
    pub fn is_intended(self) -> bool {
        matches!(self, Qualifier::Projected | Qualifier::Planned)
    }
}

/// How the speaker's words reached the source: said on the record, or known only through
/// people the source does not name, or at second hand.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Deserialize,
    Serialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sourcing {
    /// The speaker said it publicly, or to the source, by name.
    #[default]
    OnRecord,
    /// People the source does not name ("people familiar with the call") say the speaker said it.
    Anonymous,
    /// Someone other than the speaker says the speaker said it.
    Secondhand,
}

impl Sourcing {
    /// The sourcing as written in YAML (`on_record`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sourcing::OnRecord => "on_record",
            Sourcing::Anonymous => "anonymous",
            Sourcing::Secondhand => "secondhand",
        }
    }
}

/// Who stands behind a fact.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Deserialize,
    Serialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A source states it.
    #[default]
    Reported,
    /// A party asserts it (`claimed_by`).
    Claimed,
    /// Asserted by one party and rejected by another.
    Disputed,
}

impl Status {
    /// True when the status needs a `claimed_by`.
    pub fn needs_claimant(self) -> bool {
        self != Status::Reported
    }

    /// The status in one lowercase word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Claimed => "claimed",
            Status::Disputed => "disputed",
        }
    }
}
