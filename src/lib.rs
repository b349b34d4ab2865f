//! factsheet: a static-site generator for source-cited fact sheets.
//!
//! One pipeline, read top to bottom:
//!
//! 1. [`load`]: walk `content/`, parse every file into typed [`content`];
//! 2. [`link`]: resolve every reference, verify every quote, derive backlinks -> [`model::model::site::Site`];
//! 3. [`render`]: every page through the theme's Tera templates, in parallel;
//! 4. [`write`]: write beside the output directory (keeping unchanged files), swap in atomically.
//!
//! Each stage reports problems as [`diagnostic::Diagnostic`]s and goes on, so one run shows
//! them all; [`build`] and [`check`] stop before writing anything if there is an error.

pub mod content;
pub mod diagnostic;
pub mod init;
pub mod input;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod serve;
pub mod sources;
pub mod verify;
pub mod write;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use diagnostic::Diagnostic;
use load::theme::DEFAULT_THEME;
use render::output::Output;
use render::templates::Theme;
use render::Rendition;

/// What to build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site root (holds `content/`).
    pub root: PathBuf,
    /// Where to write the site (default: `ROOT/output`).
    pub output: Option<PathBuf>,
    /// Overrides `base_url` in `site.yaml`.
    pub base_url: Option<String>,
    /// Overrides `theme` in `site.yaml`.
    pub theme: Option<String>,
    /// Minifies the pages (`render::minify`), whatever `minify` in `site.yaml` says.
    pub minify: bool,
    /// Also warn about `reported` facts backed by a single source (`check --strict`).
    pub strict: bool,
}

/// The build date, in days since 1970-01-01: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), else today.
pub fn build_date() -> i64 {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    seconds.div_euclid(86_400)
}

/// What a successful run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// HTML pages rendered.
    pub pages: usize,
    /// Facts.
    pub facts: usize,
    /// Articles.
    pub articles: usize,
    /// Entities.
    pub entities: usize,
    /// Topics.
    pub topics: usize,
    /// Comparisons.
    pub comparisons: usize,
    /// Quotes verified against their articles.
    pub quotes: usize,
    /// Warnings (the run still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Where the site was written (`None` for `check`).
    pub output: Option<PathBuf>,
    /// How long it took.
    pub elapsed: Duration,
}

/// Builds the site into the output directory. On any error, writes nothing.
pub fn build(options: &Options) -> Result<Report, Vec<Diagnostic>> {
    run(options, true, &render::outputs::OUTPUTS)
}

/// Builds the site into the output directory as [`build`] does, into the outputs `list` (a
/// test adds its own to [`render::outputs::OUTPUTS`]).
pub fn build_with(options: &Options, list: &[Output]) -> Result<Report, Vec<Diagnostic>> {
    run(options, true, list)
}

/// Checks the site — loads, links, verifies quotes and renders every page — writing nothing.
pub fn check(options: &Options) -> Result<Report, Vec<Diagnostic>> {
    run(options, false, &render::outputs::OUTPUTS)
}

/// What `serve` keeps from one rebuild for the next: the files read and what link made of
/// them, so that an edit is read and linked without reading and linking the rest again.
#[derive(Default)]
struct Kept {
    reading: load::Reading,
    memo: link::Memo,
}

/// Load, link and theme: everything before rendering. With `kept`, reads and links only what
/// the files changed since (`None`: unknown) can have changed. Returns the linked site ready to
/// render and the warnings, or every problem found.
fn prepare(
    options: &Options,
    mut kept: Option<&mut Kept>,
    changed: Option<&[String]>,
) -> Result<(model::site::Site, Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = &options.root;
    let (mut content, mut problems) = match kept.as_deref_mut() {
        Some(kept) => kept.reading.load(root, changed),
        None => load::load(root),
    };
    if let Some(url) = &options.base_url {
        content.site.base_url = Some(url.clone());
    }
    content.site.minify |= options.minify;
    let theme_name = options
        .theme
        .clone()
        .or_else(|| content.site.theme.clone())
        .unwrap_or_else(|| DEFAULT_THEME.to_string());
    let checks = link::CheckOptions {
        today: build_date(),
        strict: options.strict,
    };
    let (site, mut link_problems) = match kept {
        Some(kept) => link::link_again(content, checks, &mut kept.memo, changed),
        None => link::link(content, checks),
    };
    problems.append(&mut link_problems);
    let theme = load::theme::read(root, &theme_name)
        .and_then(Theme::compile)
        .map_err(|mut e| problems.append(&mut e));
    diagnostic::sort(&mut problems);
    match theme {
        Ok(theme) if !problems.iter().any(Diagnostic::is_error) => Ok((site, theme, problems)),
        _ => Err(problems),
    }
}

fn report(
    site: &model::site::Site,
    pages: usize,
    warnings: Vec<Diagnostic>,
    started: Instant,
) -> Report {
    Report {
        pages,
        facts: site.facts.len(),
        articles: site.articles.len(),
        entities: site.entities.len(),
        topics: site.topics.len(),
        comparisons: site.comparisons.len(),
        quotes: site.facts.iter().map(|f| f.citations.len()).sum(),
        warnings,
        output: None,
        elapsed: started.elapsed(),
    }
}

/// Renders the site into `sink`, then its static files: the one path `check`, `build` and
/// `serve` share, so they find the same problems. Returns the number of pages.
fn publish(
    rendition: &Rendition,
    minified: &render::minify::Minified,
    sink: &dyn render::Sink,
) -> Result<usize, Vec<Diagnostic>> {
    let recorder = write::Recorder::new(sink);
    let pages = rendition.render(minified, &recorder)?;
    write::copy_static(
        &rendition.theme().static_files,
        &recorder.into_paths(),
        sink,
    )?;
    Ok(pages)
}

/// `site` ready to render with `theme`, with the JSON Schemas of the content files among its
/// data files (`data/schema/`).
fn rendition(site: model::site::Site, theme: Theme, list: &[Output]) -> Rendition {
    let schemas = content::schema::all()
        .into_iter()
        .map(|(name, text)| (format!("data/schema/{name}"), text))
        .collect();
    Rendition::new(site, Arc::new(theme))
        .with_files(schemas)
        .with_outputs(list.to_vec())
}

fn run(options: &Options, write_output: bool, list: &[Output]) -> Result<Report, Vec<Diagnostic>> {
    let started = Instant::now();
    let (mut site, theme, warnings) = prepare(options, None, None)?;
    if !write_output {
        // Minifying finds no problem: `check` renders what `build` would, unminified.
        site.settings.minify = false;
        let rendition = rendition(site, theme, list);
        let pages = publish(&rendition, &Default::default(), &write::Discard)?;
        return Ok(report(rendition.site(), pages, warnings, started));
    }
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    if let Some(problem) = write::output_among_inputs(&options.root, &output) {
        return Err(vec![problem]);
    }
    let staging = write::Staging::new(&output).map_err(|d| vec![d])?;
    let rendition = rendition(site, theme, list);
    let pages = publish(&rendition, &Default::default(), &staging)?;
    staging.commit().map_err(|d| vec![d])?;
    Ok(Report {
        output: Some(output),
        ..report(rendition.site(), pages, warnings, started)
    })
}

pub use write::SiteFiles;

/// Builds a site again and again, for `serve`: each rebuild reads and links only what the
/// changed files can have changed, and makes a [`Preview`] that renders each page when it is
/// asked for, minifying only the articles whose HTML changed since the last.
pub struct Rebuilder {
    options: Options,
    minified: Arc<render::minify::Minified>,
    kept: Kept,
}

impl Rebuilder {
    /// A rebuilder for the site `options` describe (its output directory is not used).
    pub fn new(options: Options) -> Self {
        Rebuilder {
            options,
            minified: Arc::new(render::minify::Minified::remembering()),
            kept: Kept::default(),
        }
    }

    /// Loads and links the site again after a change to the files `changed` (paths from the
    /// root; `None` when not known, as for the first build), ready to render its pages.
    pub fn rebuild(
        &mut self,
        changed: Option<&[String]>,
    ) -> Result<(Report, Preview), Vec<Diagnostic>> {
        let started = Instant::now();
        let (site, theme, warnings) = prepare(&self.options, Some(&mut self.kept), changed)?;
        let rendition = rendition(site, theme, &render::outputs::OUTPUTS);
        let report = report(rendition.site(), rendition.page_count(), warnings, started);
        let minified = Arc::clone(&self.minified);
        Ok((
            report,
            Preview {
                rendition,
                minified,
            },
        ))
    }
}

/// A rebuilt site in memory, for `serve`: each page rendered when it is asked for, and the
/// whole site, exactly as `build` would write it, when [`Preview::render`] is called.
pub struct Preview {
    rendition: Rendition,
    minified: Arc<render::minify::Minified>,
}

impl Preview {
    /// The HTML page at `file` (`facts/x/index.html`), rendered as `build` writes it; `None`
    /// when the site has no page there.
    pub fn page(&self, file: &str) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        self.rendition.page(file, &self.minified)
    }

    /// Renders the whole site, static files included, into `sink`; returns the number of
    /// pages. Minified articles no rendering asked for since the last whole render are then
    /// forgotten.
    pub fn render(&self, sink: &dyn render::Sink) -> Result<usize, Vec<Diagnostic>> {
        let pages = publish(&self.rendition, &self.minified, sink);
        if !sink.abandoned() {
            self.minified.keep_used();
        }
        pages
    }
}
