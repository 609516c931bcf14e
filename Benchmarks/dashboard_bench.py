#!/usr/bin/env python3
"""Measures the release dashboard in a pseudo-terminal at 120x40 and prints the figures the
dashboard is held to:

  exec to complete first frame (median of N runs)      target <= 30 ms
  bytes written for the first frame                     target <= 8 KB
  bytes written for one navigation key                  target <= 300 B
  bytes, CPU and wake-ups over 10 s idle                 target 0 B, <= 1 ms CPU per second, 0 wake-ups
  resident memory, also at the first start              target <= 20 MB
  terminal closed (a dropped connection) to exit        target <= 1 s
  the same frame and navigation keys in Traditional Chinese (LANG=zh_HK.UTF-8), next to English
  the record form: bytes to open and to close it               target <= 1.5 KB each
  the record form: bytes per character typed (a Chinese one too) target <= 100 B
  the Schedule pane: bytes per navigation key                    target <= 300 B
  the Schedule pane: bytes per zoom step                         target <= 8 KB (one frame)
  mouse events (clicks on tabs and rows, wheel steps)            target median <= 160 B, max <= 300 B
  the : command line: bytes to open and to close it              target <= 200 B each

Usage: Benchmarks/dashboard_bench.py [--runs N] [--idle SECONDS] [--binary PATH]
Unless --binary is given, it first builds the binary the Debian package installs (release, Swift
standard library linked statically) in .build-static."""

import argparse
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEnd"))
from ptyharness import KEYS, Session, installable_binary  # noqa: E402

def first_frame(binary, env):
    """Seconds from exec to the last row of the first frame, and the frame's bytes."""
    s = Session(width=120, height=40, binary=binary, env=env)
    try:
        elapsed = s.first_frame()  # the status bar, the last row written
        s.settle(quiet=0.2)
        return elapsed, len(s.output)
    finally:
        s.close()


def navigation_sweep(s):
    """Bytes for every navigation key: focus from each pane to each other by number, Tab and
    Shift-Tab all the way round, and moving the selection in every list pane."""
    sent = []
    # From the Buildings pane, where the keys above leave the focus: every ordered pair of panes once.
    for key in "54534325242315141213":
        s.send(key)
        sent.append(("pane " + key, len(s.settle(quiet=0.15))))
    for key in [KEYS["tab"]] * 5 + [KEYS["backtab"]] * 5:
        s.send(key)
        sent.append(("Tab" if key == KEYS["tab"] else "Shift-Tab", len(s.settle(quiet=0.15))))
    for pane in "2345":
        s.send(pane)
        s.settle(quiet=0.15)
        for key, name in [(KEYS["down"], "Down"), (KEYS["down"], "Down"), (KEYS["up"], "Up")]:
            s.send(key)
            sent.append((f"{name} in pane {pane}", len(s.settle(quiet=0.15))))
    return sent


def form_sweep(s):
    """Bytes to open the record form on a building, per character typed in its fields (ASCII and
    Chinese) and per field change, and to close it with Esc (which records nothing)."""
    s.send("3")
    s.settle(quiet=0.15)
    s.send("r")
    opened = len(s.settle(quiet=0.2))
    typed = []
    moved = []
    for key in ["6", "1", KEYS["tab"], KEYS["tab"], *"site walk 12", " ", *"工地巡察", KEYS["left"], KEYS["right"], "\x7f"]:
        s.send(key)
        count = len(s.settle(quiet=0.15))
        (typed if key.isprintable() and len(key) == 1 else moved).append((repr(key), count))
    s.send(KEYS["esc"])
    closed = len(s.settle(quiet=0.2))
    return opened, typed, moved, closed


def schedule_sweep(s):
    """Bytes per navigation key and per zoom step in the Schedule pane."""
    s.send("6")
    s.settle(quiet=0.2)
    moves, zooms = [], []
    for key in [KEYS["down"]] * 4 + [KEYS["up"]] * 2:
        s.send(key)
        moves.append(len(s.settle(quiet=0.15)))
    for key in ["+", "+", "-", "-"]:
        s.send(key)
        zooms.append(len(s.settle(quiet=0.15)))
    s.send("1")
    s.settle(quiet=0.2)
    return moves, zooms


def cell_of(s, text):
    """The 1-based column and row where `text` starts on the screen, as a mouse report gives them."""
    for y, line in enumerate(s.text().splitlines()):
        if text in line:
            return line.index(text) + 1, y + 1
    raise SystemExit(f"{text!r} is not on the screen")


def mouse_sweep(s):
    """Bytes per mouse event, sent as the SGR reports an xterm sends, each standing for one key:
    a click on a tab (a pane's number), on a row of the focused list (moving the selection), a
    wheel step (three rows); and a click on a Buildings header (a sort, not navigation)."""
    def click(column, row):
        return f"\x1b[<0;{column};{row}M\x1b[<0;{column};{row}m"
    sent = []
    s.send("1")
    s.settle(quiet=0.2)
    for tab in ["3 Buildings", "4 Budget", "5 Institutions", "2 Phases", "1 Overview"]:
        s.send(click(*cell_of(s, tab)))
        sent.append(("click tab " + tab, len(s.settle(quiet=0.15))))
    for pane, rows in [("3", ["Site A", "Site C"]), ("4", ["Phase 1 infrastructure", "Life and health technology"]),
                       ("5", ["Hong Kong Microelectronics Rese", "Hong Kong Productivity Council"])]:
        s.send(pane)
        s.settle(quiet=0.2)
        for row in rows:
            s.send(click(*cell_of(s, row)))
            sent.append((f"click row {row}", len(s.settle(quiet=0.15))))
    s.send("3")
    s.settle(quiet=0.2)
    column, row = cell_of(s, "Site B")
    for button, name in [(65, "wheel down"), (64, "wheel up")]:
        s.send(f"\x1b[<{button};{column};{row}M")
        sent.append((name, len(s.settle(quiet=0.15))))
    s.send(click(*cell_of(s, "Slip")))
    header = len(s.settle(quiet=0.15))
    s.send("1")
    s.settle(quiet=0.2)
    return sent, header


def prompt_sweep(s):
    """Bytes to open the `:` command line and to close it with Esc."""
    s.send(":")
    opened = len(s.settle(quiet=0.2))
    s.send(KEYS["esc"])
    closed = len(s.settle(quiet=0.2))
    return opened, closed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--binary")
    parser.add_argument("--lang", default="C.UTF-8")
    args = parser.parse_args()
    binary = installable_binary(args.binary)
    store = tempfile.NamedTemporaryFile(suffix=".sqlite", delete=False).name
    os.unlink(store)
    env = {"LANG": args.lang, "TERM": "xterm-256color", "HETAO_STORE": store}

    # The first start creates and seeds the store; the runs after it open the store as every later
    # start does.
    s = Session(width=120, height=40, binary=binary, env=env)
    try:
        s.settle(quiet=0.3)
        first_start_rss = s.rss_kib()
    finally:
        s.close()

    times, sizes = [], []
    for _ in range(args.runs):
        elapsed, size = first_frame(binary, env)
        times.append(elapsed)
        sizes.append(size)

    s = Session(width=120, height=40, binary=binary, env=env)
    try:
        s.settle(quiet=0.3)
        keys = {}
        # Navigation moves focus or selection; the other keys redraw a table or the whole screen.
        for name, key, navigation in [("Tab (focus next pane)", KEYS["tab"], True), ("3 (Buildings pane)", "3", True),
                                      ("Down (next building)", KEYS["down"], True),
                                      ("> (sort by next column)", ">", False), ("Enter (open detail)", KEYS["enter"], False),
                                      ("Esc (back to all panes)", KEYS["esc"], False)]:
            s.send(key)
            keys[name] = (len(s.settle(quiet=0.15)), navigation)
        sweep = navigation_sweep(s)
        form_opened, form_typed, form_moved, form_closed = form_sweep(s)
        schedule_moves, schedule_zooms = schedule_sweep(s)
        mouse, header_click = mouse_sweep(s)
        prompt_opened, prompt_closed = prompt_sweep(s)
        s.settle(quiet=0.3)
        cpu_before = s.cpu_seconds_precise()
        switches_before = s.context_switches()
        idle_bytes = len(s.settle(quiet=args.idle + 1, limit=args.idle))
        started = time.monotonic()
        while time.monotonic() - started < args.idle:
            idle_bytes += len(s.read(0.5))
        cpu_idle = s.cpu_seconds_precise() - cpu_before
        wakeups = s.context_switches() - switches_before
        rss, own, mapped = s.rss_kib(), s.rss_kib("RssAnon"), s.rss_kib("RssFile")
        s.send("q")
        s.wait_exit()
    finally:
        s.close()

    print(f"hetao dashboard benchmark, 120x40, TERM=xterm-256color, LANG={args.lang}, {args.runs} runs")
    print(f"  exec to complete first frame: median {statistics.median(times) * 1000:.1f} ms "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})   target <= 30 ms")
    print(f"  first frame written: {statistics.median(sizes):.0f} bytes   target <= 8192")
    for name, (count, navigation) in keys.items():
        print(f"  one key, {name}: {count} bytes   " + ("target <= 300" if navigation else "(not navigation)"))
    worst = max(sweep, key=lambda item: item[1])
    print(f"  every navigation key ({len(sweep)} sent): median {statistics.median(n for _, n in sweep):.0f} bytes, "
          f"max {worst[1]} bytes ({worst[0]})   target <= 300")
    print(f"  idle {args.idle:.0f} s: {idle_bytes} bytes written, {cpu_idle * 1000:.1f} ms CPU "
          f"({cpu_idle * 1000 / args.idle:.2f} ms per second), {wakeups} wake-ups ({wakeups / args.idle:.1f} per second)"
          "   target 0 bytes, <= 1 ms/s, 0 wake-ups")
    form_worst = max(form_typed, key=lambda item: item[1])
    print(f"  record form: opening {form_opened} bytes, closing {form_closed} bytes   target <= 1536 each")
    print(f"  record form, each character typed ({len(form_typed)} sent): median "
          f"{statistics.median(n for _, n in form_typed):.0f} bytes, max {form_worst[1]} bytes ({form_worst[0]})   target <= 100")
    print("  record form, other keys: " + ", ".join(f"{name} {n} bytes" for name, n in form_moved) + "   (not typing)")
    print(f"  Schedule pane: navigation keys ({len(schedule_moves)} sent) median {statistics.median(schedule_moves):.0f} bytes, "
          f"max {max(schedule_moves)}   target <= 300; zoom steps max {max(schedule_zooms)} bytes   target <= 8192")
    mouse_worst = max(mouse, key=lambda item: item[1])
    print(f"  mouse events ({len(mouse)} sent: tabs, rows, wheel): median {statistics.median(n for _, n in mouse):.0f} bytes, "
          f"max {mouse_worst[1]} bytes ({mouse_worst[0]})   target median <= 160, max <= 300")
    print(f"  mouse, a click on a header (re-sorts the table): {header_click} bytes   (not navigation)")
    print(f"  : command line: opening {prompt_opened} bytes, closing {prompt_closed} bytes   target <= 200 each")
    hangups = []
    for _ in range(5):
        s = Session(width=120, height=40, binary=binary, env=env)
        s.settle(quiet=0.3)
        hangups.append(s.hang_up())
        s.close()
    print(f"  terminal closed to exit: median {statistics.median(hangups) * 1000:.0f} ms "
          f"(max {max(hangups) * 1000:.0f})   target <= 1000 ms")
    print(f"  resident memory: {rss / 1024:.1f} MB (own {own / 1024:.1f} MB, mapped files {mapped / 1024:.1f} MB)"
          "   target <= 20 MB")
    print(f"  resident memory, first start (creating the store): {first_start_rss / 1024:.1f} MB   target <= 20 MB")
    # Chinese: wider characters and longer escape sequences per cell; the same targets hold.
    zh_env = dict(env, LANG="zh_HK.UTF-8")
    zh_sizes = [first_frame(binary, zh_env)[1] for _ in range(5)]
    s = Session(width=120, height=40, binary=binary, env=zh_env)
    try:
        s.settle(quiet=0.3)
        for key in ["3", KEYS["down"]]:
            s.send(key)
            s.settle(quiet=0.15)
        zh_sweep = navigation_sweep(s)
        s.send("q")
        s.wait_exit()
    finally:
        s.close()
    zh_worst = max(zh_sweep, key=lambda item: item[1])
    print(f"  zh-Hant first frame written: {statistics.median(zh_sizes):.0f} bytes "
          f"(English {statistics.median(sizes):.0f})   target <= 8192")
    print(f"  zh-Hant every navigation key ({len(zh_sweep)} sent): median {statistics.median(n for _, n in zh_sweep):.0f} bytes, "
          f"max {zh_worst[1]} bytes ({zh_worst[0]}) (English median {statistics.median(n for _, n in sweep):.0f}, "
          f"max {worst[1]})   target <= 300")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.unlink(store + suffix)


if __name__ == "__main__":
    main()
