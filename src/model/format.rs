//! Figures for people: `5e9 USD` -> "$5 billion", `100000 people, over` -> "over 100,000".
//!
//! A figure is shown as its qualifier, its amount and — for units that are not money or
//! percentages — a unit label shown beside it ("people"). Scale words (million, billion,
//! trillion) are used only when they lose nothing: 1,234,567 stays as it is. A fact's
//! `display` replaces the whole text.

use serde::Serialize;

use crate::model::unit::{self, Kind};
use crate::model::value::Qualifier;

/// A fact's figure, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The qualified amount ("over 100,000", "$5 billion").
    pub text: String,
    /// The qualifier's words ("over", "projected"), when one is printed.
    pub qualifier: Option<String>,
    /// The amount alone ("100,000", "$5 billion"), or the `display` text.
    pub amount: String,
    /// The unit label printed after it ("people"), or none for money and percentages.
    pub unit: Option<String>,
    /// Both together ("over 100,000 people").
    pub full: String,
}

/// What a fact states of its figure, as its front matter has it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stated<'a> {
    /// The figure.
    pub value: Option<f64>,
    /// `[low, high]` instead of a value.
    pub range: Option<[f64; 2]>,
    /// Its unit.
    pub unit: Option<&'a str>,
    /// How it relates to the true amount.
    pub qualifier: Option<Qualifier>,
    /// The text shown instead.
    pub display: Option<&'a str>,
}

/// The figure of a fact, if it has a value, a range or a `display`.
pub fn figure(front: Stated<'_>) -> Option<Figure> {
    let unit = front.unit;
    let amount = match (front.value, front.range) {
        (Some(v), _) => amount(v, unit),
        (None, Some([low, high])) => range(low, high, unit),
        (None, None) => String::new(),
    };
    let label = unit_label(unit).map(str::to_string);
    let (qualifier, amount) = match (front.display, front.qualifier) {
        (Some(display), _) => (None, display.to_string()),
        (None, _) if amount.is_empty() => return None,
        (None, Some(q)) if q != Qualifier::Exact => (Some(q.words().to_string()), amount),
        (None, _) => (None, amount),
    };
    let text = match &qualifier {
        Some(q) => format!("{q} {amount}"),
        None => amount.clone(),
    };
    let full = match &label {
        Some(l) if front.display.is_none() => format!("{text} {l}"),
        _ => text.clone(),
    };
    Some(Figure {
        text,
        qualifier,
        amount,
        unit: if front.display.is_some() { None } else { label },
        full,
    })
}

/// The label printed after an amount: the unit, unless the amount carries it (money, percent).
fn unit_label(unit: Option<&str>) -> Option<&str> {
    unit.filter(|u| matches!(unit::kind(u), Kind::Count(_)))
}

/// An amount with its unit label where the amount does not carry it: "$5 billion",
/// "100,000 people".
pub fn amount_with_unit(value: f64, unit: Option<&str>) -> String {
    match unit_label(unit) {
        Some(label) => format!("{} {label}", amount(value, unit)),
        None => amount(value, unit),
    }
}

/// An amount in a unit: "$5 billion", "1.7 billion AZN", "45%", "100,000".
pub fn amount(value: f64, unit: Option<&str>) -> String {
    let number = number(value.abs());
    let sign = if value < 0.0 { "-" } else { "" };
    match unit.map(unit::kind) {
        Some(Kind::Currency(code)) => match unit::symbol_of(code) {
            Some(symbol) => format!("{sign}{symbol}{number}"),
            None => format!("{sign}{number} {code}"),
        },
        Some(Kind::Percent) => format!("{sign}{number}%"),
        _ => format!("{sign}{number}"),
    }
}

fn range(low: f64, high: f64, unit: Option<&str>) -> String {
    let (low_number, high_number) = (number(low), number(high));
    let scale = |s: &str| s.split_once(' ').map(|(_, w)| w.to_string());
    if scale(&low_number).is_some() && scale(&low_number) == scale(&high_number) {
        // "$1.5–2 billion" rather than "$1.5 billion–$2 billion".
        let low_digits = low_number.split(' ').next().unwrap_or_default();
        let high_amount = amount(high, unit);
        let prefix_len = high_amount.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        return format!(
            "{}{low_digits}\u{2013}{}",
            &high_amount[..prefix_len],
            &high_amount[prefix_len..]
        );
    }
    format!("{}\u{2013}{}", amount(low, unit), amount(high, unit))
}

/// A number for people: thousands separators, at most two decimals, and a scale word when it
/// loses nothing ("5 billion", "1.7 billion", "100,000", "3.25").
pub fn number(value: f64) -> String {
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if value >= scale {
            let scaled = value / scale;
            let hundredths = (scaled * 100.0).round();
            if (hundredths / 100.0 * scale - value).abs() <= value * 1e-12 {
                return format!("{} {word}", decimals(hundredths / 100.0));
            }
            break;
        }
    }
    decimals(value)
}

/// `value` with thousands separators and at most two decimals, trailing zeros dropped.
fn decimals(value: f64) -> String {
    let hundredths = (value * 100.0).round() as u128;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    match frac {
        0 => {}
        f if f % 10 == 0 => out.push_str(&format!(".{}", f / 10)),
        f => out.push_str(&format!(".{f:02}")),
    }
    out
}

/// Items as a sentence lists them, joined by `conjunction`: "A", "A and B", "A, B and C".
pub fn listed(items: &[impl AsRef<str>], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", rest.join(", "), last.as_ref())
        }
    }
}

/// A ratio for people: "2.9×", "12×".
pub fn ratio(value: f64) -> String {
    let rounded = if value >= 10.0 {
        value.round()
    } else {
        (value * 10.0).round() / 10.0
    };
    format!("{}\u{d7}", decimals(rounded))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(yaml: &str) -> crate::model::record::Statement {
        let front: crate::content::fact::FactFrontMatter =
            serde_yaml::from_str(&format!("title: t\nclaim: c\nsources: []\n{yaml}")).unwrap();
        front.split().0
    }

    fn text(yaml: &str) -> String {
        front(yaml).figure().map(|f| f.full).unwrap_or_default()
    }

    #[test]
    fn the_headline_figures_read_as_the_sources_write_them() {
        assert_eq!(text("value: 5000000000\nunit: USD"), "$5 billion");
        assert_eq!(
            text("value: 1700000000\nunit: USD\nqualifier: projected"),
            "projected $1.7 billion"
        );
        assert_eq!(
            text("value: 100000\nunit: people\nqualifier: over"),
            "over 100,000 people"
        );
        assert_eq!(
            text("value: 7000\nunit: soldiers\nqualifier: nearly"),
            "nearly 7,000 soldiers"
        );
        assert_eq!(
            text("value: 400\nunit: tons\nqualifier: about"),
            "about 400 tons"
        );
        assert_eq!(text("value: 44\nunit: days"), "44 days");
    }

    #[test]
    fn display_overrides_and_no_figure_means_none() {
        let f = front("value: 5000000000\nunit: USD\ndisplay: $5B")
            .figure()
            .unwrap();
        assert_eq!(
            (f.text.as_str(), f.unit, f.full.as_str()),
            ("$5B", None, "$5B")
        );
        assert!(front("").figure().is_none());
    }

    #[test]
    fn numbers_keep_their_precision() {
        assert_eq!(number(1_234_567.0), "1,234,567");
        assert_eq!(number(2_500_000.0), "2.5 million");
        assert_eq!(number(1_250_000_000.0), "1.25 billion");
        assert_eq!(number(3.0), "3");
        assert_eq!(number(3.25), "3.25");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(amount(45.0, Some("percent")), "45%");
        assert_eq!(amount(1.2e9, Some("AZN")), "1.2 billion AZN");
        assert_eq!(amount(-12.0, Some("EUR")), "-€12");
    }

    #[test]
    fn ranges_share_their_scale_word() {
        assert_eq!(
            text("range: [1500000000, 2000000000]\nunit: USD"),
            "$1.5\u{2013}2 billion"
        );
        assert_eq!(
            text("range: [5000, 7000]\nunit: people"),
            "5,000\u{2013}7,000 people"
        );
        assert_eq!(
            text("range: [500000000, 1000000000]\nunit: USD"),
            "$500 million\u{2013}$1 billion"
        );
    }

    #[test]
    fn ratios() {
        assert_eq!(ratio(5.0 / 1.7), "2.9\u{d7}");
        assert_eq!(ratio(12.4), "12\u{d7}");
        assert_eq!(ratio(2.0), "2\u{d7}");
    }
}
