//! Problems found in a site, as data.
//!
//! Every stage reports what is wrong with the input as [`Diagnostic`]s — a path relative to the
//! site root, a line and column where known, a message and a suggested fix — and keeps going, so
//! one run shows every problem at once. Nothing here decides an exit status; `main.rs` does.
//! [`render`] prints them the way rustc does, with the offending source line.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
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
    /// True when it only follows from another problem (named in its message): it is said
    /// after every root cause, so the fix comes first.
    pub consequence: bool,
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
            consequence: false,
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

    /// The same diagnostic as a consequence of the problem at `cause` (its location): the
    /// message says so, and it is shown after the root causes.
    pub fn following(mut self, cause: String) -> Self {
        self.message = format!("{} (because of the problem at {cause})", self.message);
        self.consequence = true;
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

    fn sort_key(&self) -> (bool, &str, Pos, Severity, &str) {
        (
            self.consequence,
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
        let (location, message) = (self.location(), &self.message);
        write!(
            f,
            "{}: {level}: {}",
            printable(&location),
            printable(message)
        )?;
        if let Some(help) = &self.help {
            write!(f, " (help: {})", printable(help))?;
        }
        Ok(())
    }
}

/// Puts diagnostics in a stable order (root causes before their consequences, then file,
/// position, severity, message) and drops repeats.
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
pub fn printed(diagnostics: &[Diagnostic], root: &Path, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let shown = shown(diagnostics);
    let mut sources: BTreeMap<&str, Option<Lines>> = BTreeMap::new();
    // Only the site's own files are shown: never a line of a file a link leads out to.
    let inside = crate::input::Inside::new(root);
    let mut columns = Columns::default();
    let mut out = String::new();
    for diagnostic in &shown {
        let diagnostic = diagnostic.as_ref();
        // A file is read only for a diagnostic that points into it.
        let line = diagnostic.pos.and_then(|pos| {
            let source = sources.entry(diagnostic.path.as_str()).or_insert_with(|| {
                let path = root.join(&diagnostic.path);
                let limit = crate::input::Limit::Content;
                // A file that is not UTF-8 is shown with its bad bytes as `�`.
                let lossy = || {
                    let bytes = inside.read(&path, &diagnostic.path, limit).ok()?;
                    Some(String::from_utf8_lossy(&bytes).into_owned())
                };
                let text = inside.read_text(&path, &diagnostic.path, limit).ok();
                text.or_else(lossy).map(Lines::new)
            });
            let line = source.as_ref()?.line(pos.line)?;
            Some((line, columns.byte(&diagnostic.path, pos, line)))
        });
        out.push_str(&render_one(diagnostic, line, &renderer));
        out.push_str("\n\n");
    }
    out
}

/// The most problems shown for one file; one line more says how many others there are.
pub const MOST_PER_FILE: usize = 50;

/// `diagnostics` (sorted) as they are shown: at most [`MOST_PER_FILE`] of each file, then one
/// that counts the rest of that file's ("and 699,950 more errors like these in this file"), as
/// severe as the worst of them. 700,000 errors on one line print in a moment, not 215 MB.
pub fn shown(diagnostics: &[Diagnostic]) -> Vec<std::borrow::Cow<'_, Diagnostic>> {
    let mut out = Vec::with_capacity(diagnostics.len().min(1024));
    for file in diagnostics.chunk_by(|a, b| a.path == b.path) {
        out.extend(
            file.iter()
                .take(MOST_PER_FILE)
                .map(std::borrow::Cow::Borrowed),
        );
        let rest = file.get(MOST_PER_FILE..).unwrap_or_default();
        if rest.is_empty() {
            continue;
        }
        let (errors, warnings) = count(rest);
        let plural = |n: usize, word: &str| match n {
            1 => format!("1 more {word}"),
            n => format!("{} more {word}s", crate::model::format::number(n as f64)),
        };
        let more = match (errors, warnings) {
            (0, w) => plural(w, "warning"),
            (e, 0) => plural(e, "error"),
            (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
        };
        let summary = Diagnostic {
            severity: if errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            },
            ..Diagnostic::error(&file[0].path, format!("and {more} like these in this file"))
        };
        out.push(std::borrow::Cow::Owned(summary.with_help(
            "fix the ones shown and check again: so many problems in one file usually come from one mistake, repeated",
        )));
    }
    out
}

/// Finds the byte of a column in a source line, going on from the last one found when it is
/// on the same line: diagnostics come sorted by position, so the thousands of errors of one long
/// line are placed in one pass over it, not one pass each.
#[derive(Default)]
struct Columns {
    /// The file and line of the last one, and its column (0-based) and byte.
    last: Option<(String, usize)>,
    chars: usize,
    byte: usize,
}

impl Columns {
    /// The byte of `pos`'s column in `line`, line `pos.line` of `path`.
    fn byte(&mut self, path: &str, pos: Pos, line: &str) -> usize {
        let wanted = pos.column.saturating_sub(1);
        let same_line = self
            .last
            .as_ref()
            .is_some_and(|(p, l)| *l == pos.line && p == path);
        if !same_line || wanted < self.chars || self.byte > line.len() {
            self.last = Some((path.to_string(), pos.line));
            (self.chars, self.byte) = (0, 0);
        }
        let rest = &line[self.byte..];
        (self.chars, self.byte) = match rest.char_indices().nth(wanted - self.chars) {
            Some((i, _)) => (wanted, self.byte + i),
            None => (self.chars + rest.chars().count(), line.len()),
        };
        self.byte
    }
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

/// True for a character of content that a terminal could take as a command, or that would
/// make a line read other than it is: C0 controls but tab and line feed, DEL, C1 controls
/// (`\u{9b}` starts a command on some terminals), and the bidirectional overrides and isolates.
fn unsafe_to_print(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A character as an escape an editor can search for: `\x1b`, `\uFFFE`.
pub fn escaped(c: char) -> String {
    match u32::from(c) {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n => format!("\\u{n:04X}"),
    }
}

/// `text` with every character [`unsafe_to_print`] written as an escape (`\x1b`, `\u202E`),
/// so that no file name, article text or value in a message can clear the screen, set the
/// window title or reorder what is shown.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unsafe_to_print) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            c if unsafe_to_print(c) => escaped(c),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// `piece`, the part of a source line shown under a message, with each C1 control replaced by
/// `�`, and `span` moved to match. (The renderer shows C0 controls, DEL and the bidirectional
/// controls as visible characters itself, but passes C1 controls through.)
fn shown_piece(piece: String, span: Range<usize>) -> (String, Range<usize>) {
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !piece.chars().any(c1) {
        return (piece, span);
    }
    let mut shown = String::with_capacity(piece.len() + 8);
    let (mut start, mut end) = (None, None);
    for (i, c) in piece.char_indices() {
        if i == span.start {
            start = Some(shown.len());
        }
        if i == span.end {
            end = Some(shown.len());
        }
        shown.push(if c1(c) { '\u{fffd}' } else { c });
    }
    let start = start.unwrap_or(shown.len());
    let end = end.unwrap_or(shown.len()).max(start);
    (shown, start..end)
}

/// Formats one diagnostic, with `line`, the source line its position points into and the byte
/// of its column there. Content reaches the terminal only through [`printable`] and
/// [`shown_piece`].
fn render_one(diagnostic: &Diagnostic, line: Option<(&str, usize)>, renderer: &Renderer) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = printable(&diagnostic.message);
    let title = level.primary_title(message.as_ref());
    let path = printable(&diagnostic.path);
    let path = path.as_ref();
    let line_text = diagnostic.pos.zip(line);
    let mut relocated = None;
    let group = match line_text {
        Some((pos, (line, start))) => {
            let span = match diagnostic.width {
                Some(width) => char_span(line, start, width),
                None => token_span(line, start),
            };
            let (shown, span) = clip(line, span);
            let (shown, span) = shown_piece(shown, span);
            let snippet = Snippet::source(shown.clone())
                .line_start(pos.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span.clone()));
            if shown.len() != line.len() {
                // The renderer counts the column within the piece shown; name the line's own.
                let shown_column = shown[..span.start].chars().count() + 1;
                relocated = Some((
                    format!("{path}:{}:{shown_column}", pos.line),
                    format!("{path}:{}:{}", pos.line, pos.column),
                ));
            }
            title.element(snippet)
        }
        // A problem of no file (a port that is taken) is its message alone.
        None if path.is_empty() => Group::with_title(title),
        None => {
            let mut origin = Origin::path(path);
            if let Some(pos) = diagnostic.pos {
                origin = origin.line(pos.line).char_column(pos.column);
            }
            title.element(origin)
        }
    };
    let mut report = vec![group];
    let help = diagnostic.help.as_deref().map(printable);
    if let Some(help) = &help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(help.as_ref()),
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

/// The byte range of `width` characters from the byte `start` of `line`.
fn char_span(line: &str, start: usize, width: usize) -> Range<usize> {
    let rest = &line[start..];
    let end = rest
        .char_indices()
        .nth(width.max(1))
        .map_or(rest.len(), |(i, _)| i);
    start..start + end
}

/// The byte range to underline from the byte `start` of `line`: a quoted value to its closing
/// quote, a block value or list item to the end of the line (before a comment), a flow list
/// item to its `,` or `]`, a key to its colon.
fn token_span(line: &str, start: usize) -> Range<usize> {
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

    /// The byte of the 1-based `column` of `line`.
    fn byte_at(line: &str, column: usize) -> usize {
        Columns::default().byte("f.md", Pos::new(1, column), line)
    }

    /// [`token_span`] at the 1-based `column` of `line`.
    fn span_at(line: &str, column: usize) -> Range<usize> {
        token_span(line, byte_at(line, column))
    }

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
        let (shown, span) = clip(&line, span_at(&line, column));
        assert_eq!(&shown[span], "ünknown");
        assert!(shown.starts_with("...") && shown.ends_with("ünknown]"));
        assert!(shown.len() < SHOWN_LINE);
        let lines = Lines::new(format!("a\r\n{line}\n"));
        assert_eq!(lines.line(1), Some("a"));
        assert_eq!(lines.line(3), Some(""));
        assert_eq!(lines.line(4), None);
        let diagnostic = Diagnostic::error("f.md", "unknown entity").at(Pos::new(2, column));
        let rendered = render_one(
            &diagnostic,
            lines.line(2).map(|l| (l, byte_at(l, column))),
            &Renderer::plain(),
        );
        assert!(
            rendered.contains(&format!(" --> f.md:2:{column}\n")),
            "{rendered}"
        );
        let shown_line = rendered.lines().find(|l| l.starts_with("2 | ")).unwrap();
        assert!(shown_line.starts_with("2 | ...") && shown_line.ends_with("abc, ünknown]"));
        assert!(shown_line.len() < SHOWN_LINE);
        // A long span of text that is not ASCII is cut on a character boundary.
        let wide = format!("quote: \"{}\"", "дом ".repeat(100));
        let (shown, span) = clip(&wide, span_at(&wide, 8));
        assert!(shown.is_char_boundary(span.start) && shown.is_char_boundary(span.end));
        let diagnostic_at_quote = Diagnostic::error("f.md", "x").at(Pos::new(1, 8));
        render_one(
            &diagnostic_at_quote,
            Some((&wide, byte_at(&wide, 8))),
            &Renderer::plain(),
        );
        let styled = render_one(
            &diagnostic,
            lines.line(2).map(|l| (l, byte_at(l, column))),
            &Renderer::styled(),
        );
        assert!(styled.contains(&format!("f.md:2:{column}")), "{styled}");
    }

    #[test]
    fn token_span_covers_the_word_at_the_column() {
        assert_eq!(span_at("  article: nope-x", 12), 11..17);
        assert_eq!(span_at("  article: nope", 3), 2..9);
        assert_eq!(span_at("- é", 3), 2..4);
        assert_eq!(span_at("", 1), 0..0);
        assert_eq!(span_at("q: \"a b\" x", 4), 3..8);
        assert_eq!(span_at("quote: two words  # c", 8), 7..16);
        assert_eq!(span_at("e: [one two, three]", 5), 4..11);
    }

    #[test]
    fn columns_of_one_line_are_found_going_on_from_the_last() {
        let line = "é, ü, x, дом";
        let mut columns = Columns::default();
        let found: Vec<usize> = [1, 4, 7, 10, 4, 99]
            .iter()
            .map(|&c| columns.byte("f.md", Pos::new(3, c), line))
            .collect();
        assert_eq!(found, [0, 4, 8, 11, 4, line.len()]);
        // Another line starts over.
        assert_eq!(columns.byte("f.md", Pos::new(4, 2), "ab"), 1);
        assert_eq!(columns.byte("g.md", Pos::new(4, 2), "éb"), 2);
    }

    #[test]
    fn a_file_shows_its_first_problems_and_counts_the_rest() {
        let mut diagnostics: Vec<Diagnostic> = (1..=MOST_PER_FILE + 1200)
            .map(|n| Diagnostic::error("a.md", format!("unknown entity `q{n}`")).at(Pos::new(1, n)))
            .collect();
        diagnostics.push(Diagnostic::warning("a.md", "w").at(Pos::new(2, 1)));
        diagnostics.push(Diagnostic::warning("b.md", "w"));
        let shown: Vec<String> = shown(&diagnostics).iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), MOST_PER_FILE + 2);
        assert_eq!(shown[0], "a.md:1:1: error: unknown entity `q1`");
        assert_eq!(
            shown[MOST_PER_FILE],
            "a.md: error: and 1,200 more errors and 1 more warning like these in this file (help: fix the ones shown and check again: so many problems in one file usually come from one mistake, repeated)"
        );
        assert_eq!(shown[MOST_PER_FILE + 1], "b.md: warning: w");
    }
}
