"""Dashboard speed, one user, warm: the dashboard (`/`, indicators.dashboard) as served (its figures
kept while the data stands, core/freshness.py), the same page computed afresh on every request
(FIGURE_CACHE_SECONDS=0), the same again with every figure taken one year at a time (as before
figures_by_year grouped years), and a bare view of one query in a minimal template, interleaved in
the same run, through the same middleware and test client.

    uv run python bench/dashboard.py [--requests 9] [--as district_admin] [--year Y]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ud_load uv run python bench/dashboard.py   # the default

Builds the demo district (seed 1) first when the database has no orgs. Prints per view the p50 and
min of `--requests` requests after one warm-up, the queries of one request and the time they took
in the database, and checks that both dashboards render the same page (but for the CSRF token and CSP nonce).
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
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ud_load")
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

from indicators import catalog  # noqa: E402

TARGET_MS = 200
BARE_TEMPLATE = engines["django"].from_string("<p>{{ n }}</p>")


def bare(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM orgs_org")
        (n,) = cursor.fetchone()
    return HttpResponse(BARE_TEMPLATE.render({"n": n}))


def computed(request: HttpRequest) -> HttpResponse:
    """The dashboard with no figure kept from an earlier request."""
    from indicators.dashboard import dashboard

    with override_settings(FIGURE_CACHE_SECONDS=0):
        return dashboard(request)


def per_year(request: HttpRequest) -> HttpResponse:
    """The dashboard computed afresh with every figure taken year by year (one query per figure and year)."""
    grouped, together = catalog.groups_by_year, catalog.takes_years_together
    catalog.groups_by_year = catalog.takes_years_together = lambda indicator: False  # type: ignore[assignment]
    try:
        return computed(request)
    finally:
        catalog.groups_by_year, catalog.takes_years_together = grouped, together


urlpatterns = [path("bench/bare/", bare), path("bench/computed/", computed), path("bench/per-year/", per_year),
               path("", include("uniondesk.urls"))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--as", dest="username", default="district_admin")
    parser.add_argument("--year", type=int, default=0, help="?year=Y (default: the dashboard's own)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from orgs.models import Org

    if not Org.objects.exists():
        print("no orgs yet: building the demo district (seed 1) …")
        call_command("demo", seed=1, stdout=io.StringIO())
    from accounts.models import User

    query = f"?year={args.year}" if args.year else ""
    views = {"dashboard": f"/{query}", "dashboard, computed": f"/bench/computed/{query}",
             "computed, year by year": f"/bench/per-year/{query}", "bare view": "/bench/bare/"}
    # pages name static files by their plain names (no collectstatic manifest here)
    with override_settings(ROOT_URLCONF=__name__, SECURE_SSL_REDIRECT=False, OTP_REQUIRED=False, DEBUG=False,
                           STORAGES=settings.STORAGES | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
        settings.SECURE_SSL_REDIRECT = False
        client = Client()
        client.force_login(User.objects.get(username=args.username))
        pages = {}
        for name, url in views.items():  # warm-up, and the page each renders
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            # the CSRF token and the CSP nonce differ on every request
            pages[name] = re.sub(rb'(csrfmiddlewaretoken" value=|X-CSRFToken": |nonce=)"[^"]*"', b"", response.content)
        times: dict[str, list[float]] = {name: [] for name in views}
        for _ in range(args.requests):
            for name, url in views.items():
                t = time.perf_counter()
                client.get(url)
                times[name].append((time.perf_counter() - t) * 1000)
        print(f"database: {connection.vendor}, as {args.username}, {args.requests} requests each, interleaved")
        print(f"{'view':<26} {'p50 ms':>8} {'min ms':>8} {'queries':>8} {'db ms':>8}")
        p50 = {}
        for name, url in views.items():
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            db = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            p50[name] = statistics.median(times[name])
            print(f"{name:<26} {p50[name]:>8.1f} {min(times[name]):>8.1f} {len(queries):>8} {db:>8.1f}")
        same = pages["dashboard"] == pages["dashboard, computed"] == pages["computed, year by year"]
        print(f"dashboard / bare view: {p50['dashboard'] / p50['bare view']:.1f}×; "
              f"computed / kept: {p50['dashboard, computed'] / p50['dashboard']:.1f}×; "
              f"year by year / grouped: {p50['computed, year by year'] / p50['dashboard, computed']:.2f}×; "
              f"target ≤ {TARGET_MS} ms: {'met' if p50['dashboard'] <= TARGET_MS else 'MISSED'}; "
              f"pages {'identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
