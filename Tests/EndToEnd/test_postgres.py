"""End-to-end: the status store on PostgreSQL, a cluster of the tests' own (Debian's postgresql,
started by `postgres-cluster`): two `hetao serve` hosts over one database, a server restarted
under open dashboards, concurrent writers across hosts, and the move from SQLite and back."""

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid

import pytest

from ptyharness import Session, binary_path
from storecli import hetao
from test_serve import Server

HERE = os.path.dirname(os.path.abspath(__file__))
CLUSTER = os.path.join(HERE, "postgres-cluster")
HAS_POSTGRES = bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")) and shutil.which("psql") is not None

pytestmark = pytest.mark.skipif(not HAS_POSTGRES and os.environ.get("HETAO_REQUIRE_POSTGRES") != "1",
                                reason="needs PostgreSQL (.ci/run installs it)")


class Cluster:
    """A throwaway cluster on a Unix socket in `folder`."""

    def __init__(self, folder):
        self.folder = folder
        self.conninfo = subprocess.run([CLUSTER, "start", folder], check=True, capture_output=True, text=True).stdout.strip()

    def psql(self, sql, database="postgres"):
        return subprocess.run(["psql", "-X", "-q", "-At", "-h", self.folder, "-U", "hetao", "-d", database, "-c", sql],
                              check=True, capture_output=True, text=True).stdout.strip()

    def database(self):
        name = "hetao_" + uuid.uuid4().hex[:12]
        self.psql(f"CREATE DATABASE {name}")
        return f"host={self.folder} user=hetao dbname={name}", name

    def stop(self):
        subprocess.run([CLUSTER, "stop", self.folder], check=True, capture_output=True)

    def start(self):
        """Starts it again after `stop`, as an administrator restarts a server."""
        bin_dir = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*owner, os.path.join(bin_dir, "pg_ctl"), "-D", os.path.join(self.folder, "data"), "-l",
                        os.path.join(self.folder, "server.log"), "-w", "-t", "60", "-o",
                        f"-k {self.folder} -c listen_addresses='' -c fsync=off -c max_connections=300", "start"],
                       check=True, capture_output=True)


@pytest.fixture(scope="module")
def cluster():
    # Not under pytest's own folder, which only its owner may enter: PostgreSQL runs as the
    # `postgres` user when the tests run as root.
    folder = tempfile.mkdtemp(prefix="hetao-e2e-postgres-")
    os.chmod(folder, 0o755)
    c = Cluster(os.path.join(folder, "cluster"))
    yield c
    try:
        c.stop()
    except subprocess.CalledProcessError:
        pass
    shutil.rmtree(folder, ignore_errors=True)


def run(folder, conninfo, *args, check=True, env=None):
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": folder, "HETAO_STORE": conninfo, **(env or {})}
    result = subprocess.run([binary_path(), *args], capture_output=True, text=True, env=environment, timeout=120,
                            stdin=subprocess.DEVNULL)
    if check and result.returncode != 0:
        raise AssertionError(f"hetao {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def dashboard(folder, conninfo):
    s = Session(width=120, height=40, env={"HETAO_STORE": conninfo, "HOME": folder})
    s.wait_for("as of")
    s.send("3")
    s.wait_for("Site A")
    return s


def test_a_record_through_one_host_reaches_a_dashboard_on_the_other_within_a_second(cluster, tmp_path):
    conninfo, _ = cluster.database()
    folders = [str(tmp_path / "a"), str(tmp_path / "b")]
    for folder in folders:
        os.makedirs(folder)
    a, b = Server(folders[0], conninfo), Server(folders[1], conninfo)
    try:
        viewer = b.dashboard(b.bob)
        viewer.wait_for("as of")
        viewer.send("3")
        viewer.wait_for("Site A")
        assert " 64% " not in viewer.text()
        result = a.ssh(a.alice, "record progress B1-A 64 --source 'site report 47'")
        assert result.returncode == 0, result.stderr
        started = time.monotonic()
        viewer.wait_for(" 64% ", limit=1.0)
        assert time.monotonic() - started <= 1.0
        viewer.close()
        # Either host gives the same figures: the report over exec is byte for byte the same.
        reports = [s.ssh(key, "report --section buildings").stdout for s, key in ((a, a.bob), (b, b.bob))]
        assert reports[0] == reports[1] and "64%" in reports[0]
        history = run(folders[0], conninfo, "history", "B1-A").stdout
        assert "by alice; source: site report 47" in history
    finally:
        for server in (a, b):
            server.stop()


def test_a_restarted_server_costs_a_status_bar_message_not_a_session_or_a_record(cluster, tmp_path):
    conninfo, _ = cluster.database()
    folder = str(tmp_path)
    run(folder, conninfo, "history", "B8")
    dashboards = [dashboard(folder, conninfo), dashboard(folder, conninfo)]
    try:
        cluster.stop()
        for d in dashboards:
            d.wait_for("store unreachable since", limit=5.0)
            assert "Site A" in d.text()  # the figures stay on screen
            # The server's parting words are libpq's to keep, not written over the screen.
            assert "FATAL" not in d.text() and "terminating connection" not in d.text()
        refused = run(folder, conninfo, "record", "progress", "B1-A", "66", "--source", "during the outage", check=False)
        assert refused.returncode == 75, refused.stderr
        assert "cannot be reached" in refused.stderr and "nothing was written" in refused.stderr
        assert "Traceback" not in refused.stderr and "Fatal error" not in refused.stderr
        cluster.start()
        for d in dashboards:
            deadline = time.monotonic() + 10
            while "store unreachable" in d.text() and time.monotonic() < deadline:
                d.read_available(0.2)
            assert "store unreachable" not in d.text()
        run(folder, conninfo, "record", "progress", "B1-A", "67", "--source", "after the restart")
        for d in dashboards:
            d.wait_for(" 67% ", limit=2.0)
            assert d.exit_status is None
        history = run(folder, conninfo, "history", "B1-A").stdout
        assert "during the outage" not in history and "after the restart" in history
    finally:
        for d in dashboards:
            d.close()


def test_eight_writers_across_two_hosts_store_every_record_once(cluster, tmp_path):
    conninfo, name = cluster.database()
    folders = [str(tmp_path / "a"), str(tmp_path / "b")]
    for folder in folders:
        os.makedirs(folder)
    servers = [Server(folders[0], conninfo), Server(folders[1], conninfo)]
    try:
        writers = []
        for i in range(8):
            server = servers[i % 2]
            lines = "kind,subject,as_of,percent,source\n" + "".join(
                f"progress,B1-{'ABCDE'[i % 5]},2026-11-{1 + n % 28:02d},{n % 100},writer {i} row {n}\n" for n in range(200))
            writers.append(subprocess.Popen(server.ssh_args(server.alice, "import", "-"), stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            writers[-1].stdin.write(lines)
            writers[-1].stdin.close()
        for w in writers:
            assert w.wait(timeout=120) == 0, w.stderr.read()
        assert cluster.psql("SELECT COUNT(*) FROM record WHERE source LIKE 'writer %'", name) == "1600"
        assert cluster.psql("SELECT COUNT(DISTINCT source) FROM record WHERE source LIKE 'writer %'", name) == "1600"
        # Integrity: each slot's latest is its newest standing record, as the records alone say.
        assert cluster.psql("""
            SELECT COUNT(*) FROM latest AS l WHERE l.record_id <> (
              SELECT r.id FROM record AS r WHERE r.kind = l.kind AND r.subject = l.subject AND r.event = l.event
              AND NOT EXISTS (SELECT 1 FROM record AS c WHERE c.supersedes = r.id) ORDER BY r.as_of DESC, r.id DESC LIMIT 1)
            """, name) == "0"
        assert cluster.psql("SELECT COUNT(*) FROM record WHERE recorded_by <> 'alice' AND source LIKE 'writer %'", name) == "0"
    finally:
        for server in servers:
            server.stop()


def test_a_store_moves_from_sqlite_to_postgresql_and_back_exactly(cluster, tmp_path, store):
    folder = str(tmp_path)
    hetao(store, "record", "progress", "B1-A", "61", "--source", "site report 1")
    hetao(store, "record", "milestone", "B1-A", "completion", "--forecast", "2027-03-31", "--source", "programme office")
    first = str(tmp_path / "first.csv")
    hetao(store, "export", "--output", first)
    conninfo, _ = cluster.database()
    run(folder, conninfo, "restore", first)
    second = str(tmp_path / "second.csv")
    run(folder, conninfo, "export", "--output", second)
    with open(first, "rb") as a, open(second, "rb") as b:
        assert a.read() == b.read()
    back = str(tmp_path / "back.sqlite")
    hetao(back, "restore", second)
    third = str(tmp_path / "third.csv")
    hetao(back, "export", "--output", third)
    with open(first, "rb") as a, open(third, "rb") as c:
        assert a.read() == c.read()
    # New records on PostgreSQL are numbered after the restored ones.
    added = run(folder, conninfo, "record", "progress", "B1-B", "40", "--source", "after the move").stdout
    last = max(int(line.split(",")[0]) for line in open(first).read().splitlines()[1:] if line[:1].isdigit())
    assert f"recorded #{last + 1}:" in added


def test_a_dropped_connection_mid_import_stores_nothing(cluster, tmp_path):
    conninfo, name = cluster.database()
    folder = str(tmp_path)
    run(folder, conninfo, "history", "B8")
    before = cluster.psql("SELECT COUNT(*) FROM record", name)
    path = str(tmp_path / "big.csv")
    with open(path, "w") as f:
        f.write("kind,subject,as_of,percent,source\n")
        for n in range(60_000):
            f.write(f"progress,B1-{'ABCDE'[n % 5]},2026-{1 + n % 11:02d}-{1 + n % 28:02d},{n % 100},bulk {n}\n")
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": folder, "HETAO_STORE": conninfo}
    # Its warnings (reports below the latest) go to a file: a pipe nobody reads would stop it.
    errors = open(str(tmp_path / "import.err"), "w+")
    importer = subprocess.Popen([binary_path(), "import", path], env=environment, stdout=subprocess.DEVNULL,
                                stderr=errors, text=True)
    # Cut its connection while it writes: once it holds the writers' lock.
    deadline = time.monotonic() + 60
    while importer.poll() is None and time.monotonic() < deadline:
        if cluster.psql("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted", name) != "0":
            break
        time.sleep(0.02)
    assert importer.poll() is None, "the import ended before it wrote"
    cluster.psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    status = importer.wait(timeout=60)
    errors.seek(0)
    said = errors.read()
    assert status == 75, said[-2000:]
    assert "cannot be reached" in said and "nothing was written" in said
    assert cluster.psql("SELECT COUNT(*) FROM record", name) == before
