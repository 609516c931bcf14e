"""End-to-end: the Debian package, installed (`dpkg -i`) by .ci/run, read by the real peers:
lintian, man, bash, zsh and fish, systemd-analyze, and the OpenSSH client against the service's
settings. Runs when HETAO_DEB names the package and it is installed."""

import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from ptyharness import Session
from test_serve import keygen, write_users

DEB = os.environ.get("HETAO_DEB")
pytestmark = pytest.mark.skipif(
    not DEB or subprocess.run(["dpkg", "-s", "hetao"], capture_output=True).returncode != 0,
    reason="needs HETAO_DEB, the package, installed with dpkg -i (.ci/run does both)")

UNIT = "/lib/systemd/system/hetao-serve.service"


def run(*command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)


def test_lintian_finds_no_error_and_no_warning():
    result = run("lintian", "--fail-on", "error,warning", DEB)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^[EW]: ", result.stdout, re.M), result.stdout


def test_the_package_holds_both_programs_stripped_their_documents_and_declares_what_they_link():
    listing = run("dpkg-deb", "-c", DEB).stdout
    for path in ["./usr/bin/hetao", "./usr/bin/hetao-serve", "./usr/share/man/man1/hetao.1.gz",
                 "./usr/share/man/man1/hetao-serve.1.gz", "./usr/share/bash-completion/completions/hetao",
                 "./usr/share/zsh/vendor-completions/_hetao", "./usr/share/fish/vendor_completions.d/hetao.fish",
                 "./lib/systemd/system/hetao-serve.service", "./usr/share/doc/hetao/copyright",
                 "./usr/share/doc/hetao/changelog.gz", "./etc/hetao/config.yaml", "./etc/hetao/users.yaml"]:
        assert re.search(rf" {re.escape(path)}$", listing, re.M), f"{path} missing:\n{listing}"
    for program in ["/usr/bin/hetao", "/usr/bin/hetao-serve"]:
        sections = run("readelf", "-SW", program).stdout
        assert ".symtab" not in sections and ".debug_info" not in sections
    depends = run("dpkg-deb", "-f", DEB, "Depends").stdout
    needed = run("readelf", "-dW", "/usr/bin/hetao").stdout
    for library, package in [("libncursesw.so.6", "libncursesw6"), ("libtinfo.so.6", "libtinfo6"),
                             ("libsqlite3.so.0", "libsqlite3-0"), ("libc.so.6", "libc6")]:
        assert library in needed and package in depends, depends
    # libpq is opened only for a store on PostgreSQL: recommended, never linked.
    assert "libpq.so" not in needed and "libpq5" in run("dpkg-deb", "-f", DEB, "Recommends").stdout
    # The program every session starts carries none of the SSH server: no NIO, no BoringSSL.
    symbols = run("strings", "-n", "12", "/usr/bin/hetao").stdout
    assert "NIOSSH" not in symbols and "BoringSSL" not in symbols and "CCryptoBoringSSL" not in symbols
    assert run("dpkg-deb", "-I", DEB, "conffiles").stdout.split() == ["/etc/hetao/config.yaml", "/etc/hetao/users.yaml"]


def test_the_installed_command_answers_help_and_prints_the_report(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C"}
    result = run("hetao", "--help", env=env)
    assert result.returncode == 0 and "USAGE: hetao" in result.stdout and "serve" in result.stdout
    result = run("hetao", "report", "--store", str(tmp_path / "status.sqlite"), env=env)
    assert result.returncode == 0, result.stderr
    assert "Hetao Hong Kong Park construction programme" in result.stdout and "BUILDINGS" in result.stdout


def test_the_package_extracted_into_a_folder_runs_from_there(tmp_path):
    root = tmp_path / "root"
    assert run("dpkg-deb", "-x", DEB, str(root)).returncode == 0
    binary = str(root / "usr" / "bin" / "hetao")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    result = run(binary, "--help", env=env)
    assert result.returncode == 0 and "USAGE: hetao" in result.stdout
    result = run(binary, "report", "--section", "phases", "--store", str(tmp_path / "status.sqlite"), env=env)
    assert result.returncode == 0 and "Phase 1 (west)" in result.stdout, result.stderr
    # `hetao users` runs the hetao-serve beside it, not the installed one.
    result = run(binary, "users", "list", "--users", str(tmp_path / "none.yaml"), env=env)
    assert result.returncode == 78 and "none.yaml" in result.stderr, result.stderr
    os.remove(root / "usr" / "bin" / "hetao-serve")
    result = run(binary, "serve", "--users", str(tmp_path / "none.yaml"), env=env)
    assert result.returncode == 69 and str(root / "usr" / "bin" / "hetao-serve") in result.stderr, result.stderr
    page = run("man", "--warnings", "-P", "cat", "-l", str(root / "usr/share/man/man1/hetao.1.gz"),
               env={"PATH": "/usr/bin:/bin", "MANWIDTH": "80"})
    assert page.returncode == 0 and page.stderr == "" and "hetao" in page.stdout


def test_man_finds_hetao_serves_page_too():
    result = run("man", "--warnings", "-P", "cat", "hetao-serve", env={"PATH": "/usr/bin:/bin", "MANWIDTH": "80", "LANG": "C.UTF-8"})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    page = re.sub(r".\x08", "", result.stdout).replace("\u2010", "-")
    assert re.search(r"^ +serve\b", page, re.M) and re.search(r"^ +users\b", page, re.M) and "--max-sessions" in page


def test_man_finds_the_page_and_renders_every_subcommand_without_warnings():
    for command in (["man", "--warnings", "-P", "cat", "hetao"], ["man", "--warnings", "-P", "cat", "-l",
                                                                  "/usr/share/man/man1/hetao.1.gz"]):
        result = run(*command, env={"PATH": "/usr/bin:/bin", "MANWIDTH": "80", "LANG": "C.UTF-8"})
        assert result.returncode == 0 and result.stderr == "", result.stderr
        page = re.sub(r".\x08", "", result.stdout).replace("\u2010", "-")  # groff's hyphen, as typed
        for heading in ["NAME", "SYNOPSIS", "DESCRIPTION"]:
            assert re.search(rf"^{heading}$", page, re.M), page[:500]
        for subcommand in ["dashboard", "report", "brief", "record", "history", "import", "export", "restore", "validate", "serve"]:
            assert re.search(rf"^ +{subcommand}\b", page, re.M), f"{subcommand} missing"
        assert "--as-known-on" in page and "--users" in page
        # The dashboard's keys, written from the one key table.
        for keys in ["q Q Ctrl-C", "? F1", "Esc q", "PgDn Space", ":"]:
            assert keys in page, f"{keys} missing from the keys"


def typed_in(shell, setup, width=100, typed=("hetao rec\t", "pro\t")):
    """What an interactive shell shows after `hetao rec<Tab> pro<Tab>` (or `typed`) is typed."""
    s = Session(binary=shutil.which(shell[0]), args=shell[1:], width=width, height=10,
                env={"PATH": "/usr/bin:/bin", "TERM": "xterm", "PS1": "$ ", "PROMPT": "$ ", "HISTFILE": "/dev/null"})
    try:
        s.settle(quiet=0.5)
        for line in setup:
            s.send(line + "\n")
            s.settle(quiet=0.5)
        for keys in typed:
            s.send(keys)
            s.settle(quiet=0.5)
        return s.text()
    finally:
        s.send("\x03")
        s.close()


def test_bash_completes_subcommands_from_the_installed_script():
    if not os.path.exists("/usr/share/bash-completion/bash_completion"):
        pytest.fail("bash-completion is not installed (.ci/run installs it)")
    screen = typed_in(["bash", "--norc", "--noprofile", "-i"], ["source /usr/share/bash-completion/bash_completion"])
    assert "$ hetao record progress" in screen.splitlines(), screen
    # Buildings complete by the label the screen shows, as one word, and by id.
    screen = typed_in(["bash", "--norc", "--noprofile", "-i"], ["source /usr/share/bash-completion/bash_completion"],
                      typed=("hetao record progress si\t", "b\t"))
    assert "$ hetao record progress site-b" in screen, screen


def test_zsh_completes_subcommands_from_the_installed_function():
    screen = typed_in(["zsh", "-f", "-i"], ["autoload -Uz compinit && compinit -u"])
    assert "$ hetao record progress" in screen.splitlines(), screen


def test_fish_completes_subcommands_from_the_installed_script(tmp_path):
    # A fresh user's fish (no config of its own): it finds the script among the vendor completions.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    words = run("fish", "-c", "complete -C 'hetao rec'", env=env).stdout.split()
    assert "record" in words, words
    words = run("fish", "-c", "complete -C 'hetao record pro'", env=env).stdout.split()
    assert "progress" in words, words


def test_systemd_accepts_the_unit_and_it_is_sandboxed():
    result = run("systemd-analyze", "verify", UNIT)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    with open(UNIT) as f:
        unit = f.read()
    for setting in ["DynamicUser=yes", "StateDirectory=hetao", "ConfigurationDirectory=hetao", "LogsDirectory=hetao",
                    "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service",
                    "ExecReload=/bin/kill -HUP $MAINPID"]:
        assert re.search(rf"^{re.escape(setting)}$", unit, re.M), setting


def test_the_service_as_its_unit_runs_it_serves_over_ssh_and_reloads_its_users_on_sighup(tmp_path):
    """The unit's ExecStart and Environment, the installed /etc/hetao settings, as an unprivileged
    user with the folders systemd makes for it; the users file gains a key; `systemctl reload`
    is SIGHUP."""
    with open(UNIT) as f:
        unit = f.read()
    command = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1).split()
    environment = dict(pair.split("=", 1) for pair in re.search(r"^Environment=(.*)$", unit, re.M).group(1).split())
    users = "/etc/hetao/users.yaml"
    with open(users) as f:
        shipped = f.read()
    made = [d for d in ("/var/lib/hetao", "/var/log/hetao") if not os.path.exists(d)]
    for folder in made:
        os.makedirs(folder)
        shutil.chown(folder, "nobody", "nogroup")
    alice, alice_pub = keygen(str(tmp_path), "alice")
    bob, bob_pub = keygen(str(tmp_path), "bob")
    os.chmod(tmp_path, 0o755)
    server = None
    try:
        write_users(users, [("alice", "viewer", alice_pub)])
        server = subprocess.Popen(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command],
                                  env={"PATH": "/usr/bin:/bin", **environment}, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        banner = server.stdout.readline()
        assert "listening on 127.0.0.1:2222" in banner, banner + server.stderr.read()

        def ssh(key, *args):
            return run("ssh", "-p", "2222", "-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                       "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "127.0.0.1", *args,
                       stdin=subprocess.DEVNULL)

        result = ssh(alice, "report", "--section", "phases", "--format", "csv")
        assert result.returncode == 0 and "Phase 1" in result.stdout, result.stderr
        assert ssh(bob, "report").returncode == 255
        write_users(users, [("alice", "viewer", alice_pub), ("bob", "recorder", bob_pub)])
        server.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while ssh(bob, "report", "--section", "phases").returncode != 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ssh(bob, "record", "progress", "B1-A", "64", "--source", "'site walk'").returncode == 0
        assert os.path.exists("/var/lib/hetao/status.sqlite") and os.path.exists("/var/lib/hetao/ssh_host_ed25519_key")
        with open("/var/log/hetao/audit.log") as f:
            assert "bob" in f.read()
    finally:
        if server and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        with open(users, "w") as f:
            f.write(shipped)
        for folder in made:
            shutil.rmtree(folder)
