//! Themes: compiling with Tera the templates `load` read, and rendering them.
//! Template errors become diagnostics at the template file's line and column.

use std::collections::BTreeMap;

use tera::{Context, Tera};

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::theme::{StaticSource, ThemeFiles};

/// A compiled theme: templates ready to render and the static files to copy.
pub struct Theme {
    tera: Tera,
    /// Template name -> the file it came from, relative to the site root, for messages.
    sources: BTreeMap<String, String>,
    /// Output path -> where its bytes come from, in output order.
    pub static_files: BTreeMap<String, StaticSource>,
}

impl Theme {
    /// Compiles the templates of `files` (as `load` read them); its static files go
    /// with it, to be copied.
    pub fn compile(files: ThemeFiles) -> Result<Theme, Vec<Diagnostic>> {
        let ThemeFiles {
            mut templates,
            static_files,
        } = files;
        for (_, text) in templates.values_mut() {
            *text = drop_indentation(text);
        }
        let mut tera = Tera::new();
        let sources: BTreeMap<String, String> = templates
            .iter()
            .map(|(n, (s, _))| (n.clone(), s.clone()))
            .collect();
        tera.add_raw_templates(templates.iter().map(|(n, (_, t))| (n, t)))
            .map_err(|err| template_error(&err, &sources))?;
        Ok(Theme {
            tera,
            sources,
            static_files,
        })
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
