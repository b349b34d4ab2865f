//! Reading the site's files, safely: the one way any stage reads an input.
//!
//! Hostile input is normal input. A file in `content/`, `templates/`, `themes/` or `static/`
//! (and in a built site that `verify` checks) is read only when it is
//!
//! - a **regular file**: a FIFO, a socket or a device (`/dev/zero`, `/dev/urandom`) is an error
//!   at its path, never read — it is opened without blocking and checked on the open handle,
//!   so it cannot be swapped in between the check and the read;
//! - **inside the site**: a symbolic link counts when it leads to a file inside the site's
//!   root; one that leads outside is an error, so nothing from outside the site is published,
//!   served or quoted in a message;
//! - **not larger than its limit** ([`Limit`]), so no file makes the build read without end.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The most bytes one file of a kind may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// An article or fact file (its front matter and text): 16 MiB.
    Content,
    /// `site.yaml`, `entities.yaml`, `topics.yaml`, `comparisons.yaml`: 16 MiB.
    Data,
    /// A template: 1 MiB.
    Template,
    /// A static file, copied as it is: 256 MiB.
    Static,
    /// A file of a built site that `verify` reads: 256 MiB.
    Evidence,
}

impl Limit {
    /// The limit in bytes.
    pub fn bytes(self) -> u64 {
        const MIB: u64 = 1 << 20;
        match self {
            Limit::Content | Limit::Data => 16 * MIB,
            Limit::Template => MIB,
            Limit::Static | Limit::Evidence => 256 * MIB,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Limit::Content => "an article or fact file",
            Limit::Data => "a YAML file of content/",
            Limit::Template => "a template",
            Limit::Static => "a static file",
            Limit::Evidence => "a file of a built site",
        }
    }
}

/// The folder whose files may be read, and symbolic links into it.
#[derive(Debug, Clone)]
pub struct Inside {
    root: PathBuf,
}

impl Inside {
    /// Files inside `root` (a site's root, or a built site for `verify`).
    pub fn new(root: &Path) -> Inside {
        Inside {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Checks that the folder `dir` (`rel` in messages), which a walk starts from, is inside
    /// the site: a folder that is a symbolic link out of it is an error, and nothing in it is read.
    pub fn check_folder(&self, dir: &Path, rel: &str) -> Result<(), Diagnostic> {
        match std::fs::canonicalize(dir) {
            Ok(target) if !target.starts_with(&self.root) => Err(Diagnostic::error(
                rel,
                "a symbolic link to a folder outside the site: nothing in it is read",
            )
            .with_help("copy the folder into the site instead; nothing outside the site is read or published")),
            _ => Ok(()),
        }
    }

    /// Where the file at `path` (`rel` in messages) may be read from: the file inside the site
    /// that the path leads to, through any symbolic link on the way — the file itself, or a
    /// folder above it (`data/articles/etc -> /etc`). A path that leads outside the site, or a
    /// link that leads to nothing, is an error.
    pub fn resolve(&self, path: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
        let is_link = || {
            std::fs::symlink_metadata(path)
                .map(|m| m.file_type().is_symlink())
                .unwrap_or(false)
        };
        match std::fs::canonicalize(path) {
            Ok(target) if target.starts_with(&self.root) => Ok(target),
            Ok(_) if !is_link() => Err(Diagnostic::error(
                rel,
                "reached through a symbolic link to a folder outside the site: it is not read",
            )
            .with_help("copy the folder into the site instead; nothing outside the site is read or published")),
            // Nothing there: reading it says so.
            Err(_) if !is_link() => Ok(path.to_path_buf()),
            _ => Err(link_out(rel)),
        }
    }

    /// Reads the file at `path` (`rel` in messages) under the rules above.
    pub fn read(&self, path: &Path, rel: &str, limit: Limit) -> Result<Vec<u8>, Diagnostic> {
        read_regular(&self.resolve(path, rel)?, rel, limit)
    }

    /// Reads the file at `path` as UTF-8 text, under the rules above; a byte-order mark at its
    /// start (which some editors write) is dropped.
    pub fn read_text(&self, path: &Path, rel: &str, limit: Limit) -> Result<String, Diagnostic> {
        self.read_walked(path, rel, limit, None)
    }

    /// [`Inside::read_text`] for a file a walk found, which already knows whether it is a
    /// symbolic link (`Some(false)` spares a `stat` per file).
    pub fn read_walked(
        &self,
        path: &Path,
        rel: &str,
        limit: Limit,
        is_link: Option<bool>,
    ) -> Result<String, Diagnostic> {
        let bytes = match is_link {
            Some(false) => read_regular(path, rel, limit)?,
            _ => self.read(path, rel, limit)?,
        };
        let mut text = String::from_utf8(bytes).map_err(|err| not_utf8(rel, err.as_bytes()))?;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(text)
    }
}

/// The error for a file that is not UTF-8: at the first bad byte, naming it and the character
/// it stands for in Windows-1252 (what a file that is not UTF-8 most often is), with the fix.
fn not_utf8(rel: &str, bytes: &[u8]) -> Diagnostic {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    let before = String::from_utf8_lossy(&bytes[..valid]);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let byte = bytes.get(valid).copied().unwrap_or(0);
    let meaning = match windows_1252(byte) {
        Some(c) => format!(", which is {c} in Windows-1252, the usual encoding of such files"),
        None => String::new(),
    };
    Diagnostic::error(
        rel,
        format!("the file is not UTF-8 text: byte 0x{byte:02X} here is not UTF-8{meaning}"),
    )
    .at(crate::diagnostic::Pos::new(line, column))
    .spanning(1)
    .with_help(format!(
        "save the file as UTF-8 (in most editors: Save with Encoding → UTF-8), or convert it: `iconv -f WINDOWS-1252 -t UTF-8 {rel} > converted && mv converted {rel}`"
    ))
}

/// What a byte of 0x80 and above stands for in Windows-1252 (`` `’` ``), if anything.
fn windows_1252(byte: u8) -> Option<String> {
    const HIGH: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
    let c = match byte {
        0x80..=0x9f => HIGH.chars().nth(usize::from(byte - 0x80))?,
        0xa0 => return Some("a non-breaking space".to_string()),
        0xa1..=0xff => char::from(byte),
        _ => return None,
    };
    (!c.is_control()).then(|| format!("`{c}`"))
}

/// The error for a symbolic link that leads outside the site, or to nothing.
fn link_out(rel: &str) -> Diagnostic {
    Diagnostic::error(
        rel,
        "a symbolic link to something outside the site, or to nothing: it is not read",
    )
    .with_help("copy the file into the site instead; nothing outside the site is read or published")
}

/// Reads `path` (`rel` in messages, already known to be inside the site) if it is a regular
/// file of at most `limit` bytes. A symbolic link at `path` is not followed: one put there
/// after the path was checked is an error, not a way out of the site.
pub fn read_regular(path: &Path, rel: &str, limit: Limit) -> Result<Vec<u8>, Diagnostic> {
    let cannot =
        |e: std::io::Error| Diagnostic::error(rel, format!("cannot read: {}", io_reason(&e)));
    let file = open_without_blocking(path).map_err(|e| match e.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ELOOP) => link_out(rel),
        _ => cannot(e),
    })?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(rel));
    }
    let max = limit.bytes();
    let too_big = || {
        Diagnostic::error(
            rel,
            format!(
                "the file is larger than {}, the most {} may be",
                size_text(max),
                limit.what()
            ),
        )
        .with_help("split it, or leave out what the site does not need")
    };
    if meta.len() > max {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Opens `path` for reading; on Unix without blocking, so that a FIFO with no writer cannot
/// stop the build (the handle is checked to be a regular file before anything is read), and
/// without following a symbolic link at `path` itself.
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// An I/O error in plain words.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (make it readable to the user running factsheet)".to_string()
        }
        std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        _ => e.to_string(),
    }
}

/// A size for people: "256 MiB", "12 KiB", "5 bytes".
fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// The error for a path that is not a regular file (a FIFO, a socket, a device).
pub fn not_regular(rel: &str) -> Diagnostic {
    Diagnostic::error(
        rel,
        "not a regular file (a FIFO, a socket or a device): it is not read",
    )
    .with_help("replace it with an ordinary file, or remove it")
}

/// The error for a folder a walk could not read.
pub fn unreadable_folder(rel: &str, err: &walkdir::Error) -> Diagnostic {
    let reason = err
        .io_error()
        .map(io_reason)
        .unwrap_or_else(|| err.to_string());
    Diagnostic::error(rel, format!("cannot read: {reason}"))
        .with_help("make it readable, or remove it; nothing in it was read")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn a_file_swapped_for_a_link_after_the_walk_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("outside.md"), "secret").unwrap();
        let walked = root.join("a.md");
        std::fs::write(&walked, "hello").unwrap();
        // The walk saw a regular file (`Some(false)`: not a link); then it became a link out.
        std::fs::remove_file(&walked).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.md"), &walked).unwrap();
        let err = Inside::new(&root)
            .read_walked(&walked, "a.md", Limit::Content, Some(false))
            .unwrap_err();
        assert!(err.message.contains("outside the site"), "{err}");
    }

    #[test]
    fn regular_files_inside_are_read_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.md"), "hello").unwrap();
        std::fs::write(dir.path().join("outside.md"), "secret").unwrap();
        let inside = Inside::new(&root);
        assert_eq!(
            inside
                .read(&root.join("a.md"), "a.md", Limit::Content)
                .unwrap(),
            b"hello"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a.md"), root.join("link.md")).unwrap();
            assert_eq!(
                inside
                    .read(&root.join("link.md"), "link.md", Limit::Content)
                    .unwrap(),
                b"hello"
            );
            std::os::unix::fs::symlink(dir.path().join("outside.md"), root.join("out.md")).unwrap();
            let err = inside
                .read(&root.join("out.md"), "out.md", Limit::Content)
                .unwrap_err();
            assert!(err.message.contains("outside the site"), "{err}");
            std::os::unix::fs::symlink("/dev/zero", root.join("zero.md")).unwrap();
            let err = inside
                .read(&root.join("zero.md"), "zero.md", Limit::Content)
                .unwrap_err();
            assert!(err.message.contains("outside the site"), "{err}");
            let fifo = root.join("fifo.md");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap();
            assert!(made.success());
            let err = inside.read(&fifo, "fifo.md", Limit::Content).unwrap_err();
            assert!(err.message.starts_with("not a regular file"), "{err}");
        }
        let err = inside.read(&root, "site", Limit::Content).unwrap_err();
        assert!(
            err.message.starts_with("not a regular file") || err.message.starts_with("cannot read"),
            "{err}"
        );
    }

    #[test]
    fn a_file_over_its_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.html");
        std::fs::write(&big, vec![b'a'; (1 << 20) + 1]).unwrap();
        let err = Inside::new(dir.path())
            .read(&big, "templates/big.html", Limit::Template)
            .unwrap_err();
        assert_eq!(
            err.message,
            "the file is larger than 1 MiB, the most a template may be"
        );
    }
}
