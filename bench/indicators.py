"""Annual report speed: `indicators.report.annual(year)` (every SPEC §5 indicator for the whole
tree in one call) against a hand-written SQL floor computing the same figures, on the demo district
and the demo city, on PostgreSQL and SQLite.

    uv run python bench/indicators.py [--year Y] [--rounds 9] [--scales tiny,district,city]
                                      [--databases postgresql,sqlite] [--profile auto|always|never] [--no-closures]
    uv run python bench/indicators.py --pg postgres://postgres@127.0.0.1:5432     # the server (this is the default)

Builds everything it needs and removes it afterwards: scratch PostgreSQL databases
(ud_bench_indicators_<scale> on --pg, dropped and created) and SQLite files in a temporary
directory, each migrated and filled by `uniondesk demo --seed 1` (district: `--scale district`;
city: `--scale city`, ten districts; tiny: the demo's hidden `--size tiny`). Each database gets a
child process that keeps Django and its connection open; the parent interleaves the rounds over all
of them (one floor and one annual() per database per round, the order alternating), so the medians
and ratios are measured in the same run.

  floor     one SQL statement (CTEs, one row) giving every figure's counts and sums, written from
            SPEC §5's words and the tables; rates and 万元 rounded in Python, half-up
  annual    indicators.report.annual(Y) as `report annual --format json` runs it (root lookup included)

Before timing, on every database: floor figures == annual() figures, every key, exactly (the run
stops with the differing keys and SPEC's words otherwise), and the number of queries annual() runs
(CaptureQueriesContext). The demo closes no employer or org, so on the district the same comparison
runs again with some employers, unions and a street closed during and at the end of Y (rolled
back); a difference there is printed and makes the run exit 1 after the timings (--no-closures
skips it). Targets: annual() ≤ 3× the floor on the district; the same query count on every size;
annual() on the city ≤ 12× its time on the district. When a target is missed (or with --profile
always) the child of that database times each indicator, lists annual()'s slowest queries, tries
two fixes beside annual() (figures checked, time beside the floor) and prints a cProfile of one
annual() call.
"""

# ruff: noqa: S608 - the SQL is this file's own text; values are always parameters

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")

PG_PREFIX = "ud_bench_indicators"
FLOOR_TARGET, CITY_TARGET = 3.0, 12.0
BUILD_LIMIT_S = 600
DEMO_ARGS = {
    "tiny": ["--scale", "district", "--size", "tiny"],
    "district": ["--scale", "district"],
    "city": ["--scale", "city"],
}

# --- the floor ----------------------------------------------------------------------------------
# One statement, one row. Every CTE below is SPEC §5 read directly against the tables:
#   nodes      the subtree (path prefix of the root: the whole tree, as `report annual` without
#              --org) without orgs closed (撤销日期) on or before 31 Dec Y — "a closed org ... and the
#              records owned through it drop out of year-Y figures"; a record counts when its owning
#              node is one of these
#   open(x)    an employer / org a record is owned through is not closed on or before 31 Dec Y
# In force at the end of Y for a contract: 签订日期 ≤ 31 Dec Y < 签订日期 + 期限 years, i.e. (since
# adding whole years keeps month and day, 29 Feb aside) the year signed + 期限 > Y: signed on or
# before 31 Dec Y and after 31 Dec (Y − 期限); 期限 is 1 to 3 (a check constraint), one clause each.

FLOOR_SQL = """
WITH nodes AS (
    SELECT id FROM orgs_org
    WHERE path LIKE (SELECT path FROM orgs_org WHERE depth = 1) || '%%'
      AND (closed_on IS NULL OR closed_on > %(end)s)
),
open_employers AS (
    SELECT e.id, e.employer_type, e.union_id FROM orgs_employer e
    WHERE e.node_id IN (SELECT id FROM nodes) AND (e.closed_on IS NULL OR e.closed_on > %(end)s)
),
closed_employers AS (SELECT id FROM orgs_employer WHERE closed_on <= %(end)s),
closed_orgs AS (SELECT id FROM orgs_org WHERE closed_on <= %(end)s),
-- training.*: courses starting in Y; 技术培训 hosted by a 企业-type employer itself; 免费培训
courses AS (
    SELECT c.id, c.category, c.host_employer_id, c.person_times, e.employer_type AS host_type
    FROM training_course c LEFT JOIN orgs_employer e ON e.id = c.host_employer_id
    WHERE c.node_id IN (SELECT id FROM nodes)
      AND c.start_date >= %(start)s AND c.start_date <= %(end)s
      AND c.category IN ('技术培训', '免费培训')
      AND (e.id IS NULL OR e.closed_on IS NULL OR e.closed_on > %(end)s)
),
counted_courses AS (
    SELECT id, category, host_employer_id, person_times FROM courses
    WHERE category = '免费培训' OR host_type = '企业'
),
attended AS (
    SELECT course_id, COUNT(*) AS n FROM training_attendance
    WHERE course_id IN (SELECT id FROM counted_courses) GROUP BY course_id
),
training AS (
    SELECT COUNT(DISTINCT CASE WHEN c.category = '技术培训' THEN c.host_employer_id END) AS enterprises,
           SUM(CASE WHEN c.category = '技术培训' THEN COALESCE(a.n, c.person_times, 0) ELSE 0 END) AS tech_times,
           SUM(CASE WHEN c.category = '免费培训' THEN 1 ELSE 0 END) AS free_projects,
           SUM(CASE WHEN c.category = '免费培训' THEN COALESCE(a.n, c.person_times, 0) ELSE 0 END) AS free_times
    FROM counted_courses c LEFT JOIN attended a ON a.course_id = c.id
),
-- certificates.people, free_training.certificates: distinct 身份证号, certificates issued in Y; a
-- certificate is owned through its worker's employer (SPEC §2: it takes that employer's node)
certificates AS (
    SELECT COUNT(DISTINCT c.id_number) AS people,
           COUNT(DISTINCT CASE WHEN c.course_id IN (SELECT id FROM counted_courses WHERE category = '免费培训')
                               THEN c.id_number END) AS free_people
    FROM training_certificate c LEFT JOIN workers_worker w ON w.id = c.worker_id
    WHERE c.node_id IN (SELECT id FROM nodes) AND c.issued_on >= %(start)s AND c.issued_on <= %(end)s
      AND (w.employer_id IS NULL OR w.employer_id NOT IN (SELECT id FROM closed_employers))
),
-- competition.*: 年度 Y; participants = distinct 身份证号 of its entries, else 参与人数;
-- person-times = its entries, else 参与人数
competitions AS (
    SELECT c.id, c.contest_type, c.participants FROM contests_competition c
    WHERE c.node_id IN (SELECT id FROM nodes) AND c.year = %(year)s
      AND c.contest_type IN ('劳动竞赛', '技能竞赛', '技术比武')
      AND (c.host_employer_id IS NULL OR c.host_employer_id NOT IN (SELECT id FROM closed_employers))
),
entered AS (
    SELECT competition_id, COUNT(*) AS times, COUNT(DISTINCT id_number) AS people FROM contests_entry
    WHERE competition_id IN (SELECT id FROM competitions) GROUP BY competition_id
),
contests AS (
    SELECT SUM(CASE WHEN c.contest_type = '劳动竞赛' THEN COALESCE(n.people, c.participants, 0) ELSE 0 END) AS labour,
           SUM(CASE WHEN c.contest_type <> '劳动竞赛' THEN COALESCE(n.times, c.participants, 0) ELSE 0 END) AS skill
    FROM competitions c LEFT JOIN entered n ON n.competition_id = c.id
),
-- proposals.*: 提出日期 in Y; adopted = 状态 now 已采纳 / 已实施; Σ 经济效益 of those
proposals AS (
    SELECT COUNT(*) AS submitted,
           SUM(CASE WHEN status IN ('已采纳', '已实施') THEN 1 ELSE 0 END) AS adopted,
           SUM(CASE WHEN status IN ('已采纳', '已实施') THEN benefit END) AS benefit
    FROM proposals_proposal
    WHERE node_id IN (SELECT id FROM nodes) AND submitted_on >= %(start)s AND submitted_on <= %(end)s
      AND (employer_id IS NULL OR employer_id NOT IN (SELECT id FROM closed_employers))
      AND (org_id IS NULL OR org_id NOT IN (SELECT id FROM closed_orgs))
),
-- honours.*: named (年度) in or before Y, not revoked (撤销年度 ≤ Y), any level
honours AS (
    SELECT SUM(CASE WHEN honour_type = '学习型组织' THEN 1 ELSE 0 END) AS learning_orgs,
           SUM(CASE WHEN honour_type = '学习型班组' THEN 1 ELSE 0 END) AS learning_teams,
           SUM(CASE WHEN honour_type = '知识型职工' THEN 1 ELSE 0 END) AS knowledge_workers
    FROM honours_honour
    WHERE node_id IN (SELECT id FROM nodes) AND year <= %(year)s
      AND (revoked_year IS NULL OR revoked_year > %(year)s)
      AND honour_type IN ('学习型组织', '学习型班组', '知识型职工')
      AND (employer_id IS NULL OR employer_id NOT IN (SELECT id FROM closed_employers))
      AND (org_id IS NULL OR org_id NOT IN (SELECT id FROM closed_orgs))
),
-- facilities.*: built (建成日期) by 31 Dec Y and not closed (停用日期) on or before it
facilities AS (
    SELECT SUM(CASE WHEN facility_type = '职工俱乐部' THEN 1 ELSE 0 END) AS clubs,
           SUM(CASE WHEN facility_type = '职工书屋' THEN 1 ELSE 0 END) AS book_houses,
           SUM(CASE WHEN facility_type = '职工书屋' AND level IN ('省级', '全国') THEN 1 ELSE 0 END) AS provincial
    FROM honours_facility
    WHERE node_id IN (SELECT id FROM nodes) AND built_on <= %(end)s
      AND (closed_on IS NULL OR closed_on > %(end)s) AND facility_type IN ('职工俱乐部', '职工书屋')
      AND (employer_id IS NULL OR employer_id NOT IN (SELECT id FROM closed_employers))
      AND (org_id IS NULL OR org_id NOT IN (SELECT id FROM closed_orgs))
),
-- meetings.*: held (召开日期) on or before 31 Dec Y, every session
meetings AS (
    SELECT SUM(CASE WHEN meeting_type = '政府与工会联席会议' THEN 1 ELSE 0 END) AS joint,
           SUM(CASE WHEN meeting_type = '劳动关系三方协调会议' THEN 1 ELSE 0 END) AS tripartite
    FROM meetings_meeting
    WHERE node_id IN (SELECT id FROM nodes) AND held_on <= %(end)s
      AND meeting_type IN ('政府与工会联席会议', '劳动关系三方协调会议')
      AND (convener_employer_id IS NULL OR convener_employer_id NOT IN (SELECT id FROM closed_employers))
      AND (convener_org_id IS NULL OR convener_org_id NOT IN (SELECT id FROM closed_orgs))
),
-- instructors.active: appointed (聘任日期) by 31 Dec Y, not dismissed (解聘日期) on or before it; owned
-- through the 联系单位 employer when there is one (SPEC §2: it takes that employer's node)
instructors AS (
    SELECT COUNT(*) AS active FROM contracts_instructor
    WHERE node_id IN (SELECT id FROM nodes) AND appointed_on <= %(end)s
      AND (dismissed_on IS NULL OR dismissed_on > %(end)s)
      AND (liaison_employer_id IS NULL OR liaison_employer_id NOT IN (SELECT id FROM closed_employers))
),
-- contracts.*: employer-based, so the employer's node decides (open_employers)
party_contracts AS (
    SELECT p.employer_id, c.id, c.contract_type, c.signed_on, c.number, c.covered_workers, c.term_years
    FROM contracts_contractparty p JOIN contracts_contract c ON c.id = p.contract_id
    WHERE p.employer_id IN (SELECT id FROM open_employers) AND c.signed_on <= %(end)s
),
covering AS (
    SELECT employer_id, id, covered_workers,
           ROW_NUMBER() OVER (PARTITION BY employer_id ORDER BY signed_on DESC, LENGTH(number) DESC, number DESC) AS latest
    FROM party_contracts
    WHERE contract_type IN ('综合性集体合同', '区域性集体合同', '行业性集体合同', '工资专项集体协议')
      AND ((term_years = 1 AND signed_on > %(end_1)s) OR (term_years = 2 AND signed_on > %(end_2)s)
           OR (term_years = 3 AND signed_on > %(end_3)s))
),
contracts AS (
    SELECT (SELECT COUNT(DISTINCT employer_id) FROM party_contracts WHERE signed_on >= %(start)s) AS units_signed,
           (SELECT COUNT(DISTINCT employer_id) FROM covering) AS units_total,
           (SELECT SUM(covered_workers) FROM contracts_contract
            WHERE id IN (SELECT id FROM covering WHERE latest = 1)) AS covered_workers
),
-- labour_contracts.*, members.*: 在职 workers as the register stands, of open employers; counted
-- per employer first (one pass over the workers), then the employers' type and closing applied
workers AS (
    SELECT SUM(CASE WHEN e.employer_type = '企业' THEN w.signed ELSE 0 END) AS signed,
           SUM(CASE WHEN e.employer_type = '企业' THEN w.due ELSE 0 END) AS due,
           SUM(w.members) AS members, SUM(w.employed) AS employed
    FROM (SELECT employer_id, node_id,
                 SUM(CASE WHEN labour_contract = '已签订' THEN 1 ELSE 0 END) AS signed,
                 SUM(CASE WHEN labour_contract IN ('已签订', '未签订') THEN 1 ELSE 0 END) AS due,
                 SUM(CASE WHEN is_member THEN 1 ELSE 0 END) AS members, COUNT(*) AS employed
          FROM workers_worker WHERE status = '在职' GROUP BY employer_id, node_id) w
    JOIN orgs_employer e ON e.id = w.employer_id
    WHERE w.node_id IN (SELECT id FROM nodes) AND (e.closed_on IS NULL OR e.closed_on > %(end)s)
),
-- mediation.*: organisations of each 层级 founded by 31 Dec Y and not revoked on or before it
mediation AS (
    SELECT SUM(CASE WHEN level = '区级调解委员会' THEN 1 ELSE 0 END) AS district,
           SUM(CASE WHEN level = '街道调解委员会' THEN 1 ELSE 0 END) AS street,
           SUM(CASE WHEN level = '企业调解小组' THEN 1 ELSE 0 END) AS enterprise,
           SUM(CASE WHEN level = '人民调解组织' THEN 1 ELSE 0 END) AS people
    FROM mediation_mediationorg
    WHERE node_id IN (SELECT id FROM nodes) AND founded_on <= %(end)s
      AND (closed_on IS NULL OR closed_on > %(end)s)
      AND (employer_id IS NULL OR employer_id NOT IN (SELECT id FROM closed_employers))
      AND (org_id IS NULL OR org_id NOT IN (SELECT id FROM closed_orgs))
),
-- unions.coverage: open 企业-type employers with a 所属工会 ÷ all open 企业-type employers
unions AS (
    SELECT SUM(CASE WHEN union_id IS NOT NULL THEN 1 ELSE 0 END) AS covered, COUNT(*) AS enterprises
    FROM open_employers WHERE employer_type = '企业'
)
SELECT training.enterprises, training.tech_times, contests.labour, contests.skill, certificates.people,
       proposals.submitted, proposals.adopted, proposals.benefit,
       honours.learning_orgs, honours.learning_teams, honours.knowledge_workers,
       facilities.clubs, facilities.book_houses, facilities.provincial,
       training.free_projects, training.free_times, certificates.free_people,
       meetings.joint, meetings.tripartite, instructors.active,
       contracts.units_signed, contracts.units_total, contracts.covered_workers,
       workers.signed, workers.due, workers.members, workers.employed,
       mediation.district, mediation.street, mediation.enterprise, mediation.people,
       unions.covered, unions.enterprises
FROM training, contests, certificates, proposals, honours, facilities, meetings, instructors, contracts,
     workers, mediation, unions
"""


def half_up(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal | None:
    """SPEC §5: percentages rounded half-up to one decimal; SPEC §6: an empty denominator is null."""
    return half_up(Decimal(part) * 100 / Decimal(whole), "0.1") if whole else None


def floor_figures(year: int) -> dict[str, Any]:
    """Every SPEC §5 indicator of `year` for the whole tree, from FLOOR_SQL."""
    from django.db import connection

    end = dt.date(year, 12, 31)
    params = {"year": year, "start": dt.date(year, 1, 1), "end": end,
              **{f"end_{t}": dt.date(year - t, 12, 31) for t in (1, 2, 3)}}
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, params)
        row = cursor.fetchone()
    (enterprises, tech_times, labour, skill, people, submitted, adopted, benefit, learning_orgs, learning_teams,
     knowledge_workers, clubs, book_houses, provincial, free_projects, free_times, free_people, joint, tripartite,
     instructors, units_signed, units_total, covered_workers, signed, due, members, employed, med_district,
     med_street, med_enterprise, med_people, with_union, enterprises_open) = (
        v if i == 7 else int(v or 0) for i, v in enumerate(row))
    # Σ 经济效益 in 万元, two decimals (SQLite sums its REAL column as a float)
    benefit = half_up(Decimal(str(benefit or 0)), "0.01")
    return {
        "training.enterprises": enterprises,
        "training.person_times": tech_times,
        "competition.labour_participants": labour,
        "competition.skill_person_times": skill,
        "certificates.people": people,
        "proposals.submitted": submitted,
        "proposals.adopted": adopted,
        "proposals.benefit_wan": benefit,
        "honours.learning_orgs": learning_orgs,
        "honours.learning_teams": learning_teams,
        "honours.knowledge_workers": knowledge_workers,
        "facilities.clubs": clubs,
        "facilities.book_houses": book_houses,
        "facilities.book_houses_provincial": provincial,
        "free_training.projects": free_projects,
        "free_training.person_times": free_times,
        "free_training.certificates": free_people,
        "meetings.joint_total": joint,
        "meetings.tripartite_total": tripartite,
        "instructors.active": instructors,
        "contracts.units_signed": units_signed,
        "contracts.units_total": units_total,
        "contracts.covered_workers": covered_workers,
        "labour_contracts.signed": signed,
        "labour_contracts.rate": percent(signed, due),
        "mediation.district": med_district,
        "mediation.street": med_street,
        "mediation.enterprise": med_enterprise,
        "mediation.people": med_people,
        "members.count": members,
        "members.rate": percent(members, employed),
        "unions.coverage": percent(with_union, enterprises_open),
    }


# --- the child: one database, Django kept open --------------------------------------------------

def same(annual_value: Any, floor_value: Any) -> bool:
    if annual_value is None or floor_value is None:
        return annual_value is None and floor_value is None
    return Decimal(repr(annual_value)) == Decimal(floor_value)


def timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def check(year: int) -> dict[str, Any]:
    """annual() and the floor once each: their figures side by side, what differs, the queries each
    ran, and the size of the data."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.catalog import BY_KEY
    from indicators.report import annual

    with CaptureQueriesContext(connection) as annual_queries:
        report = annual(year)
    with CaptureQueriesContext(connection) as floor_queries:
        floor = floor_figures(year)
    got = report["indicators"]
    with connection.cursor() as cursor:
        rows = {}
        for table in ("orgs_org", "orgs_employer", "workers_worker"):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            rows[table] = cursor.fetchone()[0]
    differ = sorted(set(got) ^ set(floor)) + [k for k in got if k in floor and not same(got[k], floor[k])]
    return {
        "org": report["org"], "rows": rows, "keys": list(got), "differ": differ,
        "definitions": {k: BY_KEY[k].definition for k in differ if k in BY_KEY},
        "annual": got, "floor": {k: None if v is None else str(v) for k, v in floor.items()},
        "queries": len(annual_queries.captured_queries), "floor_queries": len(floor_queries.captured_queries),
    }


def closures(year: int) -> dict[str, Any]:
    """`check` with some employers and orgs closed, in a transaction that is rolled back: the demo
    closes nothing, so this is the only place the closing rules of SPEC §5 are compared. Every 7th
    employer and 9th grassroots union (by id) closes on 30 Jun Y, every 11th / 13th on 31 Dec Y
    (both drop out of year-Y figures), every 17th / 19th on 1 Jan Y+1 (they stay); the second street
    on 30 Sep Y (its own records and the employers it owns, those without a union, drop out)."""
    from django.db import transaction

    from orgs.models import GRASSROOTS, Employer, Org, OrgType

    with transaction.atomic():
        employers = list(Employer.objects.order_by("id").values_list("id", flat=True))
        unions = list(Org.objects.filter(org_type__in=GRASSROOTS).order_by("id").values_list("id", flat=True))
        streets = list(Org.objects.filter(org_type=OrgType.STREET).order_by("id").values_list("id", flat=True))
        closed = {}
        for day, employer_step, union_step in ((dt.date(year, 6, 30), 7, 9), (dt.date(year, 12, 31), 11, 13),
                                              (dt.date(year + 1, 1, 1), 17, 19)):
            closed[str(day)] = (Employer.objects.filter(id__in=employers[3::employer_step]).update(closed_on=day),
                                Org.objects.filter(id__in=unions[2::union_step]).update(closed_on=day))
        Org.objects.filter(id__in=streets[1:2]).update(closed_on=dt.date(year, 9, 30))
        result = check(year)
        transaction.set_rollback(True)
    return {**result, "closed": closed}


def one_round(year: int, floor_first: bool) -> dict[str, float]:
    from indicators.report import annual

    steps = [("floor", lambda: floor_figures(year)), ("annual", lambda: annual(year))]
    return {name: timed(fn) for name, fn in (steps if floor_first else steps[::-1])}


def profile(year: int, reps: int = 5) -> str:
    """Where annual()'s time goes: each indicator timed alone, the time spent executing its queries
    against the rest (building them, Python), the slowest queries, and cProfile of one call."""
    import cProfile
    import io
    import pstats

    from django.db import connection

    from indicators.catalog import INDICATORS, figure
    from indicators.report import annual, root
    from indicators.scope import Scope

    out = io.StringIO()
    scope = Scope(year, root().path)
    per: list[tuple[str, float, float, int]] = []  # key, median s, median s in the database, queries
    for indicator in INDICATORS:
        totals, in_db, counts = [], [], []
        for _ in range(reps):
            spent: list[float] = []

            def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any, spent: list = spent) -> Any:
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent.append(time.perf_counter() - started)

            with connection.execute_wrapper(wrapper):
                totals.append(timed(lambda indicator=indicator: figure(indicator, scope)))
            in_db.append(sum(spent))
            counts.append(len(spent))
        per.append((indicator.key, statistics.median(totals), statistics.median(in_db), max(counts)))
    total = sum(p[1] for p in per)
    db_total = sum(p[2] for p in per)
    out.write(f"\nannual({year}) indicator by indicator ({vendor_label()}, median of {reps}; 'in database' is "
              f"the queries' execute calls, the rest is building the QuerySets and compiling SQL):\n")
    out.write(f"  {'key':<36} {'ms':>7} {'in database':>12} {'share':>6}  queries\n")
    for key, seconds, db, n in sorted(per, key=lambda p: -p[1]):
        out.write(f"  {key:<36} {seconds * 1000:7.1f} {db * 1000:10.1f}ms {seconds / total:6.0%}  {n}\n")
    out.write(f"  {'sum':<36} {total * 1000:7.1f} {db_total * 1000:10.1f}ms   100%  "
              f"{sum(p[3] for p in per)} (+1: the root's lookup)\n")

    statements: list[tuple[str, str, float]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((sql, repr(params), time.perf_counter() - started))

    with connection.execute_wrapper(record):
        annual(year)
    runs = Counter((sql, params) for sql, params, _ in statements)
    out.write(f"\none annual({year}): {len(statements)} queries, {sum(s for *_, s in statements) * 1000:.1f} ms "
              f"executing them; {sum(n - 1 for n in runs.values())} of them repeat an earlier one (same SQL, same "
              f"parameters). The slowest:\n")
    for sql, params, seconds in sorted(statements, key=lambda s: -s[2])[:4]:
        again = f" (run {runs[sql, params]}× in the call)" if runs[sql, params] > 1 else ""
        out.write(f"  {seconds * 1000:6.1f} ms{again}: {sql[:500]}{' …' if len(sql) > 500 else ''}\n")
    out.write(what_if(scope))

    profiler = cProfile.Profile()
    profiler.enable()
    annual(year)
    profiler.disable()
    stats = io.StringIO()
    pstats.Stats(profiler, stream=stats).sort_stats("cumulative").print_stats(25)
    out.write(f"\ncProfile of one annual({year}) (top 25 by cumulative time):\n{stats.getvalue()}")
    return out.getvalue()


def what_if(scope: Any, reps: int = 7) -> str:
    """The two fixes the profile points at, tried beside annual() in this run (interleaved, medians):
    the worker figures (labour_contracts.*, members.*) as annual() reads them (six COUNTs over the
    workers) against one aggregate() of the same QuerySet with a filtered Count per figure; and
    contracts.covered_workers (a correlated "latest contract" subquery per covered employer) against
    the same contracts ranked once with ROW_NUMBER() over the contract parties. Then annual() with
    both in place: every figure, root lookup included, checked against annual()'s."""
    from django.db.models import Count, F, Q, Sum, Window
    from django.db.models.functions import RowNumber

    from contracts.models import Contract, ContractParty
    from contracts.selectors import higher_number
    from indicators.catalog import BY_KEY, INDICATORS, figure, rate
    from indicators.report import annual, json_number, root
    from indicators.scope import Scope
    from workers.models import Worker

    keys = ("labour_contracts.signed", "labour_contracts.rate", "members.count", "members.rate")

    def merged() -> dict[str, int]:
        enterprise = Q(employer__employer_type="企业")
        return scope.of(Worker).employed().exclude(employer__closed_on__lte=scope.end).aggregate(
            employed=Count("pk"), members=Count("pk", filter=Q(is_member=True)),
            signed=Count("pk", filter=enterprise & Q(labour_contract="已签订")),
            due=Count("pk", filter=enterprise & Q(labour_contract__in=("已签订", "未签订"))))

    def ranked() -> int:
        employers = BY_KEY["contracts.units_total"].records(scope)
        in_force = scope.of(Contract).covering().in_force_at(scope.end)
        latest = (ContractParty.objects.filter(employer__in=employers.values("pk"), contract__in=in_force.values("pk"))
                  .annotate(rank=Window(RowNumber(), partition_by=F("employer_id"),
                                        order_by=[F("contract__signed_on").desc(), *higher_number("contract__")]))
                  .filter(rank=1).values("contract_id"))
        return Contract.objects.filter(pk__in=latest).aggregate(n=Sum("covered_workers"))["n"] or 0

    def patched() -> dict[str, Any]:
        """annual()'s figures with the two fixes in place (the rest as the catalog computes them)."""
        scope_now = Scope(scope.year, root().path)
        got = {i.key: figure(i, scope_now) for i in INDICATORS if i.key not in (*keys, "contracts.covered_workers")}
        n = merged()
        got.update({"labour_contracts.signed": n["signed"], "labour_contracts.rate": rate(n["signed"], n["due"]),
                    "members.count": n["members"], "members.rate": rate(n["members"], n["employed"]),
                    "contracts.covered_workers": ranked()})
        return got

    now = {k: json_number(v) for k, v in patched().items()}
    agrees = now == annual(scope.year)["indicators"]
    steps = {
        "annual": lambda: annual(scope.year),
        "floor": lambda: floor_figures(scope.year),
        "patched": patched,
        "workers now": lambda: [figure(BY_KEY[k], scope) for k in keys],
        "workers merged": merged,
        "covered now": lambda: figure(BY_KEY["contracts.covered_workers"], scope),
        "covered ranked": ranked,
    }
    spent: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(reps):
        for name, fn in steps.items():
            spent[name].append(timed(fn))
    m = {name: statistics.median(v) * 1000 for name, v in spent.items()}
    return (f"\nthe fixes tried here (median of {reps}, interleaved; "
            f"{'same figures as annual()' if agrees else 'FIGURES DIFFER FROM annual()'}):\n"
            f"  {', '.join(keys)}: {m['workers now']:.1f} ms as annual() reads them (6 COUNTs); one aggregate() "
            f"with a filtered Count each: {m['workers merged']:.1f} ms\n"
            f"  contracts.covered_workers: {m['covered now']:.1f} ms (latest-contract subquery per employer); ranked "
            f"with Window(RowNumber()) over the parties: {m['covered ranked']:.1f} ms\n"
            f"  annual() {m['annual']:.1f} ms = {m['annual'] / m['floor']:.2f}× the floor ({m['floor']:.1f} ms); "
            f"the same figures with both fixes: {m['patched']:.1f} ms = {m['patched'] / m['floor']:.2f}× the floor\n")


def vendor_label() -> str:
    from django.db import connection

    return {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(connection.vendor, connection.vendor)


def child(year: int) -> None:
    """Answer the parent's commands, one JSON line each, until `quit`."""
    import django

    django.setup()
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        if op == "quit":
            break
        if op == "check":
            reply: Any = check(year)
        elif op == "closures":
            reply = closures(year)
        elif op == "round":
            reply = one_round(year, command["floor_first"])
        elif op == "profile":
            reply = {"text": profile(year)}
        else:
            raise SystemExit(f"unknown command {op}")
        print("@@ " + json.dumps(reply, ensure_ascii=False), flush=True)


class Child:
    """A child process on one database."""

    def __init__(self, label: str, url: str, year: int, log: Path) -> None:
        self.label, self.log = label, log
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0"}
        self.proc = subprocess.Popen(  # noqa: S603 - this script
            [sys.executable, __file__, "--child", "--year", str(year)], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log.open("w"))

    def ask(self, op: str, **args: Any) -> Any:
        assert self.proc.stdin and self.proc.stdout  # noqa: S101 - pipes opened above
        self.proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.proc.stdin.flush()
        for line in self.proc.stdout:
            if line.startswith("@@ "):
                return json.loads(line[3:])
        raise SystemExit(f"{self.label}: the child process ended:\n{self.log.read_text()[-4000:]}")

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.ask_quit()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()

    def ask_quit(self) -> None:
        assert self.proc.stdin  # noqa: S101
        self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
        self.proc.stdin.close()


# --- the parent: databases, rounds, the table ---------------------------------------------------

def pg_admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as db:
        db.execute(sql)


def build(url: str, scale: str) -> tuple[float | None, str]:
    """migrate and `uniondesk demo … --seed 1` on an empty database: the demo's seconds, or None and
    why it failed (an error, or longer than BUILD_LIMIT_S)."""
    env = {**os.environ, "DATABASE_URL": url}
    for args, limit in ((["migrate", "-v0"], None), (["demo", *DEMO_ARGS[scale], "--seed", "1"], BUILD_LIMIT_S)):
        started = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-m", "uniondesk.cli", *args], cwd=ROOT, env=env,  # noqa: S603
                                  capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            return None, f"`uniondesk {' '.join(args)}` did not finish within {BUILD_LIMIT_S} s"
        if done.returncode:
            return None, f"`uniondesk {' '.join(args)}` failed (exit {done.returncode}):\n{done.stderr[-3000:]}"
    return time.perf_counter() - started, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, help="Y (default: last year, the latest whole year of the demo)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--scales", default="tiny,district,city", help="comma-separated: tiny, district, city")
    parser.add_argument("--databases", default="postgresql,sqlite", help="comma-separated: postgresql, sqlite")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432",
                        help=f"the PostgreSQL server; scratch databases {PG_PREFIX}_<scale> are dropped and made there")
    parser.add_argument("--profile", choices=["auto", "always", "never"], default="auto")
    parser.add_argument("--no-closures", action="store_true",
                        help="skip the check with some employers and unions closed (rolled back)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    year = args.year or dt.date.today().year - 1  # noqa: DTZ011 - a default year, the local date is right
    if args.child:
        child(year)
        return

    scales = [s for s in ("tiny", "district", "city") if s in args.scales.split(",")]
    vendors = [v for v in ("postgresql", "sqlite") if v in args.databases.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="ud-bench-indicators-"))
    children: dict[tuple[str, str], Child] = {}
    built: list[str] = []
    failed: dict[tuple[str, str], str] = {}
    demo_seconds: dict[tuple[str, str], float] = {}
    closure_differ: list[str] = []
    try:
        for scale in scales:
            for vendor in vendors:
                if vendor == "postgresql":
                    name = f"{PG_PREFIX}_{scale}"
                    pg_admin(args.pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    pg_admin(args.pg, f'CREATE DATABASE "{name}"')
                    built.append(name)
                    url = f"{args.pg}/{name}"
                else:
                    url = f"sqlite:///{tmp / f'{scale}.sqlite3'}"
                label = f"{'PostgreSQL' if vendor == 'postgresql' else 'SQLite'} {scale}"
                print(f"preparing {label}: migrate, uniondesk demo {' '.join(DEMO_ARGS[scale])} --seed 1 …", flush=True)
                seconds, error = build(url, scale)
                if seconds is None:
                    failed[(vendor, scale)] = error
                    print(f"  {label}: NOT BUILT — {error}", flush=True)
                    continue
                demo_seconds[(vendor, scale)] = seconds
                print(f"  demo built in {seconds:.1f} s", flush=True)
                children[(vendor, scale)] = Child(label, url, year, tmp / f"{vendor}-{scale}.log")

        # figures first: the floor must give annual()'s figures, every key, exactly
        checks = {key: c.ask("check") for key, c in children.items()}
        wrong = False
        for (vendor, scale), result in checks.items():
            if result["differ"]:
                wrong = True
                print(f"\nMISMATCH on {children[(vendor, scale)].label}: floor and annual({year}) differ:")
                show_differences(result)
        if wrong:
            raise SystemExit("the floor's figures are not annual()'s: see above (the SQL is FLOOR_SQL in this file)")
        first = next(iter(checks.values()), None)
        if first:
            print(f"\nfigures checked: floor == annual({year}) on every key ({len(first['keys'])}) of every database "
                  f"({', '.join(c.label for c in children.values())})")

        # the closing rules: the demo closes nothing, so close some units (rolled back) and compare again
        if not args.no_closures:
            for key, child_ in children.items():
                if key[1] != "district":
                    continue
                result = child_.ask("closures")
                closed = ", ".join(f"{n_e} employers and {n_o} unions on {day}"
                                   for day, (n_e, n_o) in result["closed"].items()) + ", a street on 30 Sep"
                if result["differ"]:
                    closure_differ.append(child_.label)
                    print(f"\nMISMATCH with units closed ({closed}; rolled back) on {child_.label}:")
                    show_differences(result)
                else:
                    print(f"closing rules checked on {child_.label}: floor == annual({year}) on every key with "
                          f"{closed} (rolled back)")

        for child_ in children.values():  # warm-up, not counted
            child_.ask("round", floor_first=True)
        times: dict[tuple[str, str], dict[str, list[float]]] = {k: {"floor": [], "annual": []} for k in children}
        for n in range(args.rounds):
            line = []
            for key, child_ in children.items():
                result = child_.ask("round", floor_first=n % 2 == 0)
                for what in ("floor", "annual"):
                    times[key][what].append(result[what])
                line.append(f"{child_.label} {result['annual'] * 1000:.0f}/{result['floor'] * 1000:.0f}")
            print(f"round {n + 1}: annual/floor ms: " + ", ".join(line), flush=True)

        medians = {k: {w: statistics.median(v) for w, v in t.items()} for k, t in times.items()}
        report(year, args.rounds, scales, vendors, children, checks, medians, demo_seconds, failed)
        missed = targets(scales, vendors, checks, medians, failed)
        # a missed floor or query target: the district child of that database; a missed city target: its city child
        wanted = {(v, "city" if what == "city" else "district") for v, what in missed} if args.profile == "auto" else (
            {k for k in children if k[1] != "tiny"} if args.profile == "always" else set())
        to_profile = [k for k in children if k in wanted]
        for key in to_profile:
            print(f"\n=== profile: {children[key].label} ===")
            print(children[key].ask("profile")["text"])
        if closure_differ:
            print(f"\nMISMATCH with units closed on {', '.join(closure_differ)}: see above")
    finally:
        for child_ in children.values():
            child_.close()
        for name in built:
            pg_admin(args.pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)
    if closure_differ:
        raise SystemExit(1)


def show_differences(result: dict[str, Any]) -> None:
    for key in result["differ"]:
        definition = result["definitions"].get(key, "")
        print(f"  {key}: annual {result['annual'].get(key)!r}, floor {result['floor'].get(key)!r}"
              f"{'  — ' + definition if definition else ''}")


def report(year: int, rounds: int, scales: list[str], vendors: list[str], children: dict[tuple[str, str], Child],
           checks: dict[tuple[str, str], Any], medians: dict[tuple[str, str], dict[str, float]],
           demo_seconds: dict[tuple[str, str], float], failed: dict[tuple[str, str], str]) -> None:
    print(f"\nannual({year}) for the whole tree, {rounds} interleaved rounds, medians")
    print(f"{'database':<11} {'size':<9} {'workers':>8} {'demo s':>7} | {'floor ms':>9} {'annual ms':>10} "
          f"{'annual/floor':>12} | queries annual (floor)")
    print("-" * 100)
    for vendor in vendors:
        for scale in scales:
            key = (vendor, scale)
            name = "PostgreSQL" if vendor == "postgresql" else "SQLite"
            if key in failed:
                print(f"{name:<11} {scale:<9} not built: {failed[key].splitlines()[0]}")
                continue
            m, c = medians[key], checks[key]
            print(f"{name:<11} {scale:<9} {c['rows']['workers_worker']:>8,} {demo_seconds[key]:>7.1f} | "
                  f"{m['floor'] * 1000:>9.1f} {m['annual'] * 1000:>10.1f} {m['annual'] / m['floor']:>11.2f}× | "
                  f"{c['queries']} ({c['floor_queries']})")
    for vendor in vendors:
        d, c = (vendor, "district"), (vendor, "city")
        if d in medians and c in medians:
            name = "PostgreSQL" if vendor == "postgresql" else "SQLite"
            workers = checks[c]["rows"]["workers_worker"] / checks[d]["rows"]["workers_worker"]
            print(f"{name}: city / district: annual {medians[c]['annual'] / medians[d]['annual']:.2f}×, floor "
                  f"{medians[c]['floor'] / medians[d]['floor']:.2f}× (workers {workers:.1f}×)")


def targets(scales: list[str], vendors: list[str], checks: dict[tuple[str, str], Any],
            medians: dict[tuple[str, str], dict[str, float]], failed: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """Print each target's verdict; the missed ones as (vendor, what)."""
    missed: list[tuple[str, str]] = []
    lines = []
    for vendor in vendors:
        name = "PostgreSQL" if vendor == "postgresql" else "SQLite"
        d, c = (vendor, "district"), (vendor, "city")
        if d in medians:
            ratio = medians[d]["annual"] / medians[d]["floor"]
            ok = ratio <= FLOOR_TARGET
            lines.append(f"{name}: district annual() {ratio:.2f}× the floor (target ≤ {FLOOR_TARGET:g}×): "
                         f"{'met' if ok else 'MISSED'}")
            if not ok:
                missed.append((vendor, "floor"))
        counts = {s: checks[(vendor, s)]["queries"] for s in scales if (vendor, s) in checks}
        if len(counts) > 1:
            ok = len(set(counts.values())) == 1
            lines.append(f"{name}: queries of annual() by size {counts}: {'the same' if ok else 'NOT THE SAME'}")
            if not ok:
                missed.append((vendor, "queries"))
        if c in failed:
            lines.append(f"{name}: city target not measured: the city demo was not built ({failed[c].splitlines()[0]})")
            missed.append((vendor, "city"))
        elif d in medians and c in medians:
            ratio = medians[c]["annual"] / medians[d]["annual"]
            ok = ratio <= CITY_TARGET
            lines.append(f"{name}: city annual() {ratio:.2f}× the district's (target ≤ {CITY_TARGET:g}×): "
                         f"{'met' if ok else 'MISSED'}")
            if not ok:
                missed.append((vendor, "city"))
    print("\ntargets:")
    for line in lines:
        print("  " + line)
    return missed


if __name__ == "__main__":
    main()
