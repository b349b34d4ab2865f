//! YAML into typed structs, with the line of every key and value.
//!
//! serde_yaml (the maintained `yaml_serde`) parses and reports syntax and type errors with a
//! location, but it gives no position for values that parse fine, reports only the first
//! unknown key, and places a duplicate key at the start of its mapping. Editors need more: a
//! quote that is not in its article must be reported at its own `quote:` line, every misspelt
//! key at once with the nearest known key, and a duplicate key where it is written.
//!
//! So [`parse`] first runs a small line scanner over the block-style YAML that content files are
//! written in. It records the position of every key and value by path (`sources.1.quote`),
//! finds duplicate keys, and checks every key against the fields of the struct it belongs to
//! (taken from the struct's own `Deserialize` impl, so the lists never drift). Only when that is
//! clean does serde deserialize the typed value. The scanner never decides what a value *is*;
//! it only says where things are, and falls back to the nearest enclosing key when unsure.

use serde::de::{self, DeserializeOwned, Visitor};
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::origin::{Places, Positions};

/// Which keys are allowed where: `(path pattern, fields)`, where a pattern is a dotted path in
/// which `*` matches any one key or index (`""` is the top level, `sources.*` each source).
pub type Schema<'a> = &'a [(&'a str, &'static [&'static str])];

/// Parses `text` (YAML that starts on line `first_line` of the file at `path`) into `T`.
///
/// Every duplicate key and every key not in `schema` is reported, each at its own line with the
/// nearest known key; otherwise the first syntax or type error serde finds. Empty YAML is read
/// as an empty mapping.
pub fn parse<T: DeserializeOwned + schemars::JsonSchema>(
    text: &str,
    path: &str,
    first_line: usize,
    schema: Schema,
) -> Result<(T, Positions), Vec<Diagnostic>> {
    if let Some(line) = tab_indented(text) {
        return Err(vec![Diagnostic::error(
            path,
            "a tab is used for indentation: YAML allows only spaces there",
        )
        .at(Pos::new(line + first_line, 1))
        .with_help(
            "indent with spaces (two per level); set your editor to insert spaces for Tab in YAML",
        )]);
    }
    if let Some(control) = super::controls::in_text(text, path, first_line) {
        return Err(vec![control]);
    }
    if let Some(line) = too_deep(text) {
        return Err(vec![Diagnostic::error(
            path,
            format!("the YAML is nested deeper than {MAX_DEPTH} levels"),
        )
        .at(Pos::new(line + first_line - 1, 1))
        .with_help("flatten it: content files need only a few levels")]);
    }
    let (places, duplicates) = locate(text);
    let places = places.below(first_line - 1);
    let mut problems: Vec<Diagnostic> = duplicates
        .into_iter()
        .map(|(key_path, pos, first)| {
            Diagnostic::error(
                path,
                format!("duplicate key `{}`", last_segment(&key_path)),
            )
            .at(pos.below(first_line - 1))
            .with_help(format!(
                "it is already set on line {}; keep one of them, a second one would silently replace the first",
                first.line + first_line - 1
            ))
        })
        .collect();
    problems.extend(unknown_keys(&places, schema, path));
    if !problems.is_empty() {
        return Err(problems);
    }
    let has_content = text
        .lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let source = if has_content { text } else { "{}" };
    let value = serde_yaml::from_str::<T>(source).map_err(|err| {
        let diagnostic = serde_error(&err, path, first_line);
        let line = err.location().map_or(0, |l| l.line());
        vec![match list_without_key(text, line) {
            Some(item) => missing_list_key::<T>(diagnostic, text, item, first_line),
            None => diagnostic,
        }]
    })?;
    let positions: Positions = places.into();
    // A value may hold a control character only through an escape, and escapes start with `\`.
    if text.contains('\\') {
        let values = serde_yaml::from_str::<serde_yaml::Value>(source).unwrap_or_default();
        let problems = super::controls::in_values(&values, path, &positions);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    Ok((value, positions))
}

/// The syntax error of a list item at line `item` of `text` with no key above it, said as such:
/// at the item's dash, with the keys of `T` that take a list.
fn missing_list_key<T: schemars::JsonSchema>(
    diagnostic: Diagnostic,
    text: &str,
    item: usize,
    first_line: usize,
) -> Diagnostic {
    let line = text.lines().nth(item - 1).unwrap_or("");
    let keys = list_keys::<T>();
    // A source is the one list item with keys of its own.
    let likely = line.contains("article:") && keys.iter().any(|k| k == "sources");
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}:`")).collect();
    let dash = line.len() - line.trim_start().len();
    Diagnostic {
        message: "YAML syntax error: a list with no key above it".to_string(),
        ..diagnostic
    }
    .at(Pos::new(item + first_line - 1, dash + 1))
    .with_help(format!(
        "a key is missing on the line above this `- ` item{}; the keys that take a list here are {}",
        if likely { " (most likely `sources:`)" } else { "" },
        crate::model::format::listed(&quoted, "and")
    ))
}

/// The keys whose value is a list in a file read as `T` (a struct, or a map of slugs to
/// structs), sorted: what an error about a list with no key above it offers.
pub fn list_keys<T: schemars::JsonSchema>() -> Vec<String> {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    let root = schema.as_value();
    let fields = match root.pointer("/additionalProperties/$ref") {
        Some(serde_json::Value::String(reference)) => reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer)),
        _ => Some(root),
    };
    let Some(serde_json::Value::Object(properties)) = fields.and_then(|f| f.get("properties"))
    else {
        return Vec::new();
    };
    let is_list = |v: &serde_json::Value| match v.get("type") {
        Some(serde_json::Value::String(t)) => t == "array",
        Some(serde_json::Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    };
    properties
        .iter()
        .filter(|(_, v)| is_list(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The line (1-based) of the list item at or just before `line` when nothing above it opens a
/// list: the content line before the item is a `key: value` complete on its line, as when an
/// editor deletes the `sources:` over its `- article:` items.
fn list_without_key(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    let is_content = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let at = lines.iter().rposition(|l| is_content(l))?;
    let above = lines[..at].iter().rev().find(|l| is_content(l))?;
    let (item, above) = (lines[at], *above);
    let indent = |l: &str| l.len() - l.trim_start().len();
    let trimmed = (item.trim_start(), above.trim_start());
    let is_item = trimmed.0 == "-" || trimmed.0.starts_with("- ");
    // `key: value` complete on its line: no list or mapping opens under it.
    let complete =
        trimmed.1.contains(": ") && !trimmed.1.ends_with(':') && !trimmed.1.starts_with('-');
    (is_item && complete && indent(item) >= indent(above)).then_some(at + 1)
}

/// The first line (0-based) indented with a tab, outside the text of a `|` or `>` block (where
/// a tab after the block's indentation is part of the text, as YAML has it).
fn tab_indented(text: &str) -> Option<usize> {
    // The indentation of the line that opened the block scalar being read, if any.
    let mut block: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if let Some(parent) = block {
            if content.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        if content.starts_with('\t') && !content.trim().is_empty() {
            return Some(n);
        }
        if opens_block_scalar(content) {
            block = Some(indent);
        }
    }
    None
}

/// Whether a line ends with a block scalar's header (`key: |`, `- >-`, `key: |2 # text`).
fn opens_block_scalar(content: &str) -> bool {
    let code = match content.find(" #") {
        Some(i) => &content[..i],
        None => content,
    }
    .trim_end();
    let (before, header) = match code.rfind(' ') {
        Some(i) => (&code[..i], &code[i + 1..]),
        None => ("", code),
    };
    let mut chars = header.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '+' || c == '-' || c.is_ascii_digit())
        && (before.is_empty() || before.ends_with(':') || before.ends_with('-'))
}

/// The deepest YAML may nest: mappings, sequences and flow collections together.
pub const MAX_DEPTH: usize = 64;

/// The first line (1-based) at which `text` nests deeper than [`MAX_DEPTH`], read cheaply
/// before any parser (ours or serde's) recurses into it: indentation, `- - -` items on one
/// line, and `[`/`{` flow collections (outside quoted values).
fn too_deep(text: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (n, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        if flow == 0 && (content.trim().is_empty() || content.starts_with('#')) {
            continue;
        }
        let indent = line.len() - content.len();
        if flow == 0 {
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut rest = content;
        let mut dashes = 0;
        while rest == "-" || rest.starts_with("- ") {
            dashes += 1;
            rest = rest[1..].trim_start_matches(' ');
        }
        let mut deepest = flow;
        let mut value_start = true;
        let mut chars = rest.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            match c {
                '[' | '{' if value_start || flow > 0 => {
                    flow += 1;
                    deepest = deepest.max(flow);
                    value_start = true;
                    continue;
                }
                ']' | '}' if flow > 0 => flow -= 1,
                '"' | '\'' if value_start => {
                    // A quoted value: skip to its closing quote.
                    let mut escaped = false;
                    for (_, d) in chars.by_ref() {
                        if c == '"' && d == '\\' && !escaped {
                            escaped = true;
                            continue;
                        }
                        if d == c && !escaped {
                            break;
                        }
                        escaped = false;
                    }
                }
                '#' if value_start => break,
                _ => {}
            }
            value_start = matches!(c, ':' | ',' | ' ') && (value_start || c != ' ');
        }
        if indents.len() + dashes + deepest > MAX_DEPTH {
            return Some(n + 1);
        }
    }
    None
}

/// The fields of a struct, read from its `Deserialize` impl.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

pub use crate::model::nearest;

fn last_segment(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn unknown_keys(places: &Places, schema: Schema, path: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key_path, pos) in &places.keys {
        let (parent, key) = match key_path.rfind('.') {
            Some(i) => (&key_path[..i], &key_path[i + 1..]),
            None => ("", key_path.as_str()),
        };
        let Some((_, fields)) = schema.iter().find(|(pattern, _)| matches(pattern, parent)) else {
            continue;
        };
        if fields.contains(&key) {
            continue;
        }
        let mut diagnostic = Diagnostic::error(path, format!("unknown key `{key}`")).at(*pos);
        // A key of another level, written at this one, is indented wrongly.
        let elsewhere = schema
            .iter()
            .find(|(pattern, other)| !matches(pattern, parent) && other.contains(&key));
        diagnostic = match (elsewhere, super::meaning::suggest(key, fields)) {
            (Some(("", _)), _) => {
                let list = parent.split('.').next().unwrap_or(parent);
                diagnostic.message = format!("`{key}` is not indented where it belongs");
                diagnostic.with_help(format!(
                    "`{key}` is a key of the whole file, not of an item of `{list}`: write it at the start of a line, before `{list}:`"
                ))
            }
            (Some((pattern, _)), _) => {
                let owner = pattern.trim_end_matches(".*");
                diagnostic.message = format!("`{key}` is not indented where it belongs");
                diagnostic.with_help(format!(
                    "`{key}` belongs to each item of `{owner}`: indent it under its `- ` line, aligned with the key after the dash"
                ))
            }
            (None, Some(near)) => diagnostic.with_help(format!(
                "did you mean `{near}`? The keys here are: {}",
                fields.join(", ")
            )),
            (None, None) => {
                diagnostic.with_help(format!("the keys here are: {}", fields.join(", ")))
            }
        };
        problems.push(diagnostic);
    }
    problems
}

fn matches(pattern: &str, path: &str) -> bool {
    if pattern.is_empty() || path.is_empty() {
        return pattern.is_empty() && path.is_empty();
    }
    let mut segments = path.split('.');
    pattern
        .split('.')
        .all(|p| segments.next().is_some_and(|s| p == "*" || p == s))
        && segments.next().is_none()
}

/// Turns a serde_yaml error into a diagnostic at its location, with the location text taken
/// out of the message and a "did you mean" for unknown names.
fn serde_error(err: &serde_yaml::Error, path: &str, first_line: usize) -> Diagnostic {
    let message = shift_locations(&err.to_string(), first_line - 1);
    let pos = err
        .location()
        .map(|l| Pos::new(l.line() + first_line - 1, l.column()));
    let is_syntax = !message.contains(": ") || message.contains("while ");
    let mut diagnostic = Diagnostic::error(path, editor_words(&message)).at(pos);
    if let Some(help) = suggestion(&message).or_else(|| type_hint(&message)) {
        diagnostic = diagnostic.with_help(help);
    } else if let Some((within, field)) = message.split_once("missing field `") {
        let field = field.trim_end_matches('`');
        diagnostic.message = format!("{within}the required key `{field}` is missing");
        diagnostic = diagnostic.with_help(format!("add `{field}:` with its value"));
    } else if is_syntax {
        let (what, help) = if message.contains("mapping values are not allowed") {
            (
                "a `key: value` where none can be",
                "if a value holds `: `, put the whole value in quotes (`claim: \"He said: yes\"`); if this is a key, indent it like the keys beside it",
            )
        } else if message.contains("did not find expected key")
            || message.contains("did not find expected '-'")
        {
            (
                "a value ends where it should not (often a `\"` inside a double-quoted value)",
                "write an inner quote as `\\\"`, or put the value in single quotes; check that list items are indented alike",
            )
        } else {
            (
                message.as_str(),
                "check the YAML above this point: every quote closed, `key: value` with a space after the colon, list items indented alike",
            )
        };
        diagnostic.message = format!("YAML syntax error: {what}");
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// serde's words for a type error in an editor's: "value: invalid type: string \"5 billion\",
/// expected f64" -> "value: the text \"5 billion\" where a number is expected".
fn editor_words(message: &str) -> String {
    if let Some(words) = out_of_range(message) {
        return words;
    }
    if let Some((at, rest)) = message.split_once("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = match found.split_once(' ') {
                Some(("string", text)) => format!("the text {text}"),
                Some(("integer" | "floating", number)) => {
                    format!("the number {}", number_written(number))
                }
                Some(("boolean", b)) => format!("`{}`", b.trim_matches('`')),
                _ => match found {
                    "sequence" => "a list".to_string(),
                    "map" => "keys and values".to_string(),
                    "unit value" => "nothing".to_string(),
                    other => other.to_string(),
                },
            };
            let expected = match expected {
                e if [
                    "f64", "f32", "u64", "i64", "u32", "i32", "u16", "u8", "usize",
                ]
                .contains(&e) =>
                {
                    "a number"
                }
                "a string" => "text",
                "a sequence" => "a list",
                "a boolean" => "true or false",
                "an array of length 2" => "a list of two numbers",
                e if e.starts_with("struct ") || e == "a map" => "keys and values",
                e => e,
            };
            return format!("{at}{found} where {expected} is expected");
        }
    }
    if let Some((at, rest)) = message.split_once("unknown variant `") {
        if let Some((name, _)) = rest.split_once('`') {
            return format!("{at}`{name}` is not one of the values allowed here");
        }
    }
    message.to_string()
}

/// The number in serde's words for one (`` `18446744073709551616` as u128 ``, `` point `1.5` ``).
fn number_written(words: &str) -> &str {
    let words = words.trim_start_matches("point ");
    match words.split('`').nth(1) {
        Some(number) => number,
        None => words,
    }
}

/// serde's words for a whole number too large or below zero for its key ("page_size: invalid
/// type: integer `18446744073709551616` as u128, expected usize") in an editor's: "page_size:
/// the number 18446744073709551616 is out of range: write a whole number from 0 to …".
fn out_of_range(message: &str) -> Option<String> {
    let (at, rest) = message
        .split_once("invalid type: integer ")
        .or_else(|| message.split_once("invalid value: integer "))?;
    let (found, expected) = rest.split_once(", expected ")?;
    let most: u64 = match expected {
        "u8" => u8::MAX.into(),
        "u16" => u16::MAX.into(),
        "u32" => u32::MAX.into(),
        "u64" | "usize" => u64::MAX,
        _ => return None,
    };
    Some(format!(
        "{at}the number {} is out of range here: write a whole number from 0 to {most}",
        number_written(found)
    ))
}

/// Drops the first ` at line N column M` of a serde_yaml message (it becomes the diagnostic's
/// position) and moves the others down by `lines`, to count from the top of the file.
fn shift_locations(message: &str, lines: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut first = true;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let line: usize = after[..digits].parse().unwrap_or(0);
        let tail = &after[digits..];
        let col_len = tail
            .strip_prefix(" column ")
            .map(|t| " column ".len() + t.bytes().take_while(u8::is_ascii_digit).count())
            .unwrap_or(0);
        if !first {
            out.push_str(&format!(" at line {}{}", line + lines, &tail[..col_len]));
        }
        first = false;
        rest = &tail[col_len..];
    }
    out.push_str(rest);
    out
}

/// What to write instead, for the common type errors.
fn type_hint(message: &str) -> Option<String> {
    let hint = if message.contains("expected f64")
        || message.contains("expected an array of length 2")
    {
        "write figures as plain numbers: `value: 5000000000` (not `5 billion` or `$5B`), `range: [5000, 7000]`"
    } else if message.contains("a date as")
        || message.contains("is not a date")
        || message.contains("has no month")
        || message.contains("is not a day")
    {
        "dates are YYYY, YYYY-MM or YYYY-MM-DD; give only the parts the source states"
    } else if message.contains("expected a sequence") {
        "write a list: `[a, b]`, or one `- item` per line"
    } else if message.contains("expected a boolean") {
        "write `true` or `false`"
    } else if message.contains("expected a string") {
        "write text here; put it in quotes if it starts with a special character"
    } else {
        return None;
    };
    Some(hint.to_string())
}

/// For serde's "unknown variant `x`, expected one of `a`, `b`" messages: the nearest name.
fn suggestion(message: &str) -> Option<String> {
    let rest = message
        .split_once("unknown variant `")
        .or_else(|| message.split_once("unknown field `"))?
        .1;
    let (unknown, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match super::meaning::suggest(unknown, &names) {
        Some(near) => Some(format!(
            "did you mean `{near}`? The values allowed here are: {}",
            names.join(", ")
        )),
        None => Some(format!("use one of: {}", names.join(", "))),
    }
}

/// A deserializer that records the field list a derived `Deserialize` asks for, then stops.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> de::Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

// ---------------------------------------------------------------------------------------------
// The line scanner.

/// An open block collection while scanning: a mapping or a sequence at some indentation.
struct Frame {
    indent: usize,
    path: String,
    next_index: Option<usize>,
}

struct Scanner {
    positions: Places,
    duplicates: Vec<(String, Pos, Pos)>,
    stack: Vec<Frame>,
    /// The last key (or `-` item) with nothing after it: a nested block may follow.
    open: Option<(String, usize)>,
    /// Lines indented deeper than this belong to the previous scalar (multi-line values).
    skip_deeper_than: Option<usize>,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn column(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

/// Scans block-style YAML and returns the positions of keys and values, and the duplicate keys
/// as `(path, position, position of the first one)`.
fn locate(text: &str) -> (Places, Vec<(String, Pos, Pos)>) {
    let mut scanner = Scanner {
        positions: Places::default(),
        duplicates: Vec::new(),
        stack: Vec::new(),
        open: None,
        skip_deeper_than: None,
    };
    for (index, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(limit) = scanner.skip_deeper_than {
            if indent > limit {
                continue;
            }
            scanner.skip_deeper_than = None;
        }
        if indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
            continue;
        }
        scanner.node(line, indent, index + 1);
    }
    (scanner.positions, scanner.duplicates)
}

impl Scanner {
    /// Handles the node that starts at byte `start` of `line` (its indentation column).
    fn node(&mut self, line: &str, start: usize, line_no: usize) {
        let content = &line[start..];
        let is_item = content == "-" || content.starts_with("- ");
        while let Some(top) = self.stack.last() {
            let ends_sequence = top.indent == start && top.next_index.is_some() && !is_item;
            if top.indent > start || ends_sequence {
                self.stack.pop();
            } else {
                break;
            }
        }
        if is_item {
            self.item(line, start, line_no);
        } else if let Some((key, value_at)) = split_key(content) {
            self.key(line, start, start + value_at, &key, line_no);
        }
    }

    fn parent_for(&mut self, indent: usize) -> String {
        match self.open.take() {
            Some((path, open_indent)) if open_indent <= indent => path,
            _ => self
                .stack
                .last()
                .map(|f| f.path.clone())
                .unwrap_or_default(),
        }
    }

    fn item(&mut self, line: &str, dash: usize, line_no: usize) {
        let index = match self.stack.last_mut() {
            Some(top) if top.indent == dash && top.next_index.is_some() => {
                let index = top.next_index.unwrap_or(0);
                top.next_index = Some(index + 1);
                self.open = None;
                index
            }
            _ => {
                let path = self.parent_for(dash);
                self.stack.push(Frame {
                    indent: dash,
                    path,
                    next_index: Some(1),
                });
                0
            }
        };
        let item_path = join(
            self.stack.last().map(|f| f.path.as_str()).unwrap_or(""),
            &index.to_string(),
        );
        let after_dash = &line[dash + 1..];
        let rest = after_dash.trim_start_matches(' ');
        let rest_at = line.len() - rest.len();
        if rest.is_empty() || rest.starts_with('#') {
            self.open = Some((item_path, dash));
        } else if rest == "-" || rest.starts_with("- ") {
            self.open = Some((item_path, dash));
            self.node(line, rest_at, line_no);
        } else if let Some((key, value_at)) = split_key(rest) {
            self.stack.push(Frame {
                indent: rest_at,
                path: item_path,
                next_index: None,
            });
            self.key(line, rest_at, rest_at + value_at, &key, line_no);
        } else {
            self.value(line, rest_at, &item_path, line_no, dash);
        }
    }

    fn key(&mut self, line: &str, at: usize, value_at: usize, key: &str, line_no: usize) {
        let parent = match self.stack.last() {
            Some(top) if top.indent == at && top.next_index.is_none() => {
                self.open = None;
                top.path.clone()
            }
            _ => {
                let path = self.parent_for(at);
                self.stack.push(Frame {
                    indent: at,
                    path: path.clone(),
                    next_index: None,
                });
                path
            }
        };
        let mut key_path = join(&parent, key);
        let pos = Pos::new(line_no, column(line, at));
        if let Some(first) = self.positions.keys.get(&key_path) {
            self.duplicates.push((key_path.clone(), pos, *first));
            // What is nested under the duplicate is not reported a second time.
            key_path = format!("{key_path}#{line_no}");
        } else {
            self.positions.keys.insert(key_path.clone(), pos);
        }
        let value = line[value_at..].trim_start_matches(' ');
        if value.is_empty() || value.starts_with('#') {
            self.open = Some((key_path, at));
        } else {
            let value_at = line.len() - value.len();
            self.value(line, value_at, &key_path, line_no, at);
        }
    }

    /// A value that is not a block collection: a scalar or a flow collection at byte `at`.
    /// Deeper lines after it are its continuation.
    fn value(&mut self, line: &str, at: usize, path: &str, line_no: usize, owner_indent: usize) {
        let (value_at, value) = skip_properties(line, at);
        self.positions
            .values
            .insert(path.to_string(), Pos::new(line_no, column(line, value_at)));
        if value.starts_with('[') || value.starts_with('{') {
            let mut flow = Flow {
                line,
                at: value_at,
                line_no,
                scanner: self,
                counted: std::cell::Cell::new((0, 1)),
            };
            flow.value(path);
        }
        self.skip_deeper_than = Some(owner_indent);
    }
}

/// Skips anchors (`&a`) and tags (`!t`) before a value; returns where the value starts.
fn skip_properties(line: &str, mut at: usize) -> (usize, &str) {
    loop {
        let rest = &line[at..];
        if rest.starts_with('&') || rest.starts_with('!') {
            let end = rest.find(' ').unwrap_or(rest.len());
            let next = rest[end..].trim_start_matches(' ');
            at = line.len() - next.len();
            if next.is_empty() {
                return (at, next);
            }
        } else {
            return (at, rest);
        }
    }
}

/// Splits `key: value` (or `key:` at the end of the line) and returns the key and the byte
/// offset just after the colon. Quoted keys are unquoted.
fn split_key(content: &str) -> Option<(String, usize)> {
    let first = content.chars().next()?;
    if first == '"' || first == '\'' {
        let close = content[1..].find(first)? + 1;
        let after = &content[close + 1..];
        let after_colon = after.strip_prefix(':')?;
        if after_colon.is_empty() || after_colon.starts_with(' ') {
            return Some((content[1..close].to_string(), close + 2));
        }
        return None;
    }
    if "[{#&!*|>%@`".contains(first) {
        return None;
    }
    let mut search = 0;
    while let Some(i) = content[search..].find(':') {
        let colon = search + i;
        let after = &content[colon + 1..];
        if after.is_empty() || after.starts_with(' ') {
            let key = content[..colon].trim_end();
            if key.contains(" #") {
                return None;
            }
            return Some((key.to_string(), colon + 1));
        }
        search = colon + 1;
    }
    None
}

/// A flow collection (`[a, b]`, `{k: v}`) on one line: records its items' and keys' positions.
/// Stops quietly at the end of the line; the collection may go on below, where serde reads it.
struct Flow<'l, 's> {
    line: &'l str,
    at: usize,
    line_no: usize,
    scanner: &'s mut Scanner,
    /// The last byte whose column is known, and that column: columns are counted on from
    /// there, so a long line is read once, not once per item.
    counted: std::cell::Cell<(usize, usize)>,
}

impl Flow<'_, '_> {
    fn peek(&self) -> Option<char> {
        self.line[self.at..].chars().next()
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.at += 1;
        }
    }

    fn pos(&self) -> Pos {
        let (byte, column) = self.counted.get();
        let column = if self.at >= byte {
            column + self.line[byte..self.at].chars().count()
        } else {
            self::column(self.line, self.at)
        };
        self.counted.set((self.at, column));
        Pos::new(self.line_no, column)
    }

    fn value(&mut self, path: &str) {
        self.skip_spaces();
        match self.peek() {
            Some('[') => self.collection(path, ']'),
            Some('{') => self.collection(path, '}'),
            Some(q @ ('"' | '\'')) => {
                self.at += 1;
                while let Some(c) = self.peek() {
                    self.at += c.len_utf8();
                    if c == '\\' && q == '"' {
                        if let Some(escaped) = self.peek() {
                            self.at += escaped.len_utf8();
                        }
                    } else if c == q {
                        break;
                    }
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | ']' | '}') {
                        break;
                    }
                    self.at += c.len_utf8();
                }
            }
        }
    }

    fn collection(&mut self, path: &str, close: char) {
        self.at += 1;
        let mut index = 0;
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.at += 1;
                    return;
                }
                Some(',') => {
                    self.at += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.at;
            if close == ']' {
                let item = join(path, &index.to_string());
                self.scanner
                    .positions
                    .values
                    .insert(item.clone(), self.pos());
                self.value(&item);
                index += 1;
            } else {
                let rest = &self.line[self.at..];
                let end = rest.find([':', ',', '}']).unwrap_or(rest.len());
                let key = rest[..end].trim().trim_matches(|c| c == '"' || c == '\'');
                let key_path = join(path, key);
                let pos = self.pos();
                if let Some(first) = self.scanner.positions.keys.get(&key_path) {
                    self.scanner
                        .duplicates
                        .push((key_path.clone(), pos, *first));
                } else {
                    self.scanner.positions.keys.insert(key_path.clone(), pos);
                }
                self.at += end;
                if self.peek() == Some(':') {
                    self.at += 1;
                    self.skip_spaces();
                    self.scanner
                        .positions
                        .values
                        .insert(key_path.clone(), self.pos());
                    self.value(&key_path);
                }
            }
            if self.at == before {
                self.at += self.peek().map(char::len_utf8).unwrap_or(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Front matter as editors write it: mappings of slug-like keys to text (with the
    /// characters YAML must quote), numbers, lists and nested mappings.
    fn front_matter() -> impl Strategy<Value = serde_json::Value> {
        let text = prop_oneof![
            "[a-z ]{0,12}".prop_map(serde_json::Value::from),
            "[a-z]{1,5}(: |#| '|\"|, )[a-z ]{0,8}".prop_map(serde_json::Value::from),
            "[a-z]{1,6}\n[a-z]{1,6}".prop_map(serde_json::Value::from),
            (0u32..100_000).prop_map(serde_json::Value::from),
        ];
        let key = "[a-z][a-z_]{0,9}";
        text.prop_recursive(3, 24, 4, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 1..4).prop_map(serde_json::Value::from),
                proptest::collection::btree_map(key, inner, 1..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
        .prop_filter("a mapping at the top", |v| v.is_object())
    }

    /// Every key path and list item path in `value`, as `parse` names them (`sources.0.quote`).
    fn paths(value: &serde_json::Value, prefix: &str, out: &mut Vec<(String, Option<String>)>) {
        let join = |k: &str| {
            if prefix.is_empty() {
                k.to_string()
            } else {
                format!("{prefix}.{k}")
            }
        };
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    out.push((join(k), Some(k.clone())));
                    paths(v, &join(k), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    out.push((join(&i.to_string()), None));
                    paths(v, &join(&i.to_string()), out);
                }
            }
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn the_scanner_places_every_key_serde_reads(value in front_matter()) {
            let text = serde_yaml::to_string(&value).unwrap();
            let (positions, duplicates) = located(&text);
            prop_assert!(duplicates.is_empty(), "{text}");
            let lines: Vec<&str> = text.lines().collect();
            let mut all = Vec::new();
            paths(&value, "", &mut all);
            for (path, key) in all {
                let pos = positions.of(&path);
                prop_assert!(pos.is_some(), "no position for `{path}` in\n{text}");
                if let (Some(key), Some(at)) = (key, positions.key(&path)) {
                    let line: String = lines[at.line - 1].chars().skip(at.column - 1).collect();
                    prop_assert!(line.starts_with(&key), "`{path}` at {at:?} in\n{text}");
                } else if let Some(key) = path.rsplit('.').next().filter(|k| k.parse::<usize>().is_err()) {
                    prop_assert!(false, "no key position for `{path}` ({key}) in\n{text}");
                }
            }
        }
    }

    /// What [`locate`] finds, kept as records keep it.
    fn located(text: &str) -> (Positions, Vec<(String, Pos, Pos)>) {
        let (places, duplicates) = locate(text);
        (places.into(), duplicates)
    }

    fn at(p: &Positions, path: &str) -> (usize, usize) {
        let pos = p
            .of(path)
            .unwrap_or_else(|| panic!("no position for {path}"));
        (pos.line, pos.column)
    }

    #[test]
    fn finds_keys_values_and_sequence_items() {
        let yaml = "title: A\nsources:\n  - article: one\n    quote: \"x\"\n  - article: two\n    quote: >\n      folded\n      text\n    note: n\nentities: [aliyev, \"putin\"]\n";
        let (p, dups) = located(yaml);
        assert!(dups.is_empty());
        assert_eq!(at(&p, "title"), (1, 8));
        assert_eq!(p.key("sources"), Some(Pos::new(2, 1)));
        assert_eq!(at(&p, "sources.0.article"), (3, 14));
        assert_eq!(at(&p, "sources.0.quote"), (4, 12));
        assert_eq!(at(&p, "sources.1.article"), (5, 14));
        assert_eq!(at(&p, "sources.1.quote"), (6, 12));
        assert_eq!(at(&p, "sources.1.note"), (9, 11));
        assert_eq!(at(&p, "entities.0"), (10, 12));
        assert_eq!(at(&p, "entities.1"), (10, 20));
    }

    #[test]
    fn sequences_at_the_same_indent_as_their_key() {
        let yaml = "facts:\n- a\n- b\ntitle: T\n";
        let (p, _) = located(yaml);
        assert_eq!(at(&p, "facts.1"), (3, 3));
        assert_eq!(at(&p, "title"), (4, 8));
    }

    #[test]
    fn nested_maps_and_flow_maps() {
        let yaml = "aliyev:\n  name: Ilham Aliyev\n  aliases:\n    - Aliyev\nbudgets: {title: \"B\", facts: [x, y]}\n";
        let (p, _) = located(yaml);
        assert_eq!(at(&p, "aliyev.name"), (2, 9));
        assert_eq!(at(&p, "aliyev.aliases.0"), (4, 7));
        assert_eq!(p.key("budgets.facts"), Some(Pos::new(5, 23)));
        assert_eq!(at(&p, "budgets.facts.1"), (5, 34));
    }

    #[test]
    fn duplicate_keys_are_found_at_their_own_line() {
        let yaml = "title: a\nsources:\n  - article: x\n    quote: y\n    quote: z\ntitle: b\n";
        let (_, dups) = located(yaml);
        let found: Vec<(String, usize, usize)> = dups
            .into_iter()
            .map(|(k, p, f)| (k, p.line, f.line))
            .collect();
        assert_eq!(
            found,
            [
                ("sources.0.quote".to_string(), 5, 4),
                ("title".to_string(), 6, 1)
            ]
        );
    }

    #[test]
    fn keys_under_a_duplicate_key_are_not_reported_again() {
        let (_, dups) = located("a:\n  name: x\na:\n  name: y\n");
        let found: Vec<&str> = dups.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(found, ["a"]);
    }

    #[test]
    fn a_missing_required_key_is_named() {
        let schema: Schema = &[("", fields_of::<Sample>())];
        let err = parse::<Sample>("count: 2\n", "f.md", 2, schema).unwrap_err();
        assert_eq!(err[0].message, "the required key `title` is missing");
        assert_eq!(err[0].help.as_deref(), Some("add `title:` with its value"));
        let schema: Schema = &[("", fields_of::<crate::content::fact::FactFrontMatter>())];
        let fact = "title: t\nclaim: c\nsources:\n  - article: a\n";
        let err =
            parse::<crate::content::fact::FactFrontMatter>(fact, "f.md", 2, schema).unwrap_err();
        assert_eq!(
            err[0].message,
            "sources[0]: the required key `quote` is missing"
        );
    }

    #[test]
    fn multi_line_values_are_not_read_as_keys() {
        let yaml = "claim: a long\n  text: with a colon\nquote: |\n  note: not a key\ntitle: t\n";
        let (p, _) = located(yaml);
        assert!(p.key("text").is_none());
        assert!(p.key("note").is_none());
        assert_eq!(at(&p, "title"), (5, 8));
    }

    #[derive(Deserialize, Debug, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        count: Option<u32>,
    }

    #[test]
    fn unknown_keys_are_all_reported_with_the_nearest_known_key() {
        let schema: Schema = &[("", fields_of::<Sample>())];
        let err = parse::<Sample>("titel: a\ncuont: 2\nzzz: 1\n", "f.md", 2, schema).unwrap_err();
        let got: Vec<String> = err
            .iter()
            .map(|d| format!("{} {} {:?}", d.location(), d.message, d.help))
            .collect();
        assert_eq!(
            got,
            [
                "f.md:3:1 unknown key `cuont` Some(\"did you mean `count`? The keys here are: title, count\")",
                "f.md:2:1 unknown key `titel` Some(\"did you mean `title`? The keys here are: title, count\")",
                "f.md:4:1 unknown key `zzz` Some(\"the keys here are: title, count\")",
            ]
        );
    }

    #[test]
    fn serde_words_become_editor_words() {
        for (serde, editor) in [
            (
                "value: invalid type: string \"5 billion\", expected f64",
                "value: the text \"5 billion\" where a number is expected",
            ),
            (
                "title: invalid type: sequence, expected a string",
                "title: a list where text is expected",
            ),
            (
                "preferred: invalid type: integer `3`, expected a boolean",
                "preferred: the number 3 where true or false is expected",
            ),
            (
                "range: invalid type: floating point `1.5`, expected an array of length 2",
                "range: the number 1.5 where a list of two numbers is expected",
            ),
            (
                "qualifier: unknown variant `roughly`, expected one of `exact`, `about`",
                "qualifier: `roughly` is not one of the values allowed here",
            ),
            (
                "page_size: invalid type: integer `18446744073709551616` as u128, expected usize",
                "page_size: the number 18446744073709551616 is out of range here: write a whole number from 0 to 18446744073709551615",
            ),
            (
                "page_size: invalid value: integer `-5`, expected usize",
                "page_size: the number -5 is out of range here: write a whole number from 0 to 18446744073709551615",
            ),
            (
                "n: invalid type: integer `70000` as u128, expected u16",
                "n: the number 70000 is out of range here: write a whole number from 0 to 65535",
            ),
        ] {
            assert_eq!(editor_words(serde), editor);
        }
    }

    #[test]
    fn type_errors_carry_serde_location_shifted_to_the_file() {
        let schema: Schema = &[("", fields_of::<Sample>())];
        let err = parse::<Sample>("title: a\ncount: many\n", "f.md", 2, schema).unwrap_err();
        assert_eq!(err[0].location(), "f.md:3:8");
        assert!(
            err[0]
                .message
                .contains("the text \"many\" where a number is expected"),
            "{}",
            err[0].message
        );
    }

    #[test]
    fn syntax_errors_keep_their_context_with_file_lines() {
        let schema: Schema = &[("", fields_of::<Sample>())];
        let err = parse::<Sample>("title: \"x\ncount: 2\n", "f.md", 2, schema).unwrap_err();
        assert_eq!(
            err[0].message,
            "YAML syntax error: found unexpected end of stream, while scanning a quoted scalar at line 2 column 8"
        );
        assert!(err[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("every quote closed"));
    }

    #[test]
    fn fields_come_from_the_derive() {
        assert_eq!(fields_of::<Sample>(), ["title", "count"]);
    }
}
