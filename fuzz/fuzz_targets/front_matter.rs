//! A fact file of any bytes: parsed, then checked for grounding against its own quotes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Ok(fact) = factsheet::content::fact::parse("fuzz", "content/facts/fuzz.md", text) {
        let _ = factsheet::link::figures::check(&fact.front, &fact.origin);
    }
});
