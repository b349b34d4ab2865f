//! Reading dates and times out of text: what a title, claim or quote says about *when*.
//!
//! Three kinds of expression are read:
//!
//! - **Dates** that stand on their own: a year from 1000 to 2999 (`2020`), a year range
//!   (`2021-2022`, each year), an ISO date (`2023-09-19`, `2023-09`), a month with a day and a
//!   year in either order (`Nov. 8, 2023`, `8 November 2023`), a month and a year
//!   (`September 2023`). Month names are capitalized, as English writes them; "May" and "March"
//!   count only next to a day or a year, so "Azerbaijan may invade" is not a date.
//! - **Dates without a year** (`October 7`, `7 October`, `in November`): they need the
//!   article's date to say which year.
//! - **Relative times** (`last week`, `earlier this month`, `on Thursday`, `this year`,
//!   `last November`, `in recent weeks`, `by the end of this year`, `yesterday`): they mean
//!   something only next to the article's `published` date.
//!
//! [`times`] finds all three; [`TimeMention::window`] turns one into the span of days it
//! covers, counting from the article's date where it needs one.

use super::figures::{tokens, Token};
use crate::model::date::{days_from_civil, days_in_month, weekday, PartialDate, Window, MONTHS};

/// A date as a text states it: a year, with a month and a day when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextDate {
    /// The year, when stated.
    pub year: Option<u16>,
    /// The month, when stated.
    pub month: Option<u8>,
    /// The day, when stated (always with a month).
    pub day: Option<u8>,
}

impl TextDate {
    /// True when the date states everything `wanted` states, the same way: `8 November 2023`
    /// states `November 2023` and `2023`; `October 7` states `October 7` in any year.
    pub fn states(&self, wanted: &TextDate) -> bool {
        let covers = |have: Option<u16>, want: Option<u16>| want.is_none() || have == want;
        covers(self.year, wanted.year)
            && covers(self.month.map(u16::from), wanted.month.map(u16::from))
            && covers(self.day.map(u16::from), wanted.day.map(u16::from))
    }

    /// The partial date, when the year is stated.
    pub fn partial(&self) -> Option<PartialDate> {
        Some(PartialDate {
            year: self.year?,
            month: self.month,
            day: self.day.filter(|_| self.month.is_some()),
        })
    }
}

/// Relative times: the words, and how to count them from the article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// `today`.
    Today,
    /// `yesterday`.
    Yesterday,
    /// `last night`: the night before the article's date.
    LastNight,
    /// `this week`, `earlier this week`: Monday to the article's date.
    ThisWeek,
    /// `last week`: Monday to Sunday of the week before.
    LastWeek,
    /// `next week`.
    NextWeek,
    /// `last weekend`.
    LastWeekend,
    /// `this month`, `earlier this month`: the 1st to the article's date.
    ThisMonth,
    /// `last month`.
    LastMonth,
    /// `next month`.
    NextMonth,
    /// `this year`, `earlier this year`: 1 January to the article's date.
    ThisYear,
    /// `later this year`, `by the end of this year`: the article's date to 31 December.
    RestOfYear,
    /// `last year`.
    LastYear,
    /// `next year`.
    NextYear,
    /// `last November`: the latest November before the article's month.
    LastMonthNamed(u8),
    /// `this November`: November of the article's year.
    ThisMonthNamed(u8),
    /// `on Thursday`, `last Thursday`: the latest Thursday before the article's date (Monday =
    /// 0); "on" includes the article's date itself.
    Weekday(u8, bool),
    /// `in recent days/weeks/months`, `in the past week`: the days before the article's date.
    Recent(i64),
    /// `in the coming days/weeks/months`: the days after it.
    Coming(i64),
}

/// What a mention says about when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    /// A date with its year.
    Date(TextDate),
    /// A month, with or without a day, but no year (`October 7`).
    Yearless(TextDate),
    /// A relative time (`last week`).
    Relative(Relative),
}

/// A time stated in a text, with the words that state it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// What it says.
    pub time: Time,
    /// The words as written ("last week", "Nov. 8, 2023").
    pub text: String,
    /// Where those words are in the text (a byte range).
    pub span: std::ops::Range<usize>,
}

impl TimeMention {
    /// True when the mention needs the article's date to mean something.
    pub fn is_relative(&self) -> bool {
        !matches!(self.time, Time::Date(_))
    }

    /// The days the mention covers: a date its own; a date without a year or a relative time
    /// counted from `published` (`None` when the article is undated, or not dated precisely
    /// enough: "last week" needs the day).
    pub fn window(&self, published: Option<PartialDate>) -> Option<Window> {
        match self.time {
            Time::Date(d) => d.partial().map(Window::of),
            Time::Yearless(d) => yearless(d, published?),
            Time::Relative(r) => relative(r, published?),
        }
    }
}

/// The window of a month (and day) without a year: the latest such date on or before the
/// article's date.
fn yearless(d: TextDate, published: PartialDate) -> Option<Window> {
    let month = d.month?;
    let pm = published.month?;
    let after = match (d.day, published.day) {
        _ if month != pm => month > pm,
        (Some(day), Some(pd)) => day > pd,
        (Some(_), None) => return None,
        (None, _) => false,
    };
    let year = if after {
        published.year.checked_sub(1)?
    } else {
        published.year
    };
    if d.day.is_some_and(|day| day > days_in_month(year, month)) {
        return None;
    }
    Some(Window::of(PartialDate {
        year,
        month: Some(month),
        day: d.day,
    }))
}

fn month_window(year: i64, month: i64) -> Window {
    let (year, month) = (
        year + (month - 1).div_euclid(12),
        (month - 1).rem_euclid(12) + 1,
    );
    let first = days_from_civil(year, month, 1);
    Window {
        first,
        last: first + i64::from(days_in_month(year as u16, month as u8)) - 1,
    }
}

fn year_window(year: i64) -> Window {
    Window {
        first: days_from_civil(year, 1, 1),
        last: days_from_civil(year, 12, 31),
    }
}

/// The window of a relative time in an article published on `published`.
fn relative(r: Relative, published: PartialDate) -> Option<Window> {
    use Relative::*;
    let year = i64::from(published.year);
    // Those that need only the year, or the month.
    match r {
        LastYear => return Some(year_window(year - 1)),
        NextYear => return Some(year_window(year + 1)),
        ThisMonthNamed(m) => return Some(month_window(year, i64::from(m))),
        _ => {}
    }
    let month = i64::from(published.month?);
    match r {
        LastMonth => return Some(month_window(year, month - 1)),
        NextMonth => return Some(month_window(year, month + 1)),
        LastMonthNamed(m) => {
            let m = i64::from(m);
            let y = if m < month { year } else { year - 1 };
            return Some(month_window(y, m));
        }
        _ => {}
    }
    let day = published.day?;
    let p = days_from_civil(year, month, i64::from(day));
    let monday = p - weekday(p);
    let span = |first: i64, last: i64| Some(Window { first, last });
    match r {
        Today => span(p, p),
        Yesterday => span(p - 1, p - 1),
        LastNight => span(p - 1, p),
        ThisWeek => span(monday, p),
        LastWeek => span(monday - 7, monday - 1),
        NextWeek => span(monday + 7, monday + 13),
        LastWeekend => span(monday - 2, monday - 1),
        ThisMonth => span(days_from_civil(year, month, 1), p),
        ThisYear => span(days_from_civil(year, 1, 1), p),
        RestOfYear => span(p, days_from_civil(year, 12, 31)),
        Weekday(w, inclusive) => {
            let back = (weekday(p) - i64::from(w)).rem_euclid(7);
            let back = if back == 0 && !inclusive { 7 } else { back };
            span(p - back, p - back)
        }
        Recent(days) => span(p - days, p),
        Coming(days) => span(p, p + days),
        _ => None,
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The first words of [`PHRASES`]: a token that is none of them starts no relative phrase (a
/// test keeps the two lists in step).
const PHRASE_STARTS: [&str; 10] = [
    "by",
    "end",
    "later",
    "earlier",
    "in",
    "this",
    "last",
    "next",
    "yesterday",
    "today",
];

/// Relative phrases, as lowercase words, longest first where one contains another.
const PHRASES: [(&str, Relative); 30] = [
    ("by the end of this year", Relative::RestOfYear),
    ("end of this year", Relative::RestOfYear),
    ("later this year", Relative::RestOfYear),
    ("earlier this year", Relative::ThisYear),
    ("earlier this month", Relative::ThisMonth),
    ("earlier this week", Relative::ThisWeek),
    ("in the coming weeks", Relative::Coming(28)),
    ("in the coming days", Relative::Coming(7)),
    ("in the coming months", Relative::Coming(183)),
    ("in coming weeks", Relative::Coming(28)),
    ("in coming days", Relative::Coming(7)),
    ("in coming months", Relative::Coming(183)),
    ("in recent weeks", Relative::Recent(28)),
    ("in recent days", Relative::Recent(7)),
    ("in recent months", Relative::Recent(183)),
    ("in the past week", Relative::Recent(7)),
    ("in the past month", Relative::Recent(31)),
    ("this week", Relative::ThisWeek),
    ("last week", Relative::LastWeek),
    ("next week", Relative::NextWeek),
    ("last weekend", Relative::LastWeekend),
    ("this month", Relative::ThisMonth),
    ("last month", Relative::LastMonth),
    ("next month", Relative::NextMonth),
    ("this year", Relative::ThisYear),
    ("last year", Relative::LastYear),
    ("next year", Relative::NextYear),
    ("last night", Relative::LastNight),
    ("yesterday", Relative::Yesterday),
    ("today", Relative::Today),
];

/// Month abbreviations, which count only next to a day or a year ("Nov. 8", "Sept 2023").
const ABBREVIATIONS: [(&str, u8); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The month a capitalized word names (`November`, `Nov`), 1-based, and whether it may stand
/// alone (a full name other than May and March, which are more often a verb).
fn month_of(token: &Token<'_>) -> Option<(u8, bool)> {
    if !token.text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let word = token.text;
    if let Some(i) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)) {
        return Some((i as u8 + 1, !matches!(i, 2 | 4)));
    }
    ABBREVIATIONS
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(word))
        .map(|&(_, m)| (m, false))
}

/// A number token that is a day of the month (1-31, one or two digits).
fn day_of(token: Option<&Token<'_>>) -> Option<u8> {
    let t = token?;
    let digits = t.read.strip_suffix("th").unwrap_or(&t.read);
    (digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// A number token that is a year (1000-2999, four digits).
fn year_of(token: Option<&Token<'_>>) -> Option<u16> {
    let t = token?;
    (t.read.len() == 4 && t.read.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.read.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

fn is_dash(token: Option<&Token<'_>>) -> bool {
    token.is_some_and(|t| matches!(t.text, "-" | "–" | "—"))
}

/// Every date and relative time `text` states, in order.
pub fn times(text: &str) -> Vec<TimeMention> {
    times_in(text, &tokens(text))
}

/// [`times`] of `text`, already split into `tokens`.
pub(crate) fn times_in(text: &str, tokens: &[Token<'_>]) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (time, used) = match read_at(tokens, i) {
            Some(found) => found,
            None => {
                i += 1;
                continue;
            }
        };
        let (start, end) = (tokens[i].start, tokens[i + used - 1].end);
        match time {
            // "2021-2022": each year.
            Some(t) => out.push(TimeMention {
                time: t,
                text: text[start..end].to_string(),
                span: start..end,
            }),
            None => {
                for k in [i, i + 2] {
                    let t = &tokens[k];
                    out.push(TimeMention {
                        time: Time::Date(TextDate {
                            year: year_of(Some(t)),
                            month: None,
                            day: None,
                        }),
                        text: t.text.to_string(),
                        span: t.start..t.end,
                    });
                }
            }
        }
        i += used;
    }
    out
}

/// The time that starts at token `i`, and how many tokens it takes; `Some(None)` for a year
/// range, which [`times`] splits into its two years.
fn read_at(tokens: &[Token<'_>], i: usize) -> Option<(Option<Time>, usize)> {
    relative_at(tokens, i).or_else(|| date_at(tokens, i))
}

/// A date read from text, with or without its year.
fn text_date(year: Option<u16>, month: Option<u8>, day: Option<u8>) -> Option<Time> {
    let d = TextDate { year, month, day };
    Some(if year.is_some() {
        Time::Date(d)
    } else {
        Time::Yearless(d)
    })
}

/// True when token `k` is `word`, whatever its case.
fn is_word(tokens: &[Token<'_>], k: usize, word: &str) -> bool {
    tokens
        .get(k)
        .is_some_and(|t| t.text.eq_ignore_ascii_case(word))
}

/// The relative time that starts at token `i` ("last week", "last November", "on Thursday").
fn relative_at(tokens: &[Token<'_>], i: usize) -> Option<(Option<Time>, usize)> {
    let is = |k: usize, word: &str| is_word(tokens, k, word);
    // A capitalized word right after another, one space apart, is part of a name: "Russia
    // Today", "USA Today" are outlets, not days.
    let in_a_name = i > 0
        && tokens[i].text.starts_with(|c: char| c.is_uppercase())
        && tokens[i - 1].text.starts_with(|c: char| c.is_uppercase())
        && tokens[i - 1].end + 1 == tokens[i].start;
    // Relative phrases, looked for only after a word one of them starts with.
    let phrases = if !in_a_name && PHRASE_STARTS.iter().any(|w| is(i, w)) {
        &PHRASES[..]
    } else {
        &[]
    };
    for &(phrase, r) in phrases {
        let mut words = phrase.split(' ');
        if !words.next().is_some_and(|first| is(i, first)) {
            continue;
        }
        if words.clone().enumerate().all(|(k, w)| is(i + 1 + k, w)) {
            return Some((Some(Time::Relative(r)), 1 + words.count()));
        }
    }
    let (last, this, on) = (is(i, "last"), is(i, "this"), is(i, "on"));
    if last || this {
        if let Some((m, _)) = tokens.get(i + 1).and_then(month_of) {
            let r = if last {
                Relative::LastMonthNamed(m)
            } else {
                Relative::ThisMonthNamed(m)
            };
            return Some((Some(Time::Relative(r)), 2));
        }
    }
    if on || last {
        let next = tokens
            .get(i + 1)
            .filter(|t| t.text.starts_with(|c: char| c.is_ascii_uppercase()));
        if let Some(w) =
            next.and_then(|t| WEEKDAYS.iter().position(|d| t.text.eq_ignore_ascii_case(d)))
        {
            return Some((Some(Time::Relative(Relative::Weekday(w as u8, on))), 2));
        }
    }
    None
}

/// The date that starts at token `i`: ISO, a year range, "November 8, 2023", "8 November".
fn date_at(tokens: &[Token<'_>], i: usize) -> Option<(Option<Time>, usize)> {
    let date = text_date;
    // ISO dates and year ranges; "$2023" is money, not a year.
    let after_currency = i > 0 && matches!(tokens[i - 1].text, "$" | "€" | "£");
    if let Some(year) = year_of(tokens.get(i)).filter(|_| !after_currency) {
        if is_dash(tokens.get(i + 1)) {
            let next = tokens.get(i + 2);
            if next.is_some_and(|t| t.read.len() == 2) {
                let month = day_of(next).filter(|m| *m <= 12);
                if let Some(month) = month {
                    let day = day_of(tokens.get(i + 4))
                        .filter(|_| is_dash(tokens.get(i + 3)) && tokens[i + 4].read.len() == 2);
                    let used = if day.is_some() { 5 } else { 3 };
                    return Some((date(Some(year), Some(month), day), used));
                }
            }
            if year_of(next).is_some() {
                return Some((None, 3));
            }
        }
        return Some((date(Some(year), None, None), 1));
    }
    // "November 8, 2023", "Nov. 8", "September 2023", "November".
    if let Some((month, alone)) = month_of(&tokens[i]) {
        let day = day_of(tokens.get(i + 1));
        let (year, used) = match day {
            Some(_) => match year_of(tokens.get(i + 2)) {
                Some(y) => (Some(y), 3),
                None => (None, 2),
            },
            None => match year_of(tokens.get(i + 1)) {
                Some(y) => (Some(y), 2),
                None => (None, 1),
            },
        };
        if used == 1 && !alone {
            return None;
        }
        return Some((date(year, Some(month), day), used));
    }
    // "8 November 2023", "7 October".
    if let (Some(day), Some((month, _))) =
        (day_of(tokens.get(i)), tokens.get(i + 1).and_then(month_of))
    {
        let year = year_of(tokens.get(i + 2));
        return Some((
            date(year, Some(month), Some(day)),
            2 + usize::from(year.is_some()),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relative_phrase_starts_with_a_listed_first_word() {
        for (phrase, _) in PHRASES {
            let first = phrase.split(' ').next().unwrap();
            assert!(PHRASE_STARTS.contains(&first), "{phrase}");
        }
    }

    fn read(text: &str) -> Vec<(String, Time)> {
        times(text).into_iter().map(|m| (m.text, m.time)).collect()
    }

    fn d(year: Option<u16>, month: Option<u8>, day: Option<u8>) -> TextDate {
        TextDate { year, month, day }
    }

    fn day(iso: &str) -> i64 {
        PartialDate::parse(iso).unwrap().first_day()
    }

    #[test]
    fn dates_in_the_forms_news_writes_them() {
        assert_eq!(
            read("a military parade in Stepanakert on Nov. 8, 2023, after the 2020 war"),
            [
                (
                    "Nov. 8, 2023".into(),
                    Time::Date(d(Some(2023), Some(11), Some(8)))
                ),
                ("2020".into(), Time::Date(d(Some(2020), None, None))),
            ]
        );
        assert_eq!(
            read("Azerbaijan’s September 2023 assault; 8 November 2023; 2023-09-19; 2023-09"),
            [
                (
                    "September 2023".into(),
                    Time::Date(d(Some(2023), Some(9), None))
                ),
                (
                    "8 November 2023".into(),
                    Time::Date(d(Some(2023), Some(11), Some(8)))
                ),
                (
                    "2023-09-19".into(),
                    Time::Date(d(Some(2023), Some(9), Some(19)))
                ),
                ("2023-09".into(), Time::Date(d(Some(2023), Some(9), None))),
            ]
        );
        let years: Vec<String> = times("the 2021-2022 budgets")
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert_eq!(years, ["2021", "2022"]);
        assert_eq!(
            read("during the phone call of October 7 and on 12 August"),
            [
                (
                    "October 7".into(),
                    Time::Yearless(d(None, Some(10), Some(7)))
                ),
                (
                    "12 August".into(),
                    Time::Yearless(d(None, Some(8), Some(12)))
                ),
            ]
        );
    }

    #[test]
    fn may_and_march_as_words_are_not_months() {
        assert!(times("Azerbaijan may invade Armenia; they march on").is_empty());
        assert!(times("Azerbaijan May invade").is_empty());
        assert_eq!(
            read("on May 9")[0].1,
            Time::Yearless(d(None, Some(5), Some(9)))
        );
        assert!(times("the $2,500 figure and 45 people").is_empty());
    }

    #[test]
    fn relative_times_resolve_from_the_article_date() {
        let published = PartialDate::parse("2024-10-10").ok(); // a Thursday
        let window = |text: &str| {
            let m = times(text)
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("{text}"));
            let w = m.window(published).unwrap();
            (
                PartialDate::from_days(w.first).iso(),
                PartialDate::from_days(w.last).iso(),
                w.human(),
            )
        };
        // The text | the window's first day | its last | the window in words.
        let cases = [
            "Blinken warned lawmakers last week | 2024-09-30 | 2024-10-06 | the week of 30 September 2024",
            "earlier this month | 2024-10-01 | 2024-10-10 | 1\u{2013}10 October 2024",
            "in a statement released on Thursday | 2024-10-10 | 2024-10-10 | 10 October 2024",
            "last Thursday | 2024-10-03 | 2024-10-03 | 3 October 2024",
            "this year | 2024-01-01 | 2024-10-10 | 1 January \u{2013} 10 October 2024",
            "their summit last November | 2023-11-01 | 2023-11-30 | November 2023",
            "in recent weeks | 2024-09-12 | 2024-10-10 | 12 September \u{2013} 10 October 2024",
            "by the end of this year | 2024-10-10 | 2024-12-31 | 10 October \u{2013} 31 December 2024",
            "last year | 2023-01-01 | 2023-12-31 | 2023",
            "last night | 2024-10-09 | 2024-10-10 | 9\u{2013}10 October 2024",
            "the call of October 7 | 2024-10-07 | 2024-10-07 | 7 October 2024",
            "the call of December 7 | 2023-12-07 | 2023-12-07 | 7 December 2023",
        ];
        for case in cases {
            let [text, first, last, human] =
                <[&str; 4]>::try_from(case.split(" | ").collect::<Vec<_>>()).unwrap();
            let expected = (first.to_string(), last.to_string(), human.to_string());
            assert_eq!(window(text), expected, "{text}");
        }
    }

    #[test]
    fn an_undated_or_imprecise_article_resolves_nothing_relative() {
        let last_week = &times("last week")[0];
        assert_eq!(last_week.window(None), None);
        assert_eq!(last_week.window(PartialDate::parse("2024-10").ok()), None);
        assert!(times("last year")[0]
            .window(PartialDate::parse("2024").ok())
            .is_some());
        let absolute = &times("in 2020")[0];
        assert!(!absolute.is_relative());
        assert_eq!(
            absolute.window(None),
            Some(Window {
                first: day("2020-01-01"),
                last: day("2020-12-31")
            })
        );
    }

    #[test]
    fn a_date_states_what_is_less_precise() {
        let full = d(Some(2023), Some(11), Some(8));
        assert!(full.states(&d(Some(2023), None, None)));
        assert!(full.states(&d(Some(2023), Some(11), None)));
        assert!(full.states(&d(None, Some(11), Some(8))));
        assert!(!d(Some(2023), Some(11), None).states(&full));
        assert!(!d(None, Some(11), Some(8)).states(&full));
        let year = Window::of(PartialDate::parse("2024").unwrap());
        let week = Window {
            first: day("2024-09-30"),
            last: day("2024-10-06"),
        };
        assert!(year.nests_with(week) && week.nests_with(year));
        let october = Window::of(PartialDate::parse("2024-10").unwrap());
        assert!(!october.nests_with(week));
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panicking_and_spans_are_its_words(text in "\\PC{0,80}") {
            for m in times(&text) {
                proptest::prop_assert_eq!(&text[m.span.clone()], m.text.as_str());
                let published = PartialDate::parse("2024-02-29").ok();
                if let Some(w) = m.window(published) {
                    proptest::prop_assert!(w.first <= w.last);
                    let _ = (w.human(), w.iso());
                }
            }
        }

        #[test]
        fn every_day_window_prints(first in -100_000i64..100_000, len in 0i64..800) {
            let w = Window { first, last: first + len };
            proptest::prop_assert!(!w.human().is_empty());
        }
    }
}
