//! Reading a theme: its templates and static files, layered. A template is looked up in the
//! site's `templates/`, then in `themes/THEME/templates/`, then in the `default` theme built
//! into the binary — so a site with no `themes/` folder builds, and a site can override one
//! template of a theme without copying the rest. Static files are layered the same way: the
//! built-in default's, the theme's `static/`, the site's `static/`. Everything on disk is read
//! through the input gate, as the rest of the site is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::relative;
use crate::diagnostic::Diagnostic;
use crate::input::{self, Inside, Limit};
use crate::model::theme::{StaticSource, ThemeFiles};

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
            "partials/cite.html", "partials/comparison.html", "partials/fact_item.html", "partials/fact_list.html", "partials/figure.html",
            "partials/head.html", "partials/pager.html", "partials/status.html", "partials/when.html",
            "robots.txt", "search.html",
            "sitemap.xml", "timeline.html", "topic.html", "topics.html",
        ],
        statics: ["favicon.svg", "search.js", "style.css"]),
    builtin_theme!("brief", templates: ["index.html"], statics: ["brief.css"]),
];

/// The name of the theme built into the binary.
pub const DEFAULT_THEME: &str = "default";

/// Reads theme `name` for the site at `root`, with the site's own templates and static files
/// on top.
pub fn read(root: &Path, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
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
            static_files.insert(n.to_string(), StaticSource::Builtin(builtin.name, bytes));
        }
    }
    let theme_dir = root.join("themes").join(name);
    let is_builtin = BUILTIN_THEMES.iter().any(|t| t.name == name);
    if !is_builtin && !theme_dir.is_dir() {
        let mut known: Vec<String> = BUILTIN_THEMES.iter().map(|t| t.name.to_string()).collect();
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
        for (rel_name, path, source) in files_under(&dir, root, &inside, &mut problems) {
            static_files.insert(rel_name, StaticSource::File(path, source));
        }
    }
    if problems.is_empty() {
        Ok(ThemeFiles {
            templates,
            static_files,
        })
    } else {
        Err(problems)
    }
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
