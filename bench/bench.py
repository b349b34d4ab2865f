#!/usr/bin/env python3
"""Benchmark: generate a synthetic fact sheet, build it with factsheet, print the figures.

The site has N articles of about 650 words (headings, a list, a table, links), each filed
under 2 to 5 of 50 topics and about 1 to 3 of 30 entities, and 2 facts per article, each
quoting a sentence of it with the figure that sentence states. Everything is generated from a
fixed seed, so every run builds the same site.

    python3 bench/bench.py                 # 10,000 articles, output on /dev/shm
    python3 bench/bench.py --articles 1000 --runs 5

Each run is timed three ways: building into a fresh output directory; rebuilding over the
previous output (which the build then swaps out and removes); and building into a fresh
directory with `--minify` (off by default; docs/content.md, "site.yaml"). Then
one fact's title is edited and the site rebuilt over its output: the benchmark prints how many
files that rewrote (the others are kept, same inode and time) and how long it took. It also
prints the largest page and what the first search downloads, and finally serves the site and
times a one-fact edit in `serve` (bench/rebuild.py; `--serve-edits 0` skips it).
Prints, per run and as the median: pages, seconds, pages per second and peak memory (the
largest resident set of the build process). Uses only the standard library.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WORDS = (
    "ministry officials said budget defense border villages talks peace agreement region "
    "government president minister report security forces week month year statement "
    "council delegation meeting capital province supplies aid convoy observers mission "
    "economy trade pipeline energy talks envoy parliament vote reform court ruling policy "
    "analysts expect further negotiations residents returned homes schools roads bridges"
).split()


def sentence(rng, number=None):
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 16))]
    if number is not None:
        words.insert(rng.randint(2, len(words) - 1), number)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng, n):
    return " ".join(sentence(rng) for _ in range(n))


def write_site(root, articles, seed=7):
    rng = random.Random(seed)
    content = os.path.join(root, "content")
    os.makedirs(os.path.join(content, "articles"))
    os.makedirs(os.path.join(content, "facts"))
    topics = [f"topic-{i}" for i in range(50)]
    entities = [f"entity-{i}" for i in range(30)]
    with open(os.path.join(content, "site.yaml"), "w") as f:
        f.write("title: Benchmark fact sheet\ndescription: A synthetic site.\n")
    with open(os.path.join(content, "topics.yaml"), "w") as f:
        for t in topics:
            f.write(f"{t}:\n  title: Topic {t[6:]}\n  description: Synthetic topic.\n")
    with open(os.path.join(content, "entities.yaml"), "w") as f:
        for e in entities:
            f.write(f"{e}:\n  name: Entity {e[7:]}\n  kind: organization\n")
    facts = 0
    for a in range(articles):
        slug = f"article-{a:05d}"
        # Two sentences with figures and the year they hold for, which the facts quote.
        year = 2000 + a % 25
        figures = [rng.randint(2, 900) * 1000 for _ in range(2)]
        quoted = [sentence(rng, f"{n:,} in {year}") for n in figures]
        body = [
            paragraph(rng, 7),
            "## Background",
            paragraph(rng, 5) + " " + quoted[0] + " " + paragraph(rng, 4),
            "- " + sentence(rng) + "\n- " + sentence(rng) + "\n- " + sentence(rng),
            "| Region | Figure |\n|---|--:|\n| North | 12 |\n| South | 34 |",
            "## Details",
            paragraph(rng, 6) + f" See the [report](https://example.org/{slug}) for more.",
            paragraph(rng, 4) + " " + quoted[1] + " " + paragraph(rng, 5),
            paragraph(rng, 8),
            paragraph(rng, 5),
        ]
        article_topics = rng.sample(topics, rng.randint(2, 5))
        article_entities = rng.sample(entities, rng.randint(1, 3))
        with open(os.path.join(content, "articles", slug + ".md"), "w") as f:
            f.write(
                "---\n"
                f"title: Synthetic report {a}\n"
                "publisher: The Benchmark Times\n"
                f"published: {2000 + a % 25}-{1 + a % 12:02d}-{1 + a % 28:02d}\n"
                f"url: https://example.org/news/{slug}\n"
                f"topics: [{', '.join(article_topics)}]\n"
                f"entities: [{', '.join(article_entities)}]\n"
                "---\n\n" + "\n\n".join(body) + "\n"
            )
        for k, (number, quote) in enumerate(zip(figures, quoted)):
            facts += 1
            with open(os.path.join(content, "facts", f"{slug}-fact-{k}.md"), "w") as f:
                f.write(
                    "---\n"
                    # Title and claim say only what the quote says (the grounding check).
                    f"title: A figure reported for {year}\n"
                    f"claim: The report states a figure of {number:,} in {year}.\n"
                    f"value: {number}\n"
                    "unit: people\n"
                    f"date: {year}\n"
                    f"topics: [{article_topics[0]}]\n"
                    "sources:\n"
                    f"  - article: {slug}\n"
                    f"    quote: \"{quote}\"\n"
                    "---\n"
                )
    return facts


def words_per_article(root):
    path = os.path.join(root, "content", "articles", "article-00000.md")
    with open(path) as f:
        return len(f.read().split("---\n", 2)[2].split())


def build(binary, root, output, extra=()):
    """Builds the site once; returns (pages, seconds, peak MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [binary, "build", "--root", root, "--output", output, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(out, err, file=sys.stderr)
        sys.exit(f"build failed (status {proc.returncode})")
    pages = int(re.search(r"Built (\d+) pages", out).group(1))
    return pages, seconds, usage.ru_maxrss / 1024


def identities(output):
    """Every file of `output`: relative path -> (inode, modification time in ns)."""
    found = {}
    for folder, _, names in os.walk(output):
        for name in names:
            path = os.path.join(folder, name)
            st = os.stat(path)
            found[os.path.relpath(path, output)] = (st.st_ino, st.st_mtime_ns)
    return found


def largest_page(output):
    """The largest HTML page: (bytes, path)."""
    largest = (0, "")
    for folder, _, names in os.walk(output):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                largest = max(largest, (os.path.getsize(path), os.path.relpath(path, output)))
    return largest


def key_file(key):
    """A shard key's file name, as the build and search.js name it."""
    return "".join(c if c.isascii() and (c.islower() or c.isdigit()) else f"_{ord(c):x}_" for c in key)


def shards_of(word, keys):
    """The shards search.js fetches for a word of a query (see themes/default/static/search.js)."""
    if len(word) < 3:
        return [word] if word in keys else []
    longest = max((k for k in keys if word.startswith(k)), key=len, default=None)
    return [k for k in keys if k.startswith(word) and k != word] + ([longest] if longest else [])


def first_search(output):
    """What the first search downloads, at most, for the word whose shard is the largest:
    (word, bytes of the manifest, bytes of its word shards, bytes of the 20 largest document
    files, which hold at least the 20 results shown), and the whole index (files, bytes)."""
    search = os.path.join(output, "data", "search")
    size = lambda *parts: os.path.getsize(os.path.join(search, *parts))
    with open(os.path.join(search, "index.json")) as f:
        keys = json.load(f)["terms"]
    largest = max(keys, key=lambda k: size("terms", key_file(k) + ".json"))
    with open(os.path.join(search, "terms", key_file(largest) + ".json")) as f:
        shard = json.load(f)
    word = max(shard, key=lambda w: len(json.dumps(shard[w])))
    shards = sum(size("terms", key_file(k) + ".json") for k in shards_of(word, keys))
    docs = sorted((size("docs", n) for n in os.listdir(os.path.join(search, "docs"))), reverse=True)
    files = [os.path.join(d, n) for d, _, names in os.walk(search) for n in names]
    index = (len(files), sum(os.path.getsize(f) for f in files))
    return (word, size("index.json"), shards, sum(docs[:20])), index


def one_fact_edit(binary, work):
    """Builds, changes one fact's title, builds over the output again; returns (files
    rewritten, files in all, seconds of the second build). A file the build kept has the same
    inode and modification time."""
    output = os.path.join(work, "output")
    shutil.rmtree(output, ignore_errors=True)
    build(binary, work, output)
    before = identities(output)
    fact = os.path.join(work, "content", "facts", "article-00000-fact-0.md")
    with open(fact) as f:
        original = f.read()
    with open(fact, "w") as f:
        f.write(original.replace("title: A figure reported for", "title: A figure stated for"))
    try:
        _, seconds, _ = build(binary, work, output)
    finally:
        with open(fact, "w") as f:
            f.write(original)
    after = identities(output)
    rewritten = sum(1 for rel, ident in after.items() if before.get(rel) != ident)
    return rewritten, len(after), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    default_dir = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    parser.add_argument("--dir", default=default_dir, help="where the site and output go (tmpfs)")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "factsheet"))
    parser.add_argument("--serve-edits", type=int, default=5, help="one-fact edits timed in serve (0: none)")
    args = parser.parse_args()

    if not os.path.exists(args.binary):
        print("building the release binary...", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)

    work = tempfile.mkdtemp(prefix="factsheet-bench-", dir=args.dir)
    try:
        t = time.perf_counter()
        facts = write_site(work, args.articles)
        print(
            f"site: {args.articles} articles (~{words_per_article(work)} words each), "
            f"{facts} facts, generated in {time.perf_counter() - t:.1f} s under {work}"
        )
        modes = {
            "fresh output": (True, ()),
            "replacing the previous output": (False, ()),
            "fresh output, --minify": (True, ("--minify",)),
        }
        for mode, (fresh, extra) in modes.items():
            results = []
            for run in range(1, args.runs + 1):
                output = os.path.join(work, "output")
                if fresh:
                    shutil.rmtree(output, ignore_errors=True)
                elif not os.path.isdir(output):
                    build(args.binary, work, output, extra)
                results.append(build(args.binary, work, output, extra))
                pages, seconds, peak_mib = results[-1]
                print(
                    f"{mode}, run {run}: {pages} pages in {seconds:.2f} s = "
                    f"{pages / seconds:,.0f} pages/s, peak memory {peak_mib:.0f} MiB"
                )
            pages = results[0][0]
            seconds = statistics.median(r[1] for r in results)
            peak = max(r[2] for r in results)
            print(
                f"{mode}, median: {pages} pages in {seconds:.2f} s = {pages / seconds:,.0f} pages/s; "
                f"peak memory {peak:.0f} MiB; {os.cpu_count()} CPUs"
            )
        page_bytes, page = largest_page(os.path.join(work, "output"))
        print(f"largest page: {page} at {page_bytes / 1024:,.0f} KB")
        (word, manifest, shards, docs), (files, total) = first_search(os.path.join(work, "output"))
        print(
            f"first search, for \"{word}\" (the word of the largest shard): at most "
            f"{(manifest + shards + docs) / 1024:,.0f} KB = manifest {manifest / 1024:,.1f} KB "
            f"+ word shards {shards / 1024:,.1f} KB + documents of 20 results {docs / 1024:,.1f} KB; "
            f"the whole index is {files:,} files, {total / 1024 / 1024:,.1f} MB"
        )
        rewritten, total, seconds = one_fact_edit(args.binary, work)
        print(
            f"one-fact edit (a title) rebuilt over the output: {rewritten} of {total} files "
            f"rewritten, the rest kept (same inode and time), in {seconds:.2f} s"
        )
        if args.serve_edits:
            import rebuild  # bench/rebuild.py, beside this file

            rebuilt, signalled = rebuild.measure(args.binary, work, args.serve_edits)
            print(
                f"serve, one-fact edit: rebuilt in {rebuilt:.0f} ms, an open page hears of it "
                f"{signalled:.0f} ms after the save (medians of {args.serve_edits}; the watcher's "
                "50 ms debounce included)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
