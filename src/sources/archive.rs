//! The Internet Archive's availability API: the snapshot of a page closest to a date.
//!
//! `GET ENDPOINT?url=ADDRESS&timestamp=YYYYMMDD` answers
//! `{"archived_snapshots": {"closest": {"available": true, "url": …, "timestamp": …}}}`, or no
//! `closest` when the archive holds no copy. The endpoint is a setting, so tests (and
//! mirrors) can answer in the archive's place.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::fetch;

/// The Internet Archive's availability API.
pub const DEFAULT_ENDPOINT: &str = "https://archive.org/wayback/available";

/// An archived copy of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Its address.
    pub url: String,
    /// When it was taken (`YYYY-MM-DD`).
    pub taken: String,
}

/// The snapshot of `url` closest to `date` (`YYYY-MM-DD`), `None` when there is none, or why
/// the archive could not be asked.
pub fn closest(endpoint: &str, url: &str, date: &str) -> Result<Option<Snapshot>, String> {
    let query = format!(
        "{endpoint}?url={}&timestamp={}",
        utf8_percent_encode(url, NON_ALPHANUMERIC),
        date.replace('-', "")
    );
    let answer = fetch::json(&query).map_err(|e| e.to_string())?;
    let closest = &answer["archived_snapshots"]["closest"];
    if closest["available"] != serde_json::Value::Bool(true) {
        return Ok(None);
    }
    let (Some(address), Some(stamp)) = (closest["url"].as_str(), closest["timestamp"].as_str())
    else {
        return Err("the archive's answer has no snapshot address or time".to_string());
    };
    let taken = match stamp.get(..8) {
        Some(d) if d.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
        }
        _ => {
            return Err(format!(
                "the archive's snapshot time `{stamp}` is not a date"
            ))
        }
    };
    if let Some(problem) = crate::content::article::url_problem(address) {
        return Err(format!(
            "the archive's snapshot address `{address}` {problem}"
        ));
    }
    Ok(Some(Snapshot {
        url: address.to_string(),
        taken,
    }))
}
