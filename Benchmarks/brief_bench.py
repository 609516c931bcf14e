#!/usr/bin/env python3
"""Measures `hetao brief` and prints the figures it is held to:

  hetao brief --format html on the bundled data, median of N runs   target <= 100 ms
  the HTML file's size on the bundled data                          target <= 300 KB
  the same at 10,000 buildings (100 batches), with 1,000,000 records   target <= 2 s
    (the Gantt then has a row a phase; every building is in the appendix)
  Markdown and text on the bundled data, for comparison

Usage: Benchmarks/brief_bench.py [--binary PATH] [--runs N] [--records N]
Unless --binary is given it builds the binary the Debian package installs, in .build-static."""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEnd"))
from ptyharness import installable_binary  # noqa: E402
from storecli import fill_store, synthetic_dataset  # noqa: E402


def timed(binary, env, runs, *args):
    """Median and max seconds of `runs` runs, and the last run's output size in bytes."""
    times, size = [], 0
    for _ in range(runs):
        started = time.monotonic()
        result = subprocess.run([binary, *args], env=env, capture_output=True, stdin=subprocess.DEVNULL)
        times.append(time.monotonic() - started)
        if result.returncode != 0:
            raise SystemExit(f"hetao {' '.join(args)} failed: {result.stderr.decode()}")
        size = len(result.stdout)
    return statistics.median(times), max(times), size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--records", type=int, default=100, help="progress records per building at 10,000 buildings")
    args = parser.parse_args()
    binary = installable_binary(args.binary)
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "LANG": "C.UTF-8", "HETAO_STORE": os.path.join(home, "status.db")}
        # The store is made by the first run; the figures are of the runs after it.
        timed(binary, env, 1, "brief")
        print(f"hetao brief, {args.runs} runs each")
        median, worst, size = timed(binary, env, args.runs, "brief", "--format", "html")
        print(f"  bundled data, HTML: median {median * 1000:.1f} ms (max {worst * 1000:.1f})   target <= 100 ms")
        print(f"  bundled data, HTML size: {size / 1024:.1f} KB   target <= 300 KB")
        for name, options in (("Chinese HTML", ["--lang", "zh-Hant"]), ("Markdown", ["--format", "md"]),
                              ("text", ["--format", "text", "--width", "100"])):
            median, worst, size = timed(binary, env, args.runs, "brief", *options)
            print(f"  bundled data, {name}: median {median * 1000:.1f} ms, {size / 1024:.1f} KB")

        dataset = os.path.join(home, "big.yaml")
        synthetic_dataset(dataset, 10_000)
        big = dict(env, HETAO_STORE=os.path.join(home, "big.db"))
        subprocess.run([binary, "history", "G1", "--dataset", dataset], env=big, check=True,  # creates and seeds the store
                       stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        fill_store(big["HETAO_STORE"], 10_000, args.records)
        runs = max(3, args.runs // 4)
        median, worst, size = timed(binary, big, runs, "brief", "--format", "html", "--dataset", dataset)
        print(f"  10,000 buildings, {10_000 * args.records:,} records, HTML: median {median * 1000:.0f} ms "
              f"(max {worst * 1000:.0f}, {runs} runs), {size / 1024:.0f} KB with the appendix   target <= 2 s")


if __name__ == "__main__":
    main()
