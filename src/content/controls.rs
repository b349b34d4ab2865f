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

/// True for a character no YAML value may hold: a carriage return there is no line break.
fn forbidden_in_a_value(c: char) -> bool {
    forbidden(c) || c == '\r'
}

/// The first forbidden character in `text`, the text of `path` from line `first_line` on (a
/// lone carriage return, not followed by a line feed, counts: XML would read it as one).
pub fn in_text(text: &str, path: &str, first_line: usize) -> Option<Diagnostic> {
    let (i, c) = first_forbidden(text)?;
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

/// The first forbidden character of `text` and its byte, a lone carriage return included. A
/// pass over the bytes: every forbidden character starts with a byte below 0x20 or with 0xEF
/// (U+FFFE and U+FFFF), so no character is decoded until one of those is found.
fn first_forbidden(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(|&b| b < 0x20 || b == 0xef) {
        let i = from + at;
        let c = text[i..].chars().next()?;
        let lone_return = c == '\r' && bytes.get(i + 1) != Some(&b'\n');
        if forbidden(c) || lone_return {
            return Some((i, c));
        }
        from = i + c.len_utf8();
    }
    None
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
                if let Some(c) = text.chars().find(|&c| forbidden_in_a_value(c)) {
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
                    if let Some(c) = key.chars().find(|&c| forbidden_in_a_value(c)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_found_at_their_line_and_column() {
        let at = |text: &str| in_text(text, "a.md", 5).map(|d| (d.location(), d.message));
        assert_eq!(at("tab\tand\r\nlines\n¿ç ü﻿"), None);
        assert_eq!(
            at("a\nbé\u{1b}[2J"),
            Some((
                "a.md:6:3".to_string(),
                "a control character (\\x1b) in the text: no page, feed or data file may hold it"
                    .to_string()
            ))
        );
        assert_eq!(
            at("x\ry").unwrap().1,
            "a control character (\\x0d) in the text: no page, feed or data file may hold it"
        );
        assert_eq!(at("é\u{ffff}\u{fffe}").unwrap(), ("a.md:5:2".to_string(), "a control character (\\uFFFF) in the text (and 1 more in this file): no page, feed or data file may hold it".to_string()));
        assert_eq!(first_forbidden("\u{efff}\u{fffd}"), None);
    }
}
