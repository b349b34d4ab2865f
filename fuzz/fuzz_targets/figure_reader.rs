//! Any text through the figure reader and the date reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for m in factsheet::link::figures::mentions(&text) {
        assert_eq!(&text[m.span.clone()], m.text);
    }
    for t in factsheet::link::dates::times(&text) {
        let _ = t.window(factsheet::model::date::PartialDate::parse("2024-02-29").ok());
    }
});
