//! Raw HTML of any bytes: the attribute stripper and the tags the nesting limit counts,
//! compared with html5ever's tokenizer (the comparison is the test suite's own,
//! `tests/suite/browser_tokens.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/suite/browser_tokens.rs"]
mod browser_tokens;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Some(problem) = browser_tokens::disagreement(&html) {
        panic!("{problem}");
    }
});
