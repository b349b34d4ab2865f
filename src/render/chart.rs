//! Comparison charts: an accessible, self-contained SVG bar chart.
//!
//! One horizontal bar per fact, scaled to the largest value, with the fact's title above its
//! bar and its figure at the bar's end. The SVG has a `<title>` and a `<desc>` listing every
//! value, so a screen reader gets the same numbers; the page also prints them as a table.
//! Coordinates are printed with fixed decimals, so the output is byte-identical everywhere.

use std::fmt::Write;

use super::view::ComparisonItem;
use crate::markdown::escape;

const WIDTH: f64 = 640.0;
const ROW: f64 = 56.0;
const BAR: f64 = 22.0;
/// Room kept right of the longest bar for its figure.
const VALUE_ROOM: f64 = 150.0;

/// The chart for comparison `slug` titled `title`.
pub fn bar_chart(slug: &str, title: &str, items: &[ComparisonItem]) -> String {
    let max = items.iter().map(|i| i.value).fold(0.0f64, f64::max);
    let height = 8.0 + ROW * items.len() as f64;
    let desc: Vec<String> = items
        .iter()
        .map(|i| format!("{}: {}", i.fact.title, i.figure))
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"img\" aria-labelledby=\"chart-{slug}-title chart-{slug}-desc\"><title id=\"chart-{slug}-title\">{}</title><desc id=\"chart-{slug}-desc\">{}</desc>",
        escape(title),
        escape(&desc.join("; "))
    );
    for (row, item) in items.iter().enumerate() {
        let top = 8.0 + ROW * row as f64;
        let width = if max > 0.0 {
            (item.value.max(0.0) / max * (WIDTH - VALUE_ROOM)).max(2.0)
        } else {
            2.0
        };
        let _ = write!(
            svg,
            "<g><text class=\"chart-label\" x=\"0\" y=\"{:.1}\" fill=\"currentColor\">{}</text><rect class=\"chart-bar\" x=\"0\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{BAR:.0}\" rx=\"2\" fill=\"#2f6690\"></rect><text class=\"chart-value\" x=\"{:.1}\" y=\"{:.1}\" fill=\"currentColor\">{}</text></g>",
            top + 14.0,
            escape(&item.fact.title),
            top + 20.0,
            width + 8.0,
            top + 20.0 + BAR * 0.7,
            escape(&item.figure)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::Link;

    fn item(title: &str, value: f64, figure: &str) -> ComparisonItem {
        ComparisonItem {
            fact: Link {
                slug: title.to_lowercase(),
                title: title.to_string(),
                path: String::new(),
            },
            value,
            figure: figure.to_string(),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_values_are_described() {
        let svg = bar_chart(
            "budgets",
            "Budgets & more",
            &[
                item("Azerbaijan", 5e9, "$5 billion"),
                item("Armenia", 1.7e9, "$1.7 billion"),
            ],
        );
        assert!(svg.contains("<title id=\"chart-budgets-title\">Budgets &amp; more</title>"));
        assert!(svg.contains(
            "<desc id=\"chart-budgets-desc\">Azerbaijan: $5 billion; Armenia: $1.7 billion</desc>"
        ));
        assert!(svg.contains("width=\"490.0\""), "{svg}");
        assert!(svg.contains("width=\"166.6\""), "{svg}");
    }
}
