"""Members: importing 100,000 members against the workers import bench's floor, and the member list
and the incoming transfers (the receiving union's 待办) against bare views, on the demo district
or the demo city.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ud_bench_members uv run python bench/members.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ud_city uv run python bench/members.py --scale city
    DATABASE_URL=sqlite:////tmp/ud-bench-members.sqlite3 uv run python bench/members.py --rows 20000

Builds the demo (seed 1, `--scale district` or `city`) first when the database has no orgs (on the
district every member of the sample years gets a membership, so the list holds about 46,000
members; the city's ten districts hold about ten times that). Then:

  import  `registers.imports.import_file` of a members .xlsx (SPEC §7 headers) of --rows new people
          (新就业形态 members at the district's streets, 身份证号 from region codes the demo never
          uses) as the district admin, against the floor of bench/import.py: python-calamine parse +
          COPY of the same rows into the table (PostgreSQL; executemany on SQLite), rolled back.
          The imported rows are deleted afterwards (then VACUUM ANALYZE). Target ≤ 4× the floor.
  pages   the member list (/registers/members/, page 1 and page 500) as the root's admin (on the
          city also as district_admin, one district of ten) and the incoming transfers
          (/members/incoming/) as the admin of a street with a transfer waiting (else the root's),
          p50 of --requests interleaved requests, against bare views: one raw query for the same
          rows of the same subtree in a minimal template, same middleware. Target ≤ 3×.

The machine may be shared: the ratios are measured in the same run, interleaved.
"""

# ruff: noqa: S608 - table and column names come from model metadata, values are parameters

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/ud-bench-members.sqlite3")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

IMPORT_TARGET, PAGE_TARGET = 4.0, 3.0
ID_REGIONS = [
    "110101",
    "110105",
    "120101",
    "310104",
    "440106",
    "500103",
    "610113",
    "210102",
]  # not the demo's
HEADERS = [
    "姓名",
    "身份证号",
    "所在工会",
    "所在单位",
    "入会日期",
    "会员证号",
    "会籍状态",
    "状态日期",
    "转入工会",
    "变动原因",
    "就业形态",
    "是否农民工",
    "手机号",
]
COLUMNS = [
    "name",
    "id_number",
    "node_id",
    "joined_on",
    "card_number",
    "status",
    "change_reason",
    "employment",
    "is_migrant",
    "mobile",
    "card_version",
]

BARE = engines["django"].from_string(
    "<table>{% for r in rows %}<tr>{% for c in r %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>"
)


def bare_list(request: HttpRequest) -> HttpResponse:
    """The member list's rows of the user's subtree (its order: newest 入会日期 first), one query
    with the worker's name."""
    page = int(request.GET.get("page", 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(w.name, m.name), m.id_number, o.name, m.joined_on, m.card_number, m.status"
            " FROM members_member m JOIN orgs_org o ON o.id = m.node_id LEFT JOIN workers_worker w ON w.id = m.worker_id"
            " WHERE o.path LIKE %s ORDER BY m.joined_on DESC, m.id_number, m.id DESC LIMIT 50 OFFSET %s",
            [request.user.org.path + "%", (page - 1) * 50],
        )
        rows = cursor.fetchall()
    return HttpResponse(BARE.render({"rows": rows}))


def bare_incoming(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(w.name, m.name), o.name, t.name, m.state_date FROM members_member m"
            " JOIN orgs_org o ON o.id = m.node_id JOIN orgs_org t ON t.id = m.transfer_to_id"
            " LEFT JOIN workers_worker w ON w.id = m.worker_id WHERE m.status = %s AND t.path LIKE %s"
            " ORDER BY m.state_date, m.id",
            ["转出中", request.user.org.path + "%"],
        )
        rows = cursor.fetchall()
    return HttpResponse(BARE.render({"rows": rows}))


urlpatterns = [
    path("bench/list/", bare_list),
    path("bench/incoming/", bare_incoming),
    path("", include("uniondesk.urls")),
]


# --- the import ---------------------------------------------------------------------------------


def make_rows(n: int, streets: list[str], seed: int = 1) -> list[list[Any]]:
    from core.validators import id_check_char
    from demo.names import GIVEN, MOBILE_PREFIXES, SURNAMES

    rng = random.Random(seed)  # noqa: S311 - test data
    seen: set[str] = set()
    rows = []
    while len(rows) < n:
        born = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randint(0, 13_000))
        first17 = f"{rng.choice(ID_REGIONS)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
        number = first17 + id_check_char(first17)
        if number in seen:
            continue
        seen.add(number)
        rows.append(
            [
                rng.choice(SURNAMES)
                + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
                number,
                rng.choice(streets),
                None,
                dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3200)),
                None,
                "在籍",
                None,
                None,
                None,
                "新就业形态",
                "是" if rng.random() < 0.3 else "否",
                f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99_999_999):08d}",
            ]
        )
    return rows


def write_xlsx(target: Path, rows: list[list[Any]]) -> bytes:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target))
    sheet = book.add_worksheet("会员")
    text, date = book.add_format({"num_format": "@"}), book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            elif value is not None:
                sheet.write_string(r, c, value, text if c in (1, 12) else None)
    book.close()
    return target.read_bytes()


def floor(data: bytes, nodes: dict[str, int]) -> float:
    """Seconds to parse the file and write its rows into the members table, rolled back."""
    from python_calamine import CalamineWorkbook

    from members.models import Member

    table = Member._meta.db_table
    with transaction.atomic():
        started = time.perf_counter()
        rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        values = [
            (
                name,
                number,
                nodes[union],
                joined or None,
                "",
                state,
                "",
                form,
                migrant == "是",
                mobile or "",
                1,
            )
            for name, number, union, _, joined, _, state, _, _, _, form, migrant, mobile in rows[1:]
        ]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            else:
                marks = ", ".join(["%s"] * len(COLUMNS))
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})", values
                )  # noqa: S608
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def ours(data: bytes, admin: Any, expected: int) -> float:
    from registers.catalog import get_register
    from registers.imports import import_file

    started = time.perf_counter()
    log, problems = import_file(
        user=admin, register=get_register("members"), file_name="会员.xlsx", data=data
    )
    seconds = time.perf_counter() - started
    if problems or log.created != expected:
        raise SystemExit(
            f"the import did not write every row: {log.created} of {expected}; {problems[:3]}"
        )
    return seconds


def remove(numbers: list[str]) -> None:
    from members.models import Member, MembershipPeriod
    from registers.models import ImportLog
    from workflows.models import Transition

    with transaction.atomic():
        ids = list(Member.objects.filter(id_number__in=numbers).values_list("pk", flat=True))
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            MembershipPeriod.objects.filter(member_id__in=chunk).delete()
            Transition.objects.filter(object_id__in=chunk, content_type__model="member").delete()
            Member.history.filter(id__in=chunk).delete()
            Member.objects.filter(pk__in=chunk).delete()
        ImportLog.objects.filter(register="members").delete()
    if connection.vendor == "postgresql":  # every round writes into tables as clean as the first's
        tables = [Member, MembershipPeriod, Transition, Member.history.model, ImportLog]
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(m._meta.db_table for m in tables)}")


# --- the pages ----------------------------------------------------------------------------------


def measure(client: Client, urls: list[str], n: int) -> list[tuple[float, int]]:
    times: dict[str, list[float]] = {url: [] for url in urls}
    for url in urls:
        client.get(url)
    for _ in range(n):
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            times[url].append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
    out = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        out.append((statistics.median(times[url]) * 1000, len(queries)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--scale",
        choices=["district", "city"],
        default="district",
        help="the demo to build when the database has no orgs",
    )
    parser.add_argument("--pages-only", action="store_true", help="skip the import")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from accounts.models import User
    from members.models import Member
    from orgs.models import Org, OrgType

    if not Org.objects.exists():
        print(f"no orgs yet: building the demo {args.scale} (seed 1) …")
        call_command("demo", scale=args.scale, seed=1, stdout=io.StringIO())
    print(
        f"database: {connection.vendor}; members: {Member.objects.count():,}; machine shared with others"
    )
    root = Org.objects.get(depth=1)
    admin = User.objects.filter(org=root, role="admin").order_by("pk").first()
    district_admin = User.objects.get(username="district_admin")
    if args.pages_only:
        pages(args, root, admin, district_admin)
        return

    streets = dict(Org.objects.filter(org_type=OrgType.STREET).values_list("name", "pk"))
    rows = make_rows(args.rows, sorted(streets))
    numbers = [r[1] for r in rows]
    with tempfile.TemporaryDirectory() as folder:
        data = write_xlsx(Path(folder) / "会员.xlsx", rows)
    remove(numbers)
    floors, mine = [], []
    for n in range(args.rounds):
        floors.append(floor(data, streets))
        try:
            mine.append(ours(data, admin, len(rows)))
        finally:
            remove(numbers)
        print(f"round {n + 1}: floor {floors[-1]:.2f} s, import_file {mine[-1]:.2f} s")
    f, o = statistics.median(floors), statistics.median(mine)
    print(
        f"import of {len(rows):,} members: {o:.2f} s = {o / f:.2f}× the floor of {f:.2f} s "
        f"({'met' if o / f <= IMPORT_TARGET else 'MISSED'}, target ≤ {IMPORT_TARGET:g}×)"
    )
    pages(args, root, admin, district_admin)


def pages(args: argparse.Namespace, root: Any, admin: Any, district_admin: Any) -> None:
    from accounts.models import User
    from members.models import Member
    from orgs.models import Org, OrgType

    receiving = Member.objects.filter(status="转出中").select_related("transfer_to").first()
    street = (
        receiving.transfer_to
        if receiving is not None
        else Org.objects.filter(org_type=OrgType.STREET).first()
    )
    receiver = User.objects.filter(org=street).first() or admin
    with override_settings(
        ROOT_URLCONF=__name__,
        SECURE_SSL_REDIRECT=False,
        OTP_REQUIRED=False,
        DEBUG=False,
        STORAGES=settings.STORAGES
        | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    ):
        settings.SECURE_SSL_REDIRECT = False
        client = Client()
        print(
            f"{args.requests} requests each, interleaved; target ≤ {PAGE_TARGET:g}× the bare view"
        )
        worst = 0.0
        viewers = [admin] if district_admin.org_id == root.pk else [admin, district_admin]
        for viewer in viewers:
            client.force_login(viewer)
            seen = Member.objects.filter(node__path__startswith=viewer.org.path).count()
            for page in (1, 500):
                (real, q_real), (base, q_base) = measure(
                    client,
                    [f"/registers/members/?page={page}", f"/bench/list/?page={page}"],
                    args.requests,
                )
                worst = max(worst, real / base)
                print(
                    f"member list page {page} as {viewer.username} ({seen:,} members): {real:.1f} ms "
                    f"vs bare {base:.1f} ms = {real / base:.2f}× (queries {q_real}/{q_base})"
                )
        client.force_login(receiver)
        (real, q_real), (base, q_base) = measure(
            client, ["/members/incoming/", "/bench/incoming/"], args.requests
        )
        worst = max(worst, real / base)
        print(
            f"incoming transfers of {street} as {receiver.username}: {real:.1f} ms vs bare {base:.1f} ms = "
            f"{real / base:.2f}× (queries {q_real}/{q_base})"
        )
        print(f"pages: worst {worst:.2f}× ({'met' if worst <= PAGE_TARGET else 'MISSED'})")


if __name__ == "__main__":
    main()
