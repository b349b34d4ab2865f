//! Slugs: the names content is referred to by (`aliyev`, `azerbaijan-defense-budget-2025`).
//!
//! A slug is lowercase ASCII letters and digits in words joined by single hyphens,
//! `^[a-z0-9]+(-[a-z0-9]+)*$`, at most [`MAX_LEN`] characters. It is a file name or a YAML
//! key, and a path segment of the site, so the one limit here is what every stage relies on.

/// The longest a slug may be: a page folder and an anchor (`q-SLUG-12`) must fit in a file
/// name and a URL everywhere.
pub const MAX_LEN: usize = 100;

/// True when `text` is a valid slug.
pub fn is_valid(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_LEN
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A valid slug made from `text`, to suggest when `text` is not one (`"Aliyev's Claim"` ->
/// `aliyev-s-claim`).
pub fn suggest(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > MAX_LEN {
        slug.truncate(MAX_LEN);
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        "item".to_string()
    } else {
        slug
    }
}

/// The message for a slug that is not valid, with a valid one to use instead.
pub fn problem(text: &str) -> (String, String) {
    let within = text.get(..MAX_LEN).map(|t| t.trim_end_matches('-'));
    let message = if text.len() > MAX_LEN && within.is_some_and(is_valid) {
        format!("`{text}` is longer than {MAX_LEN} characters, the most a slug may be")
    } else {
        format!("`{text}` is not a valid slug: use lowercase letters, digits and single hyphens")
    };
    (message, format!("rename it to `{}`", suggest(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        for ok in ["a", "aliyev", "budget-2025", "x1-y2-z3"] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in ["", "Aliyev", "a--b", "-a", "a-", "a_b", "é", "a b"] {
            assert!(!is_valid(bad), "{bad}");
        }
        let long = "a".repeat(MAX_LEN + 1);
        assert!(!is_valid(&long) && is_valid(&long[..MAX_LEN]));
        assert!(problem(&long).0.contains("longer than 100 characters"));
        assert!(is_valid(&suggest(&long)));
    }

    #[test]
    fn suggestions_are_valid_slugs() {
        assert_eq!(suggest("Aliyev's Claim"), "aliyev-s-claim");
        assert_eq!(suggest("__x__"), "x");
        assert!(is_valid(&suggest("ÉÉ")));
    }
}
