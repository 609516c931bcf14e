#!/usr/bin/env python3
"""Measures the status store on PostgreSQL (a throwaway cluster on a local Unix socket, from
Debian's postgresql) and prints the figures it is held to:

  synthetic programme of 10,000 buildings with 1,000,000 progress records:
    exec to complete first frame (120x40), 5 starts  target <= 400 ms
    one navigation key redrawn                       target <= 16 ms
    a time-travel step (t)                           target <= 80 ms, with the query plan it uses
    the programme's S-curve                          (from the daily sums)
    the first `hetao record` after records another tool wrote (it makes the S-curve's sums again)
  import of 100,000 CSV rows                         target <= 5 s
  one `hetao record`                                 (median of 21)
  two `hetao serve` hosts over one database: a record through host A shown on 50 dashboards
    on host B                                        target median <= 200 ms
  connections held by those 50 sessions (pg_stat_activity)
  a dashboard left alone: wake-ups and bytes                     target 0

Usage: Benchmarks/postgres_bench.py [--binary PATH] [--records N] [--sessions N]
Unless --binary is given it builds the binary the Debian package installs, in .build-static."""

import argparse
import datetime
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "EndToEnd"))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from ptyharness import Session, installable_binary  # noqa: E402
from storecli import synthetic_dataset  # noqa: E402
from store_bench import dashboard, import_and_records, run, step_query  # noqa: E402
from test_serve import free_port, keygen, write_users  # noqa: E402

CLUSTER = os.path.join(ROOT, "Tests", "EndToEnd", "postgres-cluster")


def psql(folder, database, sql, *extra):
    return subprocess.run(["psql", "-X", "-q", "-At", "-h", folder, "-U", "hetao", "-d", database, "-c", sql, *extra],
                          check=True, capture_output=True, text=True).stdout.strip()


def fill(folder, database, buildings, per_building, scratch):
    """`per_building` weekly progress reports for every building, a seventh of them each day,
    written as another tool would (COPY, the store's stamping set aside as a restore sets it),
    then vacuumed and analysed, as autovacuum does after a bulk load."""
    first = datetime.date(2024, 12, 2)
    path = os.path.join(scratch, "fill.csv")
    with open(path, "w") as f:
        for k in range(per_building):
            for i in range(buildings):
                day = (first + datetime.timedelta(days=7 * k + i % 7)).isoformat()
                f.write(f"progress\tG{i}\t{day}\t{day}T12:00:00.000Z\tbench\tbench\t{float(k % 101)}\n")
    subprocess.run(["psql", "-X", "-q", "-h", folder, "-U", "hetao", "-d", database,
                    "-c", "SET hetao.restoring = 'on'",
                    "-c", f"\\copy record (kind, subject, as_of, recorded_at, recorded_by, source, percent) FROM '{path}'",
                    "-c", "SELECT setval(pg_get_serial_sequence('record', 'id'), (SELECT max(id) FROM record))",
                    "-c", "VACUUM ANALYZE record"], check=True, capture_output=True)
    os.unlink(path)


def idle(binary, env, seconds=3):
    """Wake-ups and bytes written by a dashboard on PostgreSQL left alone for `seconds`: it
    sleeps on its connection's socket, which only a record's notice makes readable."""
    s = Session(width=120, height=40, binary=binary, env=env)
    try:
        s.first_frame()
        s.settle(quiet=0.5)
        switches, written = s.context_switches(), len(s.output)
        time.sleep(seconds)
        s.read_available(0.05)
        return s.context_switches() - switches, len(s.output) - written
    finally:
        s.close()


def two_hosts(binary, folder, conninfo, database, cluster, sessions):
    """Ms from `record` through host A until each of `sessions` dashboards on host B shows it;
    the connections the sessions hold."""
    os.makedirs(folder)
    recorder, recorder_pub = keygen(folder, "recorder")
    viewer, viewer_pub = keygen(folder, "viewer")
    users = os.path.join(folder, "users.yaml")
    write_users(users, [("rec", "recorder", recorder_pub), ("view", "viewer", viewer_pub)])
    ssh = shutil.which("ssh")
    limit = str(sessions + 10)
    servers, ports = [], []
    for host in ("a", "b"):
        home = os.path.join(folder, host)
        os.makedirs(home)
        port = free_port()
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "HETAO_STORE": conninfo, "XDG_STATE_HOME": home}
        server = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}", "--users", users, "--max-sessions", limit,
                                   "--max-sessions-per-user", limit, "--max-connections-per-user", limit,
                                   "--pid-file", os.path.join(home, "serve.pid")],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        server.stdout.readline()
        servers.append(server)
        ports.append(port)

    def options(port):
        return ["-p", str(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"]
    dashboards = []

    def connections():
        return int(psql(cluster, database, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND pid <> pg_backend_pid()"))
    try:
        servers_own = connections()
        for _ in range(sessions):
            s = Session(width=120, height=40, binary=ssh, args=[*options(ports[1]), "-i", viewer, "-tt", "127.0.0.1"],
                        env={"TERM": "xterm-256color"})
            s.first_frame()
            s.settle(quiet=0.05)
            dashboards.append(s)
        for s in dashboards:
            s.send("3")
        for s in dashboards:
            s.wait_for("Site A")
            s.settle(quiet=0.05)
        held = connections() - servers_own
        subprocess.run([ssh, *options(ports[0]), "-i", recorder, "127.0.0.1", "record progress B1-A 64 --source bench"],
                       check=True, capture_output=True, stdin=subprocess.DEVNULL)
        recorded = time.monotonic()
        shown = {}
        while len(shown) < len(dashboards) and time.monotonic() - recorded < 10:
            for i, s in enumerate(dashboards):
                if i in shown:
                    continue
                s.read_available(0.001)
                if " 64% " in s.text():
                    shown[i] = (time.monotonic() - recorded) * 1000
        return sorted(shown.values()), len(dashboards) - len(shown), held
    finally:
        for s in dashboards:
            s.close()
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=50)
    args = parser.parse_args()
    binary = installable_binary(args.binary)
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        raise SystemExit("postgres_bench.py: needs PostgreSQL (apt install postgresql)")

    scratch = tempfile.mkdtemp(prefix="hetao-postgres-bench-")
    os.chmod(scratch, 0o755)
    cluster = os.path.join(scratch, "cluster")
    subprocess.run([CLUSTER, "start", cluster], check=True, capture_output=True)
    try:
        def database(name):
            psql(cluster, "postgres", f"CREATE DATABASE {name}")
            return f"host={cluster} user=hetao dbname={name}"

        conninfo = database("scale")
        dataset = os.path.join(scratch, "synthetic-10000.yaml")
        synthetic_dataset(dataset, 10_000, planned=True)
        env = {"HETAO_STORE": conninfo, "HOME": scratch, "LANG": "C.UTF-8", "TERM": "xterm-256color"}
        run(binary, env, "history", "G1", "--dataset", dataset)  # creates and seeds the store
        fill(cluster, "scale", 10_000, max(1, args.records // 10_000), scratch)
        records = int(psql(cluster, "scale", "SELECT COUNT(*) FROM record"))
        remade = run(binary, env, "record", "progress", "G1", "100", "--source", "bench", "--dataset", dataset)
        firsts, key, rss, steps, schedule, curve = dashboard(binary, env, ["--dataset", dataset])
        plan = psql(cluster, "scale", "EXPLAIN " + step_query("postgres").replace("$1", "'2026-11-01T00:00:00.000Z'")
                    .replace("$2", "'2026-11-02T00:00:00.000Z'").replace("$3", "'2026-11-01T00:00:00.000Z'"))

        import_seconds, record_times = import_and_records(binary, {"HETAO_STORE": database("small"), "HOME": scratch}, scratch)

        hosts = database("hosts")
        run(binary, {"HETAO_STORE": hosts, "HOME": scratch}, "history", "B8")
        wakeups, idle_bytes = idle(binary, {"HETAO_STORE": hosts, "HOME": scratch, "LANG": "C.UTF-8", "TERM": "xterm-256color"})
        shown, missed, held = two_hosts(binary, os.path.join(scratch, "hosts"), hosts, "hosts", cluster, args.sessions)
    finally:
        subprocess.run([CLUSTER, "stop", cluster], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)

    print("hetao status store on PostgreSQL benchmark (local Unix socket)")
    print(f"  10,000 buildings, {records:,} records: first frame median {statistics.median(firsts) * 1000:.0f} ms, "
          f"max {max(firsts) * 1000:.0f} ms of {len(firsts)} (target <= 400), navigation key {key:.1f} ms (target <= 16), "
          f"RSS {rss:.1f} MB")
    print(f"    time-travel step median {statistics.median(steps):.0f} ms, max {max(steps):.0f} ms (target <= 80)")
    print(f"    the programme's S-curve {curve:.0f} ms (from the daily sums); Schedule pane first frame {schedule * 1000:.0f} ms")
    print(f"    the first hetao record after another tool's records: {remade:.2f} s (making the daily sums again)")
    print("  a time-travel step's query plan:")
    for line in plan.splitlines():
        print(f"    {line}")
    print(f"  import of 100,000 CSV rows: {import_seconds:.2f} s   target <= 5 s")
    print(f"  one hetao record: median {statistics.median(record_times) * 1000:.1f} ms")
    if shown:
        print(f"  a record through host A shown on {args.sessions} dashboards on host B: median {statistics.median(shown):.0f} ms, "
              f"max {max(shown):.0f} ms, {missed} never showed it   target median <= 200 ms")
    else:
        print(f"  a record through host A shown on {args.sessions} dashboards on host B: none showed it")
    print(f"  connections held by {args.sessions} open sessions on host B: {held} (besides each server's own one)")
    print(f"  a dashboard left alone for 3 s: {wakeups} wake-ups, {idle_bytes} bytes written   target 0")


if __name__ == "__main__":
    main()
