#!/usr/bin/env python3
"""Benchmark: factsheet beside Hugo on the same synthetic articles, measured in one run.

Generates bench/bench.py's site (same seed), writes the same articles as a Hugo site (each
article a page with its title, date and topics as a taxonomy, with minimal templates: a page
per article, a list per topic, the home page), then builds each in turn, alternating, and
prints for each build its wall time, CPU seconds and peak memory, and the medians with the
CPU ratio. CPU seconds are compared because other load on a shared machine disturbs them
least. Hugo is Debian's package (`apt-get install hugo`); the script says so if it is
missing.

    python3 bench/hugo.py                       # 10,000 articles, 3 runs each
    python3 bench/hugo.py --articles 2000 --runs 5 --minify
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

BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.publisher }}, <time>{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
<ul>{{ range .Params.topics }}<li><a href="{{ "/topics/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
</article>{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
{{ end }}
"""


def write_hugo_site(factsheet_root, hugo_root):
    """The factsheet site's articles as a Hugo site (front matter kept, facts left out: Hugo
    has no notion of them, so it builds less than factsheet does)."""
    os.makedirs(os.path.join(hugo_root, "content", "articles"))
    for name, text in [
        ("layouts/_default/baseof.html", BASEOF),
        ("layouts/_default/single.html", SINGLE),
        ("layouts/_default/list.html", LIST),
        ("layouts/index.html", LIST),
    ]:
        path = os.path.join(hugo_root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(os.path.join(hugo_root, "config.toml"), "w") as f:
        f.write(
            'baseURL = "https://example.org/"\ntitle = "Benchmark fact sheet"\n'
            "disableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n"
            '[taxonomies]\ntopic = "topics"\n'
        )
    source = os.path.join(factsheet_root, "content", "articles")
    for name in sorted(os.listdir(source)):
        with open(os.path.join(source, name)) as f:
            text = f.read()
        # factsheet's `published:` is Hugo's `date:`; entities are not a Hugo taxonomy here.
        text = text.replace("\npublished: ", "\ndate: ", 1)
        with open(os.path.join(hugo_root, "content", "articles", name), "w") as f:
            f.write(text)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--minify", action="store_true", help="minify both (--minify, hugo --minify)")
    default_dir = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    parser.add_argument("--dir", default=default_dir)
    parser.add_argument("--binary", default=os.path.join(bench.ROOT, "target", "release", "factsheet"))
    parser.add_argument("--one", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        # One timed build in this interpreter, so its peak memory is its own.
        wall, cpu, peak = timed(args.one)
        print(f"{wall} {cpu} {peak}")
        return
    hugo = shutil.which("hugo")
    if not hugo:
        sys.exit("hugo is not installed: apt-get install hugo (Debian's package)")
    if not os.path.exists(args.binary):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=bench.ROOT, check=True)

    work = tempfile.mkdtemp(prefix="factsheet-hugo-", dir=args.dir)
    try:
        facts = bench.write_site(os.path.join(work, "factsheet"), args.articles)
        write_hugo_site(os.path.join(work, "factsheet"), os.path.join(work, "hugo"))
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
        print(f"site: {args.articles} articles, {facts} facts; Hugo {version}; under {work}")
        extra = ["--minify"] if args.minify else []
        commands = {
            "factsheet": lambda: [args.binary, "build", "--root", os.path.join(work, "factsheet"),
                                  "--output", os.path.join(work, "out-factsheet"), *extra],
            "hugo": lambda: [hugo, "--quiet", "--source", os.path.join(work, "hugo"),
                             "--destination", os.path.join(work, "out-hugo"), *extra],
        }
        results = {name: [] for name in commands}
        for run in range(1, args.runs + 1):
            for name, command in commands.items():
                shutil.rmtree(os.path.join(work, f"out-{name}"), ignore_errors=True)
                out = subprocess.run([sys.executable, __file__, "--one", *command()],
                                     capture_output=True, text=True, check=True).stdout
                wall, cpu, peak = map(float, out.split())
                results[name].append((wall, cpu, peak))
                print(f"run {run}, {name}: {wall:.2f} s, {cpu:.2f} CPU-s, peak {peak:.0f} MiB")
        medians = {n: [statistics.median(r[i] for r in rs) for i in range(3)] for n, rs in results.items()}
        for name, (wall, cpu, peak) in medians.items():
            print(f"{name}, median: {wall:.2f} s, {cpu:.2f} CPU-s, peak {peak:.0f} MiB")
        print(f"CPU ratio, hugo / factsheet: {medians['hugo'][1] / medians['factsheet'][1]:.2f} "
              f"(factsheet also verifies {facts} quotes and writes a page per fact)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
