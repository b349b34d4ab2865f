//! Sources from a link: `factsheet add` writes an article from its page, with the front matter
//! the page states, and `factsheet verify --sources` checks every quote of a built site against
//! its page as it is now. Saved pages of three shapes (tests/pages/) are served by a local HTTP
//! server: no internet is needed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;

/// What the local server answers at a path.
#[derive(Clone)]
pub enum Reply {
    /// A status, a Content-Type and a body.
    Body(u16, &'static str, Vec<u8>),
    /// A redirect (301) to another path of the same server (or an absolute address).
    Redirect(String),
}

/// A local HTTP server whose answers a test sets, path by path. It records each request's
/// path and headers, and how many requests were in hand at once.
pub struct Pages {
    server: Arc<tiny_http::Server>,
    base: String,
    replies: Arc<Replies>,
    requests: Arc<Requests>,
    /// Requests in hand at once at this server.
    own: Arc<Gauge>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What the server answers, by path.
type Replies = Mutex<HashMap<String, Reply>>;
/// Each request's address and headers (names lower-cased), in order.
type Requests = Mutex<Vec<Request>>;
type Request = (String, Vec<(String, String)>);

/// Answers `request` as `replies` say for its path (404 for any other), and records it.
fn answer(request: tiny_http::Request, replies: &Replies, requests: &Requests) {
    let path = request.url().split('?').next().unwrap_or("").to_string();
    let headers = (request.headers().iter())
        .map(|h| {
            (
                h.field.to_string().to_ascii_lowercase(),
                h.value.to_string(),
            )
        })
        .collect();
    requests
        .lock()
        .unwrap()
        .push((request.url().to_string(), headers));
    let reply = replies.lock().unwrap().get(&path).cloned();
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).unwrap();
    let _ = match reply {
        Some(Reply::Body(status, kind, body)) => request.respond(
            tiny_http::Response::from_data(body)
                .with_status_code(status)
                .with_header(header("Content-Type", kind)),
        ),
        Some(Reply::Redirect(to)) => request.respond(
            tiny_http::Response::empty(301)
                .with_header(header("Location", &to))
                .with_header(header("Set-Cookie", "session=abc; Path=/")),
        ),
        None => request.respond(tiny_http::Response::from_string("not here").with_status_code(404)),
    };
}

/// Requests being answered at once, across servers, and the most there were.
#[derive(Default)]
struct Gauge {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Pages {
    pub fn start() -> Pages {
        Pages::start_with(Duration::ZERO, Arc::new(Gauge::default()))
    }

    /// A server that waits `delay` before each answer, counting requests in hand on `gauge`.
    fn start_with(delay: Duration, gauge: Arc<Gauge>) -> Pages {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let base = format!("http://127.0.0.1:{port}");
        let replies: Arc<Replies> = Arc::default();
        let requests: Arc<Requests> = Arc::default();
        let own = Arc::new(Gauge::default());
        let (s, r, q, o) = (
            server.clone(),
            replies.clone(),
            requests.clone(),
            own.clone(),
        );
        let thread = std::thread::spawn(move || {
            for request in s.incoming_requests() {
                // Each request answered on a thread of its own, so that requests that come
                // together are in hand together, and the gauges see it.
                let (r, q, gauges) = (r.clone(), q.clone(), [gauge.clone(), o.clone()]);
                std::thread::spawn(move || {
                    for g in &gauges {
                        let in_hand = g.now.fetch_add(1, Ordering::SeqCst) + 1;
                        g.most.fetch_max(in_hand, Ordering::SeqCst);
                    }
                    std::thread::sleep(delay);
                    for g in &gauges {
                        g.now.fetch_sub(1, Ordering::SeqCst);
                    }
                    answer(request, &r, &q);
                });
            }
        });
        Pages {
            server,
            base,
            replies,
            requests,
            own,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn html(&self, path: &str, html: &str) {
        self.set(
            path,
            Reply::Body(200, "text/html; charset=utf-8", html.as_bytes().to_vec()),
        );
    }

    fn set(&self, path: &str, reply: Reply) {
        self.replies.lock().unwrap().insert(path.to_string(), reply);
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Pages {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A saved page of tests/pages/.
pub fn saved(name: &str) -> String {
    read(&repo().join("tests/pages"), name)
}

/// A new site with nothing in it but its settings.
fn empty_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    put(site.path(), "content/site.yaml", "title: Sources\n");
    site
}

/// 2024-12-06, the day every page of these tests is read.
const READ_ON: &str = "1733443200";

/// `factsheet add ARGS… --root SITE`, read on [`READ_ON`].
fn add(site: &Path, args: &[&str]) -> std::process::Output {
    factsheet()
        .arg("add")
        .args(args)
        .arg("--root")
        .arg(site)
        .env("SOURCE_DATE_EPOCH", READ_ON)
        .output()
        .unwrap()
}

/// The text of each `selector` element of `html`, its white space made single spaces.
fn texts_of(html: &str, selector: &str) -> Vec<String> {
    texts(&scraper::Html::parse_document(html), selector)
}

/// Asserts that `said` has each of `lines` as a whole line.
fn prints_lines(said: &str, lines: &[impl AsRef<str>]) {
    for line in lines {
        let line = line.as_ref();
        assert!(said.lines().any(|l| l == line), "{line}\n in\n{said}");
    }
}

/// `markdown`'s text as a reader sees it, white space made single spaces.
fn plain(markdown: &str) -> String {
    let text = factsheet::markdown::plain_text_of(markdown);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_news_article_is_added_with_its_json_ld_and_without_its_comments() {
    let pages = Pages::start();
    let page = saved("news-article.html");
    pages.html("/world/story", &page);
    let site = empty_site();
    let url = pages.url("/world/story");
    let added = add(site.path(), &[&url]);
    assert!(added.status.success(), "{}", stderr(&added));
    let file = "content/articles/northland-sets-its-defence-budget-at-5-billion.md";
    let written = read(site.path(), file);
    let (front, body) = written.split_once("\n---\n\n").unwrap();
    assert_eq!(
        front,
        "---
title: Northland sets its defence budget at $5 billion
publisher: The Northland Courier
author: Ana Reyes and Tom Okafor
published: 2024-11-08
url: https://courier.example/world/northland-defence-budget
accessed: 2024-12-06
source_note: The date is the page's JSON-LD datePublished. The page says it was updated on 2024-11-09 (the page's JSON-LD dateModified)."
    );
    assert_eq!(
        body,
        "*Soldiers march in the capital during the annual parade.*

The government of Northland has set its defence budget for next year at $5 billion, the finance ministry said on Friday, more than twice what its southern neighbour spends.

The budget, approved by parliament after a long debate, funds new air defence systems and raises soldiers' pay by a tenth. Analysts at the [Institute for Regional Studies](https://institute.example/report) called it the largest rise in a decade.

## What the money buys

- Air defence systems for the northern border
- Higher pay for conscripts and officers
- Repairs to barracks damaged in the floods

> We are spending what our security requires, and not a coin more.

Opposition members said the rise would come at the cost of schools and hospitals, and voted against it. The southern neighbour, whose budget is $1.7 billion, did not comment on the figures.

Observers expect the next round of talks between the two governments to take place in the spring, with the border and the return of displaced families on the agenda.
"
    );
    // Against the page itself: every paragraph, item, quote and caption of the article is in
    // the text, word for word; nothing of the navigation, sharing, related links or comments.
    let text = plain(body);
    for part in texts_of(
        &page,
        "article p:not(.byline), article li, article blockquote, article h2, figcaption",
    ) {
        assert!(text.contains(&part), "{part}");
    }
    for part in texts_of(&page, "nav, .share-buttons, .related, #comments p, footer") {
        assert!(!text.contains(&part), "{part}");
    }
    let said = stdout(&added);
    prints_lines(
        &said,
        &[
            format!("Wrote {file} from {url}"),
            "  title: Northland sets its defence budget at $5 billion (from the page's JSON-LD headline)".to_string(),
            "  publisher: The Northland Courier (from the page's JSON-LD publisher.name)".to_string(),
            "  author: Ana Reyes and Tom Okafor (from the page's JSON-LD author)".to_string(),
            "  published: 2024-11-08 (from the page's JSON-LD datePublished)".to_string(),
            "  url: https://courier.example/world/northland-defence-budget (from the page's <link rel=\"canonical\">)".to_string(),
            "  accessed: 2024-12-06 (the day it was read: today, or SOURCE_DATE_EPOCH)".to_string(),
            "Next: quote it from a fact in content/facts/, word for word:".to_string(),
            "    - article: northland-sets-its-defence-budget-at-5-billion".to_string(),
        ],
    );
    // The site builds with it; the request named factsheet and carried no cookie.
    assert!(
        check(site.path()).status.success(),
        "{}",
        stderr(&check(site.path()))
    );
    let (_, headers) = &pages.requests()[0];
    let agent = headers
        .iter()
        .find(|(k, _)| k == "user-agent")
        .map(|(_, v)| v.as_str());
    assert!(
        agent.is_some_and(|a| a.starts_with("factsheet/")),
        "{agent:?}"
    );
}

#[test]
fn a_page_with_only_opengraph_tags_is_added_with_what_they_state() {
    let pages = Pages::start();
    pages.html("/news/eastvale", &saved("opengraph-only.html"));
    let site = empty_site();
    let url = pages.url("/news/eastvale");
    let added = add(site.path(), &[&url]);
    assert!(added.status.success(), "{}", stderr(&added));
    let written = read(
        site.path(),
        "content/articles/families-return-to-eastvale-after-the-ceasefire.md",
    );
    assert_eq!(
        written.split_once("\n---\n\n").unwrap().0,
        format!(
            "---
title: Families return to Eastvale after the ceasefire
publisher: Southland Radio
# author: not stated on the page
published: 2024-03-15
url: {url}
accessed: 2024-12-06
source_note: The date is the page's article:published_time."
        )
    );
    let said = stdout(&added);
    prints_lines(
        &said,
        &[
            "  title: Families return to Eastvale after the ceasefire (from the page's og:title)",
            "  publisher: Southland Radio (from the page's og:site_name)",
            "  author: the page does not state an author (no JSON-LD author, no author meta tag); left empty",
            "  published: 2024-03-15 (from the page's article:published_time)",
        ],
    );
    assert!(
        said.contains(&format!(
            "  url: {url} (from the address it was fetched from, after redirects)"
        )),
        "{said}"
    );
    let body = plain(written.split_once("\n---\n\n").unwrap().1);
    for part in texts_of(&saved("opengraph-only.html"), ".post p") {
        assert!(body.contains(&part), "{part}");
    }
    for part in ["Listen live", "Tags:", "All rights reserved"] {
        assert!(!body.contains(part), "{part} in {body}");
    }
}

#[test]
fn a_saved_page_without_metadata_leaves_every_unknown_empty_and_says_so() {
    let saved_page = repo().join("tests/pages/bare.html");
    let site = empty_site();
    let url = "https://villages.example/report";
    let added = add(site.path(), &[saved_page.to_str().unwrap(), "--url", url]);
    assert!(added.status.success(), "{}", stderr(&added));
    let written = read(
        site.path(),
        "content/articles/report-on-the-mountain-villages.md",
    );
    assert_eq!(
        written,
        "---
title: Report on the mountain villages
# publisher: not stated on the page
# author: not stated on the page
# published: not stated on the page
url: https://villages.example/report
accessed: 2024-12-06
source_note: The page states no date of publication.
---

The survey counted nearly 7,000 houses in the mountain villages that were empty at the end of the year, most of them left by families who moved to the towns during the fighting.

Of the villages visited, a third had no school and half had no doctor. Roads to the highest of them were closed for four months of the year, and the people who stayed were mostly old.

The authors recommend that the regional council restore the bus service and open a clinic in each valley before asking families to return.
"
    );
    let said = stdout(&added);
    prints_lines(
        &said,
        &[
            "  title: Report on the mountain villages (from the page's main heading)",
            "  publisher: the page does not state its publisher (no JSON-LD publisher.name, no og:site_name); left empty",
            "  author: the page does not state an author (no JSON-LD author, no author meta tag); left empty",
            "  published: the page does not state a date (no JSON-LD datePublished, no article:published_time, no <time datetime>); left empty",
            "  url: https://villages.example/report (from --url)",
        ],
    );
    assert!(check(site.path()).status.success());
}

#[test]
fn an_article_is_never_overwritten_and_a_slug_can_be_chosen() {
    let saved_page = repo().join("tests/pages/bare.html");
    let site = empty_site();
    let page = saved_page.to_str().unwrap();
    assert!(
        add(site.path(), &[page, "--url", "https://villages.example/a"])
            .status
            .success()
    );
    let file = "content/articles/report-on-the-mountain-villages.md";
    let before = read(site.path(), file);
    let not_an_address = add(
        site.path(),
        &[page, "--url", "villages.example/b", "--slug", "v"],
    );
    assert_eq!(not_an_address.status.code(), Some(1));
    assert!(stderr(&not_an_address).contains("`villages.example/b` is not the address of a page"));
    let again = add(site.path(), &[page, "--url", "https://villages.example/b"]);
    assert_eq!(again.status.code(), Some(1));
    let said = stderr(&again);
    assert!(
        said.contains("error: this article exists already; factsheet add never overwrites one"),
        "{said}"
    );
    assert!(said.contains(&format!("--> {file}")), "{said}");
    assert!(
        said.contains("choose another name with --slug NAME"),
        "{said}"
    );
    assert_eq!(read(site.path(), file), before);
    let chosen = add(
        site.path(),
        &[
            page,
            "--url",
            "https://villages.example/b",
            "--slug",
            "villages-b",
            "--title",
            "Mountain villages: a second report",
        ],
    );
    assert!(chosen.status.success(), "{}", stderr(&chosen));
    let written = read(site.path(), "content/articles/villages-b.md");
    assert!(
        written.starts_with("---\ntitle: \"Mountain villages: a second report\"\n"),
        "{written}"
    );
    assert!(written.contains("url: https://villages.example/b\n"));
    assert!(
        stdout(&chosen).contains("  title: Mountain villages: a second report (from --title)\n")
    );
    assert!(
        check(site.path()).status.success(),
        "{}",
        stderr(&check(site.path()))
    );
}

#[test]
fn archive_asks_the_archive_for_the_closest_snapshot() {
    let pages = Pages::start();
    pages.html("/news/eastvale", &saved("opengraph-only.html"));
    let snapshot = "https://web.archive.example/web/20241201000000/eastvale";
    pages.set(
        "/wayback/available",
        Reply::Body(200, "application/json", format!(
            r#"{{"url": "x", "archived_snapshots": {{"closest": {{"status": "200", "available": true, "url": "{snapshot}", "timestamp": "20241201000000"}}}}}}"#
        ).into_bytes()),
    );
    let site = empty_site();
    let url = pages.url("/news/eastvale");
    let api = pages.url("/wayback/available");
    let added = add(site.path(), &[&url, "--archive", "--archive-api", &api]);
    assert!(added.status.success(), "{}", stderr(&added));
    let written = read(
        site.path(),
        "content/articles/families-return-to-eastvale-after-the-ceasefire.md",
    );
    assert!(
        written.contains(&format!("\narchive_url: {snapshot}\n")),
        "{written}"
    );
    assert!(stdout(&added).contains(&format!(
        "  archive_url: {snapshot} (the archive's closest snapshot, of 2024-12-01)"
    )));
    // The archive was asked for the page's address, near the day it was read.
    let asked = pages
        .requests()
        .into_iter()
        .map(|(u, _)| u)
        .find(|u| u.starts_with("/wayback/"))
        .unwrap();
    let encoded: String = url
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("%{:02X}", c as u32)
            }
        })
        .collect();
    assert_eq!(
        asked,
        format!("/wayback/available?url={encoded}&timestamp=20241206")
    );
    // No snapshot: the field stays empty, and the editor is told.
    pages.set(
        "/wayback/available",
        Reply::Body(
            200,
            "application/json",
            br#"{"archived_snapshots": {}}"#.to_vec(),
        ),
    );
    let none = add(
        site.path(),
        &[
            &url,
            "--archive",
            "--archive-api",
            &api,
            "--slug",
            "eastvale-2",
        ],
    );
    assert!(stdout(&none)
        .contains("  archive_url: the archive has no snapshot of the page; left empty"));
    assert!(!read(site.path(), "content/articles/eastvale-2.md").contains("archive_url"));
}

/// `factsheet add URL` into an empty site: its status and its one line of error.
fn add_fails(url: &str) -> (Option<i32>, String) {
    let site = empty_site();
    let added = add(site.path(), &[url]);
    let articles = site.path().join("content/articles");
    assert!(
        !articles.exists() || std::fs::read_dir(&articles).unwrap().next().is_none(),
        "nothing written"
    );
    (added.status.code(), stderr(&added))
}

#[test]
fn each_failure_to_fetch_is_one_line_that_says_what_happened() {
    let pages = Pages::start();
    pages.set(
        "/json",
        Reply::Body(200, "application/json", b"{\"a\": 1}".to_vec()),
    );
    let mut huge = b"<html><body><p>".to_vec();
    huge.resize(16 * 1024 * 1024 + 100, b'a');
    pages.set("/huge", Reply::Body(200, "text/html", huge));
    for hop in 0..7 {
        pages.set(
            &format!("/loop{hop}"),
            Reply::Redirect(format!("/loop{}", hop + 1)),
        );
    }
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!("http://127.0.0.1:{port}/story")
    };
    // A server that answers a TLS handshake in plain HTTP.
    let plain_http = {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let _ = stream.read(&mut [0; 512]);
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            }
        });
        format!("https://127.0.0.1:{port}/story")
    };
    let cases = [
        (pages.url("/missing"), format!("error: the server answered status 404 Not Found for {}", pages.url("/missing"))),
        (pages.url("/json"), format!("error: {0} is not an HTML page (its type is `application/json`): give the address of the article's page", pages.url("/json"))),
        (pages.url("/huge"), format!("error: {0} is larger than 16 MiB: give the address of the article itself, or save it and trim it", pages.url("/huge"))),
        (pages.url("/loop0"), format!("error: {0} redirected more than 5 times", pages.url("/loop0"))),
        (refused.clone(), format!("error: could not connect to {}: the server refused the connection", &refused[7..refused.len() - 6])),
        ("http://no-such-host.invalid/story".to_string(), "error: no such host: `no-such-host.invalid` was not found in DNS (is the address right, and the machine online?)".to_string()),
        (plain_http.clone(), format!("error: the secure connection to {} failed: ", &plain_http[8..plain_http.len() - 6])),
        ("ftp://files.example/story".to_string(), "error: `ftp://files.example/story` is not an http or https address: give the page's address in full, e.g. https://example.org/news/story".to_string()),
    ];
    for (url, line) in cases {
        let (status, said) = add_fails(&url);
        assert_eq!(status, Some(1), "{url}: {said}");
        assert_eq!(said.trim_end().lines().count(), 1, "{said}");
        if line.ends_with("failed: ") {
            // The TLS library's own words follow.
            assert!(said.starts_with(&line), "{url}: {said}");
        } else {
            assert_eq!(said.trim_end(), line, "{url}");
        }
    }
}

#[test]
fn a_redirect_is_followed_and_the_final_address_recorded_without_cookies() {
    let pages = Pages::start();
    pages.set("/old", Reply::Redirect("/new".to_string()));
    pages.html("/new", &saved("opengraph-only.html"));
    let site = empty_site();
    let added = add(site.path(), &[&pages.url("/old")]);
    assert!(added.status.success(), "{}", stderr(&added));
    let written = read(
        site.path(),
        "content/articles/families-return-to-eastvale-after-the-ceasefire.md",
    );
    assert!(
        written.contains(&format!("\nurl: {}\n", pages.url("/new"))),
        "{written}"
    );
    // The redirect set a cookie; the next request did not send it back.
    let requests = pages.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests[1].1.iter().all(|(k, _)| k != "cookie"),
        "{:?}",
        requests[1]
    );
}

/// The OpenGraph page's slug, once added.
const EASTVALE: &str = "families-return-to-eastvale-after-the-ceasefire";

/// A site with the OpenGraph page added from `pages` (at `/news/eastvale`) and two facts that
/// quote it, built into the returned folder.
fn built_from(pages: &Pages) -> (tempfile::TempDir, tempfile::TempDir) {
    pages.html("/news/eastvale", &saved("opengraph-only.html"));
    let site = empty_site();
    let added = add(site.path(), &[&pages.url("/news/eastvale")]);
    assert!(added.status.success(), "{}", stderr(&added));
    put(site.path(), "content/facts/families-return.md", &format!(
        "---\ntitle: Families return to Eastvale\nclaim: More than 100,000 displaced people have begun to return to Eastvale.\nsources:\n  - article: {EASTVALE}\n    quote: \"More than 100,000 people displaced by the fighting have begun to return to Eastvale\"\n---\n"
    ));
    put(site.path(), "content/facts/roads-cleared.md", &format!(
        "---\ntitle: Roads to Eastvale cleared of mines\nclaim: Engineers have cleared the main roads of Eastvale of mines.\nsources:\n  - article: {EASTVALE}\n    quote: \"engineers have cleared the main roads of mines\"\n---\n"
    ));
    let out = tempfile::tempdir().unwrap();
    let built = build(site.path(), out.path());
    assert!(built.status.success(), "{}", stderr(&built));
    (site, out)
}

/// `factsheet verify --sources OUT` (and more flags).
fn verify_sources(out: &Path, flags: &[&str]) -> std::process::Output {
    factsheet()
        .args(["verify", "--sources"])
        .args(flags)
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn verify_sources_finds_every_quote_still_there() {
    let pages = Pages::start();
    let (_site, out) = built_from(&pages);
    let checked = verify_sources(out.path(), &[]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert_eq!(
        stdout(&checked),
        format!(
            "{EASTVALE}: {}\n  still there: families-return, source 1\n  still there: roads-cleared, source 1\nChecked 2 quotes on 1 page: 2 still there\n",
            pages.url("/news/eastvale")
        )
    );
}

#[test]
fn verify_sources_shows_the_words_of_a_quote_that_changed() {
    let pages = Pages::start();
    let (_site, out) = built_from(&pages);
    let edited = saved("opengraph-only.html").replace(
        "More than 100,000 people displaced",
        "More than 90,000 people displaced",
    );
    pages.html("/news/eastvale", &edited);
    let checked = verify_sources(out.path(), &[]);
    assert_eq!(checked.status.code(), Some(1), "{}", stderr(&checked));
    let said = stdout(&checked);
    prints_lines(
        &said,
        &[
            "  changed: families-return, source 1: \"More than 100,000 people displaced by the fighting have begun to return to Eastvale\"",
            "    the page now says: \"More than 90,000 people displaced by the fighting have begun to return to Eastvale\"",
            "    \"100,000\" is now \"90,000\"",
            "  still there: roads-cleared, source 1",
            "Checked 2 quotes on 1 page: 1 still there, 1 changed",
        ],
    );
    // The same as JSON, for CI to keep.
    let json = verify_sources(out.path(), &["--json"]);
    assert_eq!(json.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let quote = &report["pages"][0]["quotes"][0];
    assert_eq!(quote["state"], "changed");
    assert_eq!(
        quote["differences"],
        serde_json::json!([["100,000", "90,000"]])
    );
    assert_eq!(report["pages"][0]["quotes"][1]["state"], "there");
    assert_eq!(report["summary"]["changed"], 1);
    assert_eq!(report["status"], 1);
}

#[test]
fn verify_sources_reports_a_removed_page_a_moved_page_and_an_update_after_reading() {
    let pages = Pages::start();
    let (_site, out) = built_from(&pages);
    let url = pages.url("/news/eastvale");
    // Removed.
    pages.set(
        "/news/eastvale",
        Reply::Body(404, "text/html", b"gone".to_vec()),
    );
    let gone = verify_sources(out.path(), &[]);
    assert_eq!(gone.status.code(), Some(1));
    let said = stdout(&gone);
    assert!(
        said.contains(&format!(
            "  page gone: the server answered status 404 Not Found for {url}\n"
        )),
        "{said}"
    );
    assert!(
        said.contains("  not checked: families-return, source 1\n"),
        "{said}"
    );
    assert!(
        said.ends_with("Checked 2 quotes on 1 page: 0 still there, 2 not checked, 1 page gone\n"),
        "{said}"
    );
    // Moved: the quotes are still there, at the new address.
    pages.set(
        "/news/eastvale",
        Reply::Redirect("/news/2024/eastvale".to_string()),
    );
    pages.html("/news/2024/eastvale", &saved("opengraph-only.html"));
    let moved = verify_sources(out.path(), &[]);
    assert_eq!(moved.status.code(), Some(1));
    let said = stdout(&moved);
    assert!(
        said.contains(&format!(
            "  page moved to {} (write its new address as `url`)\n",
            pages.url("/news/2024/eastvale")
        )),
        "{said}"
    );
    assert!(
        said.ends_with("Checked 2 quotes on 1 page: 2 still there, 1 page moved\n"),
        "{said}"
    );
    // Updated after it was read (2024-12-06): the page's dateModified is later.
    let updated = saved("opengraph-only.html").replace(
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:type\" content=\"article\">\n<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"dateModified\": \"2025-01-10T08:00:00Z\"}</script>",
    );
    pages.html("/news/eastvale", &updated);
    let later = verify_sources(out.path(), &[]);
    assert_eq!(later.status.code(), Some(1));
    let said = stdout(&later);
    assert!(said.contains("  the page was updated on 2025-01-10 after you read it on 2024-12-06: read it again, then set `accessed`\n"), "{said}");
    // A server error: nothing changed that could be seen, but the page could not be checked.
    pages.set(
        "/news/eastvale",
        Reply::Body(503, "text/html", b"busy".to_vec()),
    );
    let busy = verify_sources(out.path(), &[]);
    assert_eq!(busy.status.code(), Some(2));
    assert!(
        stdout(&busy).contains(&format!(
            "  not checked: the server answered status 503 Service Unavailable for {url}\n"
        )),
        "{}",
        stdout(&busy)
    );
}

#[test]
fn verify_sources_fetches_at_most_four_pages_at_once_and_one_per_host() {
    // Six hosts (servers on six ports), two articles on each; every answer takes a while.
    let gauge = Arc::new(Gauge::default());
    let hosts: Vec<Pages> = (0..6)
        .map(|_| Pages::start_with(Duration::from_millis(150), gauge.clone()))
        .collect();
    let site = empty_site();
    for (h, host) in hosts.iter().enumerate() {
        for a in 0..2 {
            let path = format!("/story-{a}");
            let text = format!("The report from host {h} says that story {a} is about the border talks held this week.");
            host.html(&path, &format!("<html><head><title>Story {h} {a}</title></head><body><article><p>{text}</p><p>{text} It adds nothing more.</p></article></body></html>"));
            put(
                site.path(),
                &format!("content/articles/s{h}-{a}.md"),
                &format!(
                    "---\ntitle: Story {h} {a}\nurl: {}\n---\n\n{text}\n",
                    host.url(&path)
                ),
            );
            put(site.path(), &format!("content/facts/f{h}-{a}.md"), &format!(
                "---\ntitle: Talks on the border\nclaim: Border talks were held.\nsources:\n  - article: s{h}-{a}\n    quote: \"is about the border talks held this week\"\n---\n"
            ));
        }
    }
    let out = tempfile::tempdir().unwrap();
    let built = build(site.path(), out.path());
    assert!(built.status.success(), "{}", stderr(&built));
    let checked = verify_sources(out.path(), &[]);
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}{}",
        stdout(&checked),
        stderr(&checked)
    );
    assert!(stdout(&checked).ends_with("Checked 12 quotes on 12 pages: 12 still there\n"));
    let most = gauge.most.load(Ordering::SeqCst);
    assert!((2..=4).contains(&most), "{most} requests at once");
    for host in &hosts {
        assert_eq!(host.requests().len(), 2);
        assert_eq!(
            host.own.most.load(Ordering::SeqCst),
            1,
            "one request at a time per host"
        );
    }
}

#[test]
fn a_page_nested_without_end_is_refused_at_once() {
    // 100,000 nested elements: the tree would take hours to build; it is refused before. The
    // same nesting inside a script is a string, not elements, and does not count.
    let deep = format!(
        "<html><head><title>Deep</title></head><body>{}<p>Words of the page, enough of them to read as an article's text.</p></body></html>",
        "<div>".repeat(100_000)
    );
    let site = empty_site();
    let file = site.path().join("deep.html");
    std::fs::write(&file, &deep).unwrap();
    let added = add(
        site.path(),
        &[file.to_str().unwrap(), "--url", "https://deep.example/page"],
    );
    assert_eq!(added.status.code(), Some(1));
    assert_eq!(
        stderr(&added).trim_end(),
        "error: https://deep.example/page: the page nests its elements more than 512 deep, which no article needs: save the article's part of the page and add that file"
    );
    // More elements than readability reads: one line, with the way round it.
    let many = format!(
        "<html><body><p>{}</p></body></html>",
        "<b>x</b> ".repeat(210_000)
    );
    std::fs::write(&file, &many).unwrap();
    let added = add(
        site.path(),
        &[file.to_str().unwrap(), "--url", "https://deep.example/page"],
    );
    assert_eq!(added.status.code(), Some(1));
    let said = stderr(&added);
    assert!(
        said.starts_with("error: https://deep.example/page: the page has 2100"),
        "{said}"
    );
    assert!(said.trim_end().ends_with("elements, more than the 200000 read: save the article's part of the page and add that file"), "{said}");
    let scripted = saved("bare.html").replace(
        "<body>",
        &format!(
            "<head><script>var s = '{}';</script></head><body>",
            "<div>".repeat(2000)
        ),
    );
    std::fs::write(&file, &scripted).unwrap();
    let added = add(
        site.path(),
        &[file.to_str().unwrap(), "--url", "https://deep.example/page"],
    );
    assert!(added.status.success(), "{}", stderr(&added));
}

#[test]
fn verify_sources_with_archive_checks_the_archived_copies_too() {
    let pages = Pages::start();
    let (site, _) = built_from(&pages);
    let file = site.path().join(format!("content/articles/{EASTVALE}.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    let archived = pages.url("/web/20241206/eastvale");
    std::fs::write(
        &file,
        text.replacen(
            "\naccessed:",
            &format!("\narchive_url: {archived}\naccessed:"),
            1,
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    assert!(build(site.path(), out.path()).status.success());
    // The archive answers from the snapshot's own address, after a redirect: not a move.
    pages.set(
        "/web/20241206/eastvale",
        Reply::Redirect("/web/20241206000000/eastvale".to_string()),
    );
    pages.html(
        "/web/20241206000000/eastvale",
        &saved("opengraph-only.html"),
    );
    let checked = verify_sources(out.path(), &["--archive"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    let said = stdout(&checked);
    assert!(
        said.contains(&format!(
            "{EASTVALE} (archived copy): {archived}\n  still there: families-return, source 1\n"
        )),
        "{said}"
    );
    assert!(
        said.ends_with("Checked 4 quotes on 2 pages: 4 still there\n"),
        "{said}"
    );
    // Without --archive, only the original.
    assert!(stdout(&verify_sources(out.path(), &[]))
        .ends_with("Checked 2 quotes on 1 page: 2 still there\n"));
}
