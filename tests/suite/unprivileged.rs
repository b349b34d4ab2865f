//! What an ordinary user meets: folders and files they cannot read, an output someone made
//! read-only. Run as root (as CI does), root reads everything, so these builds run as the user
//! `nobody` through `setpriv` (util-linux); run as anyone else, they run as that user.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::*;

/// `factsheet build --root SITE --output OUT`, as `nobody` when the tests run as root.
fn build_as_user(site: &Path, out: &Path) -> std::process::Output {
    as_user(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

/// `factsheet ARGS`, as `nobody` when the tests run as root.
fn as_user(args: &[&str]) -> std::process::Output {
    let binary = assert_cmd::cargo::cargo_bin!("factsheet");
    // SAFETY: geteuid has no preconditions and touches no memory.
    let root = rustix::process::geteuid().is_root();
    let mut command = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary);
        c
    } else {
        std::process::Command::new(binary)
    };
    command.env("NO_COLOR", "1").args(args);
    command.output().expect("setpriv (util-linux) runs")
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A copy of the minimal site in a folder anyone may enter and write, as `nobody` must.
fn open_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    for entry in walkdir::WalkDir::new(dir.path()) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            0o777
        } else {
            0o644
        };
        chmod(entry.path(), mode);
    }
    (dir, site)
}

#[test]
fn unreadable_folders_and_files_are_errors_not_skipped() {
    let (dir, site) = open_site();
    put(&site, "static/sub/a.txt", "kept out");
    put(&site, "templates/partials/x.html", "{# a partial #}");
    chmod(&site.join("static/sub"), 0o000);
    chmod(&site.join("templates/partials"), 0o000);
    chmod(&site.join("content/facts/budget-rise.md"), 0o000);
    let out = dir.path().join("out");
    let output = build_as_user(&site, &out);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let got: Vec<(String, String)> = printed(&err)
        .into_iter()
        .map(|p| (p.location, p.message))
        .collect();
    let denied = "cannot read: permission denied (make it readable to the user running factsheet)";
    assert_eq!(
        got,
        [
            (
                "content/facts/budget-rise.md".to_string(),
                denied.to_string()
            ),
            ("static/sub".to_string(), denied.to_string()),
            ("templates/partials".to_string(), denied.to_string()),
        ],
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
    // Give the folders back, so the temporary directory can be removed.
    chmod(&site.join("static/sub"), 0o777);
    chmod(&site.join("templates/partials"), 0o777);
}

#[test]
fn an_output_made_read_only_is_replaced_and_leaves_nothing_behind() {
    let (dir, site) = open_site();
    let out = dir.path().join("out");
    let first = build_as_user(&site, &out);
    assert!(first.status.success(), "{}", stderr(&first));
    chmod(&out, 0o555);
    chmod(&out.join("facts"), 0o555);
    for round in 0..3 {
        let again = build_as_user(&site, &out);
        assert!(again.status.success(), "build {round}: {}", stderr(&again));
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["out", "site"],
            "build {round} left something beside the output"
        );
    }
    assert!(read(&out, "facts/budget-rise/index.html").contains("$2 billion"));
}
