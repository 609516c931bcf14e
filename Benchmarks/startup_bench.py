#!/usr/bin/env python3
"""Start-up, side by side with htop in the same run, on one pty harness at 120x40:

  exec to first output and to the complete first frame, median of N    target (hetao) <= 12 ms
  resident memory once the first frame is out                          target (hetao) <= 10 MB
  hetao --version                                                      target <= 3 ms
  hetao report                                                         target <= 15 ms
  the .deb, when Packaging/build-deb.sh has built it                   target <= 8 MB

htop's figures are printed beside hetao's (when htop is installed). The figures for `hetao serve`
with 50 sessions and for 10,000 buildings are serve_bench.py's and store_bench.py's.

Usage: Benchmarks/startup_bench.py [--binary PATH] [--runs N]
Unless --binary is given it builds the binary the Debian package installs, in .build-static."""

import argparse
import glob
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEnd"))
from ptyharness import Session, installable_binary  # noqa: E402


def opening(binary, env, args=(), quiet=0.05):
    """Seconds from exec to the first byte written and to the last byte of the first frame (the
    output then quiet for `quiet` s), and the resident memory (KiB) at that point."""
    s = Session(args=args, width=120, height=40, binary=binary, env=env)
    try:
        first = last = None
        deadline = s.started + 10
        while time.monotonic() < deadline:
            # Read raw, timed at once: feeding the screen emulator first would count its own
            # time (milliseconds for a full 120x40 frame) as the program's.
            ready, _, _ = select.select([s.fd], [], [], 0.001)
            chunk = b""
            if ready:
                try:
                    chunk = os.read(s.fd, 65536)
                except OSError:
                    chunk = b""
            now = time.monotonic()
            if chunk:
                first = first or now
                last = now
            elif last and now - last > quiet:
                break
        rss = s.rss_kib()
        return first - s.started, last - s.started, rss
    finally:
        s.close()


def timed(binary, env, runs, *args):
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([binary, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL, check=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    binary = installable_binary(args.binary)
    htop = shutil.which("htop")
    with tempfile.TemporaryDirectory() as home:
        env = {"HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8", "HETAO_STORE": os.path.join(home, "status.db")}
        opening(binary, env)  # the store is made by the first start
        rows = [("hetao", binary)] + ([("htop", htop)] if htop else [])
        print(f"start-up at 120x40, TERM=xterm-256color, {args.runs} runs each, alternating")
        results = {name: [] for name, _ in rows}
        for _ in range(args.runs):
            for name, program in rows:
                results[name].append(opening(program, env))
        for name, runs in results.items():
            first = statistics.median(r[0] for r in runs) * 1000
            frame = statistics.median(r[1] for r in runs) * 1000
            rss = statistics.median(r[2] for r in runs) / 1024
            target = "   target <= 12 ms, <= 10 MB" if name == "hetao" else ""
            print(f"  {name}: first output {first:.1f} ms, complete first frame {frame:.1f} ms, RSS {rss:.1f} MB{target}")
        print(f"  hetao --version: median {timed(binary, env, args.runs, '--version') * 1000:.1f} ms   target <= 3 ms")
        report = timed(binary, env, args.runs, "report", "--section", "overview")
        print(f"  hetao report --section overview: median {report * 1000:.1f} ms   target <= 15 ms")
        print(f"  hetao report (every section): median {timed(binary, env, args.runs, 'report') * 1000:.1f} ms")
    debs = glob.glob(os.path.join(ROOT, ".build-static", "deb", "*.deb"))
    if debs:
        print(f"  the .deb: {os.path.getsize(debs[0]) / 1e6:.1f} MB   target <= 8 MB")
    print("  hetao serve with 50 sessions: Benchmarks/serve_bench.py; 10,000 buildings: Benchmarks/store_bench.py")


if __name__ == "__main__":
    main()
