"""The `hetao` command line against a given store, as the end-to-end tests run it, and
synthetic programmes and stores at scale (also for the benchmarks)."""

import datetime
import os
import sqlite3
import subprocess

from ptyharness import binary_path


def hetao(store, *args, env=None, check=True):
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": os.path.dirname(store), "HETAO_STORE": store}
    environment.update(env or {})
    result = subprocess.run([binary_path(), *args], capture_output=True, text=True, env=environment, timeout=120,
                            stdin=subprocess.DEVNULL)
    if check and result.returncode != 0:
        raise AssertionError(f"hetao {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def count(store, sql="SELECT COUNT(*) FROM record"):
    with sqlite3.connect(store) as db:
        return db.execute(sql).fetchone()[0]


def synthetic_dataset(path, buildings, planned=False):
    """The bundled dataset's structure with `buildings` generated buildings in 100 batches;
    `planned`, each with a baseline start as well, so that groups have a plan and an S-curve."""
    lines = ["title: Synthetic programme", "as_of: 2026-11-20",
             "parks:", "  - {id: hetao, name: Hetao, name_zh: 河套, location: north, role: research, source: s}",
             "phases:",
             "  - {id: p1, name: Phase 1 (west), order: 1, summary: first, source: s}",
             "  - {id: p2, name: Phase 2 (east), order: 2, summary: second, source: s}",
             "batches:"]
    for b in range(100):
        lines.append(f"  - {{id: b{b}, phase: p{1 + b // 50}, name: Batch {b}, delivery: generated, source: s}}")
    lines.append("buildings:")
    for i in range(buildings):
        lines.append(f"  - {{id: G{i}, label: \"{i}\", batch: b{i % 100}, name_en: Generated building {i}, "
                     f"name_zh: 生成{i}, use: mixed, floor_area: {1000 + i % 500}, percent_complete: {i % 100}, "
                     + ("start: {baseline: 2024-11-01}, " if planned else "")
                     + f"completion: {{baseline: 2027-06-30, forecast: 2027-{1 + i % 12:02d}-15}}, source: s}}")
    lines += ["sources:", "  - {id: s, title: Synthetic, publisher: benchmark, confidence: illustrative}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def fill_store(path, buildings, per_building, staggered=True):
    """Adds `per_building` progress records to every building, through the store's own schema.

    Each building reports weekly, recorded on its as-of day. Staggered, a seventh of the
    buildings report on each day of the week (about 1,430 a day at 10,000 buildings); otherwise
    every building reports on the same day, so each recording day touches every building: the
    worst case for a time-travel step."""
    first = datetime.date(2024, 12, 2)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        # Records made in the past: only a restore writes such stamps, so the history is written
        # with the store's stamping rule set aside, and the rule put back as it was.
        stamping = db.execute("SELECT sql FROM sqlite_master WHERE name = 'record_is_stamped_by_the_store'").fetchone()[0]
        db.execute("DROP TRIGGER record_is_stamped_by_the_store")

        def day(k, i):
            return (first + datetime.timedelta(days=7 * k + (i % 7 if staggered else 0))).isoformat()
        rows = ((f"G{i}", day(k, i), f"{day(k, i)}T12:00:00.000Z", float(k % 101))
                for k in range(per_building) for i in range(buildings))
        db.executemany("INSERT INTO record (kind, subject, as_of, recorded_at, recorded_by, source, percent) "
                       "VALUES ('progress', ?, ?, ?, 'bench', 'bench', ?)", rows)
        db.execute("DELETE FROM latest")
        db.execute("INSERT INTO latest (kind, subject, event, record_id, as_of) SELECT kind, subject, event, id, as_of FROM "
                   "(SELECT *, ROW_NUMBER() OVER (PARTITION BY kind, subject, event ORDER BY as_of DESC, id DESC) AS n "
                   "FROM record) WHERE n = 1")
        db.execute(stamping)
