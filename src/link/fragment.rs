//! Text-fragment links (`url#:~:text=start,end`): each cited passage in the live original,
//! for articles that have a `url`, so a reader can check it at the source too.

use std::ops::Range;

/// The link to the passage at `ranges` of the article's plain text `text`, published at `url`:
/// the passage itself when it is one short part, else its first and last four words.
pub fn fragment_url(url: &str, text: &str, ranges: &[Range<usize>]) -> Option<String> {
    let (first, last) = (ranges.first()?, ranges.last()?);
    let start: Vec<&str> = text.get(first.clone())?.split_whitespace().collect();
    let end: Vec<&str> = text.get(last.clone())?.split_whitespace().collect();
    let directive = if ranges.len() == 1 && start.len() <= 8 {
        encode(&start.join(" "))
    } else {
        let head = start[..start.len().min(4)].join(" ");
        let tail = end[end.len().saturating_sub(4)..].join(" ");
        format!("{},{}", encode(&head), encode(&tail))
    };
    let base = url.split('#').next().unwrap_or(url);
    Some(format!("{base}#:~:text={directive}"))
}

/// What a text fragment directive keeps as it is: ASCII letters, digits, `.`, `_` and `~`.
const KEPT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes text for a text fragment directive (`-`, `,` and `&` included).
fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, KEPT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_passage_is_linked_whole_and_a_long_one_by_its_ends() {
        let text = "He said the budget, at $5 billion, will rise again next year by far more than planned.";
        let short = text.find("the budget").unwrap()..text.find(", will").unwrap();
        assert_eq!(
            fragment_url("https://example.org/a#top", text, &[short]).as_deref(),
            Some("https://example.org/a#:~:text=the%20budget%2C%20at%20%245%20billion")
        );
        assert_eq!(
            fragment_url("https://example.org/a", text, std::slice::from_ref(&(0..text.len())))
                .as_deref(),
            Some(
                "https://example.org/a#:~:text=He%20said%20the%20budget%2C,far%20more%20than%20planned."
            )
        );
    }
}
