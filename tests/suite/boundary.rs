//! The raw-HTML trust boundary held to html5ever's tokenizer on generated fragments
//! (`browser_tokens.rs` says what must agree; the `html_boundary` fuzz target runs the same
//! comparison on any bytes).

use proptest::prelude::*;

use crate::browser_tokens::disagreement;

/// Raw HTML of the kinds content may hold, and the tricks that once slipped through.
fn fragment() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "/",
        "=",
        "\"",
        "'",
        " ",
        "\n",
        "\t",
        "\x0c",
        "div",
        "span",
        "mark",
        "b",
        "textarea",
        "noscript",
        "template",
        "xmp",
        "id",
        "class",
        "style",
        "hidden",
        "data-passage",
        "ID",
        "Class",
        "x",
        "q-a-1",
        "<!--",
        "-->",
        "<!",
        "<?",
        "</",
        "<div",
        "<span ",
        "</div>",
        "<b>",
        "&",
        "`",
        "a",
        "title",
        "<mark",
        "<textarea>",
        "<<",
        "=\"",
        "\">",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_stripper_and_the_nesting_count_read_html_as_a_browser_does(html in fragment()) {
        if let Some(problem) = disagreement(&html) {
            prop_assert!(false, "{}", problem);
        }
    }
}

/// Inputs on which the two once disagreed, found by the `html_boundary` fuzz target.
const FOUND: [&str; 3] = [
    "&\u{1}&>\u{d}<>\u{d}�<\u{d}<<F<\u{d}&�=F�=@\u{0}\u{d}=&,\u{c}id=\u{f}\u{0}\u{0}\u{0}/\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}��������\u{0}=@\u{0}\u{d}=\u{d}�����\u{0}=@\u{0}\u{d}=\u{d}\u{f}\u{d}>�",
    "<p a id=x =b>",
    "<p a=b id=\"x\"/>",
];

#[test]
fn what_fuzzing_found_stays_fixed() {
    for html in FOUND {
        assert_eq!(disagreement(html), None);
    }
}
