//! Partial ISO dates: `2023`, `2023-09`, `2023-09-19`.
//!
//! News gives dates at whatever precision it has; a fact dated "September 2023" must not be
//! stored as the 1st of September. A [`PartialDate`] keeps exactly what was written, sorts
//! chronologically (a year before its months), and prints for people ("19 September 2023").

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date with year, and optionally month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: u16,
    /// The month, 1 to 12, when known.
    pub month: Option<u8>,
    /// The day of the month, when known.
    pub day: Option<u8>,
}

/// The names of the months, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the month and day exist.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let bad = || {
            format!("`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-09-19")
        };
        let mut parts = text.split('-');
        let number = |part: Option<&str>, len: usize| -> Result<Option<u16>, String> {
            match part {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(p.parse().ok())
                }
                Some(_) => Err(bad()),
            }
        };
        let year = number(parts.next(), 4)?.ok_or_else(bad)?;
        let month = number(parts.next(), 2)?;
        let day = number(parts.next(), 2)?;
        if parts.next().is_some() {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!(
                    "`{text}` has no month {m}: months run from 01 to 12"
                ));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m as u8);
            if d == 0 || d > last as u16 {
                return Err(format!(
                    "`{text}` is not a day of the calendar: {} {year} has {last} days",
                    MONTHS[m as usize - 1]
                ));
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// The date as written in ISO form (`2023-09`).
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The date for people: `19 September 2023`, `September 2023`, `2023`.
    pub fn human(&self) -> String {
        self.written(|m| MONTHS[m])
    }

    /// For people, short, as a list prints it: "19 Sep 2023", "Sep 2023", "2023".
    pub fn short(&self) -> String {
        self.written(|m| &MONTHS[m][..3])
    }

    /// The date with its month (0-based) written by `month`.
    fn written<'m>(&self, month: impl Fn(usize) -> &'m str) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month(m as usize - 1), self.year),
            (Some(m), None) => format!("{} {}", month(m as usize - 1), self.year),
            _ => self.year.to_string(),
        }
    }

    /// The last day the date covers, as days since 1970-01-01 (`2023` -> 31 December 2023).
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        days_from_civil(self.year as i64, month as i64, day as i64)
    }

    /// The first day the date covers, as days since 1970-01-01 (`2023` -> 1 January 2023).
    pub fn first_day(&self) -> i64 {
        days_from_civil(
            self.year as i64,
            self.month.unwrap_or(1) as i64,
            self.day.unwrap_or(1) as i64,
        )
    }

    /// The date of `days` since 1970-01-01.
    pub fn from_days(days: i64) -> PartialDate {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        PartialDate {
            year: year.clamp(0, 9999) as u16,
            month: Some(month as u8),
            day: Some(day as u8),
        }
    }

    /// The first moment the date covers, as an RFC 3339 timestamp (for Atom and sitemaps).
    pub fn start_rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

/// A span of days, both ends included, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Window {
    /// The first day.
    pub first: i64,
    /// The last day.
    pub last: i64,
}

impl Window {
    /// The days a partial date covers (`2023-09` -> 1..30 September 2023).
    pub fn of(date: PartialDate) -> Window {
        Window {
            first: date.first_day(),
            last: date.last_day(),
        }
    }

    /// True when one of the two windows lies inside the other: a claim of "2024" is stated by
    /// "last week" in an article of October 2024, and a claim of 1 October by that week.
    pub fn nests_with(self, other: Window) -> bool {
        (self.first >= other.first && self.last <= other.last)
            || (other.first >= self.first && other.last <= self.last)
    }

    /// The window for people: "10 October 2024", "the week of 30 September 2024",
    /// "September 2024", "2024", "1–10 October 2024", "30 September – 6 October 2024".
    pub fn human(self) -> String {
        let (a, b) = (
            PartialDate::from_days(self.first),
            PartialDate::from_days(self.last),
        );
        let (am, bm) = (a.month.unwrap_or(1), b.month.unwrap_or(1));
        let (ad, bd) = (a.day.unwrap_or(1), b.day.unwrap_or(1));
        let month = |m: u8| MONTHS[m as usize - 1];
        if self.first == self.last {
            return a.human();
        }
        if a.year == b.year && am == 1 && ad == 1 && bm == 12 && bd == 31 {
            return a.year.to_string();
        }
        if a.year == b.year && am == bm && ad == 1 && bd == days_in_month(b.year, bm) {
            return format!("{} {}", month(am), a.year);
        }
        if self.last - self.first == 6 && weekday(self.first) == 0 {
            return format!("the week of {}", a.human());
        }
        if a.year == b.year && am == bm {
            return format!("{ad}\u{2013}{bd} {} {}", month(am), a.year);
        }
        if a.year == b.year {
            return format!("{ad} {} \u{2013} {bd} {} {}", month(am), month(bm), a.year);
        }
        format!("{} \u{2013} {}", a.human(), b.human())
    }

    /// The window as ISO dates (`2024-09-30/2024-10-06`; one date for a single day).
    pub fn iso(self) -> String {
        let (a, b) = (
            PartialDate::from_days(self.first),
            PartialDate::from_days(self.last),
        );
        if self.first == self.last {
            a.iso()
        } else {
            format!("{}/{}", a.iso(), b.iso())
        }
    }
}

/// The day of the week of `days` since 1970-01-01, Monday = 0.
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's days_from_civil).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date as precise as the source states it: YYYY, YYYY-MM or YYYY-MM-DD.",
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
            "minimum": 1000,
            "maximum": 9999
        })
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_for_people() {
        let d = PartialDate::parse("2023-09-19").unwrap();
        assert_eq!(
            (d.iso(), d.human()),
            ("2023-09-19".into(), "19 September 2023".into())
        );
        assert_eq!(
            PartialDate::parse("2023-09").unwrap().human(),
            "September 2023"
        );
        assert_eq!(PartialDate::parse("2023").unwrap().human(), "2023");
        assert_eq!(
            PartialDate::parse("2024-02").unwrap().start_rfc3339(),
            "2024-02-01T00:00:00Z"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("2023-13")
            .unwrap_err()
            .contains("no month 13"));
        assert!(PartialDate::parse("2023-02-29")
            .unwrap_err()
            .contains("28 days"));
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("23-09-19")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(PartialDate::parse("2023/09/19").is_err());
    }

    #[test]
    fn days_count_from_1970() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(d("1970-01-01").last_day(), 0);
        assert_eq!(d("2023").last_day(), d("2023-12-31").last_day());
        assert_eq!(d("2024-02").last_day(), d("2024-02-29").last_day());
        assert_eq!(d("2026-11-24").last_day() - d("2025-11-24").last_day(), 365);
        for s in ["1970-01-01", "2000-02-29", "2023-09-19", "2026-11-24"] {
            assert_eq!(PartialDate::from_days(d(s).last_day()).iso(), s);
        }
    }

    #[test]
    fn a_year_sorts_before_its_months() {
        let mut dates: Vec<PartialDate> = ["2023-09-19", "2023", "2022-12", "2023-09"]
            .iter()
            .map(|d| PartialDate::parse(d).unwrap())
            .collect();
        dates.sort();
        let iso: Vec<String> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(iso, ["2022-12", "2023", "2023-09", "2023-09-19"]);
    }
}
