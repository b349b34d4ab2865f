//! A fetched page of any bytes, read as `factsheet add` and `verify --sources` read one: its
//! nesting counted, its metadata read (JSON-LD, OpenGraph, canonical link, `<time>`), its
//! article found by readability and written as Markdown, whose text is then made as the build
//! makes it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Ok(page) = factsheet::sources::page::read(&html, "https://example.org/story") {
        let _ = factsheet::markdown::plain_text_of(&page.markdown);
    }
});
