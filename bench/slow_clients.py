#!/usr/bin/env python3
"""Benchmark: does `factsheet serve` answer a real request while slow clients hold connections?

Starts `factsheet serve` on a free port for the site at `--root` (default: this repository),
then, for each scenario, keeps that many attacking connections open — an idle connection
that never sends a byte, reopened whenever the server closes it, and a "slowloris" client that
sends its request head one byte a second, never finishing it — and times real `GET /` requests
made meanwhile. Prints, per scenario, the real requests' median and slowest answer time and
their status codes, and the server's threads and open files at the end.

    python3 bench/slow_clients.py
    python3 bench/slow_clients.py --binary /tmp/factsheet-before --requests 5
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def start(binary, root):
    """Starts `serve --port 0`; returns the process and its port once it serves."""
    server = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", root],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    for line in server.stdout:
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
            return server, port
    raise SystemExit("serve did not start")


def idle(port, stop):
    """A connection that never sends anything, reopened whenever the server closes it."""
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.settimeout(0.5)
                while not stop.is_set():
                    try:
                        if not s.recv(1024):
                            break
                    except socket.timeout:
                        continue
        except OSError:
            time.sleep(0.05)


def slowloris(port, stop):
    """A client that sends a request head one byte a second, reconnecting when closed."""
    head = b"GET / HTTP/1.1\r\nHost: localhost\r\n" + b"X-Slow: " + b"a" * 100000
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                for byte in head:
                    if stop.is_set():
                        return
                    s.sendall(bytes([byte]))
                    stop.wait(1.0)
        except OSError:
            time.sleep(0.05)


def real_request(port, timeout=60.0):
    """One `GET /`: (seconds to the whole answer, status code or the error)."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            answer = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        status = answer[9:12].decode() if answer.startswith(b"HTTP/1.1 ") else "closed"
    except OSError as e:
        status = type(e).__name__
    return time.monotonic() - started, status


def proc(pid, what):
    """The server's thread count (`Threads` of /proc/PID/status) or open files."""
    if what == "files":
        return len(os.listdir(f"/proc/{pid}/fd"))
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return 0


def scenario(port, pid, idles, slow, requests):
    """Runs `idles` idle and `slow` slowloris clients and times `requests` real requests."""
    stop = threading.Event()
    clients = [threading.Thread(target=idle, args=(port, stop), daemon=True) for _ in range(idles)]
    clients += [threading.Thread(target=slowloris, args=(port, stop), daemon=True) for _ in range(slow)]
    for c in clients:
        c.start()
    time.sleep(3.0)  # every attacker connected, some requests half sent
    times, statuses = [], []
    for _ in range(requests):
        took, status = real_request(port)
        times.append(took)
        statuses.append(status)
        time.sleep(0.5)
    threads, files = proc(pid, "threads"), proc(pid, "files")
    stop.set()
    for c in clients:
        c.join(timeout=5)
    time.sleep(6.0)  # the server lets go of what the attackers left
    return times, statuses, threads, files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "target", "release", "factsheet"))
    parser.add_argument("--root", default=os.path.join(HERE, ".."))
    parser.add_argument("--requests", type=int, default=8)
    args = parser.parse_args()
    server, port = start(os.path.abspath(args.binary), os.path.abspath(args.root))
    try:
        took, status = real_request(port)
        print(f"no attackers: GET / answered {status} in {took * 1000:.0f} ms; "
              f"{proc(server.pid, 'threads')} threads, {proc(server.pid, 'files')} open files")
        print(f"{'idle':>5} {'slow':>5}  {'median':>9} {'slowest':>9}  {'threads':>7} {'files':>6}  statuses")
        for idles, slow in [(40, 0), (300, 0), (0, 50), (300, 50)]:
            times, statuses, threads, files = scenario(port, server.pid, idles, slow, args.requests)
            counts = {s: statuses.count(s) for s in sorted(set(statuses))}
            print(f"{idles:>5} {slow:>5}  {statistics.median(times) * 1000:>7.0f}ms "
                  f"{max(times) * 1000:>7.0f}ms  {threads:>7} {files:>6}  {counts}", flush=True)
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
