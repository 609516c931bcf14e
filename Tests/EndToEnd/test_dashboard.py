"""End-to-end: the real binary in a pseudo-terminal, checked by what the screen shows."""

import os
import re
import signal
import subprocess

from ptyharness import KEYS, binary_path

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def browse(s):
    """Visits every pane, filters, sorts, opens a detail and goes back, resizes and quits."""
    s.wait_for("1 Overview")
    s.wait_for("3 complete, 5 under construction")
    mark = "┃" if s.utf8 else "|"  # either side of the focused pane's title
    for key, title, content in [("2", "Phases", "Timeline"), ("3", "Buildings", "Progress"), ("4", "Budget", "Allocation"),
                                ("5", "Institutions", "Institution"), ("1", "Overview", "Headline money")]:
        s.send(key)
        s.wait_for(f"{mark} {key} {title} {mark}")
        s.wait_for(content)
    s.send("3")
    s.send("/wet")
    s.wait_for("4 of 8, filter")
    s.send(KEYS["enter"])
    s.send("s")
    s.wait_for("Sort by")
    s.send(KEYS["down"] + KEYS["enter"])
    s.wait_for("Building")
    s.send(KEYS["esc"])
    s.wait_for("all 8")
    s.send(KEYS["down"] + KEYS["enter"])
    s.wait_for("Milestones")
    s.wait_for("Sources")
    s.send(KEYS["esc"])
    s.wait_for("all 8")
    s.send("4e")
    s.wait_for("Batch 1 construction")
    s.send("?")
    s.wait_for("Help: keys")
    s.send(KEYS["esc"])
    s.resize(80, 24)
    s.wait_for("[4 Budget]")
    s.send("q")
    assert s.wait_exit() == 0


def test_browse_every_pane_and_quit_restores_the_terminal(session_factory):
    s = session_factory(width=120, height=40)
    browse(s)
    tail = bytes(s.output[-200:])
    assert b"\x1b[?1049l" in tail or b"\x1b[?1049l" in bytes(s.output)  # alternate screen left
    assert b"\x1b[?25h" in bytes(s.output)  # cursor shown again


def test_the_same_under_lang_c_writes_only_ascii(session_factory):
    s = session_factory(width=120, height=40, env={"LANG": "C", "LC_ALL": "C"})
    browse(s)
    assert all(byte < 0x80 for byte in s.output), "non-ASCII bytes written in the C locale"


def test_ascii_flag_and_no_color(session_factory):
    s = session_factory(args=["--ascii", "--no-color"], width=80, height=24)
    s.wait_for("[1 Overview]")
    s.send("3")
    s.wait_for("#####")
    colours = [p for sgr in re.findall(rb"\x1b\[([0-9;]*)m", bytes(s.output)) for p in sgr.split(b";")
               if p and (30 <= int(p) <= 38 or 90 <= int(p) <= 97)]
    assert colours == [], "a colour was set"
    s.send("q")
    assert s.wait_exit() == 0


def test_closing_the_terminal_ends_the_process(session_factory):
    """How fast (target within a second) is measured by Benchmarks/dashboard_bench.py."""
    s = session_factory(width=80, height=24)
    s.wait_for("[1 Overview]")
    assert s.hang_up() is not None, "still running after the terminal closed"


def test_sigterm_and_sighup_restore_and_exit(session_factory):
    for sig, status in [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]:
        s = session_factory(width=80, height=24)
        s.wait_for("[1 Overview]")
        os.kill(s.pid, sig)
        assert s.wait_exit(10.0) == status
        assert b"\x1b[?1049l" in bytes(s.output)


def test_tiny_terminals_and_a_burst_of_resizes(session_factory):
    s = session_factory(width=30, height=8)
    s.wait_for("needs 40x12")
    for width, height in [(1, 1), (2, 1), (200, 60), (40, 12), (5, 50), (119, 39), (120, 40), (80, 24)] * 5:
        s.resize(width, height)
        s.read(0.005)
    s.settle()
    s.wait_for("[1 Overview]")
    s.send("q")
    assert s.wait_exit() == 0


def run(*args, env=None, stdin=subprocess.DEVNULL):
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"),
                   "HETAO_STORE": os.path.join(os.environ.get("TMPDIR", "/tmp"), f"hetao-e2e-{os.getpid()}.sqlite")}
    environment.update(env or {})
    return subprocess.run([binary_path(), *args], capture_output=True, text=True, env=environment, stdin=stdin,
                          timeout=30)


def test_without_a_terminal_it_prints_the_text_report():
    result = run()
    assert result.returncode == 0
    assert "BUILDINGS" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_terminal_that_cannot_address_the_cursor_gets_a_message_and_the_report(session_factory):
    s = session_factory(width=80, height=24, env={"TERM": "dumb"})
    assert s.wait_exit() == 0
    text = bytes(s.output).decode()
    assert "cannot move the cursor" in text
    assert "BUILDINGS" in text
    assert "\x1b[" not in text


def test_bad_data_and_wrong_flags_exit_with_a_message_not_a_trace(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nas_of: 2026-13-01\n")
    result = run("report", "--dataset", str(bad))
    assert result.returncode == 65
    assert f"{bad}:2:8: 'as_of' in the dataset is '2026-13-01', not a date" in result.stderr
    assert "Fatal error" not in result.stderr and "Stack" not in result.stderr
    result = run("--no-such-flag")
    assert result.returncode == 64
    assert "Unknown option '--no-such-flag'" in result.stderr
    result = run("validate")
    assert result.returncode == 64
    assert "Missing expected argument" in result.stderr
    result = run("validate", os.path.join(ROOT, "Tests/HetaoDataTests/Fixtures/minimal.yaml"))
    assert result.returncode == 0 and "OK" in result.stdout
    result = run("report", "--dataset", "/nonexistent.yaml")
    assert result.returncode == 66
    assert "/nonexistent.yaml: cannot read the dataset: no such file" in result.stderr


def test_a_release_style_copy_elsewhere_still_has_its_dataset(tmp_path):
    copy = tmp_path / "hetao"
    copy.write_bytes(open(binary_path(), "rb").read())
    copy.chmod(0o755)
    result = subprocess.run([str(copy), "report", "--section", "budget", "--format", "json"], capture_output=True,
                            text=True, cwd=tmp_path, timeout=30, env={"HETAO_STORE": str(tmp_path / "s.sqlite")})
    assert result.returncode == 0
    assert '"amount_hkd" : 10000000000' in result.stdout


def test_ctrl_s_does_not_freeze_the_dashboard_and_ctrl_backslash_restores_the_terminal(session_factory):
    s = session_factory(width=80, height=24)
    s.wait_for("[1 Overview]")
    s.send("\x13")  # Ctrl-S: with flow control on, the terminal would stop all output here
    s.send("3")
    s.wait_for("[3 Buildings]")
    s.send("\x1c")  # Ctrl-\: SIGQUIT from the terminal
    assert s.wait_exit(10.0) == 131
    output = bytes(s.output)
    assert b"\x1b[?1049l" in output  # alternate screen left
    assert output.rfind(b"\x1b[?25h") > output.rfind(b"\x1b[?25l")  # cursor shown again, last


def test_escape_sequences_in_a_message_are_shown_not_obeyed(session_factory, tmp_path):
    hostile = "B1\x1b]0;pwned\x07\x1b[2J\x1b[31mRED"
    store = str(tmp_path / "s.sqlite")
    s = session_factory(args=["record", "progress", hostile, "50", "--source", "x"], env={"HETAO_STORE": store})
    assert s.wait_exit(10.0) == 65
    s.settle()
    assert s.screen.title == ""
    assert "\\e]0;pwned\\u{7}\\e[2J\\e[31mRED" in s.text()
    assert all(char.fg == "default" for line in s.screen.buffer.values() for char in line.values())
    history = session_factory(args=["history", hostile], env={"HETAO_STORE": store})
    assert history.wait_exit(10.0) == 65
    history.settle()
    assert history.screen.title == "" and "\\e]0;pwned" in history.text()


def test_a_hong_kong_locale_reads_chinese_and_l_switches_to_english(session_factory, tmp_path):
    s = session_factory(width=80, height=24, env={"LANG": "zh_HK.UTF-8", "HETAO_STORE": str(tmp_path / "s.sqlite")})
    s.wait_for("[1 概覽]")
    s.wait_for("3 座已落成，5 座興建中")
    s.send("3")
    s.wait_for("2025年9月")
    assert "+244 日" in s.text() and "已落成" in s.text()
    s.send("L")
    s.wait_for("[3 Buildings]")
    s.wait_for("+244 d")
    s.send("L")
    s.wait_for("[3 大樓]")
    s.send("q")
    assert s.wait_exit() == 0


def test_chinese_on_a_terminal_that_cannot_show_it_falls_back_to_english_in_ascii(session_factory, tmp_path):
    s = session_factory(width=80, height=24, args=["--lang", "zh-Hant"],
                        env={"LANG": "C", "HETAO_STORE": str(tmp_path / "s.sqlite")})
    s.wait_for("Chinese needs a UTF-8 terminal")
    s.send("3")
    s.wait_for("[3 Buildings]")
    s.send("L")
    s.wait_for("Chinese needs a UTF-8 terminal")
    s.send("q")
    assert s.wait_exit() == 0
    assert all(byte < 0x80 for byte in bytes(s.output))


def test_q_closes_help_and_details_and_quits_only_from_the_panes(session_factory, tmp_path):
    s = session_factory(width=80, height=24, env={"HETAO_STORE": str(tmp_path / "s.sqlite")})
    s.wait_for("[1 Overview]")
    s.send("?")
    s.wait_for("Help: keys")
    s.send("q")
    s.wait_for("Headline money")
    s.send("3" + KEYS["enter"])
    s.wait_for("Topping-out")
    s.send("q")
    s.wait_for("[3 Buildings]")
    s.wait_for("q quit")
    # Still running after both; a key that does nothing says so.
    s.send("x")
    s.wait_for("x: no action here; ? for keys")
    s.send("q")
    assert s.wait_exit() == 0


def test_the_dashboard_opens_on_a_past_day_or_on_the_changes_since_a_day(session_factory, tmp_path):
    store = str(tmp_path / "s.sqlite")
    s = session_factory(["dashboard", "--as-known-on", "2025-06-30", "--pane", "buildings"], width=120, height=40,
                        env={"HETAO_STORE": store})
    s.wait_for("as known on 2025-06-30")
    # As the sources had it then: Building 8 topped out, not yet complete.
    row = next(line for line in s.text().splitlines() if "Building 8" in line)
    assert "topped out" in row and "completed" not in row, row
    s.send("0")
    s.wait_for("as of 2026-11-20")
    s.send("Q")
    assert s.wait_exit() == 0
    s = session_factory(["dashboard", "--since", "2026-01-01"], width=120, height=40, env={"HETAO_STORE": store})
    s.wait_for("Changed since 2026-01-01")
    s.send("Q")
    assert s.wait_exit() == 0


def test_y_puts_the_selected_id_on_the_clipboard_with_osc_52(session_factory, tmp_path):
    s = session_factory(width=120, height=40, env={"HETAO_STORE": str(tmp_path / "s.sqlite")})
    s.wait_for("1 Overview")
    s.send("3" + KEYS["down"] + "y")
    s.wait_for("Copied B9 to the clipboard")
    # ESC ] 52 ; c ; base64("B9") BEL, as terminals and tmux read it.
    assert b"\x1b]52;c;Qjk=\x07" in bytes(s.output)
    s.send("q")
    assert s.wait_exit() == 0


def cell_of(s, text):
    """The 1-based column and row where `text` starts on the screen, as a mouse report gives them."""
    for y, line in enumerate(s.text().splitlines()):
        if text in line:
            return line.index(text) + 1, y + 1
    raise AssertionError(f"{text!r} is not on the screen:\n{s.text()}")


def sgr(button, column, row, press=True):
    return f"\x1b[<{button};{column};{row}{'M' if press else 'm'}"


def test_clicks_and_the_wheel_as_a_terminal_sends_them(session_factory, tmp_path):
    s = session_factory(width=120, height=40, env={"HETAO_STORE": str(tmp_path / "s.sqlite"), "TERM": "xterm-256color"})
    s.wait_for("1 Overview")
    # The dashboard asked for mouse reports in the SGR form.
    assert b"\x1b[?1006;1000h" in bytes(s.output)
    column, row = cell_of(s, "4 Budget")
    s.send(sgr(0, column, row) + sgr(0, column, row, press=False))
    s.wait_for("┃ 4 Budget ┃")
    # A click on a Buildings header sorts by that column.
    column, row = cell_of(s, "Slip")
    s.send(sgr(0, column, row) + sgr(0, column, row, press=False))
    s.wait_for("Slip▲")
    # The wheel over the Budget list moves its selection three rows down.
    column, row = cell_of(s, "Phase 1 infrastructure")
    s.send(sgr(65, column, row))
    s.wait_for("┃ 4 Budget ┃")
    selected = [line for line in s.text().splitlines() if "›" in line and "HK$" in line]
    assert selected and "Life and health technology" in selected[0], s.text()
    s.send("q")
    assert s.wait_exit() == 0
    # Mouse reports are turned off again, so the shell gets its mouse back.
    assert b"\x1b[?1006;1000l" in bytes(s.output)[-300:]


def test_no_mouse_leaves_the_mouse_to_the_terminal(session_factory, tmp_path):
    s = session_factory(["dashboard", "--no-mouse"], width=80, height=24,
                        env={"HETAO_STORE": str(tmp_path / "s.sqlite"), "TERM": "xterm-256color"})
    s.wait_for("1 Overview")
    s.send("q")
    assert s.wait_exit() == 0
    assert b"1000h" not in bytes(s.output)


def test_the_command_line_jumps_to_a_day_and_back(session_factory, tmp_path):
    s = session_factory(width=120, height=40, env={"HETAO_STORE": str(tmp_path / "s.sqlite")})
    s.wait_for("1 Overview")
    s.send(":kno" + KEYS["tab"])
    s.wait_for(":known ")
    s.send("2025-10-31" + KEYS["enter"])
    s.wait_for("as known on 2025-10-31")
    s.send(":building \"Site A\"" + KEYS["enter"])
    s.wait_for("Building Site A")
    s.send(KEYS["esc"] + ":now" + KEYS["enter"])
    s.wait_for("as of 2026-11-20")
    s.send(":teleport" + KEYS["enter"])
    s.wait_for("no command teleport")
    s.send(KEYS["esc"] + ":q" + KEYS["enter"])
    assert s.wait_exit() == 0
