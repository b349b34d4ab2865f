//! `factsheet serve`: build, serve from memory, rebuild on every change, reload the browser.
//!
//! The site is built into memory (nothing is written to `output/`) and served by a small
//! synchronous server (`tiny_http`) on 127.0.0.1. `content/`, `templates/`, `themes/` and
//! `static/` are watched (debounced); each change rebuilds the site, reusing the minified pages
//! that did not change. Every HTML page gets a small script that long-polls
//! `/__factsheet/poll`: when a rebuild succeeds the page reloads; when it fails, the last good
//! site stays served and every open page shows the errors over itself until the file is fixed.

mod http;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use serde::Serialize;
use tiny_http::{Header, Request, Response, Server};

use crate::diagnostic::{self, Diagnostic};
use crate::{Options, Pages, Rebuilder};
use http::Target;

/// The live-reload script injected into served pages.
const LIVE_JS: &str = include_str!("live.js");
/// The folders of a site that are watched.
const WATCHED: [&str; 4] = ["content", "templates", "themes", "static"];
/// How long a poll waits for a rebuild before answering anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site to build.
    pub build: Options,
    /// The address to listen on (default 127.0.0.1).
    pub bind: String,
    /// The port (default 1111; 0 picks a free one).
    pub port: u16,
    /// Color in terminal output.
    pub color: bool,
}

/// One problem, as the browser overlay shows it.
#[derive(Debug, Clone, Serialize)]
struct Problem {
    location: String,
    message: String,
    help: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            location: d.location(),
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// What the server shows: the last good site, and the errors of the last build if it failed.
struct State {
    pages: Arc<Pages>,
    version: u64,
    problems: Vec<Problem>,
}

/// The state shared by the server threads and the watcher, with a signal for rebuilds.
struct Live {
    state: Mutex<State>,
    rebuilt: Condvar,
    /// The long polls waiting now; beyond [`MOST_POLLS`], a poll is answered 503 at once.
    polls: std::sync::atomic::AtomicUsize,
    /// The `Host` names a request may carry: the local names and the address it listens on.
    hosts: Vec<String>,
}

/// The most long polls (open tabs) waiting at once.
const MOST_POLLS: usize = 64;

impl Live {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Runs the server until the process is stopped. Returns an error message only when it cannot
/// start (the port is taken, the folders cannot be watched).
pub fn serve(options: ServeOptions) -> Result<(), String> {
    let root = options.build.root.clone();
    if let Some(missing) = crate::load::missing_content(&root) {
        return Err(missing.to_string());
    }
    // Listen first: a busy port is said at once, not after a build.
    let address = format!("{}:{}", options.bind, options.port);
    let server = Server::http(&address).map_err(|e| {
        format!("cannot listen on {address}: {e} (is another server running there? pick another port with --port, or --port 0 for a free one)")
    })?;
    let mut rebuilder = Rebuilder::new(options.build.clone());
    let live = Arc::new(Live {
        state: Mutex::new(State {
            pages: Arc::new(Pages::new()),
            version: 0,
            problems: Vec::new(),
        }),
        rebuilt: Condvar::new(),
        polls: std::sync::atomic::AtomicUsize::new(0),
        hosts: ["localhost", "127.0.0.1", "[::1]", options.bind.as_str()]
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
    });
    rebuild(&mut rebuilder, &live, &root, options.color, None);
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(options.port);
    let server = Arc::new(server);
    for _ in 0..4 {
        let (server, live) = (Arc::clone(&server), Arc::clone(&live));
        thread::spawn(move || {
            while let Ok(request) = server.recv() {
                answer(request, &live);
            }
        });
    }

    // Events carry absolute paths.
    let canonical_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(150), None, tx)
        .map_err(|e| format!("cannot watch the site's folders: {e}"))?;
    let mut watched: Vec<PathBuf> = Vec::new();
    let watch_folders = |debouncer: &mut notify_debouncer_full::Debouncer<_, _>,
                         watched: &mut Vec<PathBuf>| {
        for name in WATCHED {
            let dir = root.join(name);
            if dir.is_dir()
                && !watched.contains(&dir)
                && debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                watched.push(dir);
            }
        }
    };
    watch_folders(&mut debouncer, &mut watched);
    // The root itself, to notice a templates/ or static/ folder being created.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    // Said once the folders are watched, so an edit made right after it is seen.
    println!(
        "Serving at http://{}:{port}/ — watching {} for changes; press Ctrl-C to stop",
        options.bind,
        WATCHED.map(|w| format!("{w}/")).join(", ")
    );
    let _ = std::io::stdout().flush();
    for result in rx {
        let Ok(events) = result else { continue };
        // Reading files (as every rebuild does) is an event too; only changes count.
        let changed: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter())
            .filter(|p| is_site_file(&canonical_root, p))
            .cloned()
            .collect();
        if changed.is_empty() {
            continue;
        }
        watch_folders(&mut debouncer, &mut watched);
        let first = crate::load::relative(&canonical_root, &changed[0]);
        rebuild(&mut rebuilder, &live, &root, options.color, Some(&first));
    }
    Ok(())
}

/// True for a path under one of the watched folders that an editor did not leave behind
/// (swap files, backups).
fn is_site_file(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let top = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    top.is_some_and(|t| WATCHED.contains(&t.as_str()))
        && !name.starts_with('.')
        && !name.ends_with('~')
        && !name.ends_with(".swp")
}

/// Rebuilds, publishes the result to the server threads, and reports it on the terminal.
fn rebuild(rebuilder: &mut Rebuilder, live: &Live, root: &Path, color: bool, cause: Option<&str>) {
    let started = Instant::now();
    let result = rebuilder.rebuild();
    let ms = started.elapsed().as_millis();
    let mut state = live.lock();
    state.version += 1;
    match result {
        Ok((report, pages)) => {
            eprint!("{}", diagnostic::render(&report.warnings, root, color));
            state.pages = Arc::new(pages);
            state.problems = Vec::new();
            match cause {
                Some(path) => println!(
                    "Rebuilt {} pages in {ms} ms after a change to {path}",
                    report.pages
                ),
                None => println!(
                    "Built {} pages ({} fact{}, {} quote{} verified) in {ms} ms",
                    report.pages,
                    report.facts,
                    if report.facts == 1 { "" } else { "s" },
                    report.quotes,
                    if report.quotes == 1 { "" } else { "s" }
                ),
            }
        }
        Err(problems) => {
            eprint!("{}", diagnostic::render(&problems, root, color));
            let (errors, _) = diagnostic::count(&problems);
            println!(
                "The site does not build ({errors} error{}); still serving the last good version",
                if errors == 1 { "" } else { "s" }
            );
            state.problems = problems
                .iter()
                .filter(|d| d.is_error())
                .map(Problem::from)
                .collect();
        }
    }
    let _ = std::io::stdout().flush();
    drop(state);
    live.rebuilt.notify_all();
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// Answers one request; a poll is answered from its own thread, as it may wait.
fn answer(request: Request, live: &Arc<Live>) {
    let url = request.url().to_string();
    if !host_allowed(&request, &live.hosts) {
        // A page of another origin reaching the preview by DNS rebinding names its own host.
        let response =
            Response::from_data(b"403 forbidden: this preview answers only to localhost".to_vec())
                .with_status_code(403)
                .with_header(header("Content-Type", "text/plain; charset=utf-8"));
        let _ = request.respond(response);
        return;
    }
    if url.starts_with("/__factsheet/poll") {
        use std::sync::atomic::Ordering;
        if live.polls.fetch_add(1, Ordering::SeqCst) >= MOST_POLLS {
            live.polls.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(
                Response::from_data(b"503 too many open tabs".to_vec()).with_status_code(503),
            );
            return;
        }
        let waiting = Arc::clone(live);
        let spawned = thread::Builder::new().spawn(move || {
            poll(request, &url, &waiting);
            waiting.polls.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            live.polls.fetch_sub(1, Ordering::SeqCst);
        }
        return;
    }
    let response = if url == "/__factsheet/live.js" {
        Response::from_data(LIVE_JS.as_bytes().to_vec())
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
    } else {
        page(&url, live)
    };
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

/// True when the request's `Host` (without its port) is one the preview answers to; a request
/// without one (HTTP/1.0) is answered.
fn host_allowed(request: &Request, hosts: &[String]) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
    else {
        return true;
    };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty() => name,
        _ => host.as_str(),
    };
    hosts.iter().any(|h| h == name)
}

fn page(url: &str, live: &Live) -> Response<std::io::Cursor<Vec<u8>>> {
    let pages = Arc::clone(&live.lock().pages);
    let text = |status: u16, message: &str| {
        Response::from_data(message.as_bytes().to_vec())
            .with_status_code(status)
            .with_header(header("Content-Type", "text/plain; charset=utf-8"))
    };
    let key = match http::resolve(url) {
        Target::Page(key) => key,
        Target::Forbidden => return text(403, "403 forbidden: the path leaves the site"),
        Target::BadRequest => return text(400, "400 bad request"),
    };
    let (status, key, bytes) = match http::lookup(&pages, &key) {
        Some((key, bytes)) => (200, key, bytes),
        None => match pages.get("404.html") {
            Some(bytes) => (404, "404.html".to_string(), bytes),
            None if pages.is_empty() => {
                return text(
                    503,
                    "The site has not built yet; see the terminal for its errors.",
                )
            }
            None => return text(404, "404 not found"),
        },
    };
    let body = if key.ends_with(".html") {
        http::with_live_script(bytes)
    } else {
        bytes.to_vec()
    };
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", http::content_type(&key)))
}

/// `/__factsheet/poll?v=N`: answers at once if the version is not `N`, otherwise waits for the
/// next rebuild (or a while). The answer is `{"version": V, "errors": [...]}`.
fn poll(request: Request, url: &str, live: &Live) {
    let seen: Option<u64> = url
        .split_once("v=")
        .and_then(|(_, v)| v.split('&').next())
        .and_then(|v| v.parse().ok());
    let mut state = live.lock();
    if seen == Some(state.version) {
        state = live
            .rebuilt
            .wait_timeout_while(state, POLL_WAIT, |s| Some(s.version) == seen)
            .map(|(s, _)| s)
            .unwrap_or_else(|p| p.into_inner().0);
    }
    #[derive(Serialize)]
    struct Answer<'a> {
        version: u64,
        errors: &'a [Problem],
    }
    let json = serde_json::to_string(&Answer {
        version: state.version,
        errors: &state.problems,
    })
    .unwrap_or_else(|_| "{}".to_string());
    drop(state);
    let response = Response::from_data(json.into_bytes())
        .with_header(header("Content-Type", "application/json"))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}
