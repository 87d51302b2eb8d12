"""Workers list speed: the real page against a bare Django view that renders the same 50 rows
from one raw query, both through the same middleware, on a demo district (60,000 workers).

    DATABASE_URL=sqlite:////tmp/ud-bench.sqlite3 uv run python bench/worker_list.py [--requests 30]

Builds the demo district first when the database has none. Prints p50 of each, the ratio
(target ≤ 3×) and the queries per request (page 1 and page 500 must run the same number).
"""

from __future__ import annotations

import argparse
import os
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
from django.urls import include, path  # noqa: E402

BARE_TEMPLATE = engines["django"].from_string(
    "<table>{% for r in rows %}<tr><td>{{ r.0 }}</td><td>{{ r.1 }}</td><td>{{ r.2 }}</td><td>{{ r.3 }}</td>"
    "<td>{{ r.4 }}</td><td>{{ r.5 }}</td><td>{{ r.6 }}</td></tr>{% endfor %}</table>"
)


def bare(request: HttpRequest) -> HttpResponse:
    page = int(request.GET.get("page", 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w.name, w.id_number, w.gender, e.name, w.is_member, w.labour_contract, w.status"
            " FROM workers_worker w JOIN orgs_employer e ON e.id = w.employer_id"
            " WHERE w.status = %s ORDER BY w.name, w.id LIMIT 50 OFFSET %s",
            ["在职", (page - 1) * 50],
        )
        rows = cursor.fetchall()
    return HttpResponse(BARE_TEMPLATE.render({"rows": rows}))


urlpatterns = [path("bench/bare/", bare), path("", include("uniondesk.urls"))]


def measure(client: Client, urls: list[str], n: int) -> list[tuple[float, int]]:
    """p50 in ms and queries per request of each URL, requests interleaved so that whatever
    else the machine does falls on both alike."""
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
            client.get(url)
        out.append((statistics.median(times[url]) * 1000, len(queries)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from orgs.models import Org

    if not Org.objects.exists():
        call_command("demo", seed=1)
    from accounts.models import User
    from workers.models import Worker

    print(f"database: {connection.vendor}, workers: {Worker.objects.count():,}")
    with override_settings(ROOT_URLCONF=__name__, SECURE_SSL_REDIRECT=False, OTP_REQUIRED=False, DEBUG=False):
        settings.SECURE_SSL_REDIRECT = False  # SecurityMiddleware reads it when built
        client = Client()
        client.force_login(User.objects.get(username="district_admin"))
        print(f"{'page':>5} {'list p50 ms':>12} {'bare p50 ms':>12} {'ratio':>6} {'queries (list/bare)':>20}")
        for page in (1, 500):
            (real, q_real), (base, q_bare) = measure(
                client, [f"/workers/?status=在职&page={page}", f"/bench/bare/?page={page}"], args.requests
            )
            print(f"{page:>5} {real:>12.1f} {base:>12.1f} {real / base:>5.2f}× {q_real:>12}/{q_bare}")


if __name__ == "__main__":
    main()
