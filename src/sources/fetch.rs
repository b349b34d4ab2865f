//! Fetching a source's page over HTTP(S): the one place factsheet goes on the network.
//!
//! Bounded and plain: http and https only, at most [`MAX_REDIRECTS`] redirects, [`TIMEOUT`] for
//! the whole exchange, [`MAX_BYTES`] of body, no cookies, and a User-Agent that names factsheet.
//! Every failure is one line that says what happened, for the editor to act on.

use std::time::Duration;

use ureq::ResponseExt;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;
/// The longest a page may take, from the first byte sent to the last read.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// The largest page read, in bytes (16 MiB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// The User-Agent every request carries.
pub const USER_AGENT: &str = concat!(
    "factsheet/",
    env!("CARGO_PKG_VERSION"),
    " (a static-site generator for source-cited fact sheets, fetching a page an editor cites)"
);

/// A page as fetched.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address the page was finally read from, after redirects.
    pub final_url: String,
    /// The page's HTML.
    pub html: String,
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered 404 Not Found or 410 Gone: the page is no longer there.
    Gone {
        /// The status.
        status: u16,
        /// The address that answered, after redirects.
        final_url: String,
    },
    /// Anything else: a refused scheme, DNS, TLS, a timeout, another status, a page too large
    /// or not HTML — one line saying which.
    Failed(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Gone { status, final_url } => {
                write!(f, "{} for {final_url}", status_line(*status))
            }
            FetchError::Failed(line) => f.write_str(line),
        }
    }
}

/// An HTTP status and its reason, for people ("status 404 Not Found").
fn status_line(status: u16) -> String {
    let reason = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("the server answered status {status} {reason}"),
        None => format!("the server answered status {status}"),
    }
}

/// The agent every fetch goes through: the limits above, no cookie store (ureq keeps none
/// unless built with one), statuses returned rather than raised.
fn agent(accept: &str) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .accept(accept.to_string())
        .build()
        .into()
}

/// A successful answer: the final address, the type it says it is (lower case) and the body.
struct Answer {
    final_url: String,
    kind: String,
    body: Vec<u8>,
}

/// GETs `url` (http or https only), asking for `accept`.
fn get(url: &str, accept: &str) -> Result<Answer, FetchError> {
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        return Err(FetchError::Failed(format!(
            "`{url}` is not an http or https address: give the page's address in full, e.g. https://example.org/news/story"
        )));
    }
    let response = agent(accept).get(url).call().map_err(|e| failed(url, e))?;
    let final_url = response.get_uri().to_string();
    let status = response.status().as_u16();
    if matches!(status, 404 | 410) {
        return Err(FetchError::Gone { status, final_url });
    }
    if !response.status().is_success() {
        return Err(FetchError::Failed(format!(
            "{} for {final_url}",
            status_line(status)
        )));
    }
    let kind = (response.headers().get("content-type"))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let body = (response.into_body().with_config().limit(MAX_BYTES))
        .read_to_vec()
        .map_err(|e| failed(&final_url, e))?;
    Ok(Answer {
        final_url,
        kind,
        body,
    })
}

/// Fetches the HTML page at `url`.
pub fn page(url: &str) -> Result<Fetched, FetchError> {
    let Answer {
        final_url,
        kind,
        body,
    } = get(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")?;
    let html_type = kind.starts_with("text/html") || kind.starts_with("application/xhtml+xml");
    let looks_html = kind.is_empty() && body.trim_ascii_start().starts_with(b"<");
    if !html_type && !looks_html {
        let kind = kind.split(';').next().unwrap_or("").trim();
        return Err(FetchError::Failed(format!(
            "{final_url} is not an HTML page (its type is `{}`): give the address of the article's page",
            if kind.is_empty() { "not stated" } else { kind }
        )));
    }
    let html = String::from_utf8(body).map_err(|_| {
        FetchError::Failed(format!(
            "{final_url} is not in UTF-8: save the page as UTF-8 and run `factsheet add FILE.html --url {url}`"
        ))
    })?;
    Ok(Fetched { final_url, html })
}

/// Fetches the JSON document at `url`.
pub fn json(url: &str) -> Result<serde_json::Value, FetchError> {
    let answer = get(url, "application/json")?;
    serde_json::from_slice(&answer.body).map_err(|e| {
        FetchError::Failed(format!(
            "{} did not answer with JSON: {e}",
            answer.final_url
        ))
    })
}

/// The host of `url` (and its port), lower-cased, without any `user:password@` before it; the
/// whole address when it has none.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    host.to_ascii_lowercase()
}

/// One line for a failed exchange with `url`.
fn failed(url: &str, error: ureq::Error) -> FetchError {
    use ureq::Error as E;
    let host = host(url);
    let secure = url.to_ascii_lowercase().starts_with("https://");
    // The resolver's failure comes as an I/O error with std's own words for it.
    let not_found = |e: &std::io::Error| e.to_string().starts_with("failed to lookup address");
    let no_host = || {
        format!("no such host: `{host}` was not found in DNS (is the address right, and the machine online?)")
    };
    FetchError::Failed(match error {
        E::Io(e) if not_found(&e) => no_host(),
        E::HostNotFound => no_host(),
        E::ConnectionFailed => format!("could not connect to {host}: the server did not answer"),
        // rustls reports a failed handshake as invalid data on the connection.
        E::Io(e) if secure && e.kind() == std::io::ErrorKind::InvalidData => {
            format!("the secure connection to {host} failed: {e}")
        }
        E::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            format!("could not connect to {host}: the server refused the connection")
        }
        E::Timeout(_) => format!("{url} took longer than {} s to answer", TIMEOUT.as_secs()),
        E::TooManyRedirects => format!("{url} redirected more than {MAX_REDIRECTS} times"),
        E::RedirectFailed => format!("{url} redirected to an address that cannot be followed"),
        E::BodyExceedsLimit(_) => format!("{url} is larger than {} MiB: give the address of the article itself, or save it and trim it", MAX_BYTES >> 20),
        E::Tls(reason) => format!("the secure connection to {host} failed: {reason}"),
        E::Rustls(e) => format!("the secure connection to {host} failed: {e}"),
        E::BadUri(reason) => format!("`{url}` is not a valid address: {reason}"),
        E::Io(e) => format!("reading {url} failed: {e}"),
        other => format!("fetching {url} failed: {other}"),
    })
}
