//! HTTP for the preview: reading a request's head within fixed limits as its bytes arrive,
//! writing an answer, which page a URL names and with what content type.
//!
//! Only `GET` and `HEAD` are served, one request per connection (`Connection: close`): the
//! preview serves a browser on the same machine, and one request per connection keeps every
//! connection's cost bounded. A request line is at most [`MOST_REQUEST_LINE`] bytes and the
//! headers at most [`MOST_HEADERS`] bytes in all: a client sending more is answered 414 or 431
//! and nothing more of it is read.
//!
//! The site is served from memory, so only pages the build produced can ever be served: a
//! request path is percent-decoded and split into segments, and any `..` or `.` segment, a
//! backslash or a NUL is refused before a lookup happens. Nothing on disk is read.

use std::io::Write;

/// The longest request line read (`GET /path HTTP/1.1`), in bytes.
pub const MOST_REQUEST_LINE: usize = 8 * 1024;
/// The most bytes of headers read after the request line.
pub const MOST_HEADERS: usize = 32 * 1024;

/// The head of a request: what the preview needs of it.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`…
    pub method: String,
    /// The request target as sent (`/facts/x/?q=1`).
    pub target: String,
    /// The `Host` header, if any.
    pub host: Option<String>,
}

/// A request head being read, fed its bytes as they arrive: each byte is looked at once, and
/// only the line being read is kept (at most [`MOST_HEADERS`] bytes).
#[derive(Debug, Default)]
pub struct Head {
    /// The line read so far.
    line: Vec<u8>,
    /// The method and target, once the request line is read.
    start: Option<(String, String)>,
    host: Option<String>,
    /// The bytes of header lines read so far.
    header_bytes: usize,
}

/// What a [`Head`] says after a feed.
#[derive(Debug)]
pub enum Progress {
    /// The head is not complete yet.
    More,
    /// The head is complete (whatever follows it is not read).
    Complete(Request),
    /// The answer to give instead: 400, 414 or 431.
    Refuse(Response),
}

impl Head {
    /// Reads `bytes`, the next that arrived.
    pub fn feed(&mut self, mut bytes: &[u8]) -> Progress {
        while !bytes.is_empty() {
            let end = bytes.iter().position(|&b| b == b'\n');
            let part = &bytes[..end.unwrap_or(bytes.len())];
            // The line's length with its line end must stay within the limit.
            let length = self.line.len() + part.len() + 1;
            let too_long = match self.start {
                None if length > MOST_REQUEST_LINE => Some((414, "414 request line too long")),
                Some(_) if self.header_bytes + length > MOST_HEADERS => {
                    Some((431, "431 headers too large"))
                }
                _ => None,
            };
            if let Some((status, message)) = too_long {
                return Progress::Refuse(Response::text(status, message));
            }
            self.line.extend_from_slice(part);
            let Some(end) = end else {
                break;
            };
            bytes = &bytes[end + 1..];
            let mut line = std::mem::take(&mut self.line);
            if self.start.is_some() {
                self.header_bytes += line.len() + 1;
            }
            if line.ends_with(b"\r") {
                line.pop();
            }
            if let Some(done) = self.take_line(line) {
                return done;
            }
        }
        Progress::More
    }

    /// Reads one whole line: the request line, a header, or the empty line that ends the head.
    fn take_line(&mut self, line: Vec<u8>) -> Option<Progress> {
        let bad = || Some(Progress::Refuse(Response::text(400, "400 bad request")));
        let Ok(line) = String::from_utf8(line) else {
            return bad();
        };
        let Some((method, target)) = &self.start else {
            let mut words = line.split(' ');
            let (Some(method), Some(target), Some(version), None) =
                (words.next(), words.next(), words.next(), words.next())
            else {
                return bad();
            };
            if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
                return bad();
            }
            self.start = Some((method.to_string(), target.to_string()));
            return None;
        };
        if line.is_empty() {
            return Some(Progress::Complete(Request {
                method: method.clone(),
                target: target.clone(),
                host: self.host.take(),
            }));
        }
        let Some((name, value)) = line.split_once(':') else {
            return bad();
        };
        if name.eq_ignore_ascii_case("host") {
            // Two `Host` headers: which one the client meant is unknown (RFC 9112, 3.2).
            if self.host.is_some() {
                return bad();
            }
            self.host = Some(value.trim().to_string());
        }
        None
    }
}

/// Headers on every answer: a browser takes each file as the type it is served with, never
/// one it guesses from the bytes; and no page of another site may show the preview in a frame
/// (where it could be made to look like that site's own, or clicked through).
const SECURITY: &str =
    "X-Content-Type-Options: nosniff\r\nContent-Security-Policy: frame-ancestors 'self'\r\n";

/// An answer: status, content type, body.
#[derive(Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A `text/plain` answer.
    pub fn text(status: u16, message: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            message.as_bytes().to_vec(),
        )
    }

    /// An answer with `body` of type `content_type`.
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type,
            body,
        }
    }

    /// The answer as sent (without its body for a `HEAD` request).
    pub fn to_bytes(&self, head_only: bool) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.body.len() + 256);
        // Writing into memory cannot fail.
        let _ = self.write_to(&mut bytes, head_only);
        bytes
    }

    /// Writes the answer (without its body for a `HEAD` request); the connection is closed
    /// after it, and nothing is cached.
    fn write_to(&self, out: &mut impl Write, head_only: bool) -> std::io::Result<()> {
        let reason = match self.status {
            200 => "OK",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            414 => "URI Too Long",
            431 => "Request Header Fields Too Large",
            500 => "Internal Server Error",
            _ => "Service Unavailable",
        };
        let head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n{SECURITY}Connection: close\r\n\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

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
    // `percent-encoding` passes a malformed escape through as it is; a path with one is refused.
    let malformed = text.match_indices('%').any(|(i, _)| {
        !text
            .get(i + 1..i + 3)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    if malformed {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    Some(decoded.into_owned())
}

/// Finds the file for `key` with `get` (which answers for a file of the site, if it has it):
/// the file itself, or, as a key may name a folder (`facts/x`), the folder's `index.html`.
/// Returns the file found and what `get` answered.
pub fn lookup<T>(key: &str, mut get: impl FnMut(&str) -> Option<T>) -> Option<(String, T)> {
    if let Some(found) = get(key) {
        return Some((key.to_string(), found));
    }
    let folder = format!("{key}/index.html");
    get(&folder).map(|found| (folder, found))
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
    use std::collections::BTreeMap;
    use std::sync::Arc;

    /// What a head of `raw` gives: the request, the status of the answer instead, or `None`
    /// while it is not complete. Fed whole, and a byte at a time, it gives the same.
    fn read(raw: &[u8]) -> Result<Request, Option<u16>> {
        let result = |progress| match progress {
            Progress::Complete(request) => Some(Ok(request)),
            Progress::Refuse(answer) => Some(Err(Some(answer.status))),
            Progress::More => None,
        };
        let whole = result(Head::default().feed(raw)).unwrap_or(Err(None));
        let mut head = Head::default();
        let bytewise = raw
            .iter()
            .find_map(|b| result(head.feed(std::slice::from_ref(b))))
            .unwrap_or(Err(None));
        assert_eq!(whole, bytewise);
        whole
    }

    #[test]
    fn a_request_head_is_read_within_its_limits() {
        assert_eq!(
            read(b"GET /facts/?q=1 HTTP/1.1\r\nhost: localhost:1111\r\nAccept: */*\r\n\r\n"),
            Ok(Request {
                method: "GET".into(),
                target: "/facts/?q=1".into(),
                host: Some("localhost:1111".into()),
            })
        );
        assert_eq!(read(b""), Err(None));
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: x\r\n"), Err(None));
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost x\r\n\r\n"), Err(Some(400)));
        assert_eq!(read(b"GET /\r\n\r\n"), Err(Some(400)));
        assert_eq!(read(b"GET http://x/ HTTP/1.1\r\n\r\n"), Err(Some(400)));
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MOST_REQUEST_LINE));
        assert_eq!(read(long_line.as_bytes()), Err(Some(414)));
        let headers = "X-A: b\r\n".repeat(MOST_HEADERS / 8);
        let many = format!("GET / HTTP/1.1\r\n{headers}\r\n");
        assert_eq!(read(many.as_bytes()), Err(Some(431)));
        let just_fits = "X-A: b\r\n".repeat(MOST_HEADERS / 8 - 1);
        let fits = format!("GET / HTTP/1.1\r\n{just_fits}\r\n");
        assert!(read(fits.as_bytes()).is_ok());
    }

    #[test]
    fn two_host_headers_are_a_bad_request() {
        // Which one the client meant is unknown, so neither is trusted (RFC 9112, 3.2).
        for head in [
            "GET / HTTP/1.1\r\nHost: evil.example\r\nHost: localhost\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: localhost\r\nhost: localhost\r\n\r\n",
        ] {
            assert_eq!(read(head.as_bytes()), Err(Some(400)), "{head}");
        }
    }

    #[test]
    fn an_answer_says_its_length_and_closes() {
        let mut out = Vec::new();
        Response::text(404, "gone")
            .write_to(&mut out, false)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 4\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nContent-Security-Policy: frame-ancestors 'self'\r\nConnection: close\r\n\r\ngone"
        );
        let mut out = Vec::new();
        Response::text(200, "x").write_to(&mut out, true).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("\r\n\r\n"));
    }

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
            lookup("facts/x", |f| pages.get(f)).map(|(k, _)| k),
            Some("facts/x/index.html".into())
        );
        assert!(lookup("facts/y", |f| pages.get(f)).is_none());
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
