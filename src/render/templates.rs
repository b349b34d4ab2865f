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
use crate::input::{self, Inside, Limit};
use crate::load::relative;

/// A theme compiled into the binary: its name, templates and static files.
struct BuiltinTheme {
    name: &'static str,
    templates: &'static [(&'static str, &'static str)],
    statics: &'static [(&'static str, &'static [u8])],
}

/// Embeds `themes/THEME/templates/NAME` and `themes/THEME/static/NAME` files.
macro_rules! builtin_theme {
    ($theme:literal, templates: [$($t:literal),* $(,)?], statics: [$($s:literal),* $(,)?]) => {
        BuiltinTheme {
            name: $theme,
            templates: &[$(($t, include_str!(concat!("../../themes/", $theme, "/templates/", $t)))),*],
            statics: &[$(($s, include_bytes!(concat!("../../themes/", $theme, "/static/", $s)))),*],
        }
    };
}

/// The themes every site can use without a `themes/` folder.
const BUILTIN_THEMES: &[BuiltinTheme] = &[
    builtin_theme!("default",
        templates: [
            "404.html", "article.html", "articles.html", "base.html", "comparison.html",
            "comparisons.html", "entities.html", "entity.html", "fact.html", "facts.html",
            "data.html", "feed.xml", "index.html", "partials/article_list.html",
            "partials/fact_list.html", "partials/head.html", "partials/when.html",
            "robots.txt", "search.html",
            "sitemap.xml", "timeline.html", "topic.html", "topics.html",
        ],
        statics: ["favicon.svg", "search.js", "style.css"]),
    builtin_theme!("brief", templates: ["index.html"], statics: ["brief.css"]),
];

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
        let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut static_files: BTreeMap<String, StaticSource> = BTreeMap::new();
        let builtin_layers = BUILTIN_THEMES
            .iter()
            .filter(|t| t.name == DEFAULT_THEME || t.name == name);
        for builtin in builtin_layers {
            for (n, text) in builtin.templates {
                let source = format!("themes/{}/templates/{n} (built in)", builtin.name);
                templates.insert(n.to_string(), (source, text.to_string()));
            }
            for (n, bytes) in builtin.statics {
                static_files.insert(n.to_string(), StaticSource::Builtin(bytes));
            }
        }
        let theme_dir = root.join("themes").join(name);
        let is_builtin = BUILTIN_THEMES.iter().any(|t| t.name == name);
        if !is_builtin && !theme_dir.is_dir() {
            let mut known: Vec<String> =
                BUILTIN_THEMES.iter().map(|t| t.name.to_string()).collect();
            known.extend(available_themes(root));
            known.sort();
            known.dedup();
            problems.push(
                Diagnostic::error(
                    format!("themes/{name}"),
                    format!("there is no theme `{name}`"),
                )
                .with_help(format!(
                    "themes here: {}; a theme of your own goes in themes/{name}/templates/",
                    known.join(", ")
                )),
            );
            return Err(problems);
        }
        let inside = Inside::new(root);
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            for (rel_name, path, source) in files_under(&dir, root, &inside, &mut problems) {
                match inside.read_text(&path, &source, Limit::Template) {
                    Ok(text) => {
                        templates.insert(rel_name, (source, text));
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        for dir in [theme_dir.join("static"), root.join("static")] {
            for (rel_name, path, _) in files_under(&dir, root, &inside, &mut problems) {
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

    /// True when template `name` (or a template it extends or includes) reads the top-level
    /// variable `variable`, so data only some themes need is built only for them.
    pub fn uses(&self, name: &str, variable: &str) -> bool {
        self.tera
            .get_template_variables(name)
            .map(|vars| vars.contains(variable))
            .unwrap_or(true)
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
                .collect();
            names.sort();
            names
        })
        .unwrap_or_default()
}

/// Files under `dir` as `(path relative to dir with / separators, full path, path relative
/// to the site root)`, sorted. A symbolic link counts when it leads to a file inside the site's
/// `root`; one that leads outside, a folder that cannot be read and anything that is not a
/// regular file are reported, so nothing outside the site is ever copied into it or served, and
/// nothing is skipped without a word.
fn files_under(
    dir: &Path,
    root: &Path,
    inside: &Inside,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    if let Err(d) = inside.check_folder(dir, &relative(root, dir)) {
        problems.push(d);
        return Vec::new();
    }
    let mut files = Vec::new();
    let entries = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let at = err.path().map(|p| relative(root, p)).unwrap_or_default();
                problems.push(input::unreadable_folder(&at, &err));
                continue;
            }
        };
        let rel = relative(dir, entry.path());
        let source = relative(root, entry.path());
        let kind = entry.file_type();
        if kind.is_file() {
            files.push((rel, entry.into_path(), source));
        } else if entry.path_is_symlink() {
            match inside.resolve(entry.path(), &source) {
                Ok(target) if target.is_file() => files.push((rel, target, source)),
                Ok(_) => problems.push(
                    Diagnostic::error(source, "a symbolic link to something that is not a file")
                        .with_help("link to a file, or copy the file into the site"),
                ),
                Err(d) => problems.push(d),
            }
        } else if !kind.is_dir() {
            problems.push(input::not_regular(&source));
        }
    }
    files
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
