//! What `make test` installs on a fresh machine: `scripts/test.sh --dry-run` says what it would
//! install and has apt-get resolve it, without installing or testing anything.

use std::process::Command;

/// A folder of links to the tools the script needs, without `chromium` and `java`: a machine
/// where neither is installed, as far as the script can tell.
fn path_without_browser_and_java(dir: &std::path::Path) -> String {
    for tool in [
        "bash", "npm", "node", "grep", "id", "dirname", "apt-get", "env",
    ] {
        let found = Command::new("bash")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .unwrap();
        let at = String::from_utf8_lossy(&found.stdout).trim().to_string();
        assert!(
            !at.is_empty(),
            "{tool} is installed (make test installs what it lacks)"
        );
        std::os::unix::fs::symlink(&at, dir.join(tool)).unwrap();
    }
    dir.display().to_string()
}

#[test]
fn the_dry_run_names_the_packages_resolves_them_with_apt_and_installs_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let script = crate::common::repo().join("scripts/test.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("--dry-run")
        .env("PATH", path_without_browser_and_java(tmp.path()))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with("would install with apt-get")
            && first.ends_with(": chromium default-jre-headless fonts-dejavu-core"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("E:"),
        "apt-get resolved every package: {stdout}"
    );
    assert!(
        stdout.contains("npm: the browser suite's packages are installed")
            || stdout.contains("would install the browser suite's npm packages"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_option_is_refused_before_anything_runs() {
    let script = crate::common::repo().join("scripts/test.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("--fast")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "usage: scripts/test.sh [--dry-run]\n"
    );
}
