"""Reporting up the tree (SPEC §8): `report check` and the parent's board (its children's filings
and the roll-up of every additive figure) against a raw-SQL floor of the same figures, on the
database DATABASE_URL names (filled with the demo when it holds no orgs).

    DATABASE_URL=sqlite:////tmp/ud-bench-reporting.sqlite3 uv run python bench/reporting.py [--year Y] [--rounds 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ud_bench_reporting uv run python bench/reporting.py

  check        reporting.logic.check(root, Y, district_admin): every rule, as `report check` runs it
  check floor  the very SQL of each rule's count (and, for figure.jump, of each count indicator for
               Y and Y−1) run through a bare cursor: no ORM, no Python measuring, no rows built
  board        reporting.selectors.board + roll_up for the root and Y, as the board page builds them
  board floor  the SQL of the latest versions of the children, and of each additive figure's count
               and its record ids (what the roll-up compares with the filings), through a bare cursor

Targets: check and board ≤ 3× their floor; the same number of queries for the root (the whole
tree) and for a street (a twelfth of it): the count depends on the catalogue, not on the rows.
Medians of --rounds, interleaved; the machine is shared, so the ratios mean more than the times.
"""

# ruff: noqa: S608 - the SQL is Django's own compiled text; values are parameters

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/ud-bench-reporting.sqlite3")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from indicators.catalog import INDICATORS
    from indicators.models import FiledReport
    from indicators.scope import Scope
    from orgs.models import Org
    from reporting.logic import check, rules
    from reporting.selectors import board, roll_up

    call_command("migrate", verbosity=0)
    if not Org.objects.exists():
        print("filling the database with the demo district (seed 1) …", flush=True)
        call_command("demo", "--seed", "1", verbosity=0)
    year = args.year or timezone.localdate().year - 1
    admin = User.objects.get(username="district_admin")
    root = admin.org
    street = Org.objects.get(name="清波街道总工会")

    def raw(statements: list[tuple[str, tuple]], fetch_all: bool = False) -> None:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall() if fetch_all else cursor.fetchone()

    def counting(queryset) -> tuple[str, tuple]:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        return f"SELECT COUNT(*) FROM ({sql}) AS q", params

    def ids(queryset) -> tuple[str, tuple]:
        return queryset.order_by().values("pk").query.sql_with_params()

    def check_floor(org: Org) -> list[tuple[str, tuple]]:
        scope, before = Scope(year, org.path, admin), Scope(year - 1, org.path, admin)
        statements = [counting(rule.records(scope)) for rule in rules() if rule.records is not None]
        for indicator in INDICATORS:
            if indicator.whole:
                statements.append(counting(indicator.records(scope)))
                if not indicator.as_stands:
                    statements.append(counting(indicator.records(before)))
        return statements

    def board_floor(org: Org) -> list[tuple[str, tuple]]:
        scope = Scope(year, org.path, admin)
        latest = FiledReport.objects.filter(
            org__path__startswith=org.path, org__depth=org.depth + 1, year=year
        )
        statements = [ids(latest)]
        for indicator in INDICATORS:
            if indicator.adds_up:
                statements += [counting(indicator.records(scope)), ids(indicator.records(scope))]
        return statements

    def runs(org: Org) -> dict[str, object]:
        return {
            "check": lambda: check(org, year, admin),
            "check floor": lambda: raw(check_floor(org)),
            "board": lambda: roll_up(org, year, admin, board(org, year)),
            "board floor": lambda: raw(board_floor(org), fetch_all=True),
        }

    print(f"{connection.vendor}, year {year}, {Org.objects.count():,} orgs; the machine is shared")
    for name in runs(root):
        if "floor" in name:
            continue
        counts = []
        for org in (root, street):
            with CaptureQueriesContext(connection) as captured:
                runs(org)[name]()
            counts.append(len(captured))
        print(
            f"  queries {name:<6}: root {counts[0]}, street {counts[1]}"
            f"  ({'the same' if counts[0] == counts[1] else 'DIFFERENT'})"
        )
    times: dict[str, list[float]] = {name: [] for name in runs(root)}
    for n in range(args.rounds):
        order = list(runs(root).items())
        for name, call in order if n % 2 == 0 else reversed(order):
            started = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - started)
    p50 = {name: statistics.median(values) for name, values in times.items()}
    for what in ("check", "board"):
        ratio = p50[what] / p50[f"{what} floor"]
        print(
            f"  {what:<6} p50 {p50[what] * 1000:8.1f} ms   floor {p50[f'{what} floor'] * 1000:8.1f} ms   "
            f"{ratio:4.2f}×  {'ok' if ratio <= 3 else 'over the 3× target'}"
        )


if __name__ == "__main__":
    main()
