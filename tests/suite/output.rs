//! The output folder: minified only when asked, byte-identical builds, a failed build that
//! leaves the previous site untouched, a rebuild that replaces it, static files that never
//! replace a page.

use std::path::Path;

use crate::common::*;

#[test]
fn pages_are_minified_only_when_the_site_or_the_command_asks() {
    // By default the pages are written as the templates make them (no indentation).
    let plain = tempfile::tempdir().unwrap();
    assert!(build(&fixture("minimal"), plain.path()).status.success());
    let page = read(plain.path(), "facts/budget-rise/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"),
        "{page}"
    );
    // `build --minify`, as `minify: true` in site.yaml, compacts the templates (no line break
    // beside a block tag) and runs the HTML made from each article's Markdown through
    // minify-html.
    let minified = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("minimal"), minified.path())
        .arg("--minify")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    for (path, _) in files(plain.path()) {
        let (before, after) = (read(plain.path(), &path), read(minified.path(), &path));
        match path.ends_with(".html") {
            true => assert!(after.len() < before.len(), "{path} is not minified"),
            false => assert_eq!(after, before, "{path} is not a page and stays as it is"),
        }
    }
    let page = read(minified.path(), "facts/budget-rise/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"),
        "{page}"
    );
    let article = read(minified.path(), "articles/report/index.html");
    let body = article.split("<div class=\"article-body\"").nth(1).unwrap();
    assert!(
        body.starts_with("><p>") && !body.contains("</p>\n"),
        "the article's text is minified: {body}"
    );
    let report = walk_links(minified.path());
    assert!(report.broken.is_empty(), "{:#?}", report.broken);
}

#[test]
fn minified_pages_keep_the_spaces_between_inline_elements() {
    let page = read(good(), "facts/supplies-claim/index.html");
    assert!(
        page.contains(
            "Disputed claim by <a href=\"../../entities/north-officials/\">Northland officials</a></p>"
        ),
        "{page}"
    );
    assert!(!page.contains("\n\n"), "pages are minified");
}

#[test]
fn two_builds_are_byte_identical_whatever_the_thread_count() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        let output = build_command(&fixture("good"), dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(bytes == &fb[path], "{path} differs between builds");
    }
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let site = copy_fixture("good");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    assert!(build(site.path(), &target).status.success());
    let before = files(&target);
    let fact = site.path().join("content/facts/northland-budget.md");
    edit(&fact, "$5 billion", "$6 billion");
    let output = build(site.path(), &target);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("content/facts/northland-budget.md:13:12"),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&target), before);
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["public"], "no staging directory is left behind");
}

#[test]
fn a_rebuild_replaces_the_previous_output_and_removes_stale_files() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    assert!(build(&fixture("good"), &target).status.success());
    std::fs::write(target.join("stale.html"), "old").unwrap();
    std::fs::create_dir_all(out.path().join(".public.factsheet-new")).unwrap();
    assert!(build(&fixture("minimal"), &target).status.success());
    assert!(!target.join("stale.html").exists());
    assert!(!target.join("facts/northland-budget").exists());
    assert!(target.join("facts/budget-rise/index.html").is_file());
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["public"]);
}

/// Builds `site` into `target` (minified when `minify`), asserting success; returns stderr.
fn build_into(site: &Path, target: &Path, minify: bool) -> String {
    let mut command = build_command(site, target);
    if minify {
        command.arg("--minify");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

/// A file's inode and modification time: what stays when a rebuild keeps it.
fn identity(path: &Path) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).unwrap();
    (m.ino(), m.mtime(), m.mtime_nsec())
}

#[test]
fn a_rebuild_keeps_the_files_whose_bytes_did_not_change_and_replaces_the_rest() {
    for minify in [false, true] {
        rebuild_after_one_edit(minify);
    }
}

/// Builds the good fixture into an output, edits one fact's claim and builds again over it:
/// the files whose bytes did not change keep their inode and time, the others are new, and
/// the output is a fresh build's.
fn rebuild_after_one_edit(minify: bool) {
    use std::os::unix::fs::MetadataExt;
    let site = copy_fixture("good");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let said_first = build_into(site.path(), &target, minify);
    let unchanged = [
        "facts/displaced/index.html",
        "entities/president-north/index.html",
        "style.css",
        "data/articles/budget-report.txt",
    ];
    let changed = ["facts/war-length/index.html", "feed.xml", "data/facts.json"];
    let identities = || -> Vec<_> {
        unchanged
            .iter()
            .chain(&changed)
            .map(|r| identity(&target.join(r)))
            .collect()
    };
    let before = identities();
    // What decides whether a file may be kept, to say why one was not.
    let kept_if: Vec<_> = unchanged
        .iter()
        .map(|r| {
            let m = std::fs::symlink_metadata(target.join(r)).unwrap();
            format!("links {}, mode {:o}", m.nlink(), m.mode())
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    // One fact's claim changes: its page, the lists and data that show it change too.
    let fact = site.path().join("content/facts/war-length.md");
    edit(
        &fact,
        "lasted 44 days.",
        "lasted 44 days, the article says.",
    );
    // A debug build says on stderr why a file was not kept.
    let said = build_into(site.path(), &target, minify);
    let after = identities();
    for (i, rel) in unchanged.iter().enumerate() {
        assert_eq!(
            before[i],
            after[i],
            "{rel} was rewritten (minify: {minify}; before: {}; the builds said: {said_first:?} then {said:?}; beside the output: {:?})",
            kept_if[i],
            std::fs::read_dir(out.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect::<Vec<_>>()
        );
    }
    for (i, rel) in changed.iter().enumerate() {
        let i = i + unchanged.len();
        assert_ne!(
            before[i].0, after[i].0,
            "{rel} kept its old inode (minify: {minify})"
        );
    }
    // And the output is exactly a fresh build's.
    let fresh = tempfile::tempdir().unwrap();
    build_into(site.path(), fresh.path(), minify);
    assert_eq!(files(&target), files(fresh.path()));
}

#[test]
fn a_kept_file_is_never_one_reached_through_a_link_or_with_another_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    assert!(build(&fixture("good"), &target).status.success());
    // A folder of the output replaced by a link to a copy elsewhere, and a page made read-only.
    let elsewhere = out.path().join("elsewhere");
    std::fs::rename(target.join("entities"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, target.join("entities")).unwrap();
    let page = target.join("facts/displaced/index.html");
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o444)).unwrap();
    let outside = std::fs::metadata(elsewhere.join("president-north/index.html"))
        .unwrap()
        .ino();
    // And a page's own folder, under a real one.
    let moved = out.path().join("moved");
    std::fs::rename(target.join("facts/war-length"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, target.join("facts/war-length")).unwrap();
    let moved_page = std::fs::metadata(moved.join("index.html")).unwrap().ino();
    assert!(build(&fixture("good"), &target).status.success());
    let page_now = std::fs::metadata(target.join("facts/war-length/index.html")).unwrap();
    assert_ne!(
        page_now.ino(),
        moved_page,
        "a page reached through a link was kept"
    );
    let kept = std::fs::metadata(target.join("entities/president-north/index.html")).unwrap();
    assert_ne!(
        kept.ino(),
        outside,
        "a file outside the output was linked in"
    );
    assert!(!std::fs::symlink_metadata(target.join("entities"))
        .unwrap()
        .file_type()
        .is_symlink());
    let mode = std::fs::metadata(target.join("facts/displaced/index.html"))
        .unwrap()
        .mode();
    let fresh = std::fs::metadata(target.join("facts/war-length/index.html"))
        .unwrap()
        .mode();
    assert_eq!(
        mode & 0o777,
        fresh & 0o777,
        "a read-only page was kept read-only"
    );
}

#[test]
fn a_kept_file_has_no_other_name_and_no_set_id_or_sticky_bit() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    assert!(build(&fixture("good"), &target).status.success());
    // A page with a second name outside the output: editing that file would edit the site.
    let page = target.join("facts/displaced/index.html");
    let elsewhere = out.path().join("elsewhere.html");
    std::fs::hard_link(&page, &elsewhere).unwrap();
    // Pages with the set-user-id and the sticky bit on top of the mode a build gives.
    let fresh = std::fs::metadata(target.join("index.html")).unwrap().mode() & 0o7777;
    let marked = ["facts/war-length/index.html", "topics/index.html"];
    for (rel, bit) in marked.iter().zip([0o4000, 0o1000]) {
        let path = target.join(rel);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(fresh | bit)).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().mode() & 0o7777,
            fresh | bit
        );
    }
    assert!(build(&fixture("good"), &target).status.success());
    let page_now = std::fs::metadata(&page).unwrap();
    assert_ne!(
        page_now.ino(),
        std::fs::metadata(&elsewhere).unwrap().ino(),
        "a page with another name outside the output was kept as that file"
    );
    assert_eq!(page_now.nlink(), 1);
    for rel in marked {
        let mode = std::fs::metadata(target.join(rel)).unwrap().mode() & 0o7777;
        assert_eq!(mode, fresh, "{rel} kept a set-id or sticky bit: {mode:o}");
    }
    assert_eq!(
        std::fs::read(&elsewhere).unwrap(),
        std::fs::read(&page).unwrap()
    );
}

#[test]
fn a_previous_site_left_aside_is_removed_before_the_build_and_does_not_stop_files_being_kept() {
    use std::os::unix::fs::MetadataExt;
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    assert!(build(&fixture("good"), &target).status.success());
    // A build whose removal of the site before it failed leaves that site aside, sharing the
    // files that did not change with the site in place.
    let aside = out.path().join(".public.factsheet-old");
    let page = "facts/displaced/index.html";
    std::fs::create_dir_all(aside.join("facts/displaced")).unwrap();
    std::fs::write(aside.join(".factsheet"), "").unwrap();
    std::fs::hard_link(target.join(page), aside.join(page)).unwrap();
    let before = std::fs::metadata(target.join(page)).unwrap().ino();
    assert!(build(&fixture("good"), &target).status.success());
    assert!(!aside.exists(), "the site left aside is still there");
    let now = std::fs::metadata(target.join(page)).unwrap();
    assert_eq!((now.ino(), now.nlink()), (before, 1), "{page} was not kept");
}

#[test]
fn a_directory_not_made_by_factsheet_is_never_replaced() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("thesis.docx"), "precious").unwrap();
    let output = build(&fixture("minimal"), out.path());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("the output directory is not empty and was not made by factsheet"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn a_static_file_cannot_replace_a_generated_page() {
    let site = copy_fixture("minimal");
    put(site.path(), "static/index.html", "mine");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let output = build(site.path(), &target);
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got[0].location, "static/index.html");
    assert_eq!(
        got[0].message,
        "`index.html` would replace a page factsheet generates"
    );
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn static_symlinks_inside_the_site_are_copied_and_those_leading_out_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "private").unwrap();
    let site = copy_fixture("minimal");
    let static_dir = site.path().join("static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(site.path().join("logo.txt"), "logo").unwrap();
    std::os::unix::fs::symlink(site.path().join("logo.txt"), static_dir.join("logo.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    assert!(build(site.path(), out.path()).status.success());
    assert_eq!(read(out.path(), "logo.txt"), "logo");

    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        static_dir.join("secret.txt"),
    )
    .unwrap();
    let output = build(site.path(), out.path());
    assert_eq!(output.status.code(), Some(1));
    let got = printed(&stderr(&output));
    assert_eq!(got[0].location, "static/secret.txt");
    assert!(!out.path().join("secret.txt").exists());
}
