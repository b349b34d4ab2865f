//! Units a fact's figure can be in: the built-in list, and those a site declares.
//!
//! A unit is a currency (an ISO 4217 code such as `USD`, or its symbol `$`, `€`, `£`, `¥`,
//! which stands for the code), a percentage (`percent` or `%`), or a count or measure written
//! as a word in the singular or the plural (`people`, `soldier`, `tons`, `km`). A site adds its
//! own under `units:` in `site.yaml` (`{village: villages}`, singular to plural). Anything else
//! is a typo until declared, so `peple` never reaches a page: [`Units::check`] names the
//! nearest known unit.

use std::collections::BTreeSet;

/// The active ISO 4217 currency codes.
const CURRENCIES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD \
BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN \
ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD \
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU \
MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB \
RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS \
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL";

/// Currency symbols and the code each stands for.
const SYMBOLS: [(&str, &str); 5] = [
    ("$", "USD"),
    ("US$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
];

/// Counts and measures, singular and plural.
const WORDS: [(&str, &str); 38] = [
    ("person", "people"),
    ("person", "persons"),
    ("soldier", "soldiers"),
    ("serviceman", "servicemen"),
    ("troop", "troops"),
    ("civilian", "civilians"),
    ("refugee", "refugees"),
    ("casualty", "casualties"),
    ("death", "deaths"),
    ("household", "households"),
    ("family", "families"),
    ("village", "villages"),
    ("ton", "tons"),
    ("tonne", "tonnes"),
    ("kg", "kg"),
    ("km", "km"),
    ("kilometer", "kilometers"),
    ("kilometre", "kilometres"),
    ("mile", "miles"),
    ("meter", "meters"),
    ("metre", "metres"),
    ("square km", "square km"),
    ("hectare", "hectares"),
    ("day", "days"),
    ("week", "weeks"),
    ("month", "months"),
    ("year", "years"),
    ("decade", "decades"),
    ("hour", "hours"),
    ("degree", "degrees"),
    ("weapon", "weapons"),
    ("aircraft", "aircraft"),
    ("flight", "flights"),
    ("vehicle", "vehicles"),
    ("tank", "tanks"),
    ("drone", "drones"),
    ("percent", "percent"),
    ("%", "%"),
];

/// The units a site may use: the built-in ones and those declared in `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Units {
    declared: BTreeSet<String>,
}

/// What is wrong with a unit, for the diagnostic at its `unit:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownUnit {
    /// The nearest known unit, when one is close enough to be the intended one.
    pub nearest: Option<String>,
    /// The currency code, when the unit is a currency's name (`dollars` is `USD`).
    pub money: Option<&'static str>,
}

/// Currencies by their names, as editors write them in `unit:` (lower-cased): each with the ISO
/// code to write instead. Only names that mean one currency in the news (no `pound`, also a
/// weight; `dollars` means US dollars unless said otherwise).
const MONEY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("us dollars", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("sterling", "GBP"),
    ("pounds sterling", "GBP"),
    ("rouble", "RUB"),
    ("roubles", "RUB"),
    ("ruble", "RUB"),
    ("rubles", "RUB"),
    ("manat", "AZN"),
    ("manats", "AZN"),
    ("dram", "AMD"),
    ("drams", "AMD"),
    ("lari", "GEL"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rupee", "INR"),
    ("rupees", "INR"),
    ("hryvnia", "UAH"),
    ("hryvnias", "UAH"),
    ("tenge", "KZT"),
    ("shekel", "ILS"),
    ("shekels", "ILS"),
];

impl Units {
    /// The built-in units plus `declared` (singular -> plural, from `site.yaml`).
    pub fn new<'a>(declared: impl IntoIterator<Item = (&'a String, &'a String)>) -> Units {
        Units {
            declared: declared
                .into_iter()
                .flat_map(|(s, p)| [s.clone(), p.clone()])
                .collect(),
        }
    }

    /// True when `unit` is known.
    pub fn knows(&self, unit: &str) -> bool {
        is_currency(unit)
            || SYMBOLS.iter().any(|(s, _)| *s == unit)
            || WORDS.iter().any(|(s, p)| *s == unit || *p == unit)
            || self.declared.contains(unit)
    }

    /// Checks `unit`: `Ok` when known, else the nearest known unit.
    pub fn check(&self, unit: &str) -> Result<(), UnknownUnit> {
        if self.knows(unit) {
            return Ok(());
        }
        let words = WORDS
            .iter()
            .flat_map(|(s, p)| [*s, *p])
            .chain(self.declared.iter().map(String::as_str));
        let codes = CURRENCIES.split_whitespace();
        let upper = unit.to_ascii_uppercase();
        // A currency code in the wrong case is that code; otherwise the nearest word or code.
        let nearest = if is_currency(&upper) {
            Some(upper)
        } else {
            crate::model::nearest(unit, words.chain(codes)).map(str::to_string)
        };
        let lower = unit.trim().to_lowercase();
        let money = MONEY_WORDS
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|(_, code)| *code);
        Err(UnknownUnit { nearest, money })
    }
}

/// True for an ISO 4217 currency code (`USD`, `AZN`).
pub fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && CURRENCIES.split_whitespace().any(|c| c == unit)
}

/// The ISO code a currency symbol stands for (`$` -> `USD`), if it is one.
pub fn code_of_symbol(symbol: &str) -> Option<&'static str> {
    SYMBOLS
        .iter()
        .find(|(s, _)| *s == symbol)
        .map(|(_, code)| *code)
}

/// The ISO code a currency symbol stands for (`$` -> `USD`); other units as they are.
pub fn canonical(unit: &str) -> &str {
    code_of_symbol(unit).unwrap_or(unit)
}

/// What a unit measures, which decides how a figure in it is read and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    /// Money, by ISO code (`USD`; `$` is read as `USD`): printed `$5 billion` or `5 billion AZN`.
    Currency(&'a str),
    /// A percentage (`percent`, `%`): printed `12%`.
    Percent,
    /// A count or a measure (`people`, `tons`): printed `100,000 people`.
    Count(&'a str),
}

/// The kind of `unit`.
pub fn kind(unit: &str) -> Kind<'_> {
    let unit = canonical(unit);
    match unit {
        "%" | "percent" => Kind::Percent,
        u if is_currency(u) => Kind::Currency(u),
        u => Kind::Count(u),
    }
}

/// The symbol a currency is printed with (`USD` -> `$`), for those that have one.
pub fn symbol_of(code: &str) -> Option<&'static str> {
    SYMBOLS
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(symbol, _)| *symbol)
}

/// The ISO code a currency named in words stands for (`dollars` -> `USD`), if it is one.
pub fn code_of_word(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "dollars" | "dollar" | "usd" => Some("USD"),
        "euros" | "euro" | "eur" => Some("EUR"),
        "pounds" | "gbp" => Some("GBP"),
        "yen" | "jpy" => Some("JPY"),
        _ => None,
    }
}

/// Units of measurement a text can state a figure in, by the words that name them, each with
/// the unit's own name: a figure "in km" is the same whether written "12 km", "12 kilometres"
/// or "12-kilometer". Counts (`people`, `soldiers`) are not here: sources count the same
/// people as "Armenians" or "residents", so the noun after a count says nothing about it.
const MEASURES: [(&str, &str); 42] = [
    ("km", "km"),
    ("kilometer", "km"),
    ("kilometers", "km"),
    ("kilometre", "km"),
    ("kilometres", "km"),
    ("mile", "mile"),
    ("miles", "mile"),
    ("meter", "m"),
    ("meters", "m"),
    ("metre", "m"),
    ("metres", "m"),
    ("hectare", "hectare"),
    ("hectares", "hectare"),
    ("acre", "acre"),
    ("acres", "acre"),
    ("ton", "ton"),
    ("tons", "ton"),
    ("tonne", "ton"),
    ("tonnes", "ton"),
    ("kg", "kg"),
    ("kilogram", "kg"),
    ("kilograms", "kg"),
    ("barrel", "barrel"),
    ("barrels", "barrel"),
    ("liter", "liter"),
    ("liters", "liter"),
    ("litre", "liter"),
    ("litres", "liter"),
    ("hour", "hour"),
    ("hours", "hour"),
    ("day", "day"),
    ("days", "day"),
    ("week", "week"),
    ("weeks", "week"),
    ("month", "month"),
    ("months", "month"),
    ("year", "year"),
    ("years", "year"),
    ("decade", "decade"),
    ("decades", "decade"),
    ("degree", "degree"),
    ("degrees", "degree"),
];

/// The unit of measurement a word names (`kilometres` -> `km`, `tonnes` -> `ton`), if it is
/// one; `square` before a length makes an area (`square km` -> `km²`).
pub fn measure_of_word(word: &str) -> Option<&'static str> {
    let word = word.to_lowercase();
    MEASURES
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, unit)| *unit)
}

/// The area unit of a square length (`km` -> `km²`).
pub fn square_of(length: &str) -> Option<&'static str> {
    match length {
        "km" => Some("km²"),
        "mile" => Some("mile²"),
        "m" => Some("m²"),
        _ => None,
    }
}

/// The unit of measurement a fact's `unit:` is, in the names of [`measure_of_word`]: `km`,
/// `tons` -> `ton`; `None` for money, percentages and counts.
pub fn measure_of_unit(unit: &str) -> Option<&'static str> {
    match unit {
        "square km" => Some("km²"),
        u => measure_of_word(u),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_money_a_percentage_or_a_count_and_symbols_go_both_ways() {
        assert_eq!(kind("$"), Kind::Currency("USD"));
        assert_eq!(kind("AZN"), Kind::Currency("AZN"));
        assert_eq!(kind("%"), Kind::Percent);
        assert_eq!(kind("people"), Kind::Count("people"));
        for (symbol, code) in SYMBOLS {
            assert_eq!(code_of_symbol(symbol), Some(code));
            assert_eq!(code_of_symbol(symbol_of(code).unwrap()), Some(code));
        }
        assert_eq!(code_of_word("Dollars"), Some("USD"));
        assert_eq!(symbol_of("AZN"), None);
    }

    #[test]
    fn built_in_units_declared_units_and_typos() {
        let declared = [("checkpoint".to_string(), "checkpoints".to_string())];
        let units = Units::new(declared.iter().map(|(s, p)| (s, p)));
        for known in [
            "USD",
            "AZN",
            "$",
            "€",
            "people",
            "person",
            "soldiers",
            "tons",
            "days",
            "km",
            "percent",
            "%",
            "checkpoints",
            "metres",
            "metre",
        ] {
            assert!(units.knows(known), "{known}");
        }
        let nearest = |u: &str| units.check(u).unwrap_err().nearest;
        assert_eq!(nearest("peple"), Some("people".to_string()));
        assert_eq!(nearest("soldeirs"), Some("soldiers".to_string()));
        assert_eq!(nearest("usd"), Some("USD".to_string()));
        assert_eq!(nearest("checkpiont"), Some("checkpoint".to_string()));
        assert!(!units.knows("XYZ"));
        assert_eq!(canonical("$"), "USD");
        assert_eq!(canonical("people"), "people");
    }
}
