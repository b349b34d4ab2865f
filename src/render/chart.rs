//! Comparison charts: a bar chart whose words are HTML text and whose bars are SVG.
//!
//! One row per fact: the fact's title, then its bar, scaled to the largest value, and its
//! figure at the bar's end. Labels and figures are text of the page, so they keep the page's
//! font size on a phone (an SVG with text inside shrinks its words with its width); each bar
//! is an `<svg>` whose width is a percentage of the row, hidden from screen readers, which read
//! the labels and figures as a list. Widths are printed with fixed decimals, so the output is
//! byte-identical everywhere.

use std::fmt::Write;

use super::parts::ComparisonItem;
use crate::markdown::escape;

/// The longest bar, as a percentage of the row: the rest is room for its figure.
const LONGEST: f64 = 70.0;

/// The chart of a comparison's `items`: a list of labelled bars.
pub fn bar_chart(items: &[ComparisonItem]) -> String {
    let max = items.iter().map(|i| i.value).fold(0.0f64, f64::max);
    let mut html = String::from("<ol class=\"chart\">");
    for item in items {
        let width = if max > 0.0 {
            (item.value.max(0.0) / max * LONGEST).max(0.5)
        } else {
            0.5
        };
        let _ = write!(
            html,
            "<li><span class=\"chart-label\">{}</span><span class=\"chart-row\"><svg class=\"chart-bar\" width=\"{width:.1}%\" height=\"22\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"100%\" height=\"22\" rx=\"2\"></rect></svg><span class=\"chart-value\">{}</span></span></li>",
            escape(&item.fact.title),
            escape(&item.figure)
        );
    }
    html.push_str("</ol>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::parts::Link;

    fn item(title: &str, value: f64, figure: &str) -> ComparisonItem {
        ComparisonItem {
            fact: Link::new(title.to_lowercase(), title.to_string(), String::new()),
            value,
            figure: figure.to_string(),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_labels_are_text() {
        let html = bar_chart(&[
            item("Azerbaijan & co", 5e9, "$5 billion"),
            item("Armenia", 1.7e9, "$1.7 billion"),
        ]);
        assert!(
            html.starts_with(
                "<ol class=\"chart\"><li><span class=\"chart-label\">Azerbaijan &amp; co</span>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"chart-value\">$1.7 billion</span>"),
            "{html}"
        );
        assert!(html.contains("width=\"70.0%\""), "{html}");
        assert!(html.contains("width=\"23.8%\""), "{html}");
    }
}
