"""The same pages on the demo district and on the demo city (ten districts, `demo --scale city`).

A district's admin sees one district in both databases; the city holds ten times the rows around
it. Pages whose cost follows the user's subtree answer alike; a page that scans whole tables grows.
Target: city pages within 2× of district pages.

    uv run python bench/scale.py [--district URL] [--city URL] [--requests 7]

Each database is asked by a child process of its own (the settings read DATABASE_URL once), with
the test client and the production middleware, one warm-up, then the p50 of N requests per page.
The databases must hold the demo: `uniondesk demo` and `uniondesk demo --scale city`.
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


def pages(year: int) -> dict[str, str]:
    return {
        "dashboard": "/",
        "workers list": "/workers/?status=在职",
        "proposals list": "/registers/proposals/",
        "cases search": "/registers/cases/?q=工资",
        "待办": "/todo/",
        "drill-down": f"/indicators/proposals.submitted/?year={year}",
        "indicator list": f"/indicators/?year={year}",
    }


def child(requests: int) -> None:
    """In the child: time each page as district_admin and print JSON."""
    sys.path[0] = str(ROOT)  # the project's packages, not this folder's bench/indicators.py
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment
    from django.utils import timezone

    from accounts.models import User
    from workers.models import Worker

    setup_test_environment()
    plain = settings.STORAGES | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    result: dict[str, object] = {"workers": Worker.objects.count()}
    with override_settings(SECURE_SSL_REDIRECT=False, OTP_REQUIRED=False, DEBUG=False, STORAGES=plain):
        client = Client()
        client.force_login(User.objects.get(username="district_admin"))
        for name, url in pages(timezone.localdate().year - 1).items():
            assert client.get(url).status_code == 200, url  # noqa: S101 - a bench stops on a broken page
            times = []
            for _ in range(requests):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
            result[name] = (statistics.median(times), len(queries.captured_queries))
    print(json.dumps(result))


def run(url: str, requests: int) -> dict[str, object]:
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run([sys.executable, __file__, "--child", "--requests", str(requests)],  # noqa: S603 - this script
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--district", default=PG + "ud_load")
    parser.add_argument("--city", default=PG + "ud_city")
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.requests)
        return
    district, city = run(args.district, args.requests), run(args.city, args.requests)
    print(f"workers held: district {district.pop('workers'):,}, city {city.pop('workers'):,}; as district_admin, "
          f"p50 of {args.requests}")
    print(f"{'page':<16}{'district ms':>12}{'city ms':>10}{'ratio':>8}{'queries d/c':>14}")
    worst = 0.0
    for name, (d_ms, d_q) in district.items():  # type: ignore[misc]
        c_ms, c_q = city[name]  # type: ignore[misc]
        worst = max(worst, c_ms / d_ms)
        print(f"{name:<16}{d_ms:>12.0f}{c_ms:>10.0f}{c_ms / d_ms:>7.2f}×{f'{d_q}/{c_q}':>14}")
    print(f"worst ratio {worst:.2f}× (target ≤ 2×): {'met' if worst <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
