//! `factsheet serve`: build, serve from memory, rebuild on every change, reload the browser.
//!
//! The site is built into memory (nothing is written to `output/`) and served on 127.0.0.1.
//! `content/`, `templates/`, `themes/` and `static/` are watched (debounced); each change
//! rebuilds the site, reading and linking again only what the changed files can have changed.
//! Pages are then rendered when they are asked for, so an edit is shown without rendering the
//! whole site first; the whole site renders in the background (reusing the minified articles
//! that did not change), to serve it from memory and to report what only rendering finds, and
//! is left unfinished when a newer edit comes. Every HTML page gets a
//! small script that long-polls `/__factsheet/poll`: when a rebuild succeeds the page reloads;
//! when it fails, the last good site stays served and every open page shows the errors over
//! itself until the file is fixed.
//!
//! The server's cost is bounded whatever clients do ([`server`]): one thread reads and writes
//! every connection, [`server::WORKERS`] threads work out answers once a request's head is
//! complete, and one thread answers the long polls, of which at most [`MOST_POLLS`] wait at
//! once; a poll beyond the limit is answered 503 at once.

mod http;
mod server;

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use serde::Serialize;

use crate::diagnostic::{self, Diagnostic};
use crate::model::SITE_FOLDERS;
use crate::render::Sink;
use crate::{Options, Preview, Rebuilder, SiteFiles};
use http::{Request, Response, Target};
use server::Reply;

/// The live-reload script injected into served pages.
const LIVE_JS: &str = include_str!("live.js");
/// How long the watcher waits after a change for the rest of it (an editor's save may write,
/// rename and change a file's mode one after another) before the site is rebuilt.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// How long no change must follow a rebuild before the whole site is rendered in the
/// background.
const QUIET: Duration = Duration::from_millis(500);
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
    /// Open the site in the browser once it is served.
    pub open: bool,
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

/// A site as served: each page rendered when it is asked for, until the whole site, rendered
/// in the background after each rebuild, is there.
#[derive(Default)]
struct Shown {
    /// The site, once one has built.
    preview: Option<Arc<Preview>>,
    /// The whole site once rendered; `None` in it when a newer edit made it not worth finishing.
    whole: OnceLock<Option<SiteFiles>>,
}

/// What the server shows: the last good site, and the errors of the last build if it failed.
struct State {
    shown: Arc<Shown>,
    version: u64,
    problems: Vec<Problem>,
}

/// A long poll waiting for a rebuild: its answer to give, the version its page shows, and
/// when it is answered anyway.
struct Waiting {
    reply: Reply,
    seen: Option<u64>,
    until: Instant,
}

/// The state shared by the server threads and the watcher, with a signal for rebuilds.
struct Live {
    state: Mutex<State>,
    /// How many rebuilds have started: the whole site being rendered in the background is left
    /// unfinished as soon as another starts, so that it takes no time from it.
    rebuilds: AtomicU64,
    rebuilt: Condvar,
    /// The long polls waiting now, at most [`MOST_POLLS`].
    polls: Mutex<Vec<Waiting>>,
    /// The `Host` names a request may carry when the preview listens on this machine only: the
    /// local names and the address it listens on. `None` when it listens on the network
    /// (`--bind 0.0.0.0`), where other machines name it as they know it.
    hosts: Option<Vec<String>>,
}

/// The most long polls (open tabs) waiting at once.
const MOST_POLLS: usize = 64;

impl Live {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        self.polls.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Live {
    /// Nothing shown yet; answering only the local host names when bound to `bind`, a loopback
    /// address.
    fn new(bind: &str) -> Live {
        Live {
            state: Mutex::new(State {
                shown: Arc::new(Shown::default()),
                version: 0,
                problems: Vec::new(),
            }),
            rebuilt: Condvar::new(),
            rebuilds: AtomicU64::new(0),
            polls: Mutex::new(Vec::new()),
            hosts: is_loopback(bind).then(|| {
                ["localhost", "127.0.0.1", "[::1]", bind]
                    .iter()
                    .map(|h| h.to_ascii_lowercase())
                    .collect()
            }),
        }
    }
}

/// Says where the preview is served (and, bound to the network, who can read it); returns its
/// address.
fn announce(bind: &str, port: u16) -> String {
    let url = preview_url(bind, port);
    println!(
        "Serving at {url} — watching {} for changes; press Ctrl-C to stop",
        SITE_FOLDERS.map(|w| format!("{w}/")).join(", ")
    );
    if !is_loopback(bind) {
        println!("Listening on {bind}: other machines that can reach this one can read the preview, at this machine's address and port {port}");
    }
    let _ = std::io::stdout().flush();
    url
}

/// Runs the server until the process is stopped. Returns a problem only when it cannot start
/// (the port is taken, the folders cannot be watched). The caller has checked that the root
/// holds `content/` (`main` does, with `build`'s error and status).
pub fn serve(options: ServeOptions) -> Result<(), Diagnostic> {
    let root = options.build.root.clone();
    // Listen first: a busy port is said at once, not after a build.
    let address = format!("{}:{}", options.bind, options.port);
    let listener = TcpListener::bind(&address).map_err(|e| {
        Diagnostic::error("", format!("cannot listen on {address}: {e}")).with_help(
            "is another server running there? pick another port with --port, or --port 0 for a free one",
        )
    })?;
    let mut rebuilder = Rebuilder::new(options.build.clone());
    let live = Arc::new(Live::new(&options.bind));
    rebuild(&mut rebuilder, &live, &root, options.color, None);
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .unwrap_or(options.port);
    start_server(listener, &live)
        .map_err(|e| Diagnostic::error("", format!("cannot serve on {address}: {e}")))?;

    // Events carry absolute paths.
    let canonical_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)
        .map_err(|e| Diagnostic::error("", format!("cannot watch the site's folders: {e}")))?;
    let mut watched: Vec<PathBuf> = Vec::new();
    let watch_folders = |debouncer: &mut notify_debouncer_full::Debouncer<_, _>,
                         watched: &mut Vec<PathBuf>| {
        for name in SITE_FOLDERS {
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
        .map_err(|e| {
            Diagnostic::error(
                root.display().to_string(),
                format!("cannot watch this folder: {e}"),
            )
        })?;
    // Said once the folders are watched, so an edit made right after it is seen.
    let url = announce(&options.bind, port);
    if options.open {
        open_browser(&url);
    }
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
        let changed: Vec<String> = changed
            .iter()
            .map(|p| crate::load::relative(&canonical_root, p))
            .collect();
        rebuild(&mut rebuilder, &live, &root, options.color, Some(&changed));
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
    top.is_some_and(|t| SITE_FOLDERS.contains(&t.as_str()))
        && !name.starts_with('.')
        && !name.ends_with('~')
        && !name.ends_with(".swp")
}

/// Rebuilds after a change to the files `changed` (`None` for the first build), publishes
/// the result to the server threads, and reports it on the terminal; then renders the whole
/// site in the background, to serve it from memory and to report what only rendering finds.
fn rebuild(
    rebuilder: &mut Rebuilder,
    live: &Arc<Live>,
    root: &Path,
    color: bool,
    changed: Option<&[String]>,
) {
    let started = Instant::now();
    live.rebuilds.fetch_add(1, Ordering::SeqCst);
    let result = rebuilder.rebuild(changed);
    let ms = started.elapsed().as_millis();
    let mut state = live.lock();
    state.version += 1;
    let preview = match result {
        Ok((report, preview)) => {
            eprint!("{}", diagnostic::printed(&report.warnings, root, color));
            state.problems = Vec::new();
            match changed.and_then(|c| c.first()) {
                Some(path) => println!("Rebuilt in {ms} ms after a change to {path}"),
                None => println!(
                    "Built {} pages ({} fact{}, {} quote{} verified) in {ms} ms",
                    report.pages,
                    report.facts,
                    if report.facts == 1 { "" } else { "s" },
                    report.quotes,
                    if report.quotes == 1 { "" } else { "s" }
                ),
            }
            Some(Arc::new(preview))
        }
        Err(problems) => {
            eprint!("{}", diagnostic::printed(&problems, root, color));
            fails(&mut state, &problems, "still serving the last good version");
            // The last good site stays; its whole rendering, if this rebuild left it
            // unfinished, starts again.
            let whole = matches!(state.shown.whole.get(), Some(Some(_)));
            state.shown.preview.clone().filter(|_| !whole)
        }
    };
    let mut last = None;
    if preview.is_some() {
        let shown = Arc::new(Shown {
            preview,
            whole: OnceLock::new(),
        });
        last = Some(std::mem::replace(&mut state.shown, Arc::clone(&shown)));
        let (live, root) = (Arc::clone(live), root.to_path_buf());
        let rebuild = live.rebuilds.load(Ordering::SeqCst);
        thread::spawn(move || render_whole(&shown, &live, &root, color, rebuild));
    }
    let _ = std::io::stdout().flush();
    drop(state);
    live.rebuilt.notify_all();
    // The site shown until now goes only once open pages have heard of the new one.
    drop(last);
}

/// Says that the site does not build, and what is served meanwhile (`serving`), and shows
/// `problems` on every open page.
fn fails(state: &mut State, problems: &[Diagnostic], serving: &str) {
    let (errors, _) = diagnostic::count(problems);
    println!(
        "The site does not build ({errors} error{}); {serving}",
        if errors == 1 { "" } else { "s" }
    );
    state.problems = diagnostic::shown(problems)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| Problem::from(d.as_ref()))
        .collect();
}

/// Renders the whole of `shown`, made by rebuild number `rebuild`, into memory, unless
/// another rebuild starts first. What fails to render is reported as a failed build is.
fn render_whole(shown: &Arc<Shown>, live: &Live, root: &Path, color: bool, rebuild: u64) {
    // Not while the editor is still at work: a save soon after this one would leave it.
    for _ in 0..QUIET.as_millis() / 50 {
        thread::sleep(Duration::from_millis(50));
        if live.rebuilds.load(Ordering::SeqCst) != rebuild {
            let _ = shown.whole.set(None);
            return;
        }
    }
    let sink = Whole {
        memory: crate::write::Memory::default(),
        live,
        rebuild,
    };
    // Set however rendering ends, so a request waiting for the whole site never waits forever.
    let settled = Settled(&shown.whole);
    let result = shown.preview.as_ref().map(|preview| preview.render(&sink));
    let abandoned = sink.abandoned();
    let _ = settled.0.set((!abandoned).then(|| sink.memory.finish()));
    if let (Some(Err(problems)), false) = (result, abandoned) {
        let mut state = live.lock();
        if Arc::ptr_eq(&state.shown, shown) {
            eprint!("{}", diagnostic::printed(&problems, root, color));
            state.version += 1;
            fails(&mut state, &problems, "serving the pages that render");
            let _ = std::io::stdout().flush();
            drop(state);
            live.rebuilt.notify_all();
        }
    }
}

/// The whole site of a [`Shown`], set to `None` when dropped unset (its rendering ended early).
struct Settled<'s>(&'s OnceLock<Option<SiteFiles>>);

impl Drop for Settled<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// Where the whole site is rendered in the background: memory, until another rebuild starts
/// (after a newer edit), which makes it not worth finishing.
struct Whole<'l> {
    memory: crate::write::Memory,
    live: &'l Live,
    rebuild: u64,
}

impl Sink for Whole<'_> {
    fn write(&self, path: &str, content: Vec<u8>) -> Result<(), Diagnostic> {
        match self.abandoned() {
            true => Err(Diagnostic::error(path, "a newer edit came first")),
            false => self.memory.write(path, content),
        }
    }

    fn abandoned(&self) -> bool {
        self.live.rebuilds.load(Ordering::SeqCst) != self.rebuild
    }
}

/// Starts serving `listener`: the I/O thread and the workers ([`server`]), and the thread that
/// answers the long polls.
fn start_server(listener: TcpListener, live: &Arc<Live>) -> std::io::Result<()> {
    let polls = Arc::clone(live);
    thread::spawn(move || answer_polls(&polls));
    let live = Arc::clone(live);
    server::start(
        listener,
        Arc::new(move |request, reply| answer(request, reply, &live)),
    )
}

/// Answers a request; a poll is handed to the poll thread.
fn answer(request: Request, reply: Reply, live: &Live) {
    let response = if request.method != "GET" && request.method != "HEAD" {
        Response::text(405, "405 only GET and HEAD are served")
    } else if !host_allowed(request.host.as_deref(), live.hosts.as_deref()) {
        // A page of another origin reaching the preview by DNS rebinding names its own host.
        Response::text(403, "403 forbidden: this preview answers only to localhost")
    } else if request.target.starts_with("/__factsheet/poll") {
        return wait_for_rebuild(reply, &request.target, live);
    } else if request.target == "/__factsheet/live.js" {
        Response::new(
            200,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        )
    } else {
        page(&request.target, live)
    };
    reply.send(&response);
}

/// True when the preview listens on this machine only: `--bind` is a loopback address or
/// `localhost`.
fn is_loopback(bind: &str) -> bool {
    bind.eq_ignore_ascii_case("localhost")
        || bind
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The address to open the preview at: the `--bind` address (an IPv6 one in brackets), or
/// 127.0.0.1 when it listens on every address (`0.0.0.0`, `::`).
fn preview_url(bind: &str, port: u16) -> String {
    let bare = bind.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) if ip.is_unspecified() => format!("http://127.0.0.1:{port}/"),
        Ok(std::net::IpAddr::V6(ip)) => format!("http://[{ip}]:{port}/"),
        _ => format!("http://{bind}:{port}/"),
    }
}

/// True when `host` (without its port) is one the preview answers to: any, when `hosts` is
/// `None`. A request without one (HTTP/1.0) is answered.
fn host_allowed(host: Option<&str>, hosts: Option<&[String]>) -> bool {
    let (Some(host), Some(hosts)) = (host.map(str::to_ascii_lowercase), hosts) else {
        return true;
    };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty() => name,
        _ => host.as_str(),
    };
    hosts.iter().any(|h| h == name)
}

/// Answers a request for `url`: from the whole site once it is rendered, else by rendering the
/// page asked for; a file that is not a page (data, static files, or none: 404) waits for the
/// whole site.
fn page(url: &str, live: &Live) -> Response {
    let key = match http::resolve(url) {
        Target::Page(key) => key,
        Target::Forbidden => return Response::text(403, "403 forbidden: the path leaves the site"),
        Target::BadRequest => return Response::text(400, "400 bad request"),
    };
    loop {
        let shown = Arc::clone(&live.lock().shown);
        let Some(preview) = &shown.preview else {
            return Response::text(
                503,
                "The site has not built yet; see the terminal for its errors.",
            );
        };
        if shown.whole.get().is_none() {
            match http::lookup(&key, |file| preview.page(file)) {
                Some((file, Ok(bytes))) => return served(200, &file, &bytes),
                Some((_, Err(problems))) => return not_rendered(&problems),
                None => {}
            }
        }
        // Rendered whole; or left for a newer site, which is then asked.
        let Some(pages) = shown.whole.wait() else {
            if Arc::ptr_eq(&live.lock().shown, &shown) {
                return Response::text(500, "500 the site could not be rendered; see the terminal");
            }
            continue;
        };
        return match http::lookup(&key, |file| pages.get(file)) {
            Some((file, bytes)) => served(200, &file, bytes),
            None => match pages.get("404.html") {
                Some(bytes) => served(404, "404.html", bytes),
                None => Response::text(404, "404 not found"),
            },
        };
    }
}

/// The file `file` of the site, as served: with the live-reload script when it is a page.
fn served(status: u16, file: &str, bytes: &[u8]) -> Response {
    let body = if file.ends_with(".html") {
        http::with_live_script(bytes)
    } else {
        bytes.to_vec()
    };
    Response::new(status, http::content_type(file), body)
}

/// The answer for a page that does not render: its errors, which the open pages also show.
fn not_rendered(problems: &[Diagnostic]) -> Response {
    let lines: Vec<String> = problems
        .iter()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    Response::text(
        500,
        &format!("500 this page does not render:\n{}", lines.join("\n")),
    )
}

/// `/__factsheet/poll?v=N`: answered at once if the version is not `N`; otherwise it waits
/// for the next rebuild (or [`POLL_WAIT`]) among the polls the poll thread answers.
fn wait_for_rebuild(reply: Reply, url: &str, live: &Live) {
    let seen: Option<u64> = url
        .split_once("v=")
        .and_then(|(_, v)| v.split('&').next())
        .and_then(|v| v.parse().ok());
    let state = live.lock();
    if seen != Some(state.version) {
        let answer = poll_answer(&state);
        drop(state);
        return reply.send(&answer);
    }
    // Registered while the state is locked, so a rebuild cannot slip in between.
    let mut waiting = live.waiting();
    if waiting.len() >= MOST_POLLS {
        drop((state, waiting));
        return reply.send(&Response::text(503, "503 too many open tabs"));
    }
    waiting.push(Waiting {
        reply,
        seen,
        until: Instant::now() + POLL_WAIT,
    });
}

/// The poll thread: after each rebuild, and at least every second, answers the polls whose
/// page is out of date or that have waited long enough.
fn answer_polls(live: &Live) {
    let mut state = live.lock();
    loop {
        let now = Instant::now();
        let due: Vec<Waiting> = {
            let mut waiting = live.waiting();
            let (due, kept) = std::mem::take(&mut *waiting)
                .into_iter()
                .partition(|w| w.seen != Some(state.version) || w.until <= now);
            *waiting = kept;
            due
        };
        if due.is_empty() {
            state = live
                .rebuilt
                .wait_timeout(state, Duration::from_secs(1))
                .map(|(s, _)| s)
                .unwrap_or_else(|p| p.into_inner().0);
            continue;
        }
        let answer = poll_answer(&state);
        drop(state);
        for Waiting { reply, .. } in due {
            reply.send(&answer);
        }
        state = live.lock();
    }
}

/// The answer to a poll: `{"version": V, "errors": [...]}`.
fn poll_answer(state: &State) -> Response {
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
    Response::new(200, "application/json", json.into_bytes())
}

/// Opens `url` in the browser: the command in `BROWSER` if set (`%s` stands for the URL;
/// otherwise it is added), else the system's opener. A failure is said, not fatal.
fn open_browser(url: &str) {
    let configured = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let mut words: Vec<String> = match &configured {
        Some(command) => command.split_whitespace().map(String::from).collect(),
        None if cfg!(target_os = "macos") => vec!["open".into()],
        None if cfg!(windows) => vec!["cmd".into(), "/C".into(), "start".into(), String::new()],
        None => vec!["xdg-open".into()],
    };
    if words.iter().any(|w| w.contains("%s")) {
        words.iter_mut().for_each(|w| *w = w.replace("%s", url));
    } else {
        words.push(url.to_string());
    }
    let spawned = std::process::Command::new(&words[0])
        .args(&words[1..])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Waited for on its own thread, so it leaves no zombie behind.
        Ok(mut child) => {
            thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!(
            "warning: could not open a browser with `{}`: {e}; open {url} yourself (or set BROWSER)",
            words[0]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_url_is_one_a_browser_opens() {
        assert_eq!(preview_url("127.0.0.1", 1111), "http://127.0.0.1:1111/");
        assert_eq!(preview_url("::1", 1111), "http://[::1]:1111/");
        assert_eq!(preview_url("[::1]", 1111), "http://[::1]:1111/");
        assert_eq!(preview_url("0.0.0.0", 8), "http://127.0.0.1:8/");
        assert_eq!(preview_url("::", 8), "http://127.0.0.1:8/");
        assert_eq!(preview_url("localhost", 8), "http://localhost:8/");
    }

    #[test]
    fn only_a_loopback_bind_keeps_to_local_host_names() {
        for local in ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "LOCALHOST"] {
            assert!(is_loopback(local), "{local}");
        }
        for network in ["0.0.0.0", "::", "192.168.1.5", "example.org"] {
            assert!(!is_loopback(network), "{network}");
        }
        let local = vec!["localhost".to_string()];
        assert!(host_allowed(Some("LOCALHOST:80"), Some(&local)));
        assert!(!host_allowed(Some("evil.example"), Some(&local)));
        assert!(host_allowed(Some("evil.example"), None));
        assert!(host_allowed(None, Some(&local)));
    }
}
