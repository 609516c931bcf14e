"""The `hetao` command line against a given store, as the end-to-end tests run it."""

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
