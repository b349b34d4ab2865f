//! Problems found in a site, as data.
//!
//! Every stage reports what is wrong with the input as [`Diagnostic`]s — a path relative to the
//! site root, a line and column where known, a message and a suggested fix — and keeps going, so
//! one run shows every problem at once. Nothing here decides an exit status; `main.rs` does.
//! [`render`] prints them the way rustc does, with the offending source line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// How bad a problem is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be published as it is.
    Error,
    /// Worth a look; the site is still built.
    Warning,
}

/// A position in a source file: 1-based line and 1-based column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Pos {
    /// A position at `line`, `column` (both 1-based).
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    /// The same position moved down by `lines` (for YAML that starts below a `---` line).
    pub fn below(self, lines: usize) -> Self {
        Pos {
            line: self.line + lines,
            column: self.column,
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root, with `/` separators (`content/facts/x.md`).
    pub path: String,
    /// Where in the file, when known.
    pub pos: Option<Pos>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// How many characters to underline from `pos`, when it is known (a word inside a value);
    /// else the token there is underlined.
    pub width: Option<usize>,
}

impl Diagnostic {
    /// An error in `path`.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos: None,
            message: message.into(),
            help: None,
            width: None,
        }
    }

    /// A warning in `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// The same diagnostic, placed at `pos` (ignored when `None`).
    pub fn at(mut self, pos: impl Into<Option<Pos>>) -> Self {
        if let Some(pos) = pos.into() {
            self.pos = Some(pos);
        }
        self
    }

    /// The same diagnostic, underlining `chars` characters from its position.
    pub fn spanning(mut self, chars: usize) -> Self {
        self.width = Some(chars);
        self
    }

    /// The same diagnostic with a suggested fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:column`, as far as it is known.
    pub fn location(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.path, p.line, p.column),
            None => self.path.clone(),
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, Pos, Severity, &str) {
        (
            &self.path,
            self.pos.unwrap_or_default(),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.location(), level, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Puts diagnostics in a stable order (file, position, severity, message) and drops repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Counts errors and warnings.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// Formats diagnostics for a terminal: each with its file, line and column, the source line with
/// the spot underlined, and the help. Source lines are read from the files under `root`.
pub fn render(diagnostics: &[Diagnostic], root: &Path, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut sources: BTreeMap<&str, Option<Lines>> = BTreeMap::new();
    // Only the site's own files are shown: never a line of a file a link leads out to.
    let inside = crate::input::Inside::new(root);
    let mut out = String::new();
    for diagnostic in diagnostics {
        // A file is read only for a diagnostic that points into it.
        let line = diagnostic.pos.and_then(|pos| {
            let source = sources.entry(diagnostic.path.as_str()).or_insert_with(|| {
                let path = root.join(&diagnostic.path);
                let limit = crate::input::Limit::Content;
                inside
                    .read_text(&path, &diagnostic.path, limit)
                    .ok()
                    .map(Lines::new)
            });
            source.as_ref()?.line(pos.line)
        });
        out.push_str(&render_one(diagnostic, line, &renderer));
        out.push_str("\n\n");
    }
    out
}

/// A file's text with the start of each line, so that many diagnostics in one long file each
/// find their line without reading the file from the start.
struct Lines {
    text: String,
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: String) -> Self {
        let breaks = text.match_indices('\n').map(|(i, _)| i + 1);
        let starts = std::iter::once(0).chain(breaks).collect();
        Lines { text, starts }
    }

    /// The 1-based line `number`, without its line break.
    fn line(&self, number: usize) -> Option<&str> {
        let start = *self.starts.get(number.checked_sub(1)?)?;
        let end = self
            .starts
            .get(number)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Formats one diagnostic, with `line`, the source line its position points into.
fn render_one(diagnostic: &Diagnostic, line: Option<&str>, renderer: &Renderer) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(diagnostic.message.as_str());
    let line_text = diagnostic.pos.zip(line);
    let mut relocated = None;
    let group = match line_text {
        Some((pos, line)) => {
            let span = match diagnostic.width {
                Some(width) => char_span(line, pos.column, width),
                None => token_span(line, pos.column),
            };
            let (shown, span) = clip(line, span);
            let snippet = Snippet::source(shown.clone())
                .line_start(pos.line)
                .path(diagnostic.path.as_str())
                .annotation(AnnotationKind::Primary.span(span.clone()));
            if shown.len() != line.len() {
                // The renderer counts the column within the piece shown; name the line's own.
                let shown_column = shown[..span.start].chars().count() + 1;
                relocated = Some((
                    format!("{}:{}:{shown_column}", diagnostic.path, pos.line),
                    format!("{}:{}:{}", diagnostic.path, pos.line, pos.column),
                ));
            }
            title.element(snippet)
        }
        None => {
            let mut origin = Origin::path(diagnostic.path.as_str());
            if let Some(pos) = diagnostic.pos {
                origin = origin.line(pos.line).char_column(pos.column);
            }
            title.element(origin)
        }
    };
    let mut report = vec![group];
    if let Some(help) = &diagnostic.help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    let rendered = renderer.render(&report).to_string();
    match relocated {
        Some((shown, real)) => rendered.replacen(&shown, &real, 1),
        None => rendered,
    }
}

/// The most of a source line a diagnostic shows: around its spot, a longer line is cut (a
/// 100,000-item flow list on one line would otherwise be printed, and measured, in full for
/// each of its errors).
const SHOWN_LINE: usize = 200;

/// `line` cut to about [`SHOWN_LINE`] bytes around `span` (on character boundaries, with
/// `...` where it was cut), and the span within the piece.
fn clip(line: &str, span: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    if line.len() <= SHOWN_LINE {
        return (line.to_string(), span);
    }
    let floor = |mut i: usize| {
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let end_of_span = floor(span.end.min(span.start + SHOWN_LINE / 2));
    let start = floor(span.start.saturating_sub(SHOWN_LINE / 4));
    let end = floor((end_of_span + SHOWN_LINE / 4).min(line.len()));
    let before = if start > 0 { "..." } else { "" };
    let after = if end < line.len() { "..." } else { "" };
    let shift = before.len() + span.start - start;
    let span = shift..shift + end_of_span.min(end).max(span.start) - span.start;
    (format!("{before}{}{after}", &line[start..end]), span)
}

/// The byte offset of the character numbered `chars` (0-based) in `line`, or its length.
fn byte_of_char(line: &str, chars: usize) -> usize {
    if line.is_ascii() {
        return chars.min(line.len());
    }
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(i, _)| i)
}

/// The byte range of `width` characters from the 1-based character `column` of `line`.
fn char_span(line: &str, column: usize, width: usize) -> std::ops::Range<usize> {
    let byte = |chars: usize| byte_of_char(line, chars);
    let start = byte(column.saturating_sub(1));
    start..byte(column.saturating_sub(1) + width.max(1)).max(start)
}

/// The byte range to underline for the 1-based character `column` of `line`: a quoted value
/// to its closing quote, a block value or list item to the end of the line (before a
/// comment), a flow list item to its `,` or `]`, a key to its colon.
fn token_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = byte_of_char(line, column.saturating_sub(1));
    let rest = &line[start..];
    let before = line[..start].trim_end().chars().next_back();
    let len = match (rest.chars().next(), before) {
        (Some(q @ ('"' | '\'')), _) => rest[1..].find(q).map_or(rest.len(), |i| i + 2),
        (_, Some('[' | ',' | '{')) => rest.find([',', ']', '}']).unwrap_or(rest.len()),
        (_, Some(':' | '-')) => rest.find(" #").unwrap_or(rest.len()),
        _ => rest
            .find(|c: char| c.is_whitespace() || c == ':')
            .unwrap_or(rest.len()),
    };
    let len = rest[..len].trim_end().len();
    start..start + len.max(rest.chars().next().map_or(0, char::len_utf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_is_by_file_then_position_and_drops_repeats() {
        let mut diagnostics = vec![
            Diagnostic::error("b.md", "x").at(Pos::new(1, 1)),
            Diagnostic::error("a.md", "y").at(Pos::new(9, 1)),
            Diagnostic::error("a.md", "z").at(Pos::new(2, 4)),
            Diagnostic::error("a.md", "z").at(Pos::new(2, 4)),
        ];
        sort(&mut diagnostics);
        let order: Vec<String> = diagnostics.iter().map(Diagnostic::location).collect();
        assert_eq!(order, ["a.md:2:4", "a.md:9:1", "b.md:1:1"]);
    }

    #[test]
    fn a_long_line_is_cut_around_the_spot_and_the_column_is_the_lines_own() {
        let line = format!("entities: [{}]", "abc, ".repeat(100) + "ünknown");
        let column = line.chars().count() - "ünknown]".chars().count() + 1;
        let (shown, span) = clip(&line, token_span(&line, column));
        assert_eq!(&shown[span], "ünknown");
        assert!(shown.starts_with("...") && shown.ends_with("ünknown]"));
        assert!(shown.len() < SHOWN_LINE);
        let lines = Lines::new(format!("a\r\n{line}\n"));
        assert_eq!(lines.line(1), Some("a"));
        assert_eq!(lines.line(3), Some(""));
        assert_eq!(lines.line(4), None);
        let diagnostic = Diagnostic::error("f.md", "unknown entity").at(Pos::new(2, column));
        let rendered = render_one(&diagnostic, lines.line(2), &Renderer::plain());
        assert!(
            rendered.contains(&format!(" --> f.md:2:{column}\n")),
            "{rendered}"
        );
        let shown_line = rendered.lines().find(|l| l.starts_with("2 | ")).unwrap();
        assert!(shown_line.starts_with("2 | ...") && shown_line.ends_with("abc, ünknown]"));
        assert!(shown_line.len() < SHOWN_LINE);
        // A long span of text that is not ASCII is cut on a character boundary.
        let wide = format!("quote: \"{}\"", "дом ".repeat(100));
        let (shown, span) = clip(&wide, token_span(&wide, 8));
        assert!(shown.is_char_boundary(span.start) && shown.is_char_boundary(span.end));
        let diagnostic_at_quote = Diagnostic::error("f.md", "x").at(Pos::new(1, 8));
        render_one(&diagnostic_at_quote, Some(&wide), &Renderer::plain());
        let styled = render_one(&diagnostic, lines.line(2), &Renderer::styled());
        assert!(styled.contains(&format!("f.md:2:{column}")), "{styled}");
    }

    #[test]
    fn token_span_covers_the_word_at_the_column() {
        assert_eq!(token_span("  article: nope-x", 12), 11..17);
        assert_eq!(token_span("  article: nope", 3), 2..9);
        assert_eq!(token_span("- é", 3), 2..4);
        assert_eq!(token_span("", 1), 0..0);
        assert_eq!(token_span("q: \"a b\" x", 4), 3..8);
        assert_eq!(token_span("quote: two words  # c", 8), 7..16);
        assert_eq!(token_span("e: [one two, three]", 5), 4..11);
    }
}
