"""The risk radar (SPEC §9) for every employer of the demo city, against a raw-SQL floor.

    uv run python bench/radar.py [--city URL] [--district URL] [--runs 7]

For each database (the demo city, `demo --scale city`, and the demo district; both PostgreSQL by
default), a child process of its own (the settings read DATABASE_URL once) computes, as the root's
admin on today's date:

- the radar: `radar.selectors.radar` — every open employer, its score, level and reasons, sorted;
- the floor: the same ten signals as ten hand-written GROUP BY statements and the open employers
  as one, run through the same connection, summed and sorted in plain Python.

One warm-up each, then the p50 of N interleaved runs; it checks that both give every employer the
same score, and prints the queries the radar ran on each database: the count must not change with
the number of employers. Targets: the radar ≤ 2 s on the city and ≤ 3× the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432/"

# (signal, SQL of (employer id, count) rows; %(s)s is the window's open start, %(d)s the day D)
FLOOR = (
    (
        "集体争议",
        "SELECT respondent_employer_id, COUNT(*) FROM mediation_case WHERE respondent_employer_id IS NOT NULL"
        " AND applied_on > %(s)s AND applied_on <= %(d)s AND people >= 10 GROUP BY 1",
    ),
    (
        "劳动争议",
        "SELECT respondent_employer_id, COUNT(*) FROM mediation_case WHERE respondent_employer_id IS NOT NULL"
        " AND applied_on > %(s)s AND applied_on <= %(d)s AND (people < 10 OR people IS NULL) GROUP BY 1",
    ),
    (
        "整改逾期",
        "SELECT employer_id, COUNT(*) FROM supervision_inspection WHERE employer_id IS NOT NULL"
        " AND inspected_on > %(s)s AND inspected_on <= %(d)s AND deadline < %(d)s AND result <> '已整改' GROUP BY 1",
    ),
    (
        "未整改",
        "SELECT employer_id, COUNT(*) FROM supervision_inspection WHERE employer_id IS NOT NULL"
        " AND inspected_on > %(s)s AND inspected_on <= %(d)s AND result = '未整改'"
        " AND (deadline IS NULL OR deadline >= %(d)s) GROUP BY 1",
    ),
    (
        "集体合同断签",
        "SELECT employer_id, 1 FROM (SELECT p.employer_id, c.expires_on, ROW_NUMBER() OVER ("
        " PARTITION BY p.employer_id ORDER BY c.signed_on DESC, LENGTH(c.number) DESC, c.number DESC) AS rn"
        " FROM contracts_contractparty p JOIN contracts_contract c ON c.id = p.contract_id"
        " WHERE c.contract_type IN ('综合性集体合同', '区域性集体合同', '行业性集体合同', '工资专项集体协议') AND c.signed_on <= %(d)s) latest"
        " WHERE rn = 1 AND expires_on > %(s)s AND expires_on <= %(d)s AND employer_id NOT IN ("
        " SELECT p.employer_id FROM contracts_contractparty p JOIN contracts_contract c ON c.id = p.contract_id"
        " WHERE c.contract_type IN ('综合性集体合同', '区域性集体合同', '行业性集体合同', '工资专项集体协议') AND c.signed_on <= %(d)s AND c.expires_on > %(d)s)",
    ),
    (
        "劳动合同签订率低",
        "SELECT employer_id, 1 FROM workers_worker WHERE status = '在职'"
        " AND labour_contract IN ('已签订', '未签订') GROUP BY employer_id HAVING COUNT(*) >= 10"
        " AND SUM(CASE WHEN labour_contract = '已签订' THEN 1 ELSE 0 END) * 100 < COUNT(*) * 90",
    ),
    (
        "未建会",
        "SELECT w.employer_id, 1 FROM workers_worker w JOIN orgs_employer e ON e.id = w.employer_id"
        " WHERE e.union_id IS NULL AND w.status = '在职' GROUP BY w.employer_id HAVING COUNT(*) >= 25",
    ),
    (
        "急难救助",
        "SELECT w.employer_id, COUNT(*) FROM assistance_application a JOIN workers_worker w"
        " ON w.id_number = a.id_number WHERE a.kind = '职工急难救助' AND a.applied_on > %(s)s"
        " AND a.applied_on <= %(d)s GROUP BY 1",
    ),
    (
        "风险线索",
        "SELECT employer_id, COUNT(*) FROM radar_lead WHERE verdict <> '不属实' AND found_on > %(s)s"
        " AND found_on <= %(d)s AND (people < 10 OR people IS NULL) GROUP BY 1",
    ),
    (
        "重大风险线索",
        "SELECT employer_id, COUNT(*) FROM radar_lead WHERE verdict <> '不属实' AND found_on > %(s)s"
        " AND found_on <= %(d)s AND people >= 10 GROUP BY 1",
    ),
)
EMPLOYERS = "SELECT id, credit_code FROM orgs_employer WHERE closed_on IS NULL OR closed_on > %(d)s"


def child(runs: int) -> None:
    sys.path[0] = str(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Role, User
    from orgs.models import Org
    from radar.rules import Window
    from radar.selectors import radar
    from radar.signals import BY_NAME

    day = timezone.localdate()
    window = Window.ending(day)
    user = User(username="bench", org=Org.objects.get(depth=1), role=Role.ADMIN)
    weights = {name: BY_NAME[name].weight for name, _ in FLOOR}

    def floor() -> list[tuple[int, str, int]]:
        params = {"s": window.start, "d": day}
        with connection.cursor() as cursor:
            cursor.execute(EMPLOYERS, params)
            scores = {pk: [code, 0] for pk, code in cursor.fetchall()}
            for name, sql in FLOOR:
                cursor.execute(sql, params)
                for pk, count in cursor.fetchall():
                    if pk in scores:
                        scores[pk][1] += count * weights[name]
        return sorted(
            ((pk, code, score) for pk, (code, score) in scores.items()), key=lambda r: (-r[2], r[1])
        )

    def orm() -> list:
        return radar(user, day)

    with CaptureQueriesContext(connection) as queries:
        standings = orm()
    floored = floor()
    same = [(s.pk, s.score) for s in standings] == [(pk, score) for pk, _, score in floored]
    times: dict[str, list[float]] = {"radar": [], "floor": []}
    for _ in range(runs):
        for name, run in (("radar", orm), ("floor", floor)):
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) * 1000)
    levels: dict[str, int] = {}
    for s in standings:
        levels[s.level] = levels.get(s.level, 0) + 1
    print(
        json.dumps(
            {
                "employers": len(standings),
                "queries": len(queries.captured_queries),
                "same": same,
                "radar": statistics.median(times["radar"]),
                "floor": statistics.median(times["floor"]),
                "levels": levels,
                "vendor": connection.vendor,
            }
        )
    )


def run(url: str, runs: int) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(  # noqa: S603 - this script, with its own arguments
        [sys.executable, __file__, "--child", "--runs", str(runs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--city", default=PG + "h_radar_city")
    parser.add_argument("--district", default=PG + "h_radar_district")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.runs)
        return
    print(
        f"the radar as the root's admin, today, p50 of {args.runs} interleaved runs (a shared machine)"
    )
    print(
        f"{'database':<10}{'employers':>10}{'queries':>9}{'radar ms':>10}{'floor ms':>10}{'ratio':>8}  same scores  levels"
    )
    results = {}
    for name, url in (("district", args.district), ("city", args.city)):
        r = results[name] = run(url, args.runs)
        print(
            f"{name:<10}{r['employers']:>10,}{r['queries']:>9}{r['radar']:>10.0f}{r['floor']:>10.0f}"
            f"{r['radar'] / r['floor']:>7.2f}×  {'yes' if r['same'] else 'NO':<11}  {r['levels']}  ({r['vendor']})"
        )
    city = results["city"]
    ok = city["radar"] <= 2000 and city["radar"] <= 3 * city["floor"] and city["same"]
    steady = results["district"]["queries"] == city["queries"]
    print(
        f"city: {city['radar']:.0f} ms (target ≤ 2000), {city['radar'] / city['floor']:.2f}× the floor (target ≤ 3×): "
        f"{'met' if ok else 'MISSED'}; queries {'the same' if steady else 'DIFFER'} at both sizes"
    )


if __name__ == "__main__":
    main()
