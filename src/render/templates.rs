//! Themes: finding templates and static files, and compiling the templates with Tera.
//!
//! A template is looked up in the site's `templates/`, then in `themes/THEME/templates/`, then
//! in the `default` theme built into the binary — so a site with no `themes/` folder builds,
//! and a site can override one template of a theme without copying the rest. Static files are
//! layered the same way: the built-in default's, the theme's `static/`, the site's `static/`.
//! Template errors become diagnostics at the template file's line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Pos};
use crate::load::relative;

/// The default theme's templates, compiled into the binary.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "article.html",
        include_str!("../../themes/default/templates/article.html"),
    ),
    (
        "articles.html",
        include_str!("../../themes/default/templates/articles.html"),
    ),
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "comparison.html",
        include_str!("../../themes/default/templates/comparison.html"),
    ),
    (
        "comparisons.html",
        include_str!("../../themes/default/templates/comparisons.html"),
    ),
    (
        "entities.html",
        include_str!("../../themes/default/templates/entities.html"),
    ),
    (
        "entity.html",
        include_str!("../../themes/default/templates/entity.html"),
    ),
    (
        "fact.html",
        include_str!("../../themes/default/templates/fact.html"),
    ),
    (
        "facts.html",
        include_str!("../../themes/default/templates/facts.html"),
    ),
    (
        "feed.xml",
        include_str!("../../themes/default/templates/feed.xml"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "partials/fact_list.html",
        include_str!("../../themes/default/templates/partials/fact_list.html"),
    ),
    (
        "partials/article_list.html",
        include_str!("../../themes/default/templates/partials/article_list.html"),
    ),
    (
        "sitemap.xml",
        include_str!("../../themes/default/templates/sitemap.xml"),
    ),
    (
        "timeline.html",
        include_str!("../../themes/default/templates/timeline.html"),
    ),
    (
        "topic.html",
        include_str!("../../themes/default/templates/topic.html"),
    ),
    (
        "topics.html",
        include_str!("../../themes/default/templates/topics.html"),
    ),
];

/// The default theme's static files, compiled into the binary.
const BUILTIN_STATIC: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../../themes/default/static/style.css"),
)];

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// Built into the binary.
    Builtin(&'static [u8]),
    /// A file on disk.
    File(PathBuf),
}

/// A compiled theme: templates ready to render and the static files to copy.
pub struct Theme {
    tera: Tera,
    /// Template name -> the file it came from, relative to the site root, for messages.
    sources: BTreeMap<String, String>,
    /// Output path -> where its bytes come from, in output order.
    pub static_files: BTreeMap<String, StaticSource>,
}

/// The name of the theme built into the binary.
pub const DEFAULT_THEME: &str = "default";

impl Theme {
    /// Loads theme `name` for the site at `root`, with the site's own templates on top.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut templates: BTreeMap<String, (String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, text)| {
                let source = format!("themes/default/templates/{n} (built in)");
                (n.to_string(), (source, text.to_string()))
            })
            .collect();
        let mut static_files: BTreeMap<String, StaticSource> = BUILTIN_STATIC
            .iter()
            .map(|(n, bytes)| (n.to_string(), StaticSource::Builtin(bytes)))
            .collect();
        let theme_dir = root.join("themes").join(name);
        if name != DEFAULT_THEME && !theme_dir.is_dir() {
            let help = match available_themes(root) {
                themes if themes.is_empty() => "the site has no themes/ folder; use the default theme or add themes/NAME/templates/".to_string(),
                themes => format!("themes here: default, {}", themes.join(", ")),
            };
            problems.push(
                Diagnostic::error(
                    format!("themes/{name}"),
                    format!("there is no theme `{name}`"),
                )
                .with_help(help),
            );
            return Err(problems);
        }
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            for (rel_name, path) in files_under(&dir) {
                let source = relative(root, &path);
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        templates.insert(rel_name, (source, text));
                    }
                    Err(err) => {
                        problems.push(Diagnostic::error(source, format!("cannot read: {err}")))
                    }
                }
            }
        }
        for dir in [theme_dir.join("static"), root.join("static")] {
            for (rel_name, path) in files_under(&dir) {
                static_files.insert(rel_name, StaticSource::File(path));
            }
        }
        for (_, text) in templates.values_mut() {
            *text = drop_indentation(text);
        }
        let mut tera = Tera::new();
        let sources: BTreeMap<String, String> = templates
            .iter()
            .map(|(n, (s, _))| (n.clone(), s.clone()))
            .collect();
        if let Err(err) = tera.add_raw_templates(templates.iter().map(|(n, (_, t))| (n, t))) {
            problems.extend(template_error(&err, &sources));
        }
        if problems.is_empty() {
            Ok(Theme {
                tera,
                sources,
                static_files,
            })
        } else {
            Err(problems)
        }
    }

    /// True when the theme has a template called `name`.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Vec<Diagnostic>> {
        self.tera
            .render(name, context)
            .map_err(|err| template_error(&err, &self.sources))
    }
}

/// Drops the indentation after each line break of a template (the line break stays, so the
/// rendered HTML means the same: browsers fold any run of white space into one space). Pages
/// come out smaller and minify faster. Templates with `<pre>` or `<textarea>`, where white
/// space is kept as written, are left alone. Line numbers in template errors do not change.
fn drop_indentation(template: &str) -> String {
    let lower = template.to_ascii_lowercase();
    if lower.contains("<pre") || lower.contains("<textarea") {
        return template.to_string();
    }
    template
        .split('\n')
        .map(|line| line.trim_start_matches([' ', '\t']))
        .collect::<Vec<_>>()
        .join("\n")
}

fn available_themes(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join("themes"))
        .map(|entries| {
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n != DEFAULT_THEME)
                .collect();
            names.sort();
            names
        })
        .unwrap_or_default()
}

/// Files under `dir` as `(path relative to dir with / separators, full path)`, sorted.
fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (relative(dir, e.path()), e.into_path()))
        .collect()
}

/// Turns a Tera error into diagnostics at the template's file, line and column.
fn template_error(err: &tera::Error, sources: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let file_of = |name: &str| {
        sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"))
    };
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            vec![
                Diagnostic::error(file_of(report.filename()), report.message().to_string())
                    .at(Pos::new(span.start_line, span.start_col + 1))
                    .with_help("fix the template; see the Tera 2 documentation for its syntax"),
            ]
        }
        _ => {
            let text = err.to_string();
            let parsed = parse_reports(&text, &file_of);
            if parsed.is_empty() {
                vec![Diagnostic::error(
                    "templates",
                    format!("template error: {text}"),
                )]
            } else {
                parsed
            }
        }
    }
}

/// Reads Tera's rendered reports (`error: MESSAGE` then ` --> NAME:LINE:COL`) back into
/// diagnostics; Tera joins several of them into one message when it validates templates.
fn parse_reports(text: &str, file_of: &dyn Fn(&str) -> String) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(loc)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(1);
            let line_no = parts.next().and_then(|l| l.parse().ok()).unwrap_or(1);
            let name = parts.next().unwrap_or(loc);
            out.push(Diagnostic::error(file_of(name), m.to_string()).at(Pos::new(line_no, col)));
            message = None;
        }
    }
    out
}
