//! What a page states about itself, read in a fixed order of trust: schema.org JSON-LD
//! (`NewsArticle`, `Article` and their kin: `headline`, `datePublished`, `dateModified`,
//! `author`, `publisher.name`), then OpenGraph and article meta tags (`og:title`,
//! `og:site_name`, `article:published_time`, `article:modified_time`), then
//! `<link rel="canonical">` and `<time datetime>`. Each value remembers where it came from;
//! what the page does not state is `None`, never guessed.

use dom_query::Document;
use serde_json::Value;

use crate::content::article::url_problem;
use crate::model::date::PartialDate;

/// A value the page states, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The value, trimmed.
    pub value: String,
    /// Where on the page it was read ("the page's JSON-LD datePublished").
    pub from: &'static str,
}

impl Found {
    /// `value`, read from `from`.
    pub fn new(value: &str, from: &'static str) -> Self {
        Found {
            value: value.split_whitespace().collect::<Vec<_>>().join(" "),
            from,
        }
    }
}

/// What a page states about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The headline.
    pub title: Option<Found>,
    /// The outlet.
    pub publisher: Option<Found>,
    /// The byline.
    pub author: Option<Found>,
    /// When it was published: `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub published: Option<Found>,
    /// When it was last changed, as `published`.
    pub modified: Option<Found>,
    /// The page's own address for itself.
    pub canonical: Option<Found>,
}

/// The schema.org types of a news page's main object.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Report",
];

/// The largest JSON-LD block read, in bytes; a larger one is skipped.
const MAX_JSON_LD: usize = 1 << 20;

/// Reads what `document` states about itself.
pub fn read(document: &Document) -> Metadata {
    let ld = json_ld_article(document);
    let ld_text = |key: &str| ld.as_ref().and_then(|a| text_of(a.get(key)?));
    let meta = |attr: &str, name: &str| -> Option<String> {
        let content = document
            .select(&format!("meta[{attr}=\"{name}\"]"))
            .attr("content")?;
        let content = content.trim();
        (!content.is_empty()).then(|| content.to_string())
    };
    let found = |value: Option<String>, from: &'static str| value.map(|v| Found::new(&v, from));
    let date = |value: Option<String>, from: &'static str| {
        value
            .and_then(|v| date_of(&v))
            .map(|d| Found::new(&d, from))
    };
    Metadata {
        title: found(ld_text("headline"), "the page's JSON-LD headline")
            .or_else(|| found(meta("property", "og:title"), "the page's og:title")),
        publisher: found(
            ld.as_ref().and_then(|a| name_of(a.get("publisher")?)),
            "the page's JSON-LD publisher.name",
        )
        .or_else(|| found(meta("property", "og:site_name"), "the page's og:site_name")),
        author: found(
            ld.as_ref().and_then(|a| names_of(a.get("author")?)),
            "the page's JSON-LD author",
        )
        .or_else(|| {
            found(
                meta("name", "author").filter(|a| !a.contains("://")),
                "the page's author meta tag",
            )
        }),
        published: date(ld_text("datePublished"), "the page's JSON-LD datePublished")
            .or_else(|| {
                date(
                    meta("property", "article:published_time"),
                    "the page's article:published_time",
                )
            })
            .or_else(|| date(first_time(document), "the page's first <time datetime>")),
        modified: date(ld_text("dateModified"), "the page's JSON-LD dateModified").or_else(|| {
            date(
                meta("property", "article:modified_time"),
                "the page's article:modified_time",
            )
        }),
        canonical: found(canonical(document), "the page's <link rel=\"canonical\">"),
    }
}

/// The first object of an article type in the page's JSON-LD blocks (at the top, in an array
/// or in an `@graph`).
fn json_ld_article(document: &Document) -> Option<Value> {
    let blocks = document.select("script[type=\"application/ld+json\"]");
    blocks.nodes().iter().find_map(|block| {
        let text = block.text();
        if text.len() > MAX_JSON_LD {
            return None;
        }
        let value: Value = serde_json::from_str(text.trim()).ok()?;
        article_in(value, 0)
    })
}

fn article_in(value: Value, depth: usize) -> Option<Value> {
    if depth > 3 {
        return None;
    }
    match value {
        Value::Array(items) => items.into_iter().find_map(|v| article_in(v, depth + 1)),
        Value::Object(mut object) => {
            let typed = match object.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if typed {
                return Some(Value::Object(object));
            }
            article_in(object.remove("@graph")?, depth + 1)
        }
        _ => None,
    }
}

/// A string value, or the first string of an array.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

/// The name of a person or organization given as a string, an object with `name`, or an array
/// of them (the first).
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Array(items) => items.iter().find_map(name_of),
        other => text_of(other),
    }
}

/// Every name of an author list, joined ("A, B and C").
fn names_of(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(name_of).collect(),
        other => name_of(other).into_iter().collect(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.contains("://")).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// The date at the start of an ISO 8601 value (`2024-11-08T14:03:00+04:00` is `2024-11-08`, as
/// the page wrote it, in its own time zone), if it starts with one the calendar has.
fn date_of(value: &str) -> Option<String> {
    let head = value
        .trim()
        .split(|c: char| !c.is_ascii_digit() && c != '-')
        .next()?;
    PartialDate::parse(head).ok().map(|d| d.iso())
}

/// The `datetime` of the page's first `<time>`.
fn first_time(document: &Document) -> Option<String> {
    let time = document.select("time[datetime]").first().attr("datetime")?;
    Some(time.trim().to_string())
}

/// The address of `<link rel="canonical">`, if it is one an article's `url` may be.
fn canonical(document: &Document) -> Option<String> {
    let href = document.select("link[rel=\"canonical\"]").attr("href")?;
    let href = href.trim();
    url_problem(href).is_none().then(|| href.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_read_as_the_page_wrote_it() {
        assert_eq!(
            date_of("2024-11-08T23:30:00-05:00").as_deref(),
            Some("2024-11-08")
        );
        assert_eq!(date_of("2024-11").as_deref(), Some("2024-11"));
        assert_eq!(date_of("2024").as_deref(), Some("2024"));
        assert_eq!(date_of("2024-13-01"), None);
        assert_eq!(date_of("2024-02-30T10:00:00Z"), None);
        assert_eq!(date_of("8 November 2024"), None);
        assert_eq!(date_of(""), None);
    }

    #[test]
    fn json_ld_in_a_graph_and_with_several_types_is_found() {
        let page = Document::from(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},{"@type":["NewsArticle","Article"],"headline":" A  headline ","author":[{"@type":"Person","name":"A. Writer"},{"name":"B. Writer"},{"name":"C. Writer"}],"publisher":{"@type":"Organization","name":"The Courier"},"datePublished":"2024-11-08T10:00:00Z"}]}</script>"#,
        );
        let m = read(&page);
        assert_eq!(
            m.title,
            Some(Found::new("A headline", "the page's JSON-LD headline"))
        );
        assert_eq!(
            m.author.unwrap().value,
            "A. Writer, B. Writer and C. Writer"
        );
        assert_eq!(m.publisher.unwrap().value, "The Courier");
        assert_eq!(m.published.unwrap().value, "2024-11-08");
    }
}
