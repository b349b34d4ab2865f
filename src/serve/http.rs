//! Answering requests: which page a URL names, and with what content type.
//!
//! The site is served from memory, so only pages the build produced can ever be served: a
//! request path is percent-decoded and split into segments, and any `..` or `.` segment, a
//! backslash or a NUL is refused before a lookup happens. Nothing on disk is read.

use std::collections::BTreeMap;
use std::sync::Arc;

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// The page or file at this key of the site.
    Page(String),
    /// A path that tries to leave the site (`..`, encoded or not).
    Forbidden,
    /// A path that cannot be decoded.
    BadRequest,
}

/// Resolves the path part of `url` (`/facts/x/?q=1`) to a key of the site (`facts/x/index.html`).
pub fn resolve(url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Target::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Target::Forbidden;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Target::Forbidden,
            s => segments.push(s),
        }
    }
    let key = segments.join("/");
    if key.is_empty() || decoded.ends_with('/') {
        Target::Page(if key.is_empty() {
            "index.html".into()
        } else {
            format!("{key}/index.html")
        })
    } else {
        Target::Page(key)
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Finds the page for `key`; a key without an extension may name a folder (`facts/x`).
pub fn lookup<'p>(
    pages: &'p BTreeMap<String, Arc<Vec<u8>>>,
    key: &str,
) -> Option<(String, &'p Arc<Vec<u8>>)> {
    if let Some(bytes) = pages.get(key) {
        return Some((key.to_string(), bytes));
    }
    let folder = format!("{key}/index.html");
    pages.get(&folder).map(|bytes| (folder, bytes))
}

/// The content type of a file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Puts the live-reload script into an HTML page, just before `</body>`.
pub fn with_live_script(page: &[u8]) -> Vec<u8> {
    const TAG: &[u8] = b"<script src=\"/__factsheet/live.js\"></script>";
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + TAG.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(TAG);
    out.extend_from_slice(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_to_pages() {
        assert_eq!(resolve("/"), Target::Page("index.html".into()));
        assert_eq!(
            resolve("/facts/x/?q=1#a"),
            Target::Page("facts/x/index.html".into())
        );
        assert_eq!(resolve("/style.css"), Target::Page("style.css".into()));
        assert_eq!(resolve("/facts//x"), Target::Page("facts/x".into()));
        assert_eq!(
            resolve("/search/%C3%A9/"),
            Target::Page("search/é/index.html".into())
        );
    }

    #[test]
    fn paths_that_leave_the_site_are_forbidden() {
        for url in [
            "/../Cargo.toml",
            "/facts/../../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/facts/%2E%2E%2F%2E%2E%2FCargo.toml",
            "/..%5c..%5cCargo.toml",
            "/a/%00",
            "/./index.html",
        ] {
            assert_eq!(resolve(url), Target::Forbidden, "{url}");
        }
        assert_eq!(resolve("/%zz"), Target::BadRequest);
        assert_eq!(resolve("/%ff"), Target::BadRequest);
    }

    #[test]
    fn folders_find_their_index_and_types_follow_extensions() {
        let mut pages = BTreeMap::new();
        pages.insert("facts/x/index.html".to_string(), Arc::new(b"x".to_vec()));
        assert_eq!(
            lookup(&pages, "facts/x").map(|(k, _)| k),
            Some("facts/x/index.html".into())
        );
        assert!(lookup(&pages, "facts/y").is_none());
        assert_eq!(content_type("a/b.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("data/facts.json"), "application/json");
        assert_eq!(content_type("x"), "application/octet-stream");
    }

    #[test]
    fn the_live_script_goes_before_the_end_of_the_body() {
        let page = with_live_script(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__factsheet/live.js\"></script></body></html>"
        );
    }
}
