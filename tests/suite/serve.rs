//! `factsheet serve` driven for real: a server on a free port, raw HTTP requests, real edits
//! to the files it watches. And `factsheet init`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A running `factsheet serve`, stopped when dropped.
pub(crate) struct Served {
    child: Child,
    pub(crate) port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(root: &Path) -> Served {
    serve_with(root, &[], &[])
}

/// `factsheet serve --port 0 --root ROOT ARGS…` with the environment `env`, once it says where
/// it serves.
pub(crate) fn serve_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Served {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("factsheet"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(args)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve prints its URL").unwrap();
        if let Some(rest) = line.split_once("http://127.0.0.1:") {
            break rest.1.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading its output so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Served { child, port }
}

/// The first poll answer after version `version` that has errors (within 20 seconds): a
/// rebuild may come first without them.
fn until_errors(port: u16, version: u64) -> serde_json::Value {
    let mut event = poll(port, &version.to_string());
    let deadline = Instant::now() + Duration::from_secs(20);
    while event["errors"] == serde_json::json!([]) && Instant::now() < deadline {
        let seen = event["version"].as_u64().unwrap().to_string();
        event = poll(port, &seen);
    }
    event
}

/// A raw GET: `(status, content type, body)`. The path is sent exactly as given.
pub(crate) fn get(port: u16, path: &str) -> (u16, String, String) {
    get_as(port, path, "localhost")
}

/// A raw GET with the given `Host` header.
fn get_as(port: u16, path: &str, host: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let content_type = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Type: "))
        .unwrap_or("")
        .to_string();
    (status, content_type, body.to_string())
}

fn poll(port: u16, version: &str) -> serde_json::Value {
    let (status, _, body) = get(port, &format!("/__factsheet/poll?v={version}"));
    assert_eq!(status, 200);
    serde_json::from_str(&body).unwrap()
}

/// Waits until `page` contains `text`.
pub(crate) fn until_served(port: u16, page: &str, text: &str) -> String {
    let started = Instant::now();
    loop {
        let (_, _, body) = get(port, page);
        if body.contains(text) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{text:?} never appeared on {page}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_edit_is_rebuilt_served_and_signalled_to_open_pages() {
    let site = copy_fixture("minimal");
    // Served as built: minified, since the site asks for it (each rebuild re-minifies only
    // the articles that changed).
    put(
        site.path(),
        "content/site.yaml",
        "title: Minimal fact sheet\nminify: true\n",
    );
    let served = serve(site.path());
    let (status, content_type, page) = get(served.port, "/facts/budget-rise/");
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/html; charset=utf-8")
    );
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(texts(&doc, ".figure-large"), ["$2 billion"], "{page}");
    // Served minified, as built: no line break beside a block tag.
    assert!(page.contains("<h1>") && !page.contains("</h1>\n"), "{page}");
    assert!(page.contains("<script src=\"/__factsheet/live.js\"></script></body>"));
    let version = poll(served.port, "")["version"].as_u64().unwrap();

    // An open page waits for the next rebuild...
    let port = served.port;
    let waiting = std::thread::spawn(move || poll(port, &version.to_string()));
    std::thread::sleep(Duration::from_millis(300));
    edit(
        &site.path().join("content/facts/budget-rise.md"),
        "title: The ministry's budget",
        "title: The ministry's budget for 2025",
    );
    // ...and hears of it: a new version and no errors, which makes the page reload.
    let event = waiting.join().unwrap();
    assert_eq!(event["version"].as_u64(), Some(version + 1));
    assert_eq!(event["errors"], serde_json::json!([]));
    until_served(
        served.port,
        "/facts/budget-rise/",
        "<h1>The ministry&#39;s budget for 2025</h1>",
    );
}

#[test]
fn a_bad_edit_keeps_the_last_good_site_and_shows_the_errors_until_it_is_fixed() {
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    let version = poll(served.port, "")["version"].as_u64().unwrap();
    let fact = site.path().join("content/facts/budget-rise.md");
    edit(&fact, "article: report", "article: reprot");
    let broken = poll(served.port, &version.to_string());
    assert_eq!(
        broken["errors"],
        serde_json::json!([{
            "location": "content/facts/budget-rise.md:9:14",
            "message": "unknown article `reprot`",
            "help": "did you mean `report`? Otherwise add the article as content/articles/reprot.md"
        }])
    );
    let (status, _, page) = get(served.port, "/facts/budget-rise/");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(
        page.contains("class=\"figure-large\"><span class=\"amount\">$2 billion"),
        "{page}"
    );
    let (_, content_type, script) = get(served.port, "/__factsheet/live.js");
    assert_eq!(content_type, "text/javascript; charset=utf-8");
    assert!(
        script.contains("factsheet-errors"),
        "the overlay is drawn by the live script"
    );

    edit(&fact, "article: reprot", "article: report");
    let fixed = poll(
        served.port,
        broken["version"].as_u64().unwrap().to_string().as_str(),
    );
    assert_eq!(fixed["errors"], serde_json::json!([]));
}

#[test]
fn only_the_site_is_served_with_the_right_types() {
    let site = copy_fixture("good");
    std::fs::write(site.path().join("secret.txt"), "do not serve").unwrap();
    let served = serve(site.path());
    for path in [
        "/../secret.txt",
        "/facts/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/facts/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "/./index.html",
    ] {
        let (status, _, body) = get(served.port, path);
        assert!(status == 403 || status == 404, "{path}: {status}");
        assert!(!body.contains("do not serve"), "{path}");
    }
    let (status, _, body) = get(served.port, "/secret.txt");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
    for (path, expected) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/data/facts.json", "application/json"),
        ("/data/facts.csv", "text/csv; charset=utf-8"),
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/extra/notes.txt", "text/plain; charset=utf-8"),
        ("/facts/displaced", "text/html; charset=utf-8"),
    ] {
        let (status, content_type, _) = get(served.port, path);
        assert_eq!((status, content_type.as_str()), (200, expected), "{path}");
    }
}

#[test]
fn a_built_site_never_contains_the_live_reload_script() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("good"), out.path()).status.success());
    for (path, bytes) in files(out.path()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__factsheet"),
            "{path}"
        );
    }
}

#[test]
fn init_creates_a_site_that_checks_and_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("sheet");
    let output = factsheet().arg("init").arg(&site).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("content/facts/riverton-road-budget-2025.md"));
    let checked = check(&site);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert_eq!(stderr(&checked), "", "no warnings");
    let counts = Counts::of(&site);
    let expected = format!("Checked {}: {}", counts.records(), counts.verified());
    assert!(
        stdout(&checked).starts_with(&expected),
        "{}",
        stdout(&checked)
    );
    let out = site.join("output");
    assert!(build(&site, &out).status.success());
    assert!(walk_links(&out).broken.is_empty());

    // A folder that is not empty is refused, and left as it was.
    let again = factsheet().arg("init").arg(&site).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is not empty"));
    assert!(site.join("output/index.html").is_file());
}

#[test]
fn the_preview_answers_only_to_local_host_names() {
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    for host in ["localhost", "127.0.0.1", "LOCALHOST:1111", "[::1]:80"] {
        assert_eq!(get_as(served.port, "/", host).0, 200, "{host}");
    }
    for host in [
        "evil.example",
        "evil.example:1111",
        "localhost.evil.example",
    ] {
        assert_eq!(get_as(served.port, "/", host).0, 403, "{host}");
    }
    // Two `Host` headers: neither is trusted, whichever comes last (RFC 9112).
    for hosts in [
        "evil.example\r\nHost: localhost",
        "localhost\r\nHost: evil.example",
    ] {
        assert_eq!(get_as(served.port, "/", hosts).0, 400, "{hosts}");
    }
}

#[test]
fn every_answer_forbids_type_sniffing_and_framing_by_other_sites() {
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    for path in [
        "/",
        "/style.css",
        "/data/facts.json",
        "/nowhere/",
        "/../x",
        "/__factsheet/live.js",
    ] {
        let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let head = answer.split("\r\n\r\n").next().unwrap();
        assert!(
            head.contains("\r\nX-Content-Type-Options: nosniff\r\n"),
            "{path}: {head}"
        );
        assert!(
            head.contains("\r\nContent-Security-Policy: frame-ancestors 'self'\r\n"),
            "{path}: {head}"
        );
    }
}

#[test]
fn a_preview_bound_to_the_network_answers_other_machines_by_any_name() {
    // `--bind 0.0.0.0` is asked for so that a phone or another computer can open the preview:
    // they name this machine by its address or its name, not "localhost".
    let site = copy_fixture("minimal");
    let served = serve_with(site.path(), &["--bind", "0.0.0.0"], &[]);
    for host in ["192.168.1.20:1111", "laptop.local", "localhost"] {
        assert_eq!(get_as(served.port, "/", host).0, 200, "{host}");
    }
}

#[test]
fn serve_without_content_or_on_a_busy_port_stops_with_the_reason() {
    let empty = tempfile::tempdir().unwrap();
    let output = factsheet()
        .args(["serve", "--port", "0", "--root"])
        .arg(empty.path())
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("there is no content/ folder here"),
        "{}",
        stderr(&output)
    );

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = factsheet()
        .args(["serve", "--port", &port, "--root"])
        .arg(fixture("minimal"))
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("cannot listen on 127.0.0.1:"), "{err}");
    assert!(err.contains("pick another port with --port"), "{err}");
    assert!(
        !stdout(&output).contains("Built"),
        "it listens before it builds"
    );
}

/// A number from the server process's `/proc/PID/status` (`Threads`, `VmHWM` in KiB).
fn status_of(served: &Served, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", served.child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in {status}"))
}

/// Lets this test process hold `files` open files (the soft limit is often 1,024).
fn allow_open_files(files: u64) {
    use rustix::process::{getrlimit, setrlimit, Resource};
    let mut limit = getrlimit(Resource::Nofile);
    // `None` is no limit.
    let hard = limit.maximum.unwrap_or(u64::MAX);
    limit.current = limit.current.map(|soft| soft.max(files.min(hard)));
    setrlimit(Resource::Nofile, limit).expect("the soft limit may be raised to the hard one");
}

/// The status code the server has answered on `stream` so far, without waiting.
fn status_now(stream: &mut TcpStream) -> Option<u16> {
    stream.set_nonblocking(true).unwrap();
    let mut head = [0u8; 12];
    let seen = stream.peek(&mut head);
    stream.set_nonblocking(false).unwrap();
    match seen {
        Ok(12) => String::from_utf8_lossy(&head[9..12]).parse().ok(),
        _ => None,
    }
}

/// Looks over `streams` again and again, for up to 20 seconds, until `enough` of them were
/// answered 503: how many were, and the streams that were not.
fn sweep(mut streams: Vec<TcpStream>, enough: usize) -> (usize, Vec<TcpStream>) {
    let mut refused = 0;
    let start = Instant::now();
    while refused < enough && start.elapsed() < Duration::from_secs(20) {
        streams.retain_mut(|s| match status_now(s) {
            Some(503) => {
                refused += 1;
                false
            }
            _ => true,
        });
        std::thread::sleep(Duration::from_millis(20));
    }
    (refused, streams)
}

/// The status code at the start of what the server answered on `stream` within `wait`.
fn answered(stream: &mut TcpStream, wait: Duration) -> Option<u16> {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    String::from_utf8_lossy(&head[9..12]).parse().ok()
}

#[test]
fn a_thousand_idle_connections_and_polls_take_no_more_threads_and_the_oldest_get_503() {
    allow_open_files(4096);
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    let version = poll(served.port, "")["version"].as_u64().unwrap();
    let threads = status_of(&served, "Threads");
    // 100 pages waiting for a rebuild, then 1,000 connections that never send a request.
    let polls: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
            write!(
                s,
                "GET /__factsheet/poll?v={version} HTTP/1.1\r\nHost: localhost\r\n\r\n"
            )
            .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let idle: Vec<TcpStream> = (0..1000)
        .map(|_| TcpStream::connect(("127.0.0.1", served.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        status_of(&served, "Threads") <= threads,
        "the server started threads for connections: {} -> {}",
        threads,
        status_of(&served, "Threads")
    );
    // The server holds at most 512 connections, the 64 waiting polls among them: for each
    // one more, the one that has waited longest without sending a request is answered 503.
    let (refused, mut idle) = sweep(idle, 1000 - (512 - 64));
    assert_eq!(refused, 1000 - (512 - 64), "idle connections refused");
    assert!(
        idle.iter_mut().all(|s| status_now(s).is_none()),
        "the newest idle connections are held"
    );
    let open_files = std::fs::read_dir(format!("/proc/{}/fd", served.child.id()))
        .unwrap()
        .count();
    assert!(open_files < 512 + 64, "{open_files} open files");
    // A real request still gets in, and is answered.
    assert_eq!(get(served.port, "/").0, 200);
    drop(idle);
    // Beyond 64 waiting polls, a poll is answered 503 at once; the 64 wait.
    let (refused, mut polls) = sweep(polls, 36);
    assert_eq!((refused, polls.len()), (36, 64));
    assert!(
        polls.iter_mut().all(|s| status_now(s).is_none()),
        "a poll was answered before a rebuild"
    );
    // The 64 that wait hear of the next rebuild.
    edit(
        &site.path().join("content/facts/budget-rise.md"),
        "title: The ministry's budget",
        "title: The ministry's budget for 2025",
    );
    let waited = polls
        .iter_mut()
        .filter_map(|s| answered(s, Duration::from_secs(20)))
        .filter(|s| *s == 200)
        .count();
    assert_eq!(waited, 64);
    // The preview answers as before.
    until_served(served.port, "/facts/budget-rise/", "$2 billion");
}

#[test]
fn idle_and_slow_clients_never_hold_up_a_real_request() {
    allow_open_files(4096);
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    let threads = status_of(&served, "Threads");
    // 300 connections that send nothing, and 50 that send their request a byte a second.
    let idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(("127.0.0.1", served.port)).unwrap())
        .collect();
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|_| TcpStream::connect(("127.0.0.1", served.port)).unwrap())
        .collect();
    let head =
        b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    for byte in head.iter().take(3) {
        for s in &mut slow {
            s.write_all(std::slice::from_ref(byte)).unwrap();
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    // Every worker would be held by now if a connection took one before its head was whole.
    for _ in 0..3 {
        let mut real = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        write!(real, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        // Seconds, where a stalled server takes tens of them; the answer itself takes
        // milliseconds (bench/slow_clients.py measures it).
        assert_eq!(answered(&mut real, Duration::from_secs(3)), Some(200));
    }
    assert!(status_of(&served, "Threads") <= threads);
    // Nobody held a connection longer than five seconds without a whole request head.
    std::thread::sleep(Duration::from_secs(3));
    let closed = idle
        .into_iter()
        .chain(slow)
        .filter_map(|mut s| {
            s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
            let closed = match s.read(&mut [0u8; 1]) {
                Ok(n) => n == 0,
                Err(e) => !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ),
            };
            closed.then_some(())
        })
        .count();
    assert_eq!(closed, 350);
}

#[test]
fn a_huge_request_line_or_header_is_refused_without_being_read_into_memory() {
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    let before = status_of(&served, "VmHWM");
    for (start, status) in [("GET /", 414), ("GET / HTTP/1.1\r\nX-Long: ", 431)] {
        let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(start.as_bytes()).unwrap();
        // 50 MB with no line end: the server answers and closes long before the end.
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..50 {
            if stream.write_all(&chunk).is_err() {
                break;
            }
        }
        let wait = Duration::from_secs(10);
        assert_eq!(answered(&mut stream, wait), Some(status), "{start}");
    }
    let grown = status_of(&served, "VmHWM").saturating_sub(before);
    assert!(
        grown < 10 * 1024,
        "the server's peak memory grew by {grown} KiB"
    );
    assert_eq!(get(served.port, "/").0, 200);
}

#[test]
fn serve_open_opens_the_site_in_the_browser_named_in_browser() {
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened.txt");
    let browser = dir.path().join("browser.sh");
    std::fs::write(
        &browser,
        // Written whole, then renamed: the test never reads a half-written file.
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let site = copy_fixture("minimal");
    let served = serve_with(
        site.path(),
        &["--open"],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    let start = Instant::now();
    while !opened.exists() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        format!("http://127.0.0.1:{}/", served.port)
    );
}

#[test]
fn a_fact_file_replaced_by_a_fifo_is_an_error_and_serve_goes_on() {
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    let version = poll(served.port, "")["version"].as_u64().unwrap();
    let fact = site.path().join("content/facts/budget-rise.md");
    let text = std::fs::read_to_string(&fact).unwrap();
    std::fs::remove_file(&fact).unwrap();
    mkfifo(&fact);
    // The rebuild does not wait on the FIFO: it reports it, and the last good site stays.
    let event = until_errors(served.port, version);
    assert_eq!(
        event["errors"][0]["location"], "content/facts/budget-rise.md",
        "{event}"
    );
    assert_eq!(
        event["errors"][0]["message"],
        "not a regular file (a FIFO, a socket or a device): it is not read"
    );
    assert_eq!(get(served.port, "/facts/budget-rise/").0, 200);
    // And it goes on watching: the file back, the site back.
    std::fs::remove_file(&fact).unwrap();
    std::fs::write(
        &fact,
        text.replace("The ministry's budget", "The ministry's new budget"),
    )
    .unwrap();
    until_served(
        served.port,
        "/facts/budget-rise/",
        "The ministry&#39;s new budget",
    );
}

#[test]
fn a_client_that_trickles_its_request_gets_five_seconds_in_all() {
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    let started = Instant::now();
    // One byte a second, never a line end: each read is quick, but the whole request is not.
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let cut_off = loop {
        let mut byte = [0u8; 1];
        let closed = stream.write_all(b"G").is_err() || matches!(stream.read(&mut byte), Ok(0));
        if closed || started.elapsed() > Duration::from_secs(15) {
            break started.elapsed();
        }
    };
    assert!(
        cut_off < Duration::from_secs(10),
        "the connection was held for {cut_off:?}"
    );
    assert_eq!(get(served.port, "/").0, 200);
}

#[test]
fn what_only_rendering_the_whole_site_finds_is_shown_like_any_error() {
    let site = copy_fixture("minimal");
    let served = serve(site.path());
    let version = poll(served.port, "")["version"].as_u64().unwrap();
    // Loading and linking find nothing wrong here: the site is rebuilt and the pages reload;
    // rendering the whole site, in the background, finds the static file at a page's path.
    put(site.path(), "static/index.html", "mine");
    let event = until_errors(served.port, version);
    assert_eq!(
        event["errors"],
        serde_json::json!([{
            "location": "static/index.html",
            "message": "`index.html` would replace a page factsheet generates",
            "help": "rename or move the static file"
        }])
    );
    // The site's own pages are still served, and the file gone, so is the error.
    let (status, _, page) = get(served.port, "/");
    assert_eq!(status, 200);
    assert!(!page.contains("mine"), "{page}");
    std::fs::remove_file(site.path().join("static/index.html")).unwrap();
    let seen = event["version"].as_u64().unwrap().to_string();
    assert_eq!(poll(served.port, &seen)["errors"], serde_json::json!([]));
}
