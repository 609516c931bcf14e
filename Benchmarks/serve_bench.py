#!/usr/bin/env python3
"""Measures `hetao serve` with 50 concurrent OpenSSH sessions on loopback and prints the
figures it is held to:

  connect (ssh started) to the first complete frame, median of 50    target <= 250 ms
  a record shown on all 50 dashboards                                target <= 1 s
  memory of the server plus every session (sum of PSS)               target <= 400 MB
  server CPU with 50 idle sessions                                   target <= 5 ms per second
  bytes per navigation key in a session, next to a local dashboard   target: the same

Usage: Benchmarks/serve_bench.py [--sessions N] [--binary PATH]
Unless --binary is given, it first builds the binary the Debian package installs, in .build-static."""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEnd"))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from dashboard_bench import navigation_sweep  # noqa: E402
from ptyharness import Session, installable_binary  # noqa: E402


def keygen(folder, name):
    path = os.path.join(folder, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True)
    with open(path + ".pub") as f:
        return path, f.read().strip()


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (FileNotFoundError, IndexError):
                pass
    return found


def cpu_seconds(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/schedstat") as f:
            total += int(f.read().split()[0])
    return total / 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--binary")
    args = parser.parse_args()
    binary = installable_binary(args.binary)
    ssh = shutil.which("ssh")
    with tempfile.TemporaryDirectory() as folder:
        viewer, viewer_pub = keygen(folder, "viewer")
        recorder, recorder_pub = keygen(folder, "recorder")
        users = os.path.join(folder, "users.yaml")
        with open(users, "w") as f:
            f.write(f"users:\n  - name: viewer\n    role: viewer\n    keys: [{viewer_pub}]\n"
                    f"  - name: recorder\n    role: recorder\n    keys: [{recorder_pub}]\n")
        store = os.path.join(folder, "status.sqlite")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {"PATH": os.environ.get("PATH", ""), "HOME": folder, "HETAO_STORE": store, "XDG_STATE_HOME": folder}
        server = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}", "--users", users,
                                   "--max-sessions", str(args.sessions + 10), "--max-sessions-per-user", str(args.sessions + 10)],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        server.stdout.readline()
        options = ["-p", str(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                   "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"]
        sessions, connects = [], []
        try:
            for _ in range(args.sessions):
                s = Session(width=120, height=40, binary=ssh, args=[*options, "-i", viewer, "-tt", "127.0.0.1"],
                            env={"TERM": "xterm-256color"})
                connects.append(s.first_frame())
                s.settle(quiet=0.05)
                sessions.append(s)
            for s in sessions:
                s.send("3")
            for s in sessions:
                s.wait_for("Site A")
                s.settle(quiet=0.05)
            subprocess.run([ssh, *options, "-i", recorder, "127.0.0.1", "record progress B1-A 64 --source bench"],
                           check=True, capture_output=True, stdin=subprocess.DEVNULL)
            recorded = time.monotonic()
            pending = list(sessions)
            while pending and time.monotonic() - recorded < 10:
                for s in list(pending):
                    s.read_available(0.001)
                    if " 64% " in s.text():
                        pending.remove(s)
            shown_all = time.monotonic() - recorded
            time.sleep(1.0)
            for s in sessions:
                s.settle(quiet=0.05)
            memory = pss_kib(server.pid) + sum(pss_kib(child) for child in children(server.pid))
            cpu_before = cpu_seconds(server.pid)
            time.sleep(10)
            idle_cpu = (cpu_seconds(server.pid) - cpu_before) / 10
            remote = navigation_sweep(sessions[0])
        finally:
            for s in sessions:
                s.close()
            server.terminate()
            server.wait(timeout=30)
        local_session = Session(width=120, height=40, binary=binary, env={"HETAO_STORE": store, "TERM": "xterm-256color",
                                                                           "LANG": "C.UTF-8"})
        try:
            local_session.settle(quiet=0.3)
            local_session.send("3")
            local_session.settle(quiet=0.2)
            local = navigation_sweep(local_session)
        finally:
            local_session.close()
    print(f"hetao serve benchmark, {args.sessions} OpenSSH sessions at 120x40 on loopback")
    print(f"  connect to first complete frame: median {statistics.median(connects) * 1000:.0f} ms, "
          f"max {max(connects) * 1000:.0f} ms   target median <= 250 ms")
    print(f"  a record shown on all {args.sessions} dashboards: {shown_all * 1000:.0f} ms "
          f"({len(pending)} never showed it)   target <= 1000 ms")
    print(f"  server plus sessions, sum of PSS: {memory / 1024:.1f} MB   target <= 400 MB")
    print(f"  server CPU with {args.sessions} idle sessions: {idle_cpu * 1000:.2f} ms per second   target <= 5")
    print(f"  bytes per navigation key ({len(remote)} keys): over SSH median {statistics.median(n for _, n in remote):.0f}, "
          f"max {max(n for _, n in remote)}; local median {statistics.median(n for _, n in local):.0f}, "
          f"max {max(n for _, n in local)}   target: the same")


if __name__ == "__main__":
    main()
