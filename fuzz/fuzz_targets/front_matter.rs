//! A fact file of any bytes: parsed, then its figure and its title and claim checked against
//! its own quotes, as `link` checks them.
#![no_main]

use factsheet::link::grounding::{check_text, Names, Quoted};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Ok(fact) = factsheet::content::fact::parse("fuzz", "content/facts/fuzz.md", text) {
        let origin = fact.origin.clone();
        let (statement, references) = fact.front.split();
        let quotes: Vec<&str> = references.sources.iter().map(|s| s.quote.as_str()).collect();
        let _ = factsheet::link::figures::check(&statement, &quotes, &origin);
        let quoted: Vec<Quoted> = quotes.iter().map(|q| Quoted::new(q, None)).collect();
        let _ = check_text(&statement, &origin, &quoted, &Names::new(&[]));
    }
});
