//! Content that once took minutes or crashed: each case now ends in a page or in one clear
//! error at its place. The inputs are sized so that the old quadratic paths would take far longer
//! than the minute each run is given, and the fixed ones take a second or two even unoptimized.

use std::path::Path;

use crate::common::*;

/// Runs `factsheet ARGS --root SITE` with a minute to answer: a hang fails the test.
fn run(site: &Path, args: &[&str]) -> std::process::Output {
    let args: Vec<&str> = args.iter().copied().chain(["--root"]).collect();
    run_timed(&args, site)
}

/// Appends `text` to the minimal fixture's article, whose body starts on line 7.
fn with_article_text(text: &str) -> tempfile::TempDir {
    let site = copy_fixture("minimal");
    let article = site.path().join("content/articles/report.md");
    let body = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{body}\n{text}")).unwrap();
    site
}

/// The errors `output` printed at a place: `(location, message)`.
fn errors(output: &std::process::Output) -> Vec<(String, String)> {
    errors_at(&printed(&stderr(output)))
        .into_iter()
        .map(|(at, message)| (at.to_string(), message.to_string()))
        .collect()
}

#[test]
fn raw_html_nested_deeper_than_64_levels_is_an_error_at_the_tag_that_goes_too_deep() {
    let site = with_article_text(&format!(
        "{}\nThe ministry said so.\n",
        "<div>".repeat(100_000)
    ));
    let output = run(
        site.path(),
        &["build", "--minify", "--output", "/nonexistent/x"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // 64 `<div>` of 5 characters each are fine; the 65th starts at column 321.
    assert_eq!(
        errors(&output),
        [(
            "content/articles/report.md:10:321".to_string(),
            "the text's HTML nests elements deeper than 64 levels".to_string()
        )]
    );
    let printed = printed(&stderr(&output));
    assert_eq!(
        printed[0].help.as_deref(),
        Some("close each element (`<div>` … `</div>`), or write the text in Markdown")
    );
}

#[test]
fn html_that_closes_its_elements_or_leaves_out_optional_end_tags_is_not_counted_as_nesting() {
    // 64 levels of raw HTML inside 60 of Markdown build and minify; 1,000 sibling `<div>`s,
    // paragraphs and list items without end tags, and line breaks do not nest at all.
    let deep = format!(
        "{quote}{open}deep text{close}\n\n{}\n\n{}\n\n{}\n",
        "<div>x</div>".repeat(1000),
        "<p>para".repeat(1000),
        "<ul>".to_string() + &"<li>item<br>".repeat(1000) + "</ul>",
        quote = "> ".repeat(60),
        open = "<div>".repeat(64),
        close = "</div>".repeat(64),
    );
    let site = with_article_text(&deep);
    let out = tempfile::tempdir().unwrap();
    let output = run(
        site.path(),
        &[
            "build",
            "--minify",
            "--output",
            out.path().join("site").to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(&out.path().join("site"), "articles/report/index.html");
    assert!(page.contains("deep text"));
}

#[test]
fn a_paragraph_the_parser_splits_a_million_times_renders() {
    // pulldown-cmark splits text at every `[`; joining the pieces pairwise copied the paragraph
    // once per piece (57 s for 1 MB).
    let site = with_article_text(&"a[".repeat(1_500_000));
    let out = tempfile::tempdir().unwrap();
    let output = run(
        site.path(),
        &[
            "build",
            "--output",
            out.path().join("site").to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(&out.path().join("site"), "articles/report/index.html");
    assert!(page.contains(&format!("<p>{}</p>", "a[".repeat(1_500_000))));
}

#[test]
fn many_errors_on_one_long_line_are_each_printed_at_their_column_with_a_piece_of_the_line() {
    let site = copy_fixture("minimal");
    let fact = site.path().join("content/facts/budget-rise.md");
    let names: Vec<String> = (0..20_000).map(|i| format!("x{i}")).collect();
    edit(
        &fact,
        "entities: [ministry]",
        &format!("entities: [{}]", names.join(", ")),
    );
    let output = run(site.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let got = errors(&output);
    // The first 50 of a file are shown, each at its own column; one more line counts the rest.
    assert_eq!(got.len(), 51);
    // `entities: [` is 11 characters; `x0, ` … `x9, ` 4 each, `x10, ` … 5, and so on.
    let column = |i: usize| 12 + names[..i].iter().map(|n| n.len() + 2).sum::<usize>();
    assert_eq!(
        got[0],
        (
            "content/facts/budget-rise.md:6:12".to_string(),
            "unknown entity `x0`".to_string()
        )
    );
    assert_eq!(
        got[49],
        (
            format!("content/facts/budget-rise.md:6:{}", column(49)),
            "unknown entity `x49`".to_string()
        )
    );
    assert_eq!(
        got[50],
        (
            "content/facts/budget-rise.md".to_string(),
            "and 19,950 more errors like these in this file".to_string()
        )
    );
    assert!(
        err.contains("could not check the site: 20000 errors"),
        "{err}"
    );
    // The line is cut around the spot, marked with `...` where it was cut.
    let last = err.rfind("unknown entity `x49`").unwrap();
    let shown: Vec<&str> = err[last..].lines().take(5).collect();
    assert_eq!(
        shown[3],
        "6 | ...x39, x40, x41, x42, x43, x44, x45, x46, x47, x48, x49, x50, x51, x52, x53, x54, x55, x56, x57, x58, x59..."
    );
    // Underlined where it is in the piece shown.
    assert_eq!(
        shown[4].find('^'),
        shown[3].find("x49"),
        "{}\n{}",
        shown[3],
        shown[4]
    );
    assert!(shown[4].ends_with("^^^"));
    assert!(
        err.lines().all(|l| l.len() < 300),
        "a line of the report is over 300 bytes"
    );
}

#[test]
fn seven_hundred_thousand_errors_on_one_line_print_a_page_not_215_megabytes() {
    let site = copy_fixture("minimal");
    let fact = site.path().join("content/facts/budget-rise.md");
    let names = vec!["q"; 700_000].join(", ");
    edit(
        &fact,
        "entities: [ministry]",
        &format!("entities: [{names}]"),
    );
    let output = run(site.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.len() < 64 * 1024, "{} bytes printed", err.len());
    let got = errors(&output);
    assert_eq!(got.len(), 51);
    // `entities: [` and then `q, ` again and again: the 50th is at 12 + 49 * 3.
    assert_eq!(
        got[49].0,
        format!("content/facts/budget-rise.md:6:{}", 12 + 49 * 3)
    );
    assert_eq!(got[50].1, "and 699,950 more errors like these in this file");
    assert!(
        err.ends_with("error: could not check the site: 700000 errors; nothing was written\n"),
        "{err}"
    );
}

#[test]
fn a_long_wrong_quote_is_answered_with_the_closest_passage() {
    let words = [
        "the", "ministry", "said", "budget", "will", "rise", "army", "border", "village",
    ];
    let text = |n: usize, step: usize| -> String {
        (0..n)
            .map(|i| words[(i * step + i / 7) % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let site = with_article_text(&format!("{}\n", text(20_000, 1)));
    let fact = site.path().join("content/facts/budget-rise.md");
    let quote = format!("{} nowhere", text(2_000, 1));
    edit(
        &fact,
        "    quote: \"The ministry said the budget will rise to $2 billion next year.\"",
        &format!(
            "    quote: \"The ministry said the budget will rise to $2 billion next year.\"\n  - article: report\n    quote: \"{quote}\""
        ),
    );
    let output = run(site.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got.len(), 1, "{}", stderr(&output));
    assert_eq!(got[0].message, "this quote is not in article `report`");
    let help = got[0].help.as_deref().unwrap();
    let passage = help
        .strip_prefix("the closest passage in the article is: \"")
        .and_then(|h| h.split('"').next())
        .unwrap_or_else(|| panic!("{help}"));
    // The article's own 2,001 words, starting where the quote's first 2,000 words are.
    assert_eq!(passage.split(' ').count(), 2_001);
    assert!(passage.starts_with(&text(2_000, 1)));
}

#[test]
fn a_quoted_passage_inside_noscript_or_textarea_is_highlighted_not_printed_as_markup() {
    let site = copy_fixture("minimal");
    let article = site.path().join("content/articles/report.md");
    edit(
        &article,
        "The ministry said the budget will rise to $2 billion next year.",
        "Intro <noscript>The ministry said the budget will rise to $2 billion next year.</noscript> \
         and <TEXTAREA rows=2>a note</TEXTAREA> <template>kept</template> end.",
    );
    let out = tempfile::tempdir().unwrap();
    let output = build(site.path(), out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(out.path(), "articles/report/index.html");
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(
        texts(&doc, "mark.quote"),
        ["The ministry said the budget will rise to $2 billion next year."]
    );
    assert!(!page.contains("&lt;mark"), "markup printed as text");
    for tag in ["noscript", "textarea", "template"] {
        assert!(
            !page.to_lowercase().contains(&format!("<{tag}")),
            "<{tag}> kept"
        );
    }
    assert!(texts(&doc, "main p")
        .iter()
        .any(|p| p.ends_with("and a note kept end.")));
}
