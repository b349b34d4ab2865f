//! Characters no page, feed or data file may carry: the C0 control characters other than tab
//! and line breaks, and U+FFFE and U+FFFF.
//!
//! XML forbids them outright, so one in a title makes `feed.xml` unreadable to every feed
//! reader; HTML calls them parse errors; a terminal runs some of them as commands. They are
//! invisible in most editors, so they come from pasting or from YAML escapes (`"\x01"`), never
//! on purpose. Each is an error at its line and column, in the file's text or in a YAML value.

use crate::diagnostic::{escaped, Diagnostic, Pos};
use crate::model::origin::Positions;

/// True for a character no text of the site may hold. A carriage return is allowed only as
/// part of a line break (`\r\n`), which [`in_text`] checks.
pub fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The first forbidden character in `text`, the text of `path` from line `first_line` on (a
/// lone carriage return, not followed by a line feed, counts: XML would read it as one).
pub fn in_text(text: &str, path: &str, first_line: usize) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let at = text.char_indices().find_map(|(i, c)| {
        let lone_return = c == '\r' && bytes.get(i + 1) != Some(&b'\n');
        (forbidden(c) || lone_return).then_some((i, c))
    })?;
    let (i, c) = at;
    let before = &text[..i];
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let count = text.chars().filter(|&c| forbidden(c)).count().max(1);
    let more = match count {
        1 => String::new(),
        n => format!(" (and {} more in this file)", n - 1),
    };
    Some(
        Diagnostic::error(
            path,
            format!(
                "a control character ({}) in the text{more}: no page, feed or data file may hold it",
                escaped(c)
            ),
        )
        .at(Pos::new(first_line + line, column))
        .spanning(1)
        .with_help("delete it: it is invisible in most editors (some show it as ^A or a box), and feed readers reject a feed that holds one"),
    )
}

/// The values of a YAML document that hold a forbidden character written as an escape
/// (`title: "\x01"`): each an error at its value, by `positions`.
pub fn in_values(value: &serde_yaml::Value, path: &str, positions: &Positions) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Explicit stack: the YAML's nesting is bounded before it is parsed, but no recursion here.
    let mut stack = vec![(String::new(), value)];
    while let Some((at, value)) = stack.pop() {
        let join = |key: &str| match at.is_empty() {
            true => key.to_string(),
            false => format!("{at}.{key}"),
        };
        match value {
            serde_yaml::Value::String(text) => {
                if let Some(c) = text.chars().find(|&c| forbidden(c) || c == '\r') {
                    found.push((at, c));
                }
            }
            serde_yaml::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    stack.push((join(&i.to_string()), item));
                }
            }
            serde_yaml::Value::Mapping(map) => {
                for (key, item) in map {
                    let key = key.as_str().map_or_else(String::new, str::to_string);
                    if let Some(c) = key.chars().find(|&c| forbidden(c) || c == '\r') {
                        found.push((at.clone(), c));
                    }
                    stack.push((join(&key), item));
                }
            }
            serde_yaml::Value::Tagged(tagged) => stack.push((at, &tagged.value)),
            _ => {}
        }
    }
    found
        .into_iter()
        .map(|(key, c)| {
            let shown = if key.is_empty() { "a key" } else { key.as_str() };
            Diagnostic::error(
                path,
                format!(
                    "`{shown}` holds a control character ({}), written as an escape: no page, feed or data file may hold it",
                    escaped(c)
                ),
            )
            .at(positions.of(&key))
            .with_help("delete the escape that writes it (`\\x..`, `\\u....`, or a short one such as `\\e`, `\\0`, `\\b`) from the value")
        })
        .collect()
}
