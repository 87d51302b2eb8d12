"""Workers list speed: the real page (workers:worker-list, `?status=在职&page=N`) against a bare
Django view that renders the same 50 rows from one raw LIMIT/OFFSET query in a minimal template,
both through the same middleware and test client, logged in as the district admin, on a demo
district (60,000 workers).

    DATABASE_URL=sqlite:////tmp/ud-bench.sqlite3 uv run python bench/worker_list.py [--requests 30]

Builds the demo district (seed 1) first when the database has no orgs. Prints, for page 1 and
page 500, the p50 of each, the ratio (target ≤ 3×), the queries per request (the list must run as
many on page 500 as on page 1) and whether the list showed the bare view's 50 rows.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/ud-bench.sqlite3")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402

TARGET = 3.0

BARE_TEMPLATE = engines["django"].from_string(
    "<table>{% for r in rows %}<tr><td>{{ r.0 }}</td><td>{{ r.1 }}</td><td>{{ r.2 }}</td><td>{{ r.3 }}</td>"
    "<td>{{ r.4 }}</td><td>{{ r.5 }}</td><td>{{ r.6 }}</td><td>{{ r.7 }}</td></tr>{% endfor %}</table>"
)


def bare(request: HttpRequest) -> HttpResponse:
    """The same rows as the list's default order (name, then id), one query, no forms; limited
    to the user's subtree by a plain path prefix when the user is not at the root."""
    page = int(request.GET.get("page", 1))
    columns = (
        "SELECT w.name, w.id_number, w.gender, e.name, s.name, w.is_member, w.labour_contract, w.status"
        " FROM workers_worker w JOIN orgs_employer e ON e.id = w.employer_id JOIN orgs_org s ON s.id = e.street_id"
    )
    order = " ORDER BY w.name, w.id LIMIT 50 OFFSET %s"
    with connection.cursor() as cursor:
        if request.user.org.depth == 1:
            cursor.execute(columns + " WHERE w.status = %s" + order, ["在职", (page - 1) * 50])
        else:
            cursor.execute(
                columns + " JOIN orgs_org n ON n.id = w.node_id WHERE n.path LIKE %s AND w.status = %s" + order,
                [request.user.org.path + "%", "在职", (page - 1) * 50],
            )
        rows = cursor.fetchall()
    return HttpResponse(BARE_TEMPLATE.render({"rows": rows}))


def shown_names(html: str) -> list[str]:
    """Worker names the list links to their detail pages (the bare view: first cell of a row)."""
    return re.findall(r'<a href="/workers/\d+/">([^<]+)</a>', html) or re.findall(r"<tr><td>([^<]+)</td>", html)


urlpatterns = [path("bench/bare/", bare), path("", include("uniondesk.urls"))]


def measure(client: Client, urls: list[str], n: int) -> list[tuple[float, int, list[str]]]:
    """p50 in ms, queries per request and names shown, for each URL; requests interleaved so
    that whatever else the machine does falls on both alike."""
    times: dict[str, list[float]] = {url: [] for url in urls}
    for url in urls:
        client.get(url)  # warm caches
    for _ in range(n):
        for url in urls:
            t = time.perf_counter()
            response = client.get(url)
            times[url].append(time.perf_counter() - t)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
    out = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        out.append((statistics.median(times[url]) * 1000, len(queries), shown_names(response.content.decode())))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--as", dest="username", default="district_admin",
                        help="the demo account to log in as (qingbo_admin: a street's subtree, not the whole tree)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from orgs.models import Org

    if not Org.objects.exists():
        print("no orgs yet: building the demo district (seed 1) …")
        call_command("demo", seed=1, stdout=io.StringIO())
    from accounts.models import User
    from workers.models import Worker

    print(f"database: {connection.vendor}, workers: {Worker.objects.count():,}")
    # pages name static files by their plain names (no collectstatic manifest here)
    with override_settings(ROOT_URLCONF=__name__, SECURE_SSL_REDIRECT=False, OTP_REQUIRED=False, DEBUG=False,
                           STORAGES=settings.STORAGES | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
        settings.SECURE_SSL_REDIRECT = False  # SecurityMiddleware reads it when built
        client = Client()
        client.force_login(User.objects.get(username=args.username))
        list_url = reverse("workers:worker-list")
        print(f"{args.requests} requests each, interleaved; target: list ≤ {TARGET}× bare, same queries on every page")
        print(f"{'page':>5} {'list p50 ms':>12} {'bare p50 ms':>12} {'ratio':>7} {'queries list/bare':>18}  rows shown")
        list_queries, rows_shown, worst = [], 0, 0.0
        for page in (1, 500):
            (real, q_real, names), (base, q_bare, bare_names) = measure(
                client, [f"{list_url}?status=在职&page={page}", f"/bench/bare/?page={page}"], args.requests
            )
            list_queries.append(q_real)
            rows_shown += len(names)
            worst = max(worst, real / base)
            same = "the bare view's 50" if names == bare_names else f"{len(names)}, not the bare view's {len(bare_names)}"
            print(f"{page:>5} {real:>12.1f} {base:>12.1f} {real / base:>6.2f}× {q_real:>11}/{q_bare:<6}  {same}")
        if not rows_shown:
            print("the workers list rendered no rows: is the view still a stub?")
        print(f"ratio: worst {worst:.2f}× ({'met' if worst <= TARGET else 'MISSED'}); "
              f"queries page 1 / page 500: {list_queries[0]} / {list_queries[1]} "
              f"({'equal' if list_queries[0] == list_queries[1] else 'DIFFERENT'})")


if __name__ == "__main__":
    main()
