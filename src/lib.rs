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
pub mod verify;
pub mod write;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use diagnostic::Diagnostic;
use load::theme::DEFAULT_THEME;
use render::templates::Theme;

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
    run(options, true)
}

/// Checks the site — loads, links, verifies quotes and renders every page — writing nothing.
pub fn check(options: &Options) -> Result<Report, Vec<Diagnostic>> {
    run(options, false)
}

/// Load, link and theme: everything before rendering. Returns the linked site, the compiled
/// theme and the warnings, or every problem found.
fn prepare(
    options: &Options,
) -> Result<(model::site::Site, Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = &options.root;
    let (mut content, mut problems) = load::load(root);
    if let Some(url) = &options.base_url {
        content.site.base_url = Some(url.clone());
    }
    content.site.minify |= options.minify;
    let theme_name = options
        .theme
        .clone()
        .or_else(|| content.site.theme.clone())
        .unwrap_or_else(|| DEFAULT_THEME.to_string());
    let checks = link::Checks {
        today: build_date(),
        strict: options.strict,
    };
    let (site, mut link_problems) = link::link(content, checks);
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
    site: &model::site::Site,
    theme: &Theme,
    minified: &render::minify::Minified,
    sink: &dyn render::Sink,
) -> Result<usize, Vec<Diagnostic>> {
    let recorder = write::Recorder::new(sink);
    let pages = render::render(site, theme, minified, &recorder)?;
    write::copy_static(&theme.static_files, &recorder.into_paths(), sink)?;
    Ok(pages)
}

fn run(options: &Options, write_output: bool) -> Result<Report, Vec<Diagnostic>> {
    let started = Instant::now();
    let (mut site, theme, warnings) = prepare(options)?;
    if !write_output {
        // Minifying finds no problem: `check` renders what `build` would, unminified.
        site.settings.minify = false;
        let pages = publish(&site, &theme, &Default::default(), &write::Discard)?;
        return Ok(report(&site, pages, warnings, started));
    }
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    if let Some(problem) = write::output_among_inputs(&options.root, &output) {
        return Err(vec![problem]);
    }
    let staging = write::Staging::new(&output).map_err(|d| vec![d])?;
    let pages = publish(&site, &theme, &Default::default(), &staging)?;
    staging.commit().map_err(|d| vec![d])?;
    Ok(Report {
        output: Some(output),
        ..report(&site, pages, warnings, started)
    })
}

pub use write::Pages;

/// Builds a site again and again into memory, for `serve`: each rebuild renders every page
/// but minifies only the articles whose HTML changed since the last one.
pub struct Rebuilder {
    options: Options,
    minified: render::minify::Minified,
}

impl Rebuilder {
    /// A rebuilder for the site `options` describe (its output directory is not used).
    pub fn new(options: Options) -> Self {
        Rebuilder {
            options,
            minified: render::minify::Minified::remembering(),
        }
    }

    /// Builds the site into memory: the pages, static files included, exactly as `build`
    /// would write them.
    pub fn rebuild(&mut self) -> Result<(Report, Pages), Vec<Diagnostic>> {
        let started = Instant::now();
        let (site, theme, warnings) = prepare(&self.options)?;
        let memory = write::Memory::default();
        let count = publish(&site, &theme, &self.minified, &memory);
        self.minified.keep_used();
        let count = count?;
        let pages = memory.finish();
        Ok((report(&site, count, warnings, started), pages))
    }
}
