//! Quote verification, as properties: folding never matters, words do, parts keep their order.

use factsheet::link::quote::{find, fold, SourceText};
use proptest::prelude::*;

/// Typographic variants of a straight character, as articles print them: curly quotes,
/// dashes, and runs of mixed spaces.
fn typographic(c: char) -> Vec<String> {
    let variants: &[&str] = match c {
        '\'' => &["'", "\u{2018}", "\u{2019}"],
        '"' => &["\"", "\u{201C}", "\u{201D}"],
        '-' => &["-", "\u{2013}", "\u{2014}"],
        ' ' => &[
            " ",
            "\u{00A0}",
            "\u{2009}",
            "  ",
            " \u{00A0}",
            "\u{00A0} ",
            "\n",
        ],
        _ => return vec![c.to_string()],
    };
    variants.iter().map(|v| v.to_string()).collect()
}

fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Za-z0-9$,.'\"-]{1,8}", 3..30)
}

proptest! {
    #[test]
    fn folding_is_idempotent(text in "\\PC{0,80}") {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn any_run_of_whole_words_is_found_whatever_the_typography(
        words in words(),
        start in 0usize..30,
        len in 1usize..10,
        seed in any::<u64>(),
    ) {
        let start = start % words.len();
        let end = (start + len).min(words.len());
        let article: String = words.join(" ");
        // The article prints the same words with curly quotes, dashes and odd spaces.
        let mut rng = seed;
        let printed: String = article
            .chars()
            .map(|c| {
                let v = typographic(c);
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                v[(rng >> 33) as usize % v.len()].clone()
            })
            .collect();
        let quote = words[start..end].join(" ");
        prop_assume!(!quote.contains("..."));
        let source = SourceText::new(&printed);
        let ranges = find(&quote, &source).map_err(|m| TestCaseError::fail(format!("{m:?}")))?;
        // The located passage folds back to the quote.
        let located: Vec<String> = ranges.iter().map(|r| fold(&printed[r.clone()])).collect();
        prop_assert_eq!(located.join(" "), fold(&quote));
    }

    #[test]
    fn a_changed_word_is_never_found(words in words(), at in 0usize..30) {
        let article = words.join(" ");
        let mut changed = words.clone();
        let at = at % words.len();
        changed[at] = format!("{}Z", changed[at]);
        let quote = changed.join(" ");
        prop_assert!(find(&quote, &SourceText::new(&article)).is_err());
    }

    #[test]
    fn ellipsis_parts_must_appear_in_order(words in prop::collection::vec("[a-z]{3,8}", 6..20)) {
        let article = words.join(" ");
        let n = words.len();
        let first = words[..2].join(" ");
        let last = words[n - 2..].join(" ");
        let source = SourceText::new(&article);
        let in_order = format!("{first} ... {last}");
        let bracketed = format!("{first} [\u{2026}] {last}");
        let reversed = format!("{last} ... {first}");
        prop_assert!(find(&in_order, &source).is_ok());
        prop_assert!(find(&bracketed, &source).is_ok());
        if first != last && !words[2..].join(" ").contains(&first) {
            prop_assert!(find(&reversed, &source).is_err());
        }
    }
}
