//! A quote and an article text of any bytes: folding, matching, the closest passage.
#![no_main]

use factsheet::link::quote::{find, SourceText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line is the quote, the rest the article.
    let (quote, article) = text.split_once('\n').unwrap_or((&text, ""));
    let source = SourceText::new(article.to_string());
    if let Ok(ranges) = find(quote, &source) {
        for r in ranges {
            assert!(source.original.get(r).is_some(), "a range on char boundaries");
        }
    }
});
