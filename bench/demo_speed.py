"""How long `uniondesk demo --scale district` takes on a fresh SQLite file (target: under 90 s).

    uv run python bench/demo_speed.py

Baseline in the same run: inserting the same number of bare worker-sized rows with sqlite3
alone, so the ratio shows what the ORM, validation and tree building cost on top.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 90.0


def run(args: list[str], env: dict[str, str]) -> str:
    return subprocess.run(  # noqa: S603 - our own console script
        [sys.executable, "-m", "uniondesk.cli", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def baseline(rows: int, path: Path) -> float:
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE w (id INTEGER PRIMARY KEY, name TEXT, id_number TEXT UNIQUE, employer INTEGER, mobile TEXT, status TEXT)")
    db.executemany(
        "INSERT INTO w (name, id_number, employer, mobile, status) VALUES (?, ?, ?, ?, ?)",
        ((f"职工{i}", f"{330102199001010000 + i}", i % 2000, "13800000000", "在职") for i in range(rows)),
    )
    db.commit()
    db.close()
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3", "UNIONDESK_VAR": tmp}
        run(["migrate", "--verbosity", "0"], env)
        started = time.perf_counter()
        out = run(["demo", "--scale", "district", "--seed", "1"], env)
        elapsed = time.perf_counter() - started
        workers = int(next(line for line in out.splitlines() if "职工" in line).split("：")[1].replace(",", ""))
        base = baseline(workers, Path(tmp) / "baseline.sqlite3")
    print(f"demo --scale district: {elapsed:.1f} s for {workers:,} workers (target < {TARGET_S:.0f} s: {elapsed / TARGET_S:.2f} of it)")
    print(f"bare sqlite3 insert of {workers:,} rows: {base:.2f} s; demo / bare = {elapsed / base:.1f}×")


if __name__ == "__main__":
    main()
