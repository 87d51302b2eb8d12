"""Reads on a replica (SPEC §10): off without DATABASE_REPLICA_URL; with it, replica_cases.py shows
where each page's reads and writes go, in a process of its own started with the variable set (the
settings read it once, at start)."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from core.replica import REPLICA, PinAfterWriteMiddleware

CASES = settings.BASE_DIR / "core" / "tests" / "replica_cases.py"


@pytest.mark.skipif(bool(os.environ.get("DATABASE_REPLICA_URL")), reason="DATABASE_REPLICA_URL 已设置")
def test_without_a_replica_url_nothing_is_routed():
    assert REPLICA not in settings.DATABASES
    assert not getattr(settings, "DATABASE_ROUTERS", [])
    assert f"{PinAfterWriteMiddleware.__module__}.{PinAfterWriteMiddleware.__name__}" not in settings.MIDDLEWARE


def _own_database(url: str) -> str:
    """The same server under another database name, so the child's test database is never the
    one this run is using."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/') or '/uniondesk'}_replica_cases"))


def test_with_a_replica_url_reads_and_writes_go_where_spec_says(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    env = os.environ | {
        "UNIONDESK_VAR": str(tmp_path),
        "DATABASE_URL": _own_database(url) if url else "",
        # the test runner makes the replica alias a mirror of the test database (TEST MIRROR)
        "DATABASE_REPLICA_URL": _own_database(url) if url else "sqlite:///replica.sqlite3",
    }
    done = subprocess.run(  # noqa: S603 - this interpreter, this file
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", str(CASES)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
