"""How long `uniondesk demo --scale district --seed 1` takes on a fresh SQLite file (target: well
under 90 s; aim ≤ 40 s).

    uv run python bench/demo_speed.py [--scale district|city] [--seed 1]

Runs the console script as a user would (`migrate` first, not timed) with DATABASE_URL pointing at
a temporary file. Baseline in the same run: sqlite3 alone inserting as many bare rows as the demo
wrote into orgs, employers and workers, into a copy of the same freshly migrated database (same
tables, indexes, PRAGMAs), in one transaction. demo / bare is then what planning the district,
generating names and codes, the ORM, hashing seven passwords and starting Django cost on top of
writing the rows.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 90.0
PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000;"


def uniondesk(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [sys.executable, "-m", "uniondesk.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if done.returncode:
        raise SystemExit(f"uniondesk {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
                for table in ("orgs_org", "orgs_employer", "workers_worker")}
    finally:
        db.close()


def bare_insert(path: Path, n: dict[str, int]) -> float:
    """Insert n bare rows per table with sqlite3 executemany; seconds taken."""
    started = time.perf_counter()
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(PRAGMAS)
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO orgs_org (path, depth, numchild, name, org_type, founded_on, chairman, phone)"
        " VALUES (?, 1, 0, ?, '基层工会', '2000-01-01', '张三', '0571-80000000')",
        ((f"{i:08d}", f"组织{i}") for i in range(n["orgs_org"])),
    )
    db.executemany(
        "INSERT INTO orgs_employer (credit_code, name, employer_type, street_id, union_id, node_id, industry,"
        " headcount, female_headcount) VALUES (?, ?, '企业', 1, 2, 2, '制造业', 30, 12)",
        ((f"91330102{i:010d}", f"单位{i}") for i in range(n["orgs_employer"])),
    )
    db.executemany(
        "INSERT INTO workers_worker (name, id_number, gender, birth_date, employer_id, node_id, mobile, is_member,"
        " joined_on, labour_contract, contract_start, contract_end, post, model_worker_level, status)"
        " VALUES (?, ?, '男', '1990-01-01', ?, 2, '13800000000', 1, '2015-01-01', '已签订', '2020-01-01', NULL,"
        " '操作工', '', '在职')",
        ((f"职工{i}", f"{330102199001010000 + i}", 1 + i % n["orgs_employer"]) for i in range(n["workers_worker"])),
    )
    db.execute("COMMIT")
    db.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["district", "city"], default="district")
    parser.add_argument("--seed", default="1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ud-demo-speed-") as tmp:
        db = Path(tmp) / "demo.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "UNIONDESK_VAR": tmp}
        uniondesk(["migrate", "--verbosity", "0"], env)
        empty = Path(tmp) / "empty.sqlite3"
        shutil.copy(db, empty)

        started = time.perf_counter()
        out = uniondesk(["demo", "--scale", args.scale, "--seed", args.seed], env)
        wall = time.perf_counter() - started
        rows = counts(db)
        bare = bare_insert(empty, rows)

    inside = re.search(r"用时 ([\d.]+) 秒", out)
    print(f"uniondesk demo --scale {args.scale} --seed {args.seed} on SQLite: "
          f"{rows['orgs_org']:,} orgs, {rows['orgs_employer']:,} employers, {rows['workers_worker']:,} workers")
    print(f"  wall time            {wall:6.1f} s   (the command's own count: {inside.group(1) if inside else '?'} s)")
    print(f"  vs the 90 s target   {wall / TARGET_S:6.2f}   ({'met' if wall < TARGET_S else 'MISSED'}; aim ≤ 40 s)")
    print(f"  bare sqlite3 insert  {bare:6.2f} s   of as many rows into the same schema")
    print(f"  demo / bare          {wall / bare:6.1f}×")


if __name__ == "__main__":
    main()
