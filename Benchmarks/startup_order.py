#!/usr/bin/env python3
"""Writes Resources/startup-order.txt: the functions the release dashboard runs from exec
through the benchmark's keys, which the release link places next to each other.

Why: the kernel maps a binary's code in 64 KiB windows around each page it touches, so resident
memory follows how many windows the running code is spread over, not how much of it runs. About
1 MB of the binary's 19 MB of code runs; scattered, it kept about 10 MB of code resident, packed
by the linker (lld's --symbol-ordering-file, see Package.swift) about 6 MB: the prebuilt Swift
and Foundation libraries come in sections the linker cannot split.

The list is taken under valgrind's callgrind: the dashboard's first start at 120x40 (creating
and seeding the store), then a later start taking the keys dashboard_bench.py sends. Names defined
more than once in the binary (local helpers every object file has a copy of) are left out: the
linker would move every copy. A stale list costs memory, never correctness: functions missing
from it stay where they are. Run again when start-up or drawing code changes; dashboard_bench.py
shows the resident memory.

Usage: Benchmarks/startup_order.py [--binary PATH]   (needs valgrind)"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEnd"))
from ptyharness import KEYS, Session, installable_binary  # noqa: E402

OUTPUT = os.path.join(ROOT, "Resources", "startup-order.txt")


def defined_functions(binary):
    """Names of the functions defined in `binary`, and those defined more than once."""
    listing = subprocess.run(["nm", "--defined-only", binary], check=True, capture_output=True, text=True).stdout
    seen, repeated = set(), set()
    for line in listing.splitlines():
        fields = line.split(maxsplit=2)
        if len(fields) == 3 and fields[1] in "tTwW":
            (repeated if fields[2] in seen else seen).add(fields[2])
    return seen, repeated


def executed_functions(profile):
    """Every function callgrind saw run, from its `fn=(id) name` records."""
    names, executed = {}, set()
    with open(profile) as lines:
        for line in lines:
            match = re.match(r"(c?fn)=\((\d+)\)(?: (.+))?", line)
            if match:
                kind, ident, name = match.groups()
                if name:
                    names[ident] = name
                if kind == "fn":
                    executed.add(names[ident])
    return executed


def profile_dashboard(binary, workdir, keys, name):
    """Runs the dashboard under callgrind until its first frame, then through `keys`; returns
    the profile's path."""
    profile = os.path.join(workdir, f"{name}.callgrind")
    env = {"LANG": "C.UTF-8", "TERM": "xterm-256color", "HETAO_STORE": os.path.join(workdir, "store.sqlite")}
    session = Session(args=["-q", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}", binary],
                      binary=shutil.which("valgrind"), env=env)
    try:
        session.wait_for("illustrative", limit=120)
        session.settle(quiet=3.0, limit=60)
        for key in keys:
            session.send(key)
            session.settle(quiet=2.0, limit=60)
        session.send("q")
        session.wait_exit(limit=60)
    finally:
        session.close()
    return profile


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("startup_order.py: needs valgrind (Debian: apt-get install valgrind)")
    binary = installable_binary(args.binary)
    with tempfile.TemporaryDirectory() as workdir:
        # callgrind reads the symbol table; the DWARF of a Swift release build is more than it needs.
        stripped = os.path.join(workdir, "hetao")
        subprocess.run(["strip", "--strip-debug", "-o", stripped, binary], check=True)
        defined, repeated = defined_functions(stripped)
        # The first start creates and seeds the store; every later one opens it and is used.
        executed = executed_functions(profile_dashboard(stripped, workdir, [], "first-start"))
        keys = [KEYS["tab"], "3", KEYS["down"], "s", KEYS["enter"], KEYS["esc"]]
        executed |= executed_functions(profile_dashboard(stripped, workdir, keys, "later-start"))
    order = sorted((executed & defined) - repeated)
    with open(OUTPUT, "w") as out:
        out.write("\n".join(order) + "\n")
    print(f"{len(order)} functions written to {os.path.relpath(OUTPUT, ROOT)} "
          f"({len(executed & repeated)} left out as defined more than once)")
    if args.binary is None:
        # The build does not track the list as an input: remove the binary so the next build links.
        os.unlink(binary)


if __name__ == "__main__":
    main()
