"""End-to-end: one store at one moment gives one answer, whichever output is asked: the dashboard
on a terminal, the report it prints without one, and `hetao report` in every format."""

import csv
import io
import json
import re
import subprocess

from ptyharness import KEYS, Session, binary_path
from storecli import hetao


def environment(store, tmp_path):
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HETAO_STORE": store, "LANG": "C.UTF-8", "TZ": "UTC"}


def csv_tables(text):
    """The CSV report's tables by title: each a list of rows keyed by column."""
    tables = {}
    for block in text.strip("\n").split("\n\n"):
        rows = list(csv.DictReader(io.StringIO(block)))
        if rows:
            tables.setdefault(rows[0]["table"], []).extend(rows)
    return tables


def test_every_output_of_one_store_gives_the_same_figures(store, tmp_path):
    hetao(store, "record", "progress", "B1-A", "54", "--source", "site report 48")
    hetao(store, "record", "spend", "batch-1-construction", "--committed", "16.95bn", "--spent", "12.9bn",
          "--source", "monthly return")
    hetao(store, "record", "progress", "B1-C", "33", "--source", "site report 12")
    env = environment(store, tmp_path)

    def run(*args):
        result = subprocess.run([binary_path(), *args], capture_output=True, text=True, env=env, timeout=120,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 0, result.stderr
        return result.stdout

    text, markdown = run("report"), run("report", "--format", "markdown")
    report = json.loads(run("report", "--format", "json"))
    tables = csv_tables(run("report", "--format", "csv"))
    piped = run()  # the dashboard, with no terminal: the text report

    # The report printed without a terminal is `hetao report`, byte for byte (changes included).
    assert piped == text

    # As of: the newest figure among those shown, named; the same everywhere.
    as_of = report["as_of"]
    assert as_of == report["day"] and isinstance(report["as_of_record"], int)
    header = re.match(r".* \(data as of (\d{4}-\d\d-\d\d): (.+)\)\n", text)
    assert header and header.group(1) == as_of and header.group(2).endswith(f"record #{report['as_of_record']}")
    assert f"Data as of {as_of}: " in markdown
    at_a_glance = {row["measure"]: row["value"] for row in tables["Hetao Hong Kong Park at a glance"]}
    assert at_a_glance["Data as of"] == as_of

    # Earned value of Batch 1: the same day, SPI and CPI.
    evm = next(row for row in report["evm"] if row["id"] == "batch-1-construction")
    spi, cpi = f"{evm['spi']:.2f}", f"{evm['cpi']:.2f}"
    csv_evm = next(row for row in tables["Earned value"] if row["id"] == "batch-1-construction")
    assert (f"{float(csv_evm['spi']):.2f}", f"{float(csv_evm['cpi']):.2f}") == (spi, cpi)
    assert int(csv_evm["pv_hkd"]) == evm["pv_hkd"]
    earned = text.split("\nEARNED VALUE\n")[1].split("\nCHANGES\n")[0]
    assert "PV on" in earned and report["day"] in earned  # the header may wrap in its column
    # SPI and CPI read under their own headers (right-aligned: a value ends where its title does).
    lines = earned.splitlines()
    header = next(i for i, line in enumerate(lines) if re.search(r"\bSPI\b", line) and re.search(r"\bCPI\b", line))
    row = next(line for line in lines[header + 2:] if line.strip().startswith("batch-1-construction"))

    def under(title):
        end = re.search(rf"\b{title}\b", lines[header]).end()
        return row[:end].split()[-1]

    assert (under("SPI"), under("CPI")) == (f"{spi}*", f"{cpi}*"), earned

    # Buildings: progress and slip.
    buildings = {b["id"]: b for b in report["buildings"]}
    assert buildings["B1-A"]["percent_complete"]["value"] == 54 and buildings["B8"]["slip_days"] == 244
    csv_buildings = {row["label"]: row for row in tables["Buildings"]}
    assert csv_buildings["Site A"]["percent_complete"] == "54" and csv_buildings["8"]["slip_days"] == "244"
    # Behind plan: Site A is on its dates and well behind its plan, alike in every output.
    behind = buildings["B1-A"]["behind_plan_points"]
    assert behind > 25 and buildings["B1-A"]["slip_days"] == 0 and "behind_plan_points" not in buildings["B8"]
    assert float(csv_buildings["Site A"]["behind_plan_points"]) == behind
    assert next(r for r in report["schedule"] if r["id"] == "B1-A")["behind_plan_points"] == behind

    # What changed: the same figures and records in each.
    assert len(report["changes"]) == 3
    changed = sorted(r["record"] for c in report["changes"] for r in c["records"])
    assert len(changed) == 3
    net = next(title for title in tables if title.startswith("What changed from"))
    assert sorted(row["subject"] for row in tables[net]) == sorted(c["subject"] for c in report["changes"])
    assert sorted(int(row["record"]) for row in tables["The records behind the changes"]) == changed
    listed = re.findall(r"^ +(\d+)  (?:B1-A|B1-C|batch-1-construction) ", text.split("\nCHANGES\n")[1], re.M)
    assert sorted(map(int, listed)) == changed

    # The dashboard on a terminal: the same as-of, progress, SPI and CPI, and the same day for PV.
    s = Session(width=120, height=40, env=env)
    try:
        s.wait_for(f"as of {as_of}")
        s.send("3")
        s.wait_for("Site A")
        site_a = next(line for line in s.text().splitlines() if "Site A" in line)
        assert " 54%" in site_a and f"+{round(behind)} pts" in site_a, site_a
        s.send("4e")  # every branch open: Batch 1 construction is the third row
        s.wait_for("Batch 1 construction")
        s.send(KEYS["down"] + KEYS["down"] + KEYS["enter"])
        s.wait_for(f"Earned value on {report['day']}")
        s.wait_for("CPI cost index")
        screen = s.text()
        assert re.search(rf"SPI schedule index +{re.escape(spi)}\*", screen), screen
        assert re.search(rf"CPI cost index +{re.escape(cpi)}\*", screen), screen
        assert f"PV planned value         HK${evm['pv_hkd'] / 1e6:,.0f} million*" in screen
    finally:
        s.close()


def test_three_values_and_a_correction_in_a_week_are_one_net_line(store, tmp_path):
    env = environment(store, tmp_path)
    # A first visit: from now on, what is recorded is new to this user.
    first = Session(width=120, height=40, env=env)
    try:
        first.wait_for("as of")
        first.send("q")
        assert first.wait_exit() == 0
    finally:
        first.close()
    for percent in ("91", "92"):
        hetao(store, "record", "progress", "B1-A", percent, "--source", f"site report {percent}")
    wrong = hetao(store, "record", "progress", "B1-A", "95", "--source", "site report 95").stdout
    record_id = wrong.split("#")[1].split(":")[0]
    hetao(store, "record", "progress", "B1-A", "94", "--supersedes", record_id, "--source", "site report 95, corrected")
    report = subprocess.run([binary_path(), "report", "--section", "changes", "--format", "csv"], capture_output=True,
                            text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    tables = csv_tables(report.stdout)
    net = next(rows for title, rows in tables.items() if title.startswith("What changed from"))
    # From the dataset's 90% (known when the week began) to 94%: one line, four records, one corrected.
    assert [(r["subject"], r["kind"], r["from"], r["to"], r["records"]) for r in net] == [("B1-A", "progress", "90%", "94%", "4")]
    behind = {r["record"]: r["correction"] for r in tables["The records behind the changes"]}
    assert behind[record_id] == f"(superseded by #{int(record_id) + 1})"
    s = Session(width=120, height=40, env=env)
    try:
        s.wait_for("as of")
        s.send("c")
        s.wait_for("Batch 1 site A · Progress: 90% → 94% (4 records, 1 corrected)")
        s.send(KEYS["enter"])
        s.wait_for("Building Site A")
        s.send("G")  # its history, at the foot of the detail
        s.wait_for("site report 95, corrected")
    finally:
        s.close()
