"""End-to-end: `hetao serve` with the real OpenSSH client: keys, roles, the dashboard in a pty,
commands over exec, refusals, reloads and a clean stop."""

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time

import pytest

from ptyharness import KEYS, Session, binary_path
from storecli import count, fill_store, hetao

pytestmark = pytest.mark.skipif(shutil.which("ssh") is None, reason="needs the OpenSSH client (.ci/run installs it)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def keygen(folder, name):
    path = os.path.join(folder, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path, "-C", f"{name}@test"], check=True)
    with open(path + ".pub") as f:
        return path, f.read().strip()


def write_users(path, entries):
    lines = ["users:"]
    for name, role, public in entries:
        lines += [f"  - name: {name}", f"    role: {role}", "    keys:", f"      - {public}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


class Server:
    def __init__(self, folder, store, extra=(), config=None):
        self.folder, self.store, self.port = folder, store, free_port()
        self.alice, alice_pub = keygen(folder, "alice")
        self.bob, self.bob_pub = keygen(folder, "bob")
        self.carol, self.carol_pub = keygen(folder, "carol")
        self.mallory, _ = keygen(folder, "mallory")
        self.users = os.path.join(folder, "users.yaml")
        self.log = os.path.join(folder, "audit.log")
        self.alice_pub = alice_pub
        write_users(self.users, [("alice", "recorder", alice_pub), ("bob", "viewer", self.bob_pub)])
        env = {"PATH": os.environ.get("PATH", ""), "HOME": folder, "HETAO_STORE": store, "LANG": "C.UTF-8",
               "XDG_STATE_HOME": os.path.join(folder, "state"), "XDG_CONFIG_HOME": os.path.join(folder, "config")}
        arguments = ["--listen", f"127.0.0.1:{self.port}", "--users", self.users, "--log", self.log]
        if config is not None:
            os.makedirs(os.path.join(folder, "config", "hetao"))
            with open(os.path.join(folder, "config", "hetao", "config.yaml"), "w") as f:
                f.write(config.format(port=self.port, users=self.users, log=self.log))
            arguments = []
        self.process = subprocess.Popen([binary_path(), "serve", *arguments, *extra], env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.banner = self.process.stdout.readline() + self.process.stdout.readline()
        assert "listening on" in self.banner, self.process.stderr.read()

    def ssh_args(self, key, *args, tty=False, options=()):
        return [shutil.which("ssh"), "-p", str(self.port), "-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", *(["-tt"] if tty else []), *options,
                "127.0.0.1", *args]

    def ssh(self, key, *args, stdin=None):
        return subprocess.run(self.ssh_args(key, *args), capture_output=True, text=True, timeout=60,
                              input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL)

    def dashboard(self, key, *args, width=120, height=40, env=None, options=()):
        command = self.ssh_args(key, *args, tty=True, options=options)
        return Session(width=width, height=height, binary=command[0], args=command[1:],
                       env={"HETAO_STORE": "/nonexistent", **(env or {})})

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            return self.process.wait(timeout=30)
        return self.process.returncode


@pytest.fixture
def server(tmp_path, store):
    s = Server(str(tmp_path), store)
    yield s
    if s.process.poll() is None:
        s.process.kill()
        s.process.wait()


def test_a_viewer_browses_the_dashboard_and_a_window_change_redraws(server):
    s = server.dashboard(server.bob)
    try:
        s.wait_for("1 Overview")
        s.send("3")
        s.wait_for("Site A")
        s.resize(80, 24)
        s.wait_for("[3 Buildings]")  # the narrow layout: one pane under a tab bar
        s.send("r")
        s.wait_for("Recording is not available: your key's role is viewer")
        s.send("q")
        assert s.wait_exit() == 0
    finally:
        s.close()


def test_an_unknown_key_is_refused_as_openssh_refuses_it(server):
    result = server.ssh(server.mallory, "report")
    assert result.returncode == 255 and "Permission denied (publickey)" in result.stderr


def test_a_viewers_record_is_refused_and_the_store_unchanged(server, store):
    before = count(store)
    result = server.ssh(server.bob, "record progress B1-A 64 --source 'site report 47'")
    assert result.returncode != 0
    assert result.stderr.strip() == "hetao serve: record is for recorders; this key's role is viewer"
    assert count(store) == before


def test_a_recorders_record_is_theirs_and_reaches_an_open_dashboard_within_a_second(server, store):
    viewer = server.dashboard(server.bob)
    try:
        viewer.wait_for("as of")
        viewer.send("3")
        viewer.wait_for("Site A")
        assert " 64% " not in viewer.text()
        result = server.ssh(server.alice, "record progress B1-A 64 --source 'site report 47'")
        assert result.returncode == 0, result.stderr
        started = time.monotonic()
        viewer.wait_for(" 64% ", limit=1.0)
        assert time.monotonic() - started <= 1.0
    finally:
        viewer.close()
    history = hetao(store, "history", "B1-A").stdout
    assert "by alice; source: site report 47" in history


def test_report_over_exec_is_byte_for_byte_the_local_one(server, store):
    remote = subprocess.run(server.ssh_args(server.bob, "report", "--format", "csv"), capture_output=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    local = subprocess.run([binary_path(), "report", "--format", "csv"], capture_output=True, timeout=60,
                           env={"PATH": os.environ.get("PATH", ""), "HETAO_STORE": store, "HOME": server.folder, "LANG": "C.UTF-8"},
                           stdin=subprocess.DEVNULL)
    assert remote.returncode == 0 and remote.stdout == local.stdout and len(local.stdout) > 1000
    # Exit statuses come back, and stdin reaches the command.
    assert server.ssh(server.bob, "history", "NOPE").returncode == 65
    imported = server.ssh(server.alice, "import -", stdin="kind,subject,as_of,percent,source\nprogress,B1-C,2026-11-26,33,bulk\n")
    assert imported.returncode == 0 and "imported 1 records" in imported.stdout


def test_a_viewer_takes_the_weekly_brief_home_over_ssh_but_cannot_write_it_on_the_server(server):
    brief = server.ssh(server.bob, "brief", "--format", "html")
    assert brief.returncode == 0 and brief.stdout.startswith("<!DOCTYPE html>") and brief.stdout.count("<svg ") == 3
    written = server.ssh(server.bob, "brief", "--output", "/tmp/hetao-brief-over-ssh")
    assert written.returncode != 0 and "--output" in written.stderr
    assert not os.path.exists("/tmp/hetao-brief-over-ssh")


def test_records_over_ssh_carry_the_ssh_users_name_and_the_servers_time_whatever_they_say(server, store):
    spoofed = ("kind,subject,as_of,percent,source,recorded_at,recorded_by\n"
               "progress,B1-C,2026-11-26,33,bulk,2026-01-01T00:00:00Z,carol\n")
    imported = server.ssh(server.alice, "import -", stdin=spoofed)
    assert imported.returncode == 0, imported.stderr
    history = hetao(store, "history", "B1-C", env={"TZ": "Asia/Hong_Kong"}).stdout
    assert re.search(r"      imported 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d by alice, originally recorded 2026-01-01 08:00:00 by carol; "
                     r"source: bulk", history), history
    # As known in June, the import is not there: it happened today.
    june = server.ssh(server.bob, "report", "--section", "buildings", "--format", "csv", "--as-known-on", "2026-06-30")
    assert june.returncode == 0 and ",33," not in june.stdout
    # A name the client sends in its environment is not the server's to believe.
    sent = subprocess.run(server.ssh_args(server.alice, "record", "progress", "B1-C", "34", "--source", "walk",
                                          options=("-o", "SetEnv=HETAO_RECORDED_BY=carol")),
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert sent.returncode == 0, sent.stderr
    assert hetao(store, "export").stdout.splitlines()[-1].endswith(",alice,,")
    # A restore rewrites history: never over SSH, whatever the role.
    restore = server.ssh(server.alice, "restore -", stdin=hetao(store, "export").stdout)
    assert restore.returncode == 126 and "'restore' is not available over SSH" in restore.stderr


def test_shells_forwarding_and_subsystems_are_refused(server):
    shell = server.ssh(server.alice, "sh -c id")
    assert shell.returncode == 126 and "'sh' is not available over SSH" in shell.stderr
    stdio_forward = subprocess.run(server.ssh_args(server.alice)[:-1] + ["-W", "127.0.0.1:22", "127.0.0.1"],
                                   capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert stdio_forward.returncode != 0
    local_forward = subprocess.run(server.ssh_args(server.alice)[:-1] + ["-o", "ExitOnForwardFailure=yes", "-L",
                                   f"{free_port()}:127.0.0.1:22", "127.0.0.1", "report", "--section", "overview"],
                                   capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    port = free_port()
    forwarding = subprocess.Popen(server.ssh_args(server.alice)[:-1] + ["-N", "-L", f"{port}:127.0.0.1:22", "127.0.0.1"],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        time.sleep(1.0)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as tunnel:
            tunnel.settimeout(5)
            # The server refuses the channel: the client closes the tunnel without a byte.
            assert tunnel.recv(100) == b""
    finally:
        forwarding.kill()
        forwarding.wait()
    assert local_forward.returncode == 0  # the command still runs; only the forwarding is refused
    sftp = subprocess.run(server.ssh_args(server.alice)[:-1] + ["-s", "127.0.0.1", "sftp"], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert sftp.returncode != 0


def test_killing_the_client_ends_the_sessions_process_within_a_second(server):
    s = server.dashboard(server.bob)
    try:
        s.wait_for("as of")
        children = dashboard_processes(server)
        assert len(children) == 1
        os.kill(s.pid, signal.SIGKILL)
        deadline = time.monotonic() + 1.0
        while dashboard_processes(server) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert dashboard_processes(server) == []
    finally:
        s.close()


def dashboard_processes(server):
    """The server's child processes still running."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == server.process.pid and fields[0] != "Z":
                found.append(int(pid))
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return found


def test_sigterm_ends_every_session_cleanly_and_the_store_stays_whole(server, store):
    sessions = [server.dashboard(server.bob), server.dashboard(server.alice, width=80, height=24)]
    try:
        for s in sessions:
            s.wait_for("as of")
        assert server.stop() == 0
        for s in sessions:
            s.wait_for("hetao serve is stopping; goodbye.")
            s.wait_exit()
    finally:
        for s in sessions:
            s.close()
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with open(server.log) as f:
        log = f.read()
    assert "stopping" in log and "stopped" in log


def test_a_users_file_reload_changes_a_role_without_dropping_others(server):
    s = server.dashboard(server.bob)
    try:
        s.wait_for("as of")
        write_users(server.users, [("alice", "viewer", server.alice_pub), ("bob", "viewer", server.bob_pub),
                                   ("carol", "recorder", server.carol_pub)])
        server.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 5
        while "users reloaded" not in open(server.log).read() and time.monotonic() < deadline:
            time.sleep(0.05)
        refused = server.ssh(server.alice, "record progress B1-A 1 --source x")
        assert "this key's role is viewer" in refused.stderr
        assert server.ssh(server.carol, "history B8").returncode == 0
        # Bob's session is still there and answers.
        s.send("3")
        s.wait_for("Site A")
    finally:
        s.close()


def test_the_failure_lockout_fires_by_address_and_is_logged_once(server):
    # Ten unknown keys from one address within the minute (the documented limit), each on its own
    # connection: then even the right key is turned away, and the block is logged once.
    for _ in range(10):
        assert server.ssh(server.mallory, "report").returncode != 0
    locked = server.ssh(server.alice, "history B8")
    assert locked.returncode != 0, locked.stdout
    again = server.ssh(server.alice, "history B8")
    assert again.returncode != 0
    with open(server.log) as f:
        log = f.read()
    assert log.count('reason="too many failed attempts"') == 1, log[-2000:]


def test_removing_a_user_cuts_off_their_open_connection_and_ends_its_sessions(server, tmp_path, store):
    control = str(tmp_path / "control")
    shared = ("-o", f"ControlPath={control}")
    master = subprocess.Popen(server.ssh_args(server.alice, options=("-o", "ControlMaster=yes", *shared, "-N")),
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(control) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert os.path.exists(control)
        dashboard = server.dashboard(server.alice, options=shared)
        dashboard.wait_for("as of")
        write_users(server.users, [("bob", "viewer", server.bob_pub)])
        server.process.send_signal(signal.SIGHUP)
        revoked = time.monotonic()
        # Within a second: the audit line, and the open dashboard is told and ended.
        dashboard.wait_for("access for alice was withdrawn (key removed)", limit=2.0)
        assert time.monotonic() - revoked <= 1.0
        log = open(server.log).read()
        assert 'access withdrawn reason="key removed"' in log and "user=alice" in log
        before = count(store)
        after = subprocess.run(server.ssh_args(server.alice, "record", "progress", "B1-B", "31", "--source", "after-revoke",
                                               options=shared),
                               capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert after.returncode != 0 and count(store) == before
        dashboard.close()
    finally:
        master.kill()
        master.wait()


def test_a_server_killed_mid_upload_stores_nothing_and_leaves_no_process(server, store):
    before = count(store)
    client = subprocess.Popen(server.ssh_args(server.alice, "import", "-"), stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        rows = "".join(f"progress,B1-C,2026-11-{1 + i % 28:02d},{i % 100},upload {i}\n" for i in range(1000))
        client.stdin.write(("kind,subject,as_of,percent,source\n" + rows).encode())
        client.stdin.flush()
        # The rows reach the session's process; the client's end of file never comes.
        deadline = time.monotonic() + 10
        while "session start" not in open(server.log).read() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)
        server.process.kill()
        server.process.wait()
        time.sleep(2.0)
        assert count(store) == before
        left = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    words = f.read().split(b"\0")
            except OSError:
                continue
            if words[1:3] == [b"import", b"-"]:
                left.append(pid)
        assert left == [], left
    finally:
        client.kill()
        client.wait()


def test_a_flood_of_idle_sockets_does_not_keep_a_real_login_out(server):
    sockets = []
    try:
        for _ in range(200):
            sockets.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        started = time.monotonic()
        result = server.ssh(server.bob, "whoami")
        assert result.returncode == 0 and result.stdout.startswith("bob viewer"), result.stderr
        assert time.monotonic() - started < 5
    finally:
        for s in sockets:
            s.close()
    log = open(server.log).read()
    # The oldest were dropped to make room, logged once in a hundred, not once each.
    assert 1 <= log.count("connection dropped") <= 3, log.count("connection dropped")


def test_a_user_holds_at_most_sixteen_connections_and_a_sessionless_one_is_closed(tmp_path, store):
    server = Server(str(tmp_path), store, extra=("--connection-idle-timeout", "2"))
    held = []
    try:
        for _ in range(16):
            held.append(subprocess.Popen(server.ssh_args(server.bob, options=("-N",)), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        deadline = time.monotonic() + 10
        while open(server.log).read().count("info authenticated") < 16 and time.monotonic() < deadline:
            time.sleep(0.05)
        refused = server.ssh(server.bob, "whoami")
        assert refused.returncode != 0
        assert "16 connections already open" in open(server.log).read()
        # Connections with no session are closed when their time is up: the clients end.
        for client in held:
            client.wait(timeout=10)
        assert "idle connection closed" in open(server.log).read()
        assert server.ssh(server.bob, "whoami").returncode == 0
    finally:
        for client in held:
            client.kill()
        server.process.kill()
        server.process.wait()


def test_the_dashboard_over_ssh_says_who_and_in_which_role(server):
    s = server.dashboard(server.bob)
    try:
        s.wait_for("as of")
        s.wait_for(" viewer bob ")
    finally:
        s.close()


def test_whoami_says_the_name_role_and_key_of_the_connection(server):
    fingerprint = subprocess.run(["ssh-keygen", "-l", "-f", server.alice + ".pub"], capture_output=True, text=True,
                                 check=True).stdout.split()[1]
    me = server.ssh(server.alice, "whoami")
    assert me.returncode == 0 and me.stdout == f"alice recorder {fingerprint}\n", me
    assert server.ssh(server.bob, "whoami").stdout.startswith("bob viewer SHA256:")


def test_a_flood_of_environment_variables_is_capped_and_logged_once(server):
    variables = " ".join(f"LC_X{i}={'v' * 200}" for i in range(40)) + f" LC_BIG={'w' * 300} NOT_A_LOCALE=1"
    result = subprocess.run(server.ssh_args(server.bob, "history", "B8", options=("-o", f"SetEnv={variables}")),
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    log = open(server.log).read()
    assert log.count("environment ignored") == 1, log[-1500:]


def test_removing_a_users_last_key_line_is_a_valid_edit_that_takes_effect(server):
    with open(server.users, "w") as f:
        f.write("users:\n  - name: alice\n    role: recorder\n    keys: []\n"
                f"  - name: bob\n    role: viewer\n    keys:\n      - {server.bob_pub}\n")
    server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 5
    while open(server.log).read().count("users reloaded") < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "users reloaded" in open(server.log).read()
    assert server.ssh(server.alice, "history B8").returncode != 0
    assert server.ssh(server.bob, "history B8").returncode == 0


def test_a_host_key_others_can_read_is_refused_with_the_fix(tmp_path, store):
    key = str(tmp_path / "host_key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
    os.chmod(key, 0o644)
    users = str(tmp_path / "users.yaml")
    write_users(users, [("alice", "recorder", keygen(str(tmp_path), "alice")[1])])
    result = subprocess.run([binary_path(), "serve", "--listen", f"127.0.0.1:{free_port()}", "--users", users,
                             "--host-key", key], capture_output=True, text=True, timeout=30,
                            env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "HETAO_STORE": store})
    assert result.returncode != 0
    assert f"readable by others (mode 0644); make it the service's alone: chmod 600 {key}" in result.stderr, result.stderr


def test_refusals_never_echo_control_characters_to_the_client(server):
    hostile = server.ssh(server.alice, "\x1b]0;pwned\x07\x1b[2J")
    assert hostile.returncode == 126
    assert "\x1b" not in hostile.stderr and "\x07" not in hostile.stderr
    assert "\\e]0;pwned\\u{7}\\e[2J" in hostile.stderr, repr(hostile.stderr)


def test_the_audit_log_tells_the_whole_story(server):
    server.ssh(server.mallory, "report")
    server.ssh(server.alice, "record progress B1-D 26 --source 'site report 9'")
    server.ssh(server.bob, "record progress B1-D 27 --source x")
    with open(server.log) as f:
        log = f.read()
    for line in ["info connect remote=127.0.0.1:", "notice authentication refused", "reason=\"unknown key\"",
                 "info authenticated key=SHA256:", "role=recorder user=alice", "info session start command=\"record progress B1-D 26",
                 "info record written", "kind=progress", "subject=B1-D", "info session end", "notice session refused",
                 "reason=\"record is for recorders; this key's role is viewer\"", "info disconnect"]:
        assert line in log, line


def test_settings_and_limits_from_the_config_file_and_the_next_session_refused_politely(tmp_path, store):
    server = Server(str(tmp_path), store, config="serve:\n  listen: 127.0.0.1:{port}\n  users: {users}\n  log: {log}\n"
                                                  "  max_sessions: 1\n")
    s = server.dashboard(server.bob)
    try:
        s.wait_for("as of")
        refused = server.ssh(server.alice, "history B8")
        assert refused.returncode == 1
        assert refused.stderr.strip() == "hetao serve: the server is full (1 session); try again later"
    finally:
        s.close()
        server.process.kill()
        server.process.wait()


def test_the_clients_locale_reaches_the_dashboard(server):
    chinese = server.dashboard(server.bob, env={"LANG": "zh_HK.UTF-8"}, options=["-o", "SendEnv=LANG"])
    plain = server.dashboard(server.bob, env={"LANG": "C"}, options=["-o", "SendEnv=LANG"])
    try:
        chinese.wait_for("概覽")
        plain.wait_for("as of")
        # LANG=C on the client: ASCII text, lines from the terminal's line-drawing set.
        assert all(b < 0x80 for b in plain.output)
    finally:
        chinese.close()
        plain.close()


def test_a_recorder_records_from_the_form_over_ssh_and_the_viewer_sees_it(server, store):
    viewer = server.dashboard(server.bob)
    recorder = server.dashboard(server.alice, width=80, height=24)
    try:
        viewer.wait_for("as of")
        viewer.send("3")
        viewer.wait_for("Site A")
        recorder.wait_for("as of")
        recorder.send("3")
        recorder.wait_for("Site A")
        recorder.send(KEYS["down"] * 3 + "r")
        recorder.wait_for("Record progress")
        recorder.send("93" + KEYS["tab"] + KEYS["tab"] + "site walk 12" + KEYS["enter"])
        recorder.wait_for("Recorded #")
        viewer.wait_for(" 93% ", limit=1.0)
    finally:
        viewer.close()
        recorder.close()
    lines = hetao(store, "history", "B1-A").stdout.splitlines()
    assert any("93%" in line for line in lines)
    assert any("by alice; source: site walk 12" in line for line in lines)
    with open(server.log) as f:
        assert "record written" in f.read()


def test_a_large_export_to_a_client_that_reads_late_arrives_whole_every_time(server, store):
    fill_store(store, 2_000, 30)
    expected = hetao(store, "export").stdout.encode()
    assert len(expected) > 4_000_000
    received_path = os.path.join(server.folder, "received.csv")
    for _ in range(3):
        # The reader waits before reading: the client's window closes, the process must wait.
        reader = subprocess.Popen(["sh", "-c", 'sleep 3; cat > "$0"', received_path], stdin=subprocess.PIPE)
        client = subprocess.run(server.ssh_args(server.bob, "export"), stdout=reader.stdin,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=120)
        reader.stdin.close()
        reader.wait()
        with open(received_path, "rb") as f:
            received = f.read()
        assert client.returncode == 0, client.stderr
        assert len(received) == len(expected) and received == expected


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


@pytest.mark.parametrize("cipher", ["aes128-ctr", "aes256-gcm@openssh.com"])
def test_an_export_arrives_whole_while_the_client_rekeys_all_along(server, store, cipher):
    fill_store(store, 1_000, 30)
    expected = hetao(store, "export").stdout.encode()
    # A new key every 64 KiB: writes that would fall in a key exchange wait for it, none is
    # lost or doubled.
    result = subprocess.run(server.ssh_args(server.bob, "export", options=("-c", cipher, "-o", "RekeyLimit=64K")),
                            capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) == len(expected) and result.stdout == expected
    assert "output not delivered" not in open(server.log).read()

def test_clients_that_stop_reading_slow_their_sessions_not_the_servers_memory(server, store):
    fill_store(store, 2_000, 30)
    server.ssh(server.bob, "whoami")
    before = resident_kib(server.process.pid)
    stalled = []
    try:
        for _ in range(4):
            # Nobody reads the client's output: its window closes and the export must wait.
            reader, writer = os.pipe()
            stalled.append((subprocess.Popen(server.ssh_args(server.bob, "export"), stdout=writer,
                                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL), reader))
            os.close(writer)
        time.sleep(4)
        grown = resident_kib(server.process.pid) - before
        assert grown < 4_000, f"the server grew by {grown} KiB for four stalled 5 MB exports"
        assert open(server.log).read().count("session end") == 1
    finally:
        for client, reader in stalled:
            client.kill()
            client.wait()
            os.close(reader)


def test_an_administrator_adds_and_removes_users_with_one_command_each(server, store):
    environment = {"XDG_STATE_HOME": os.path.join(server.folder, "state"), "XDG_CONFIG_HOME": os.path.join(server.folder, "config")}
    # On the server's host: the file is edited in place and the running server told at once.
    local = hetao(store, "users", "add", "carol", "--role", "admin", "--key", server.carol_pub, "--users", server.users,
                  "--reload", env=environment)
    assert "added carol (admin)" in local.stdout and "reloaded the users" in local.stdout
    assert server.ssh(server.carol, "whoami").stdout.startswith("carol admin SHA256:")
    # Over SSH, an administrator manages users; nobody else may.
    dave, dave_pub = keygen(server.folder, "dave")
    added = server.ssh(server.carol, f"users add dave --role viewer --key '{dave_pub}'")
    assert added.returncode == 0, added.stderr
    assert server.ssh(dave, "whoami").stdout.startswith("dave viewer")
    # An administrator cannot lock themselves out over SSH.
    own = server.ssh(server.carol, "users role carol viewer")
    assert own.returncode == 65 and "would take away your own access" in own.stderr, own.stderr
    refused = server.ssh(server.alice, "users remove bob")
    assert refused.returncode == 126 and "users is for administrators; this key's role is recorder" in refused.stderr
    listed = server.ssh(server.carol, "users list").stdout
    assert re.search(r"^bob +viewer +1 key$", listed, re.M) and "  SHA256:" in listed
    # Removing a user ends their open dashboard within a second.
    dashboard = server.dashboard(server.bob)
    try:
        dashboard.wait_for("as of")
        removed = server.ssh(server.carol, "users remove bob")
        done = time.monotonic()
        assert removed.returncode == 0, removed.stderr
        dashboard.wait_for("access for bob was withdrawn (key removed)", limit=2.0)
        assert time.monotonic() - done <= 1.0
    finally:
        dashboard.close()
    assert server.ssh(server.bob, "whoami").returncode == 255
    # The file keeps its comments and layout; each change is an audit line, with who made it.
    with open(server.users) as f:
        text = f.read()
    assert "name: bob" not in text and text.count("- name: ") == 3
    log = open(server.log).read()
    assert re.search(r"notice user added detail=\"admin, 1 key\" user=carol", log), log
    assert re.search(r"session start command=\"users remove bob\" remote=\S+ terminal=none user=carol", log), log
    assert re.search(r"notice user removed detail=viewer user=bob", log), log


def test_every_refusal_names_the_address_and_the_reason(server):
    rsa = os.path.join(server.folder, "rsa")
    subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa], check=True)
    assert server.ssh(rsa, "whoami").returncode == 255
    reverse = subprocess.run(server.ssh_args(server.alice, "whoami", options=("-R", f"{free_port()}:127.0.0.1:22")),
                             capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    # The forwarding is refused; the command still runs.
    assert reverse.returncode == 0 and reverse.stdout.startswith("alice recorder")
    time.sleep(0.5)
    log = open(server.log).read()
    assert re.search(r'authentication refused login=\S+ reason="no key this server accepts was proved \(an RSA or other '
                     r'unsupported key, a bad signature, or none\)" remote=127\.0\.0\.1:\d+', log), log
    assert re.search(r"forwarding refused listen=localhost:\d+ remote=127\.0\.0\.1:\d+ user=alice", log), log


def test_a_server_out_of_file_descriptors_logs_it_once_and_serves_again(server):
    subprocess.run(["prlimit", f"--pid={server.process.pid}", "--nofile=40:40"], check=True)
    sockets = []
    try:
        for _ in range(80):
            sockets.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        time.sleep(1.5)
    finally:
        for s in sockets:
            s.close()
    time.sleep(1.0)
    result = server.ssh(server.bob, "whoami")
    assert result.returncode == 0 and result.stdout.startswith("bob viewer"), result.stderr
    log = open(server.log).read()
    assert log.count("accept failed") == 1 and "Too many open files" in log, log


@pytest.mark.parametrize("cipher", ["aes128-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"])
def test_x11_forwarding_is_refused_politely_and_the_session_goes_on(server, cipher):
    result = subprocess.run(server.ssh_args(server.alice, "whoami", options=("-X", "-c", cipher)), capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL, env={**os.environ, "DISPLAY": ":0"})
    assert result.returncode == 0 and result.stdout.startswith("alice recorder"), result.stderr
    time.sleep(0.3)
    assert re.search(r"request refused remote=127\.0\.0\.1:\d+ request=x11-req user=alice", open(server.log).read())


def test_keyboard_interactive_is_refused_politely_and_paramiko_logs_in_with_a_key(server):
    import paramiko
    transport = paramiko.Transport(("127.0.0.1", server.port))
    try:
        transport.start_client(timeout=10)
        # Refused as OpenSSH refuses a disabled method: with the methods that remain.
        with pytest.raises(paramiko.BadAuthenticationType) as refused:
            transport.auth_interactive("alice", lambda title, instructions, prompts: ["secret" for _ in prompts])
        assert refused.value.allowed_types == ["publickey"]
    finally:
        transport.close()
    # paramiko speaks AES-CTR with HMAC-SHA2-256.
    transport = paramiko.Transport(("127.0.0.1", server.port))
    try:
        transport.start_client(timeout=10)
        assert transport.remote_cipher in ("aes128-ctr", "aes256-ctr")
        transport.auth_publickey("alice", paramiko.Ed25519Key.from_private_key_file(server.alice))
        channel = transport.open_session()
        channel.exec_command("whoami")
        assert channel.makefile().read().decode().startswith("alice recorder")
        assert channel.recv_exit_status() == 0
    finally:
        transport.close()
    log = open(server.log).read()
    assert re.search(r'authentication refused login=alice method=keyboard-interactive reason="public keys only" '
                     r"remote=127\.0\.0\.1:\d+", log), log


def test_debians_dropbear_client_connects_and_gets_every_byte(server, store):
    if shutil.which("dbclient") is None:
        pytest.fail("dropbear's client is not installed (.ci/run installs dropbear-bin)")
    key = server.alice + ".dropbear"
    subprocess.run(["dropbearconvert", "openssh", "dropbear", server.alice, key], check=True, capture_output=True)
    expected = hetao(store, "export").stdout.encode()
    result = subprocess.run(["dbclient", "-y", "-i", key, "-p", str(server.port), "alice@127.0.0.1", "export"],
                            capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
                            env={**os.environ, "HOME": server.folder})
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
