"""End-to-end: progress on long work. An import, an export and the seeding of a new store show
a bar on a terminal's standard error (never on a pipe, never with --quiet), and Ctrl-C stops
them with nothing written."""

import datetime
import os
import signal
import subprocess

from ptyharness import Session, binary_path
from storecli import count, fill_store, hetao, synthetic_dataset


def rows_csv(path, rows):
    """Progress rows for the eight buildings, a day apart going back from 2026-11-19; the three
    completed by 1 Sep 2025 at 100%, so that no row is below what their sources reported."""
    buildings = ["B8", "B9", "B11", "B1-A", "B1-B", "B1-C", "B1-D", "B1-E"]
    start = datetime.date(2026, 11, 19)
    with open(path, "w") as f:
        f.write("kind,subject,as_of,percent,source\n")
        for i in range(rows):
            day = start - datetime.timedelta(days=i // len(buildings))
            building = buildings[i % len(buildings)]
            percent = 100 if building in ("B8", "B9", "B11") else i % 100
            f.write(f"progress,{building},{day.isoformat()},{percent},bulk\n")
    return path


def on_a_terminal(store, *args):
    return Session(binary=binary_path(), args=list(args), width=100, height=10,
                   env={"HETAO_STORE": store, "LANG": "C.UTF-8", "HOME": os.path.dirname(store)})


def test_an_import_shows_its_stages_on_a_terminal_and_ends_with_the_summary(tmp_path, store):
    csv = rows_csv(str(tmp_path / "rows.csv"), 100_000)
    before = count(store)
    s = on_a_terminal(store, "import", csv)
    try:
        assert s.wait_exit(limit=120) == 0
        output = s.output.decode()
    finally:
        s.close()
    for stage in ("importing: reading", "importing: checking", "importing: writing"):
        assert stage in output, output[-500:]
    assert "rows/s" in output and "100,000/100,000 records" in output
    assert output.rstrip().endswith(f"imported 100000 records (#{before + 1}-#{before + 100_000})"), output[-300:]
    assert count(store) == before + 100_000


def test_quiet_or_a_pipe_shows_no_bar(tmp_path, store):
    csv = rows_csv(str(tmp_path / "rows.csv"), 50_000)
    s = on_a_terminal(store, "import", "--quiet", csv)
    try:
        assert s.wait_exit(limit=120) == 0
        assert "importing:" not in s.output.decode() and "imported 50000 records" in s.output.decode()
    finally:
        s.close()
    piped = hetao(store, "export", "--format", "csv")
    assert piped.stderr == "" and piped.stdout.startswith("id,kind,subject")


def test_ctrl_c_stops_an_import_and_nothing_is_imported(tmp_path, store):
    csv = rows_csv(str(tmp_path / "rows.csv"), 300_000)
    before = count(store)
    s = on_a_terminal(store, "import", csv)
    try:
        s.wait_for("importing: checking", limit=60)
        s.send("\x03")
        assert s.wait_exit(limit=30) == 130
        assert "import cancelled; nothing imported" in s.output.decode()
    finally:
        s.close()
    assert count(store) == before


def test_ctrl_c_stops_an_export_and_the_file_it_was_to_replace_is_untouched(tmp_path, store):
    fill_store(store, 10_000, 40)
    output = tmp_path / "export.csv"
    output.write_text("the last export\n")
    s = on_a_terminal(store, "export", "--output", str(output))
    try:
        s.wait_for("exporting: reading", limit=60)
        os.kill(s.pid, signal.SIGINT)
        assert s.wait_exit(limit=30) == 130
        assert "export cancelled; nothing written" in s.output.decode()
    finally:
        s.close()
    assert output.read_text() == "the last export\n"
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".export.csv")], os.listdir(tmp_path)
    # Uninterrupted, the file is the whole export, as standard output has it.
    finished = hetao(store, "export", "--output", str(output))
    assert finished.stdout == "" and output.read_text() == hetao(store, "export").stdout


def test_seeding_a_new_store_from_a_large_programme_shows_a_bar(tmp_path):
    dataset = str(tmp_path / "synthetic.yaml")
    synthetic_dataset(dataset, 20_000)
    store = str(tmp_path / "new.sqlite")
    s = on_a_terminal(store, "history", "G1", "--dataset", dataset)
    try:
        assert s.wait_exit(limit=60) == 0
        assert "new store: seeding" in s.output.decode() and "20,000/20,000 records" in s.output.decode()
        assert "History of G1" in s.text()
    finally:
        s.close()
    assert count(store) == 20_000


def test_an_import_stopped_by_sigterm_also_writes_nothing(tmp_path, store):
    csv = rows_csv(str(tmp_path / "rows.csv"), 300_000)
    before = count(store)
    process = subprocess.Popen([binary_path(), "import", csv], env={"HETAO_STORE": store, "HOME": str(tmp_path),
                                                                    "PATH": os.environ.get("PATH", "")},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "import cancelled; nothing imported" in err, err
    assert "\r" not in err  # no bar on a pipe
    assert count(store) == before
