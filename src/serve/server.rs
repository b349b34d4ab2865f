//! The preview's network side: every connection is read and written by one thread, and a
//! worker is taken only once a request's head is complete.
//!
//! One thread waits on all connections at once (`mio`: epoll, kqueue or IOCP). It accepts,
//! reads each request head as its bytes arrive ([`http::Head`]), and writes each answer as the
//! client takes it, so a client that connects and sends nothing, sends a byte a second, or
//! reads its answer slowly costs an open connection and a few kilobytes — never a thread. A
//! complete request goes to one of [`WORKERS`] threads, which works out the answer (rendering a
//! page if need be) and hands it back as bytes; a long poll hands its [`Reply`] on, to be
//! answered later.
//!
//! Bounds, whatever clients do: at most [`MOST_OPEN`] connections are held; when one more
//! comes, the one that has waited longest without sending a whole request head is answered
//! 503 and closed (so a real request always gets in); a head must be complete within
//! [`HEAD_TIME`], and an answer taken within [`SEND_TIME`]. At most [`MOST_QUEUED`] complete
//! requests wait for a worker; beyond that the answer is 503 at once.

use std::collections::BTreeMap;
use std::io::{ErrorKind, Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};

use super::http::{Head, Progress, Request, Response};

/// The threads that work out answers.
pub const WORKERS: usize = 8;
/// The most connections held at once.
pub const MOST_OPEN: usize = 512;
/// The most complete requests waiting for a worker.
pub const MOST_QUEUED: usize = 256;
/// How long a client has, from connecting, to send its whole request head.
pub const HEAD_TIME: Duration = Duration::from_secs(5);
/// How long a client has to take its answer.
pub const SEND_TIME: Duration = Duration::from_secs(5);

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
/// The first connection's number; numbers are never reused, so an answer for a connection that
/// has closed meanwhile finds nothing.
const FIRST: usize = 2;

/// The answer to one request, to be given once: by the worker, or later (a long poll). Dropped
/// unanswered, it closes the connection.
pub struct Reply {
    connection: usize,
    head_only: bool,
    to: Option<Answers>,
}

/// Where answers go: the I/O thread, woken for each.
#[derive(Clone)]
struct Answers {
    sender: mpsc::Sender<(usize, Vec<u8>)>,
    waker: Arc<Waker>,
}

impl Reply {
    /// Gives `response` (without its body when the request was `HEAD`).
    pub fn send(mut self, response: &Response) {
        let bytes = response.to_bytes(self.head_only);
        self.give(bytes);
    }

    fn give(&mut self, bytes: Vec<u8>) {
        if let Some(to) = self.to.take() {
            let _ = to.sender.send((self.connection, bytes));
            let _ = to.waker.wake();
        }
    }
}

impl Drop for Reply {
    fn drop(&mut self) {
        // Nothing to send: the I/O thread closes the connection.
        self.give(Vec::new());
    }
}

/// What answers a complete request: called on a worker thread.
pub type Handler = dyn Fn(Request, Reply) + Send + Sync;

/// Starts serving `listener` with `handler`: the I/O thread and the workers.
pub fn start(listener: std::net::TcpListener, handler: Arc<Handler>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let mut listener = TcpListener::from_std(listener);
    let poll = Poll::new()?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
    let (sender, answers) = mpsc::channel();
    let (queue, requests) = mpsc::sync_channel::<(Request, Reply)>(MOST_QUEUED);
    let requests = Arc::new(Mutex::new(requests));
    for _ in 0..WORKERS {
        let (requests, handler) = (Arc::clone(&requests), Arc::clone(&handler));
        thread::spawn(move || loop {
            let next = requests.lock().unwrap_or_else(|p| p.into_inner()).recv();
            match next {
                Ok((request, reply)) => handler(request, reply),
                Err(_) => return,
            }
        });
    }
    let io = Io {
        poll,
        listener,
        connections: BTreeMap::new(),
        next: FIRST,
        answers_to: Answers { sender, waker },
        answers,
        queue,
        accept_again: false,
    };
    thread::spawn(move || io.run());
    Ok(())
}

/// Where a connection is.
enum Phase {
    /// Its request head is being read.
    Reading(Head),
    /// A worker, or a long poll, has its request.
    Answering,
    /// Its answer is being written.
    Sending { bytes: Vec<u8>, sent: usize },
}

/// A client's connection.
struct Connection {
    stream: TcpStream,
    phase: Phase,
    /// When it is closed if it has not moved on.
    deadline: Option<Instant>,
}

/// What a connection needs next.
enum Next {
    Keep,
    Close,
    /// Its request head is complete.
    Request(Request),
}

impl Connection {
    /// Reads what has arrived, while the head is being read.
    fn read(&mut self) -> Next {
        let Phase::Reading(head) = &mut self.phase else {
            return Next::Keep;
        };
        let mut buffer = [0u8; 4096];
        loop {
            match self.stream.read(&mut buffer) {
                Ok(0) => return Next::Close,
                Ok(n) => match head.feed(&buffer[..n]) {
                    Progress::More => {}
                    Progress::Complete(request) => return Next::Request(request),
                    Progress::Refuse(response) => return self.answer(&response),
                },
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Next::Keep,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return Next::Close,
            }
        }
    }

    /// Starts giving `response` (a whole answer, with its body).
    fn answer(&mut self, response: &Response) -> Next {
        self.send(response.to_bytes(false))
    }

    /// Starts sending `bytes`; nothing to send closes the connection.
    fn send(&mut self, bytes: Vec<u8>) -> Next {
        if bytes.is_empty() {
            return Next::Close;
        }
        self.phase = Phase::Sending { bytes, sent: 0 };
        self.deadline = Some(Instant::now() + SEND_TIME);
        self.write()
    }

    /// Writes what the client takes of the answer; closes once all of it is sent.
    fn write(&mut self) -> Next {
        let Phase::Sending { bytes, sent } = &mut self.phase else {
            return Next::Keep;
        };
        while *sent < bytes.len() {
            match self.stream.write(&bytes[*sent..]) {
                Ok(0) => return Next::Close,
                Ok(n) => *sent += n,
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Next::Keep,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return Next::Close,
            }
        }
        let _ = self.stream.flush();
        let _ = self.stream.shutdown(std::net::Shutdown::Write);
        Next::Close
    }

    /// True while its request head is still being read.
    fn reading(&self) -> bool {
        matches!(self.phase, Phase::Reading(_))
    }
}

/// The I/O thread's state.
struct Io {
    poll: Poll,
    listener: TcpListener,
    /// Open connections by number, so the oldest come first.
    connections: BTreeMap<usize, Connection>,
    next: usize,
    answers_to: Answers,
    answers: mpsc::Receiver<(usize, Vec<u8>)>,
    queue: mpsc::SyncSender<(Request, Reply)>,
    /// Accepting stopped before the listener was drained (out of file descriptors): try again
    /// soon, since no new readiness event will say so.
    accept_again: bool,
}

impl Io {
    fn run(mut self) {
        let mut events = Events::with_capacity(256);
        loop {
            if let Err(e) = self.poll.poll(&mut events, self.timeout()) {
                if e.kind() != ErrorKind::Interrupted {
                    thread::sleep(Duration::from_millis(50));
                }
                continue;
            }
            for event in events.iter() {
                match event.token() {
                    LISTENER => self.accept(),
                    WAKER => {}
                    Token(number) => self.ready(number),
                }
            }
            if self.accept_again {
                self.accept();
            }
            while let Ok((number, bytes)) = self.answers.try_recv() {
                if let Some(connection) = self.connections.get_mut(&number) {
                    let next = connection.send(bytes);
                    self.follow(number, next);
                }
            }
            self.close_late();
        }
    }

    /// How long to wait for events: until the nearest deadline.
    fn timeout(&self) -> Option<Duration> {
        let now = Instant::now();
        let nearest = self.connections.values().filter_map(|c| c.deadline).min();
        let wait = nearest.map(|d| d.saturating_duration_since(now) + Duration::from_millis(1));
        match self.accept_again {
            true => Some(wait.map_or(RETRY, |w| w.min(RETRY))),
            false => wait,
        }
    }

    /// Accepts every connection waiting.
    fn accept(&mut self) {
        self.accept_again = false;
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => self.open(stream),
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => {
                    // Out of file descriptors, most likely: make room, and try again soon.
                    self.evict_oldest_reader();
                    self.accept_again = true;
                    return;
                }
            }
        }
    }

    /// Takes a new connection, making room for it if need be.
    fn open(&mut self, mut stream: TcpStream) {
        if self.connections.len() >= MOST_OPEN && !self.evict_oldest_reader() {
            return refuse(&mut stream);
        }
        let number = self.next;
        self.next += 1;
        let interest = Interest::READABLE | Interest::WRITABLE;
        if self
            .poll
            .registry()
            .register(&mut stream, Token(number), interest)
            .is_err()
        {
            return refuse(&mut stream);
        }
        let connection = Connection {
            stream,
            phase: Phase::Reading(Head::default()),
            deadline: Some(Instant::now() + HEAD_TIME),
        };
        self.connections.insert(number, connection);
    }

    /// Answers 503 to the connection that has waited longest without a whole request head, and
    /// closes it; false when there is none.
    fn evict_oldest_reader(&mut self) -> bool {
        let oldest = self
            .connections
            .iter()
            .find(|(_, c)| c.reading())
            .map(|(n, _)| *n);
        let Some(mut connection) = oldest.and_then(|n| self.connections.remove(&n)) else {
            return false;
        };
        let _ = self.poll.registry().deregister(&mut connection.stream);
        refuse(&mut connection.stream);
        true
    }

    /// A connection can be read or written.
    fn ready(&mut self, number: usize) {
        let Some(connection) = self.connections.get_mut(&number) else {
            return;
        };
        let next = match connection.phase {
            Phase::Reading(_) => connection.read(),
            Phase::Sending { .. } => connection.write(),
            Phase::Answering => Next::Keep,
        };
        self.follow(number, next);
    }

    /// Does what connection `number` needs next.
    fn follow(&mut self, number: usize, next: Next) {
        match next {
            Next::Keep => {}
            Next::Close => self.close(number),
            Next::Request(request) => self.dispatch(number, request),
        }
    }

    /// Hands a complete request to the workers; 503 when too many wait already.
    fn dispatch(&mut self, number: usize, request: Request) {
        let Some(connection) = self.connections.get_mut(&number) else {
            return;
        };
        connection.phase = Phase::Answering;
        connection.deadline = None;
        let reply = Reply {
            connection: number,
            head_only: request.method == "HEAD",
            to: Some(self.answers_to.clone()),
        };
        if let Err(mpsc::TrySendError::Full((_, mut reply))) = self.queue.try_send((request, reply))
        {
            // Answered here, not by the reply's own drop.
            reply.to = None;
            let next = connection.answer(&busy());
            self.follow(number, next);
        }
    }

    fn close(&mut self, number: usize) {
        if let Some(mut connection) = self.connections.remove(&number) {
            let _ = self.poll.registry().deregister(&mut connection.stream);
        }
    }

    /// Closes the connections whose deadline has passed: a head not sent, an answer not taken.
    fn close_late(&mut self) {
        let now = Instant::now();
        let late: Vec<usize> = self
            .connections
            .iter()
            .filter(|(_, c)| c.deadline.is_some_and(|d| d <= now))
            .map(|(n, _)| *n)
            .collect();
        for number in late {
            self.close(number);
        }
    }
}

/// How soon accepting is tried again after it failed.
const RETRY: Duration = Duration::from_millis(50);

/// The answer when the preview holds as much as it may.
fn busy() -> Response {
    Response::text(503, "503 the preview is busy; try again")
}

/// Answers 503 to a connection whose request is not read, as far as it takes it at once.
fn refuse(stream: &mut TcpStream) {
    let _ = stream.write(&busy().to_bytes(false));
}
