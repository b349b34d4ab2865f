//! `content/site.yaml`: the site's settings.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::{yaml, Origin};
use crate::diagnostic::Diagnostic;

/// The settings in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown on every page.
    pub title: String,
    /// One or two sentences on what the fact sheet covers.
    pub description: Option<String>,
    /// The language of the site, a BCP 47 tag (`en`).
    pub language: Option<String>,
    /// The theme to build with (default: `default`).
    pub theme: Option<String>,
    /// The absolute URL the site is published at, for canonical links, the sitemap and feed.
    pub base_url: Option<String>,
    /// How long figures stay current, per unit or topic (`{default: 2y, USD: 1y}`).
    pub review_after: Option<BTreeMap<String, String>>,
    /// After how many years without a newer source a fact is marked "Historical" (default 2):
    /// what it says was so when its sources were published, and may not be now.
    pub historical_after: Option<u16>,
    /// The facts shown as key figures on the home page, in order.
    #[serde(default)]
    pub key_figures: Vec<String>,
    /// Whether to minify the pages: article text through minify-html, and the line breaks beside block tags dropped (default: no; `build --minify` too).
    #[serde(default)]
    pub minify: bool,
    /// Units beyond the built-in ones, singular to plural (`{village: villages}`).
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    /// How many entries a page of a long list shows before the next page (`facts/page/2/`):
    /// the facts index, the sources, the timeline, a topic's and an entity's facts. Default 100.
    pub page_size: Option<usize>,
    /// Where the settings were written.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// The path of the settings file, relative to the site root.
pub const PATH: &str = "content/site.yaml";

/// Parses `site.yaml`.
pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
    let schema: yaml::Schema = &[("", yaml::fields_of::<SiteConfig>())];
    let (mut config, positions) = yaml::parse::<SiteConfig>(text, PATH, 1, schema)?;
    let origin = Origin::file(PATH, positions);
    let mut problems = Vec::new();
    if config.title.trim().is_empty() {
        problems.push(
            origin
                .error("title", "the site title is empty")
                .with_help("give the site a title"),
        );
    }
    if let Some(problem) = config
        .base_url
        .as_deref()
        .and_then(super::article::base_url_problem)
    {
        problems.push(
            origin
                .error("base_url", format!("`base_url` {problem}"))
                .with_help("write it in full, e.g. `https://example.org/sheet/`"),
        );
    }
    if config.page_size == Some(0) {
        problems.push(
            origin
                .error("page_size", "`page_size` is 0, so a list page would show nothing")
                .with_help("give the number of entries per page, e.g. `page_size: 100`, or leave it out for 100"),
        );
    }
    if let Some(theme) = &config.theme {
        if !crate::model::slug::is_valid(theme) {
            problems.push(
                origin
                    .error("theme", format!("`{theme}` is not a theme name"))
                    .with_help(
                        "a theme is named by a slug: `default`, `brief`, or a folder of themes/",
                    ),
            );
        }
    }
    for (key, period) in config.review_after.iter().flatten() {
        if parse_period(period).is_none() {
            problems.push(
                origin
                    .error(
                        &format!("review_after.{key}"),
                        format!("`{period}` is not a period"),
                    )
                    .with_help("write a number and a unit: `2y`, `6m`, `90d`"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    config.origin = Some(origin);
    Ok(config)
}

/// Parses a period such as `2y`, `6m`, `3w` or `90d` into days.
pub fn parse_period(text: &str) -> Option<u32> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let days = match unit {
        'y' => 365,
        'm' => 30,
        'w' => 7,
        'd' => 1,
        _ => return None,
    };
    let n: u32 = text[..text.len() - 1].parse().ok()?;
    n.checked_mul(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(parse_period("2y"), Some(730));
        assert_eq!(parse_period(" 90d "), Some(90));
        for bad in ["", "y", "2", "2é", "é", "-1y", "1.5y", "99999999999y"] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
    }
}
