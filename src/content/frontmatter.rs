//! Splitting a Markdown file into its YAML front matter and its body.
//!
//! A content file starts with a line `---`, then YAML, then another `---` line, then Markdown.
//! The split keeps line numbers: the YAML's first line and the body's first line are known, so
//! every later message points at the right line of the file.

/// A content file cut into front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the two `---` lines.
    pub yaml: &'a str,
    /// The line of the file on which the YAML starts (1-based).
    pub yaml_first_line: usize,
    /// The Markdown after the closing `---` line.
    pub body: &'a str,
    /// The line of the file on which the body starts (1-based).
    pub body_first_line: usize,
}

/// Splits `text` into front matter and body, or says what is wrong with its first lines.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("the file is empty: it needs front matter, a `---` line, the YAML and another `---` line".to_string());
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(
            "the file does not start with front matter: its first line must be `---`".to_string(),
        );
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (n, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[offset + line.len()..],
                // The opening line, `n` lines of YAML, the closing line.
                body_first_line: n + 3,
            });
        }
        offset += line.len();
    }
    Err("the front matter is not closed: add a line `---` after the YAML".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.yaml_first_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_first_line, 4);
        assert_eq!(split("---\na: 1\nb: 2\n---").unwrap().body_first_line, 5);
    }

    #[test]
    fn handles_crlf_and_an_empty_body() {
        let s = split("---\r\ntitle: A\r\n---\r\n").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn an_empty_file_is_called_empty() {
        for text in ["", "\n\n", "\u{feff}", "  \r\n"] {
            assert!(
                split(text).unwrap_err().starts_with("the file is empty"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reports_a_missing_or_unclosed_block() {
        assert!(split("title: A\n")
            .unwrap_err()
            .contains("first line must be `---`"));
        assert!(split("---\ntitle: A\n").unwrap_err().contains("not closed"));
    }
}
