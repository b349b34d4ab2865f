//! What is made from the articles' plain texts: the search index (`data/search/`, see
//! [`super::search`]) and the evidence bundle of the articles facts quote (`data/articles/`,
//! `data/evidence.json`, see [`super::data::article_evidence`]).

use std::io;

use rayon::prelude::*;

use super::output::Output;
use super::{data, search, Renderer, Sink};
use crate::diagnostic::Diagnostic;
use crate::markdown;

/// The search index and the evidence.
pub const SEARCH_AND_EVIDENCE: Output = Output {
    name: "the search index and the evidence (data/search/, data/articles/, data/evidence.json)",
    write: |renderer, sink| renderer.search_and_evidence(sink).map_err(|d| vec![d]),
};

impl Renderer<'_> {
    /// The search index, its word shards of titles and the articles' texts made side by side.
    fn search_and_evidence(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (terms, body) = rayon::join(
            || search::write_terms(self.views, sink),
            || self.article_texts(sink),
        );
        search::write_manifest(self.views, &terms?, &body?, sink)
    }

    /// What is made from the articles' plain texts: the search's `body/` shards and the
    /// evidence of the articles facts quote (`data/articles/`, `data/evidence.json`). Each
    /// article's plain text is made once, from its Markdown, a chunk of articles at a time on
    /// all cores, and let go with its chunk; the evidence is written as each batch of chunks is
    /// done. Returns the keys of the `body/` shards.
    fn article_texts(&self, sink: &dyn Sink) -> Result<Vec<String>, Diagnostic> {
        const CHUNK: usize = search::Bodies::CHUNK;
        let articles = &self.site.articles;
        let bodies = search::Bodies::new(self.views);
        let chunk = |c: usize| -> Result<(search::BodyPart, Vec<_>), Diagnostic> {
            let first = c * CHUNK;
            let chunk = &articles[first..articles.len().min(first + CHUNK)];
            let texts: Vec<String> = chunk
                .iter()
                .map(|a| markdown::plain_text_of(&a.body))
                .collect();
            let views = &self.views.articles[first..];
            let evidence = (chunk.iter().zip(views).zip(&texts))
                .filter_map(|((a, view), text)| {
                    data::article_evidence(a, view, text, self.views, sink).transpose()
                })
                .collect::<Result<_, _>>()?;
            Ok((bodies.index(first, &texts), evidence))
        };
        let chunks: Vec<usize> = (0..articles.len().div_ceil(CHUNK)).collect();
        let batch = 4 * rayon::current_num_threads();
        // A problem writing a file of the pass, which the evidence's writer cannot carry.
        let mut failed = None;
        let mut words = search::BodyWords::default();
        let written = sink.write_with("data/evidence.json", &mut |out| {
            let mut evidence = data::EvidenceWriter::start(out)?;
            for batch in chunks.chunks(batch) {
                let made: Vec<_> = batch.par_iter().map(|&c| chunk(c)).collect();
                for result in made {
                    let (part, articles) = result.map_err(|d| {
                        failed = Some(d);
                        io::Error::other("another file could not be written")
                    })?;
                    words.add(part);
                    articles.iter().try_for_each(|a| evidence.push(a))?;
                }
            }
            evidence.finish()
        });
        if let Some(problem) = failed {
            return Err(problem);
        }
        written?;
        words.write(sink)
    }
}
