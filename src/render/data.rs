//! Open data: the facts as JSON and CSV (the [`FACTS`] output), each article's evidence, and
//! JSON-LD for search engines.
//!
//! Everything here is computed from the same [`Views`] the pages are rendered from, so the data
//! never says anything the pages do not. Paths are relative to the site root; where `base_url`
//! is set, the CSV and the JSON-LD carry absolute URLs too.

use serde::Serialize;
use serde_json::{json, Value};

use super::output::Output;
use super::view::{ArticleView, FactView, Views};
use super::{Renderer, Sink, SiteContext, GENERATOR};
use crate::model::evidence::ArticleEvidence;
use crate::model::site::{Article, Settings};

/// The facts as open data: `data/facts.json` and `data/facts.csv`.
pub const FACTS: Output = Output {
    name: "the facts as open data (data/facts.json, data/facts.csv)",
    write: |renderer, sink| renderer.facts_data(sink).map_err(|d| vec![d]),
};

impl Renderer<'_> {
    /// `data/facts.json` and `data/facts.csv`, side by side.
    fn facts_data(&self, sink: &dyn Sink) -> Result<(), crate::diagnostic::Diagnostic> {
        let json = || {
            let export = DataExport {
                generator: GENERATOR,
                site: self.site_context(),
                facts: &self.views.facts,
            };
            sink.write_with("data/facts.json", &mut |out| write_json(out, &export))
        };
        let csv = || {
            let base = self.site.settings.base_url.as_deref();
            sink.write_with("data/facts.csv", &mut |out| {
                facts_csv(self.views, base, out)
            })
        };
        let (json, csv) = rayon::join(json, csv);
        json.and(csv)
    }
}

/// `data/facts.json`: what generated it, the site, and every fact as its page shows it.
#[derive(Serialize)]
struct DataExport<'a> {
    generator: &'static str,
    site: SiteContext<'a>,
    facts: &'a [FactView],
}

/// The columns of `data/facts.csv`, one row per fact and source.
pub const CSV_COLUMNS: [&str; 33] = [
    "fact",
    "fact_url",
    "title",
    "claim",
    "value",
    "range_low",
    "range_high",
    "unit",
    "qualifier",
    "figure",
    "date",
    "when",
    "status",
    "claimed_by",
    "responds_to",
    "independence",
    "source_number",
    "quote",
    "source_note",
    "passage_url",
    "article",
    "article_title",
    "publisher",
    "published",
    "article_url",
    "archive_url",
    "status_label",
    "reported_by",
    "sourcing",
    "historical",
    "via",
    "accessed",
    "article_source_note",
];

/// `path` as a URL: absolute under `base` when known, else relative to the site root.
fn url(base: Option<&str>, path: &str) -> String {
    format!("{}{path}", base.unwrap_or(""))
}

/// `data/facts.csv`: RFC 4180, one row per fact and source, with a header row; streamed, a row
/// at a time.
pub fn facts_csv(
    views: &Views,
    base: Option<&str>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut row = String::new();
    push_row(&mut row, CSV_COLUMNS.iter().map(|c| c.to_string()));
    out.write_all(row.as_bytes())?;
    let number = |n: Option<f64>| n.map(|v| v.to_string()).unwrap_or_default();
    for f in &views.facts {
        for s in &f.sources {
            let a = &s.article;
            row.clear();
            push_row(
                &mut row,
                [
                    f.slug.clone(),
                    url(base, &f.path),
                    text_cell(&f.title),
                    text_cell(&f.claim),
                    number(f.value),
                    number(f.range.map(|r| r[0])),
                    number(f.range.map(|r| r[1])),
                    text_cell(f.unit.as_deref().unwrap_or_default()),
                    f.qualifier
                        .map(|q| q.as_str().to_string())
                        .unwrap_or_default(),
                    text_cell(f.figure.as_ref().map_or("", |g| g.full.as_str())),
                    f.date.as_ref().map(|d| d.iso.clone()).unwrap_or_default(),
                    f.when.text.clone(),
                    f.status.as_str().to_string(),
                    f.claimed_by
                        .as_ref()
                        .map(|e| e.slug.clone())
                        .unwrap_or_default(),
                    f.responds_to
                        .as_ref()
                        .map(|r| r.slug.clone())
                        .unwrap_or_default(),
                    f.independence.text.clone(),
                    s.number.to_string(),
                    text_cell(&s.quote),
                    text_cell(s.note.as_deref().unwrap_or_default()),
                    url(base, &s.href),
                    a.slug.clone(),
                    text_cell(&a.title),
                    text_cell(a.publisher.as_deref().unwrap_or_default()),
                    a.published
                        .as_ref()
                        .map(|d| d.iso.clone())
                        .unwrap_or_default(),
                    a.url.clone().unwrap_or_default(),
                    a.archive_url.clone().unwrap_or_default(),
                    text_cell(&f.status_label),
                    f.reported_by
                        .as_ref()
                        .map(|e| e.slug.clone())
                        .unwrap_or_default(),
                    f.sourcing.as_str().to_string(),
                    f.historical.to_string(),
                    text_cell(a.via.as_deref().unwrap_or_default()),
                    a.accessed
                        .as_ref()
                        .map(|d| d.iso.clone())
                        .unwrap_or_default(),
                    text_cell(a.source_note.as_deref().unwrap_or_default()),
                ],
            );
            out.write_all(row.as_bytes())?;
        }
    }
    Ok(())
}

/// A text cell of the CSV, safe to open in a spreadsheet: a cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read as a formula, so it gets a leading `'`
/// (OWASP's advice for CSV injection). Numbers are written as they are.
fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are escaped, so no text
/// from content can close the element.
fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// schema.org `Claim` for the page of a claimed or disputed fact, with every source as an
/// `appearance`. There is no `ClaimReview`: a fact sheet records who claims what and where,
/// not a verdict. Its `author` is the speaker (`claimed_by`), a `Person` or an `Organization`
/// by the entity's kind; a reporter (`reported_by`) is each appearance's `publisher`, and the
/// outlet whose page it is its `provider`. URLs are absolute under `base_url`, else relative
/// to the page, whose way back to the root is `root`.
pub fn fact_json_ld(fact: &FactView, settings: &Settings, root: &str) -> String {
    let base = Some(settings.base_url.as_deref().unwrap_or(root));
    // One appearance per article: two passages of one article are one source.
    let mut by_article: Vec<(&super::view::SourceView, Vec<&str>)> = Vec::new();
    for s in &fact.sources {
        match by_article
            .iter_mut()
            .find(|(first, _)| first.article.slug == s.article.slug)
        {
            Some((_, quotes)) => quotes.push(&s.quote),
            None => by_article.push((s, vec![&s.quote])),
        }
    }
    let appearances: Vec<Value> = by_article
        .iter()
        .map(|(s, quotes)| {
            let a = &s.article;
            let mut work = json!({
                "@type": "CreativeWork",
                "headline": a.title,
                "url": a.url.clone().unwrap_or_else(|| url(base, &s.href)),
                "text": quotes.join(" [\u{2026}] "),
            });
            let outlet = a
                .publisher
                .as_ref()
                .map(|p| json!({"@type": "Organization", "name": p}));
            match (&fact.reported_by, outlet) {
                (Some(r), outlet) => {
                    work["publisher"] = json!({"@type": fact.reported_by_type, "name": r.title});
                    if let Some(outlet) = outlet {
                        work["provider"] = outlet;
                    }
                }
                (None, Some(outlet)) => work["publisher"] = outlet,
                (None, None) => {}
            }
            if let Some(d) = &a.published {
                work["datePublished"] = json!(d.iso);
            }
            if let Some(author) = &a.author {
                work["author"] = json!({"@type": "Person", "name": author});
            }
            work
        })
        .collect();
    let mut claim = json!({
        "@context": "https://schema.org",
        "@type": "Claim",
        "name": fact.title,
        "text": fact.claim,
        "appearance": appearances,
    });
    if let Some(first) = appearances_first(&claim) {
        claim["firstAppearance"] = first;
    }
    if let Some(who) = &fact.claimed_by {
        claim["author"] = json!({"@type": fact.claimed_by_type, "name": who.title});
    }
    // The time the claim is about, when the fact or a quote says; not the day it was made.
    if let Some(iso) = fact
        .when
        .iso
        .as_ref()
        .filter(|_| fact.when.kind != "reported")
    {
        claim["temporalCoverage"] = json!(iso);
    }
    if settings.base_url.is_some() {
        claim["url"] = json!(url(base, &fact.path));
    }
    script_json(&claim)
}

fn appearances_first(claim: &Value) -> Option<Value> {
    claim["appearance"].as_array()?.first().cloned()
}

/// schema.org `Dataset` describing `data/facts.json` and `data/facts.csv`; URLs as for
/// [`fact_json_ld`].
pub fn dataset_json_ld(settings: &Settings, facts: usize, root: &str) -> String {
    let base = Some(settings.base_url.as_deref().unwrap_or(root));
    let mut dataset = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{}: facts and sources", settings.title),
        "description": format!(
            "{} facts, each with the verbatim quotes that back it and the articles they come from.{}",
            facts,
            settings.description.as_deref().map(|d| format!(" {d}")).unwrap_or_default()
        ),
        "inLanguage": settings.language,
        "isAccessibleForFree": true,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": url(base, "data/facts.json")},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": url(base, "data/facts.csv")},
        ],
    });
    if settings.base_url.is_some() {
        dataset["url"] = json!(url(base, "data/"));
    }
    script_json(&dataset)
}

/// The evidence of the article `a` (shown as `view`), whose plain text is `text`: the SHA-256
/// of the text and, for every quote, where each of its parts is in it, as W3C Web Annotation
/// selectors — a `TextPositionSelector` (offsets in characters) and a `TextQuoteSelector` (the
/// exact text, with prefix and suffix). The text is written to `sink` as
/// `data/articles/SLUG.txt`; [`EvidenceWriter`] writes the rest. `factsheet verify` re-checks
/// all of it offline. An article no fact quotes has no evidence (`None`): there is nothing of
/// it to re-check, and its page is the one copy of its text in the output.
pub fn article_evidence(
    a: &Article,
    view: &ArticleView,
    text: &str,
    views: &Views,
    sink: &dyn super::Sink,
) -> Result<Option<ArticleEvidence>, crate::diagnostic::Diagnostic> {
    use crate::model::evidence::{selectors, sha256, QuoteEvidence};
    if a.passages.is_empty() {
        return Ok(None);
    }
    let quotes = a
        .passages
        .iter()
        .map(|p| {
            let fact = &views.facts[p.fact];
            let source = &fact.sources[p.citation];
            QuoteEvidence {
                fact: fact.slug.clone(),
                source: source.number,
                quote: source.quote.clone(),
                passage: source.href.clone(),
                selectors: p
                    .ranges
                    .iter()
                    .map(|r| selectors(text, r.clone()))
                    .collect(),
            }
        })
        .collect();
    let evidence = ArticleEvidence {
        article: a.slug.clone(),
        title: view.title.clone(),
        url: view.url.clone(),
        provenance: crate::model::evidence::SourceProvenance {
            publisher: view.publisher.clone(),
            published: view.published.as_ref().map(|d| d.iso.clone()),
            via: view.via.clone(),
            archive_url: view.archive_url.clone(),
            accessed: view.accessed.as_ref().map(|d| d.iso.clone()),
            source_note: view.source_note.clone(),
        },
        text: format!("data/articles/{}.txt", a.slug),
        characters: text.chars().count(),
        sha256: sha256(text),
        quotes,
    };
    sink.write(&evidence.text, text.as_bytes().to_vec())?;
    Ok(Some(evidence))
}

/// Writes the evidence bundle, `data/evidence.json`, an article at a time, so that a large
/// site's evidence is never held whole: the same bytes as [`write_json`] of the whole
/// [`Bundle`].
pub struct EvidenceWriter<'o> {
    out: &'o mut dyn std::io::Write,
    articles: usize,
}

impl<'o> EvidenceWriter<'o> {
    /// Starts the bundle in `out`.
    pub fn start(out: &'o mut dyn std::io::Write) -> std::io::Result<Self> {
        let text = |s: &str| serde_json::to_string(s).map_err(std::io::Error::from);
        let generator = text(super::GENERATOR)?;
        let description = text(crate::model::evidence::DESCRIPTION)?;
        write!(
            out,
            "{{\n  \"generator\": {generator},\n  \"description\": {description},\n  \"articles\": ["
        )?;
        Ok(EvidenceWriter { out, articles: 0 })
    }

    /// Adds the next article's evidence.
    pub fn push(&mut self, article: &ArticleEvidence) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(article)?;
        let separator = if self.articles == 0 { "" } else { "," };
        // Indented two levels: a newline inside JSON is always between tokens (strings escape
        // theirs).
        write!(
            self.out,
            "{separator}\n    {}",
            json.replace('\n', "\n    ")
        )?;
        self.articles += 1;
        Ok(())
    }

    /// Ends the bundle.
    pub fn finish(self) -> std::io::Result<()> {
        let close = if self.articles == 0 { "]" } else { "\n  ]" };
        write!(self.out, "{close}\n}}\n")
    }
}

/// Writes `value` to `out` as indented JSON and a final newline.
pub fn write_json(out: &mut dyn std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        let mut out = String::new();
        push_row(
            &mut out,
            [
                "a".into(),
                "b, c".into(),
                "say \"x\"".into(),
                "l1\nl2".into(),
            ],
        );
        assert_eq!(out, "a,\"b, c\",\"say \"\"x\"\"\",\"l1\nl2\"\r\n");
    }

    #[test]
    fn the_evidence_streamed_is_the_bundle_as_one_json() {
        use crate::model::evidence::{Bundle, QuoteEvidence, Selector};
        let article = |n: usize| ArticleEvidence {
            article: format!("a{n}"),
            title: "Line\nbreak \"quoted\"".into(),
            url: (n == 1).then(|| "https://example.org/a".into()),
            provenance: crate::model::evidence::SourceProvenance {
                via: (n == 2).then(|| "Wire".into()),
                ..Default::default()
            },
            text: format!("data/articles/a{n}.txt"),
            characters: 12,
            sha256: "00".into(),
            quotes: (0..n)
                .map(|q| QuoteEvidence {
                    fact: format!("f{q}"),
                    source: 1,
                    quote: "said".into(),
                    passage: "articles/a/#x".into(),
                    selectors: vec![vec![
                        Selector::TextPositionSelector { start: 0, end: 4 },
                        Selector::TextQuoteSelector {
                            exact: "said".into(),
                            prefix: String::new(),
                            suffix: " so".into(),
                        },
                    ]],
                })
                .collect(),
        };
        for count in 0..4 {
            let articles: Vec<ArticleEvidence> = (0..count).map(article).collect();
            let mut streamed = Vec::new();
            let mut writer = EvidenceWriter::start(&mut streamed).unwrap();
            for a in &articles {
                writer.push(a).unwrap();
            }
            writer.finish().unwrap();
            let bundle = Bundle {
                generator: super::super::GENERATOR.to_string(),
                description: crate::model::evidence::DESCRIPTION.to_string(),
                articles,
            };
            let mut whole = Vec::new();
            write_json(&mut whole, &bundle).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{count} articles"
            );
        }
    }

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let escaped = script_json(&json!({"text": "</script><script>alert(1)</script> & more"}));
        assert!(
            !escaped.contains('<') && !escaped.contains('>'),
            "{escaped}"
        );
        let back: Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["text"], "</script><script>alert(1)</script> & more");
    }
}
