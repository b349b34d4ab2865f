//! Reading numbers out of quotes, so a fact's figure can be checked against the words that
//! back it.
//!
//! A quote proves a figure only if it states it. This module finds every number a quote states —
//! "$5 billion", "5 billion dollars", "$5B", "5,000,000,000", "over 100,000", "nearly 7,000",
//! "eight villages", "44-day", "45%", "between 5,000 and 7,000" — with its scale word, its
//! currency, whether it is a percentage, and the word before it that qualifies it ("nearly",
//! "more than"). [`check`] then compares them with a fact's value or range.

use crate::content::Origin;
use crate::diagnostic::Diagnostic;
use crate::model::record::Statement;
use crate::model::unit::{self, Kind};
use crate::model::value::Qualifier;

/// A number stated in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The value, scale applied (`$1.7 billion` -> 1.7e9).
    pub value: f64,
    /// The upper end, for "between 5,000 and 7,000" and "5,000–7,000".
    pub high: Option<f64>,
    /// The currency, as an ISO code (`USD` for `$` and "dollars").
    pub currency: Option<&'static str>,
    /// True for "45%" and "45 percent".
    pub percent: bool,
    /// The unit of measurement the words after it name ("12 km", "44-day", "400 tons": `km`,
    /// `day`, `ton`; see [`unit::measure_of_word`]); `None` for money, percentages and counts.
    pub unit: Option<&'static str>,
    /// How the text qualifies it ("nearly" -> `Nearly`).
    pub qualifier: Option<Qualifier>,
    /// The words as written ("nearly 7,000").
    pub text: String,
    /// Where those words are in the text (a byte range).
    pub span: std::ops::Range<usize>,
}

const SMALL: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
const TENS: [(&str, f64); 8] = [
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Words before a number that qualify it, most words first: the words just before a number
/// are tried against each phrase in this order, so "an estimated" must come before
/// "estimated", or the "an" would be left out of the mention.
const QUALIFIERS: [(&str, Qualifier); 24] = [
    ("in excess of", Qualifier::Over),
    ("as many as", Qualifier::UpTo),
    ("more than", Qualifier::Over),
    ("greater than", Qualifier::Over),
    ("fewer than", Qualifier::Under),
    ("less than", Qualifier::Under),
    ("at least", Qualifier::AtLeast),
    ("up to", Qualifier::UpTo),
    ("an estimated", Qualifier::Estimated),
    ("over", Qualifier::Over),
    ("above", Qualifier::Over),
    ("under", Qualifier::Under),
    ("below", Qualifier::Under),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("projected", Qualifier::Projected),
    ("planned", Qualifier::Planned),
    ("expected", Qualifier::Projected),
    ("estimated", Qualifier::Estimated),
];

/// A token of the text: a word or a number as written, with its byte range.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// The token as read: for a number, its digits in ASCII whatever script or form they were
    /// written in ("１２０", "١٢٠", "12⁰" -> "120"), and a vulgar fraction as decimals
    /// ("12½" -> "12.5"); other tokens as written.
    pub read: std::borrow::Cow<'a, str>,
    /// Its first byte in the text.
    pub start: usize,
    /// The byte after it.
    pub end: usize,
}

impl<'a> Token<'a> {
    /// A token read as written: a word or a sign.
    fn written(text: &'a str, start: usize, end: usize) -> Token<'a> {
        Token {
            text: &text[start..end],
            read: std::borrow::Cow::Borrowed(&text[start..end]),
            start,
            end,
        }
    }

    /// True for a number (in any digits, or a fraction).
    pub fn is_number(&self) -> bool {
        self.read.starts_with(|c: char| c.is_ascii_digit())
    }

    /// True for a word or a number, not a sign.
    pub fn is_word(&self) -> bool {
        self.is_number() || self.text.starts_with(char::is_alphanumeric)
    }
}

/// The first code point of each run of ten decimal digits (Unicode category Nd, 0 to 9) in
/// Unicode 16: ASCII, Arabic-Indic, Devanagari, fullwidth, mathematical bold... Generated with
/// Python's `unicodedata2` (every Nd character, grouped by its value 0).
const DIGIT_ZEROS: [u32; 77] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11DE0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit of any script (`7`, `٧`, `７`, `𝟕`).
fn decimal_digit(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    let n = u32::from(c);
    if n < 0x660 {
        return None;
    }
    let at = DIGIT_ZEROS
        .partition_point(|&zero| zero <= n)
        .checked_sub(1)?;
    let value = n - DIGIT_ZEROS[at];
    (value < 10).then_some(value as u8)
}

/// The value of a superscript or subscript digit (`²`, `₂`).
fn small_digit(c: char) -> Option<u8> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some((u32::from(c) - 0x2070) as u8),
        '₀'..='₉' => Some((u32::from(c) - 0x2080) as u8),
        _ => None,
    }
}

/// The value of a vulgar fraction (`½` -> 0.5).
fn fraction(c: char) -> Option<f64> {
    Some(match c {
        '¼' => 0.25,
        '½' => 0.5,
        '¾' => 0.75,
        '⅐' => 1.0 / 7.0,
        '⅑' => 1.0 / 9.0,
        '⅒' => 0.1,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '↉' => 0.0,
        _ => return None,
    })
}

/// A digit in a number: a decimal digit of any script, or a superscript or subscript digit.
fn any_digit(c: char) -> Option<u8> {
    decimal_digit(c).or_else(|| small_digit(c))
}

/// The number written at the start of `text` (which starts with a digit or a fraction):
/// how many bytes it takes, and it as read (see [`Token::read`]).
fn number_token(text: &str) -> (usize, std::borrow::Cow<'_, str>) {
    let mut read = String::new();
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let next_is_digit =
            || text[i + c.len_utf8()..].starts_with(|n: char| any_digit(n).is_some());
        if let Some(d) = any_digit(c) {
            read.push(char::from(b'0' + d));
        } else if matches!(c, ',' | '.' | '٬' | '٫') && !read.is_empty() && next_is_digit() {
            // Arabic writes `٬` between thousands and `٫` before decimals.
            read.push(match c {
                '٬' => ',',
                '٫' => '.',
                c => c,
            });
        } else if let Some(f) = fraction(c).filter(|_| !read.contains('.')) {
            // "12½": the fraction ends the number.
            let decimals = format!("{f}");
            let decimals = decimals.trim_start_matches('0');
            if read.is_empty() {
                read.push('0');
            }
            read.push_str(if decimals.is_empty() { ".0" } else { decimals });
            end = i + c.len_utf8();
            break;
        } else {
            break;
        }
        end = i + c.len_utf8();
    }
    let read = match read == text[..end] {
        true => std::borrow::Cow::Borrowed(&text[..end]),
        false => std::borrow::Cow::Owned(read),
    };
    (end, read)
}

/// Splits `text` into words, numbers (`1,234.5`, in any script of decimal digits, with
/// superscript digits and a vulgar fraction folded in), currency symbols and `%`; other
/// punctuation separates tokens. Hyphens split words ("44-day" -> "44", "day"). A superscript
/// or subscript digit right after a letter (`km²`, `CO₂`, a footnote mark) is not a number.
pub(crate) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut after_letter = false;
    while let Some(c) = text[i..].chars().next() {
        let starts_number = decimal_digit(c).is_some()
            || fraction(c).is_some()
            || (small_digit(c).is_some() && !after_letter);
        if starts_number {
            let (length, read) = number_token(&text[i..]);
            out.push(Token {
                text: &text[i..i + length],
                read,
                start: i,
                end: i + length,
            });
            i += length;
            after_letter = false;
            continue;
        }
        if c.is_alphabetic() {
            let length = text[i..]
                .find(|d: char| !d.is_alphabetic())
                .unwrap_or(text.len() - i);
            out.push(Token::written(text, i, i + length));
            i += length;
            after_letter = true;
            continue;
        }
        let length = c.len_utf8();
        if matches!(c, '$' | '€' | '£' | '%' | '–' | '—' | '-') {
            out.push(Token::written(text, i, i + length));
        }
        // A run of small digits after a letter (`km²`) stays part of that word's tail.
        after_letter = after_letter && small_digit(c).is_some();
        i += length;
    }
    out
}

fn word(token: Option<&Token<'_>>) -> String {
    token.map(|t| t.text.to_lowercase()).unwrap_or_default()
}

/// The value of a number token or a number word at `i`, and how many tokens it took
/// ("twenty five" is not read; "twenty-five" is: the hyphen separates tokens).
fn number_at(tokens: &[Token<'_>], i: usize) -> Option<(f64, usize)> {
    let t = &tokens[i];
    if t.is_number() {
        let cleaned: String = t.read.chars().filter(|c| *c != ',').collect();
        return cleaned.parse().ok().map(|v| (v, 1));
    }
    let lower = t.text.to_lowercase();
    if let Some((_, tens)) = TENS.iter().find(|(w, _)| *w == lower) {
        // "twenty-five": a hyphen, then a unit.
        let unit = tokens
            .get(i + 2)
            .filter(|_| tokens.get(i + 1).is_some_and(|h| h.text == "-"))
            .and_then(|u| {
                SMALL[1..10]
                    .iter()
                    .position(|w| *w == u.text.to_lowercase())
            });
        return Some(match unit {
            Some(n) => (tens + n as f64 + 1.0, 3),
            None => (*tens, 1),
        });
    }
    if let Some(n) = SMALL.iter().position(|w| *w == lower) {
        return Some((n as f64, 1));
    }
    match lower.as_str() {
        "a" if word(tokens.get(i + 1)) == "dozen" => Some((12.0, 2)),
        "dozen" => Some((12.0, 1)),
        _ => None,
    }
}

/// The multiplier of a scale word or abbreviation.
fn scale(token: Option<&Token<'_>>, after_currency: bool) -> Option<f64> {
    let t = token?;
    Some(match t.text.to_lowercase().as_str() {
        "thousand" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" => 1e9,
        "trillion" | "trillions" => 1e12,
        "hundred" => 1e2,
        "bn" => 1e9,
        "mn" | "mln" => 1e6,
        "b" if after_currency || t.text == "B" => 1e9,
        "m" if after_currency || t.text == "M" => 1e6,
        "k" if after_currency || t.text == "K" => 1e3,
        _ => return None,
    })
}

fn currency_word(token: Option<&Token<'_>>) -> Option<&'static str> {
    unit::code_of_word(token?.text)
}

/// The qualifier in the words just before token `i`, and how many words it takes.
fn qualifier_before(tokens: &[Token<'_>], i: usize) -> Option<(Qualifier, usize)> {
    QUALIFIERS.iter().find_map(|(phrase, q)| {
        let n = phrase.split(' ').count();
        let words = tokens.get(i.checked_sub(n)?..i)?;
        let same = words
            .iter()
            .zip(phrase.split(' '))
            .all(|(t, w)| t.text.eq_ignore_ascii_case(w));
        same.then_some((*q, n))
    })
}

/// A number with its currency symbol, scale word and currency word, starting at token `i`:
/// `(value, currency, had a scale word, index after it)`.
fn amount_at(
    tokens: &[Token<'_>],
    i: usize,
    currency: Option<&'static str>,
) -> Option<(f64, Option<&'static str>, bool, usize)> {
    let symbol = unit::code_of_symbol(tokens.get(i)?.text);
    let at = i + usize::from(symbol.is_some());
    if at >= tokens.len() {
        return None;
    }
    let (mut value, used) = number_at(tokens, at)?;
    let mut end = at + used;
    let currency = symbol.or(currency);
    let scaled = match scale(tokens.get(end), currency.is_some()) {
        Some(m) => {
            value *= m;
            end += 1;
            true
        }
        None => false,
    };
    let currency = currency.or_else(|| {
        let word = currency_word(tokens.get(end));
        end += usize::from(word.is_some());
        word
    });
    Some((value, currency, scaled, end))
}

/// Every number `text` states. A range ("between 5,000 and 7,000", "$1.5–2 billion") is
/// listed as the range and as each of its ends.
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_in(text, &tokens(text))
}

/// [`mentions`] of `text`, already split into `tokens`.
pub(crate) fn mentions_in(text: &str, tokens: &[Token<'_>]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let negative = minus_at(text, tokens, i);
        if negative {
            i += 1;
        } else if tokens
            .get(i)
            .is_some_and(|t| t.text == "-" || t.text == "–" || t.text == "—")
        {
            i += 1;
            continue;
        }
        let Some((value, currency, scaled, mut end)) = amount_at(tokens, i, None) else {
            i += 1;
            continue;
        };
        let value = if negative { -value } else { value };
        let percent = percent_at(tokens, &mut end);
        let unit = match percent {
            true => None,
            false => measure_at(text, tokens, &mut end),
        };
        let qualified = qualifier_before(tokens, i - usize::from(negative));
        let start = tokens[i - usize::from(negative) - qualified.map_or(0, |(_, n)| n)].start;
        let single = Mention {
            value,
            high: None,
            currency,
            percent,
            unit,
            qualifier: qualified.map(|(q, _)| q),
            text: text[start..tokens[end - 1].end].to_string(),
            span: start..tokens[end - 1].end,
        };
        let joiner = word(tokens.get(end));
        let between = i > 0 && word(tokens.get(i - 1)) == "between";
        let range_end = match joiner.as_str() {
            "-" | "–" | "—" | "to" => amount_at(tokens, end + 1, currency),
            "and" if between => amount_at(tokens, end + 1, currency),
            _ => None,
        };
        match range_end {
            Some((high, _, high_scaled, mut end2)) => {
                // "5,000–7,000 tons": the unit after the high end is the range's.
                let unit = single.unit.or_else(|| measure_at(text, tokens, &mut end2));
                let single = Mention { unit, ..single };
                // "$1.5–2 billion": the high end's scale word applies to the low end.
                let low = if high_scaled && !scaled {
                    scale_like(value, high)
                } else {
                    value
                };
                out.push(Mention {
                    value: low,
                    high: Some(high),
                    text: text[start..tokens[end2 - 1].end].to_string(),
                    span: start..tokens[end2 - 1].end,
                    ..single.clone()
                });
                out.push(Mention {
                    value: low,
                    ..single.clone()
                });
                out.push(Mention {
                    value: high,
                    qualifier: None,
                    ..single
                });
                i = end2;
            }
            None => {
                out.push(single);
                i = end;
            }
        }
    }
    out
}

/// True when token `i` is a minus sign: `-` right before a digit, after a space or an opening
/// bracket (not the hyphen of "COP-29").
fn minus_at(text: &str, tokens: &[Token<'_>], i: usize) -> bool {
    tokens[i].text == "-"
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.start == tokens[i].end && n.is_number())
        && text[..tokens[i].start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '(')
}

/// True when token `*end` says "%", "percent" or "per cent", moving `*end` past it.
fn percent_at(tokens: &[Token<'_>], end: &mut usize) -> bool {
    let words = match tokens.get(*end).map(|t| t.text.to_lowercase()) {
        Some(p) if p == "%" || p == "percent" => 1,
        Some(p) if p == "per" && word(tokens.get(*end + 1)) == "cent" => 2,
        _ => return false,
    };
    *end += words;
    true
}

/// The unit of measurement named at token `*end` ("km", "square kilometres", "-day" right
/// after the number, "km²"), moving `*end` past it.
fn measure_at(text: &str, tokens: &[Token<'_>], end: &mut usize) -> Option<&'static str> {
    let last = tokens.get(end.checked_sub(1)?)?;
    let mut at = *end;
    // "44-day": a hyphen right after the number and right before the word.
    if tokens
        .get(at)
        .is_some_and(|t| t.text == "-" && t.start == last.end)
    {
        at += 1;
    }
    let word = tokens.get(at)?;
    let (unit, words) = match word.text.eq_ignore_ascii_case("square") {
        true => {
            let length = tokens
                .get(at + 1)
                .and_then(|t| unit::measure_of_word(t.text));
            (length.and_then(unit::square_of)?, 2)
        }
        false => (unit::measure_of_word(word.text)?, 1),
    };
    let after = tokens[at + words - 1].end;
    let unit = match text[after..].starts_with('²') {
        true => unit::square_of(unit).unwrap_or(unit),
        false => unit,
    };
    *end = at + words;
    Some(unit)
}

/// The low end of "1.5–2 billion": scaled like the high end.
fn scale_like(low: f64, high: f64) -> f64 {
    [1e12, 1e9, 1e6, 1e3]
        .into_iter()
        .find(|m| high >= *m)
        .map_or(low, |m| low * m)
}

/// True when two numbers are the same figure.
pub(crate) fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= a.abs().max(b.abs()) * 1e-9
}

/// Whether a mention's currency, percent or unit of measurement fits a fact's unit. A bare
/// number fits any unit ("the budget is 5 billion" may be in dollars); a figure stated in
/// another unit never does ("12 million km" is not $12 million, nor 12 million tons).
fn unit_fits(mention: &Mention, unit: Option<&str>) -> bool {
    let measure = unit.and_then(unit::measure_of_unit);
    let measure_fits = mention.unit.is_none_or(|u| Some(u) == measure);
    match unit.map(unit::kind) {
        Some(Kind::Percent) => mention.percent || (mention.currency.is_none() && measure_fits),
        Some(Kind::Currency(code)) => {
            !mention.percent && mention.currency.is_none_or(|c| c == code) && measure_fits
        }
        _ => !mention.percent && mention.currency.is_none() && measure_fits,
    }
}

impl Mention {
    /// What the figure is stated in — its currency, `%`, or unit of measurement — for
    /// messages: `None` for a bare number.
    pub fn measure(&self) -> Option<String> {
        match (self.currency, self.percent, self.unit) {
            (Some(c), _, _) => Some(c.to_string()),
            (None, true, _) => Some("%".to_string()),
            (None, false, Some(u)) => Some(u.to_string()),
            (None, false, None) => None,
        }
    }

    /// True when `other` states this figure in the same terms: the same value (and high end)
    /// and the same currency, percent and unit of measurement — a bare number only as a bare
    /// number. Titles and claims are held to this.
    pub fn same_figure(&self, other: &Mention) -> bool {
        let value = same(other.value, self.value)
            || (self.high.is_none() && other.high.is_some_and(|h| same(h, self.value)));
        let high = self
            .high
            .is_none_or(|h| other.high.is_some_and(|oh| same(oh, h)));
        value && high && self.measure() == other.measure()
    }
}

/// True when `mention` states `value` (or the range `low..high`) in `unit`.
fn states(
    mention: &Mention,
    value: Option<f64>,
    range: Option<[f64; 2]>,
    unit: Option<&str>,
) -> bool {
    unit_fits(mention, unit) && states_amount(mention, value, range)
}

/// True when `mention` states `value` (or the range `low..high`), in whatever unit.
fn states_amount(mention: &Mention, value: Option<f64>, range: Option<[f64; 2]>) -> bool {
    match (value, range) {
        (Some(v), _) => mention.high.is_none() && same(mention.value, v),
        (None, Some([low, high])) => mention
            .high
            .is_some_and(|h| same(mention.value, low) && same(h, high)),
        (None, None) => false,
    }
}

/// The mention of `mentions` that states `value` (or the range `low..high`) in `unit`, if any.
pub fn stating<'m>(
    mentions: &'m [Mention],
    value: Option<f64>,
    range: Option<[f64; 2]>,
    unit: Option<&str>,
) -> Option<&'m Mention> {
    mentions.iter().find(|m| states(m, value, range, unit))
}

/// How a fact's qualifier relates to the words of its source.
pub fn contradicts(fact: Option<Qualifier>, source: Option<Qualifier>) -> bool {
    use Qualifier::*;
    fn class(q: Option<Qualifier>) -> u8 {
        match q {
            None | Some(Exact) => 0,
            Some(About | Nearly | Estimated) => 1,
            Some(Over | AtLeast) => 2,
            Some(Under | UpTo) => 3,
            Some(Projected | Planned) => 4,
        }
    }
    match (fact, source) {
        // A plan may be reported with or without the word.
        (Some(f), _) if f.is_intended() => false,
        (_, Some(s)) if s.is_intended() => false,
        (Some(Estimated), None) => false,
        (f, s) => class(f) != class(s),
    }
}

/// The figure check of one fact (DESIGN.md, "Trust checks"): its `value` or `range`, and the
/// numbers in its `display`, must be stated by at least one of its `quotes` (in source order),
/// in its unit. A qualifier the stating words contradict ("exact" where the quote says
/// "nearly") is a warning.
pub fn check(front: &Statement, quotes: &[&str], origin: &Origin) -> Vec<Diagnostic> {
    if front.value.is_none() && front.range.is_none() {
        return Vec::new();
    }
    let stated: Vec<(usize, Vec<Mention>)> = quotes
        .iter()
        .enumerate()
        .map(|(i, quote)| (i + 1, mentions(quote)))
        .collect();
    let all: Vec<Mention> = stated.iter().flat_map(|(_, m)| m.iter().cloned()).collect();
    let listed = || numbers_stated(&stated);
    let mut problems: Vec<Diagnostic> = figure_problem(front, &all, origin, &listed)
        .into_iter()
        .collect();
    if let Some(display) = &front.display {
        problems.extend(display_problems(display, front, &all, origin, &listed));
    }
    problems
}

/// The numbers the quotes state, for a message: "the quotes state "$5 billion" (source 1)".
fn numbers_stated(stated: &[(usize, Vec<Mention>)]) -> String {
    let mut found: Vec<String> = stated
        .iter()
        .flat_map(|(n, ms)| {
            ms.iter()
                .map(move |m| format!("\"{}\" (source {n})", m.text))
        })
        .collect();
    found.dedup();
    if found.is_empty() {
        "the quotes state no number".to_string()
    } else {
        format!("the quotes state {}", found.join(", "))
    }
}

/// The problem with a fact's `value` or `range` against the numbers `all` of its quotes: none
/// states it, one states it in another kind of unit, or every one that states it contradicts
/// the qualifier.
fn figure_problem(
    front: &Statement,
    all: &[Mention],
    origin: &Origin,
    listed: &dyn Fn() -> String,
) -> Option<Diagnostic> {
    let unit = front.unit.as_deref();
    let (key, wanted) = match (front.value, front.range) {
        (Some(v), _) => ("value", crate::model::format::amount_with_unit(v, unit)),
        (None, Some([low, high])) => (
            "range",
            format!(
                "{} to {}",
                crate::model::format::amount(low, unit),
                crate::model::format::amount_with_unit(high, unit)
            ),
        ),
        (None, None) => return None,
    };
    let matching: Vec<&Mention> = all
        .iter()
        .filter(|m| states(m, front.value, front.range, unit))
        .collect();
    let other_unit = all
        .iter()
        .find(|m| states_amount(m, front.value, front.range));
    match (matching.first(), other_unit) {
        (None, Some(m)) if unit.is_some() => Some(unit_contradicted(m, unit, origin)),
        (None, _) => Some(
            origin
                .error(key, format!("no quote states this figure: {wanted}"))
                .with_help(format!(
                    "{}; correct the figure, or quote the passage that states it",
                    listed()
                )),
        ),
        (Some(first), _)
            if matching
                .iter()
                .all(|m| contradicts(front.qualifier, m.qualifier)) =>
        {
            let written = front
                .qualifier
                .map_or("none".to_string(), |q| format!("`{}`", q.as_str()));
            Some(
                origin
                    .warning(
                        if front.qualifier.is_some() { "qualifier" } else { key },
                        format!("the quote says \"{}\", but the qualifier is {written}", first.text),
                    )
                    .with_help("set `qualifier:` to match the source's words (about, nearly, over, under, at-least, up-to...)"),
            )
        }
        (Some(_), _) => None,
    }
}

/// The error at `unit:` for a figure a quote states (`m`) in another kind of unit.
fn unit_contradicted(m: &Mention, unit: Option<&str>, origin: &Origin) -> Diagnostic {
    let (kind, fix) = match (m.currency, m.percent) {
        (Some(c), _) => (format!("money ({c})"), format!("set `unit: {c}`")),
        (None, true) => (
            "a percentage".to_string(),
            "set `unit: percent`".to_string(),
        ),
        (None, false) => (
            "a count, not money or a percentage".to_string(),
            "set the unit of what is counted (`people`, `tons`...)".to_string(),
        ),
    };
    origin
        .error(
            "unit",
            format!(
                "the quote states \"{}\", which is {kind}, but the unit is `{}`",
                m.text,
                unit.unwrap_or_default()
            ),
        )
        .with_help(format!(
            "{fix}, or quote the passage that states the figure in this unit"
        ))
}

/// The errors for numbers of a fact's `display` text that no quote states.
fn display_problems(
    display: &str,
    front: &Statement,
    all: &[Mention],
    origin: &Origin,
    listed: &dyn Fn() -> String,
) -> Vec<Diagnostic> {
    let unit = front.unit.as_deref();
    let mut problems = Vec::new();
    for m in mentions(display) {
        let stated = match m.measure() {
            // "12 million km": stated in km by a quote.
            Some(_) => all.iter().any(|q| m.same_figure(q)),
            None => {
                stating(all, Some(m.value), None, unit).is_some()
                    || stating(all, Some(m.value), None, None).is_some()
            }
        };
        if !stated {
            problems.push(
                origin
                    .error(
                        "display",
                        format!("no quote states the \"{}\" of this display text", m.text),
                    )
                    .with_help(format!(
                        "{}; the display text may only say what a source says",
                        listed()
                    )),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mention as a tuple: value, high end, currency, percent, qualifier, text.
    type Read = (
        f64,
        Option<f64>,
        Option<&'static str>,
        bool,
        Option<Qualifier>,
        String,
    );

    fn read(text: &str) -> Vec<Read> {
        mentions(text)
            .into_iter()
            .map(|m| (m.value, m.high, m.currency, m.percent, m.qualifier, m.text))
            .collect()
    }

    #[test]
    fn money_with_symbols_scale_words_and_abbreviations() {
        assert_eq!(
            read("Aliyev highlighted Azerbaijan’s projected $5 billion defense and national security budget for 2025"),
            [
                (5e9, None, Some("USD"), false, Some(Qualifier::Projected), "projected $5 billion".into()),
                (2025.0, None, None, false, None, "2025".into()),
            ]
        );
        assert_eq!(
            read("Armenia’s planned $1.7 billion budget")[0].4,
            Some(Qualifier::Planned)
        );
        assert_eq!(read("Armenia’s planned $1.7 billion budget")[0].0, 1.7e9);
        for (text, value) in [
            ("5 billion dollars", 5e9),
            ("$5B", 5e9),
            ("$1.7bn", 1.7e9),
            ("5,000,000,000", 5e9),
            ("$250 million", 2.5e8),
            ("€12 million", 1.2e7),
        ] {
            assert_eq!(mentions(text)[0].value, value, "{text}");
        }
        assert_eq!(mentions("€12 million")[0].currency, Some("EUR"));
    }

    #[test]
    fn a_qualifier_of_more_words_is_tried_first_and_kept_whole() {
        let words = |p: &str| p.split(' ').count();
        for pair in QUALIFIERS.windows(2) {
            assert!(
                words(pair[0].0) >= words(pair[1].0),
                "{} before {}",
                pair[0].0,
                pair[1].0
            );
        }
        let m = &mentions("an estimated 5,000 people fled")[0];
        assert_eq!(
            (m.text.as_str(), m.qualifier),
            ("an estimated 5,000", Some(Qualifier::Estimated))
        );
        let m = &mentions("estimated 5,000 people fled")[0];
        assert_eq!(m.text, "estimated 5,000");
    }

    #[test]
    fn qualifiers_and_counts_from_the_seed_articles() {
        let cases: [(&str, f64, Option<Qualifier>); 9] = [
            ("More than 100,000 Karabakh Armenians, the region’s virtually entire remaining population, fled", 1e5, Some(Qualifier::Over)),
            ("the forced displacement of over 100,000 ethnic Armenians", 1e5, Some(Qualifier::Over)),
            ("a 2020 war in which nearly 7,000 Armenian and Azerbaijani soldiers were killed", 7000.0, Some(Qualifier::Nearly)),
            ("“Moscow has supplied about 400 tons of military supplies to Armenia.”", 400.0, Some(Qualifier::About)),
            ("Aliyev told Michel that those eight villages “still are being occupied by Armenia”", 8.0, None),
            ("a recent incident where three Armenian servicemen were killed", 3.0, None),
            ("our victory in the 44-day Patriotic War", 44.0, None),
            ("enjoyed de facto independence for nearly three decades", 3.0, Some(Qualifier::Nearly)),
            ("it had been issued annually since 2002", 2002.0, None),
        ];
        for (text, value, qualifier) in cases {
            let found = mentions(text);
            let m = found
                .iter()
                .find(|m| m.value == value)
                .unwrap_or_else(|| panic!("{value} in {text}: {found:?}"));
            assert_eq!(m.qualifier, qualifier, "{text}");
        }
    }

    #[test]
    fn ranges_and_percentages() {
        let r = mentions("Between 5,000 and 7,000 soldiers were killed");
        assert_eq!((r[0].value, r[0].high), (5000.0, Some(7000.0)));
        let r = mentions("$1.5–2 billion");
        assert_eq!((r[0].value, r[0].high), (1.5e9, Some(2e9)));
        assert_eq!(mentions("the 5,000-7,000 figure")[0].high, Some(7000.0));
        assert!(mentions("45% of voters")[0].percent);
        assert!(mentions("45 percent")[0].percent);
        assert!(mentions("45 per cent")[0].percent);
        assert_eq!(mentions("twenty-five")[0].value, 25.0);
    }

    #[test]
    fn a_minus_sign_makes_a_negative_figure_and_a_hyphen_does_not() {
        assert_eq!(mentions("a low of -3 degrees")[0].value, -3.0);
        assert_eq!(mentions("a low of -3 degrees")[0].text, "-3 degrees");
        assert_eq!(mentions("(-12%)")[0].value, -12.0);
        assert_eq!(mentions("the 5,000-7,000 figure")[0].value, 5000.0);
        assert_eq!(mentions("44-day")[0].value, 44.0);
        assert_eq!(mentions("COP-29 summit")[0].value, 29.0);
    }

    #[test]
    fn digits_of_any_script_superscripts_and_fractions_are_read_as_their_values() {
        for (text, value) in [
            ("$１２０ million", 1.2e8),
            ("$١٢٠ million", 1.2e8),
            ("$۱۲۰ million", 1.2e8),
            ("१२० villages", 120.0),
            ("𝟏𝟐𝟎 tons", 120.0),
            ("12⁰", 120.0),
            ("12½ million", 1.25e7),
            ("½", 0.5),
            ("2⅓", 2.0 + 1.0 / 3.0),
            ("١٬٢٠٠ people", 1200.0),
            ("١٫٥ million", 1.5e6),
        ] {
            let m = &mentions(text)[0];
            assert!(same(m.value, value), "{text}: {} is not {value}", m.value);
            assert_eq!(&text[m.span.clone()], m.text, "{text}");
        }
        // A superscript or subscript after a letter is a unit's power or a footnote mark.
        let read: Vec<f64> = mentions("1,000 km² of CO₂ said¹")
            .iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(read, [1000.0]);
        // Years in other digits are dates, as ASCII ones are.
        assert_eq!(crate::link::dates::times("in ٢٠٢٣")[0].text, "٢٠٢٣");
        // Every zero of the table starts a run of ten digits.
        for zero in DIGIT_ZEROS {
            for d in 0..10 {
                let c = char::from_u32(zero + d).unwrap();
                assert!(c.is_numeric(), "{c:?}");
                assert_eq!(decimal_digit(c), Some(d as u8), "{c:?}");
            }
        }
        assert_eq!(decimal_digit('a'), None);
        assert_eq!(decimal_digit('\u{6ff}'), None);
    }

    #[test]
    fn a_unit_of_measurement_after_a_figure_is_read_with_it() {
        let unit = |text: &str| mentions(text).first().map(|m| (m.unit, m.text.clone()));
        assert_eq!(
            unit("12 million km of roads"),
            Some((Some("km"), "12 million km".into()))
        );
        assert_eq!(
            unit("12 kilometres"),
            Some((Some("km"), "12 kilometres".into()))
        );
        assert_eq!(unit("the 44-day war"), Some((Some("day"), "44-day".into())));
        assert_eq!(unit("400 tonnes"), Some((Some("ton"), "400 tonnes".into())));
        assert_eq!(
            unit("3,000 square kilometres"),
            Some((Some("km²"), "3,000 square kilometres".into()))
        );
        assert_eq!(
            unit("3,000 km² of land"),
            Some((Some("km²"), "3,000 km".into()))
        );
        assert_eq!(unit("100,000 people"), Some((None, "100,000".into())));
        assert_eq!(unit("$12 million"), Some((None, "$12 million".into())));
        let range = &mentions("5,000–7,000 tons")[0];
        assert_eq!(
            (range.value, range.high, range.unit),
            (5000.0, Some(7000.0), Some("ton"))
        );
        // A figure in another unit states no figure of the fact's unit.
        let m = mentions("approved $12 million for 12 million km of roads");
        assert!(stating(&m, Some(1.2e7), None, Some("km")).is_some_and(|m| m.unit == Some("km")));
        assert!(stating(&m, Some(1.2e7), None, Some("tons")).is_none());
        assert!(stating(&m, Some(1.2e7), None, Some("people")).is_none());
        assert!(stating(&mentions("12 million"), Some(1.2e7), None, Some("km")).is_some());
    }

    #[test]
    fn a_text_ending_in_a_currency_sign_reads_no_figure() {
        for text in ["the budget in US$", "€", "a cost of 5 $", "£"] {
            assert!(
                mentions(text).iter().all(|m| m.currency.is_none()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_figure_is_stated_only_in_its_unit() {
        let m = mentions("a budget of $5 billion and 5 billion euros, 45%");
        assert!(stating(&m, Some(5e9), None, Some("USD")).is_some());
        assert_eq!(
            stating(&m, Some(5e9), None, Some("EUR")).map(|m| m.currency),
            Some(Some("EUR"))
        );
        assert!(stating(&m, Some(6e9), None, Some("USD")).is_none());
        assert!(stating(&m, Some(45.0), None, Some("percent")).is_some());
        assert!(stating(&m, Some(45.0), None, Some("people")).is_none());
    }

    #[test]
    fn qualifiers_that_contradict() {
        use Qualifier::*;
        assert!(contradicts(Some(Exact), Some(Nearly)));
        assert!(contradicts(Some(Over), Some(About)));
        assert!(contradicts(None, Some(Nearly)));
        assert!(!contradicts(Some(Nearly), Some(Nearly)));
        assert!(!contradicts(Some(About), Some(Nearly)));
        assert!(!contradicts(Some(Over), Some(Over)));
        assert!(!contradicts(Some(Projected), None));
        assert!(!contradicts(Some(Estimated), None));
    }
}
