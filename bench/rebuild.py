#!/usr/bin/env python3
"""Benchmark: how fast `factsheet serve` rebuilds after a one-fact edit.

Generates a synthetic site of 1,000 facts (500 articles, as bench/bench.py makes them),
starts `factsheet serve` on a free port, then edits one fact's title again and again. For each
edit it prints the rebuild time serve reports, and the time from saving the file to an open
page hearing of the new version (the file watcher's debounce included).

    python3 bench/rebuild.py
    python3 bench/rebuild.py --facts 4000 --edits 20
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the site generator)


def measure(binary, root, edits):
    """Serves the site at `root`, edits one fact's title `edits` times, and returns the median
    rebuild time serve reports and the median time from saving to an open page hearing of
    it, in ms. The fact is put back as it was."""
    fact = os.path.join(root, "content", "facts", "article-00000-fact-0.md")
    text = open(fact).read()
    server = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", root],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        lines = []
        first = server.stdout.readline()
        url = None
        while url is None:
            line = server.stdout.readline()
            m = re.search(r"http://127\.0\.0\.1:\d+/", line)
            url = m.group(0) if m else None
        print(f"serve: {first.strip()}")
        threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()

        def poll(version):
            with urllib.request.urlopen(f"{url}__factsheet/poll?v={version}", timeout=120) as r:
                return json.load(r)

        title = re.search(r"^title: (.*)$", text, re.M).group(1)
        reported, end_to_end = [], []
        version = poll("")["version"]
        for edit in range(1, edits + 1):
            answer = {}
            waiting = threading.Thread(target=lambda: answer.update(poll(version)))
            waiting.start()
            time.sleep(0.2)
            saved = time.perf_counter()
            with open(fact, "w") as f:
                # A letter, not a number: a number in a title must be stated by its quote.
                f.write(text.replace(f"title: {title}", f"title: {title}, edit {chr(64 + edit)}"))
            waiting.join()
            end_to_end.append((time.perf_counter() - saved) * 1000)
            version = answer["version"]
            assert not answer["errors"], answer["errors"]
            time.sleep(0.1)
            ms = [int(m) for m in re.findall(r"Rebuilt (?:\d+ pages )?in (\d+) ms", "".join(lines))]
            reported.append(ms[-1])
            print(f"edit {edit}: rebuilt in {ms[-1]} ms; the page heard of it {end_to_end[-1]:.0f} ms after the save")
        return statistics.median(reported), statistics.median(end_to_end)
    finally:
        server.kill()
        with open(fact, "w") as f:
            f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--binary", default=os.path.join(bench.ROOT, "target", "release", "factsheet"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=bench.ROOT, check=True)

    work = tempfile.mkdtemp(prefix="factsheet-rebuild-")
    try:
        bench.write_site(work, args.facts // 2)
        print(f"site: {args.facts} facts")
        rebuild, signal = measure(args.binary, work, args.edits)
        print(
            f"median: rebuild {rebuild:.0f} ms; save to reload signal "
            f"{signal:.0f} ms (including the watcher's 50 ms debounce)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
