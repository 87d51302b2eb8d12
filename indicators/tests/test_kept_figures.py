"""Figures and due lists kept between requests (core/freshness.py) are never stale: for every
register and every way a person writes it — the create and edit forms, a workflow move, a web
import, its undo, the delete page — the indicator list, the dashboard and 待办 served from what was
kept equal the same pages computed afresh, and the write gave the data a new token.

The suite's tests never commit (conftest turns keeping off); here each write runs its on-commit
callbacks as a commit would, so the token moves exactly as it does in production.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import pytest
from django.contrib.auth.models import update_last_login
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse

from core.freshness import _Bump, current, written_table
from registers.catalog import registers
from registers.models import ImportLog
from registers.tests.samples import SAMPLES, YEAR
from registers.tests.test_every_register import (
    ADMIN,
    FLOWS,
    GENERIC,
    form_data,
    needs_values,
    rows_file,
    seed,
    upload,
)

ALL = sorted(registers())
LIST = f"{reverse('indicators:list')}?year={YEAR}"
DASHBOARD = f"{reverse('indicators:dashboard')}?year={YEAR}"


@pytest.fixture
def fixtures_committed(district, personas):
    """The fixtures' writes as committed before the test begins: their new token given."""
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _Bump) and not entry[1].done:
            entry[1]()
            break


@pytest.fixture
def keeping(settings, fixtures_committed):
    cache.clear()
    settings.FIGURE_CACHE_SECONDS = 600
    return settings


def page(client: Any, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    # the CSRF token and CSP nonce differ on every request; a message is shown once, on the first
    html = re.sub(rb'(csrfmiddlewaretoken" value=|X-CSRFToken": |nonce=)"[^"]*"', b"", response.content)
    return re.sub(rb'<ul class="messages">.*?</ul>', b"", html, flags=re.S)


def assert_fresh(client: Any, settings: Any, *urls: str) -> None:
    """Each page as served (from what was kept, where it was) equals the page computed afresh."""
    for url in urls:
        kept = page(client, url)
        settings.FIGURE_CACHE_SECONDS = 0
        fresh = page(client, url)
        settings.FIGURE_CACHE_SECONDS = 600
        assert kept == fresh, "\n".join(difflib.unified_diff(fresh.decode().splitlines(), kept.decode().splitlines(), lineterm="", n=1))


def pending() -> bool:
    """Business data was written since the last (emulated) commit."""
    return any(isinstance(entry[1], _Bump) and not entry[1].done for entry in connection.run_on_commit)


def committed(django_capture_on_commit_callbacks: Any, write: Any) -> Any:
    """write() as a committed request: its on-commit callbacks run."""
    with django_capture_on_commit_callbacks(execute=True):
        return write()


@pytest.mark.parametrize("slug", ALL)
def test_every_write_of_every_register_gives_fresh_figures(
        admin, district, personas, keeping, django_capture_on_commit_callbacks, slug):
    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        committed(django_capture_on_commit_callbacks, lambda need=need: seed(district, personas[ADMIN], need, 1))
    if SAMPLES[slug].setup is not None:  # what the register's workflow needs besides rows
        committed(django_capture_on_commit_callbacks, lambda: SAMPLES[slug].setup(district))

    def step(name: str, write: Any) -> None:
        page(admin, LIST)  # kept under the token before the write
        assert not pending(), f"before {name}: a read wrote business data"
        token = current()
        response = committed(django_capture_on_commit_callbacks, write)
        assert response.status_code == 302, (name, response.content.decode()[:500])
        assert current() != token, f"{name} left the data's token as it was"
        assert_fresh(admin, keeping, LIST)

    if slug in GENERIC:
        create = reverse("registers:record-create", args=[slug])
        cells = committed(django_capture_on_commit_callbacks, lambda: SAMPLES[slug].row(district, 3))
        step("create", lambda: admin.post(create, form_data(register, cells)))
        record = register.model._default_manager.latest("pk")
        edit = reverse("registers:record-edit", args=[slug, record.pk])

        def change() -> Any:
            initial = admin.get(edit).context["form"].initial
            data = {name: "" if value is None else str(value) for name, value in initial.items()}
            return admin.post(edit, data | form_data(register, SAMPLES[slug].change))

        step("edit", change)
        if slug in FLOWS:
            flow = register.model.WORKFLOW
            record.refresh_from_db()
            to = flow.next_states(getattr(record, flow.field))[0]
            needs = needs_values(register.model, flow.needs.get(to, ()), record)
            move = reverse("registers:record-move", args=[slug, record.pk])
            step("move", lambda: admin.post(move, {"to": to, "reason": "办理", **needs}))
    # a sample row may write what it names (an employer without a union): as a fixture, committed
    rows = committed(django_capture_on_commit_callbacks, lambda: [SAMPLES[slug].row(district, n) for n in (6, 7)])
    response = upload(admin, slug, rows_file(register, rows))
    log = ImportLog.objects.get(register=slug, file_name="台账.xlsx")
    assert not log.problems, log.problems
    step("import", lambda: admin.post(reverse("registers:import-confirm", args=[log.pk])))
    step("undo", lambda: admin.post(reverse("registers:import-undo", args=[log.pk])))
    if slug in GENERIC:  # a record of its own: a moved one may no longer be deleted (an established founding)
        victim = committed(django_capture_on_commit_callbacks, lambda: seed(district, personas[ADMIN], slug, 8)[0])
        step("delete", lambda: admin.post(reverse("registers:record-delete", args=[slug, victim.pk])))
    assert response.status_code == 302
    assert_fresh(admin, keeping, DASHBOARD, reverse("todo:due-list"))


@pytest.fixture
def admin(login):
    return login(ADMIN)


def test_a_kept_figure_moves_with_the_record_a_person_adds(
        admin, district, personas, keeping, django_capture_on_commit_callbacks):
    """What a cadre sees: the dashboard counts the proposal they just added, not the count before."""
    def submitted() -> str:
        html = admin.get(DASHBOARD).content.decode()
        return re.search(r'data-key="proposals.submitted">\s*<span class="label">[^<]*</span>\s*'
                         r'<span class="value">([^<]*)<', html).group(1)

    before = submitted()
    assert submitted() == before  # served again from what was kept
    committed(django_capture_on_commit_callbacks, lambda: seed(district, personas[ADMIN], "proposals", 1))
    assert int(submitted()) == int(before) + 1


def test_bookkeeping_writes_and_rolled_back_ones_leave_the_token(
        fixtures_committed, django_capture_on_commit_callbacks, district, personas):
    token = current()
    with django_capture_on_commit_callbacks(execute=True):
        SessionStore().create()  # every login writes a session and the user's last login:
        update_last_login(None, personas["qingbo_admin"])  # neither may throw the figures away
    assert current() == token
    try:
        with transaction.atomic():
            district.qingbo.name = "改了又撤回"
            district.qingbo.save()
            raise RuntimeError
    except RuntimeError:
        pass
    with django_capture_on_commit_callbacks(execute=True):
        pass
    assert current() == token
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            try:
                with transaction.atomic():  # a savepoint rolled back takes its callback with it …
                    district.hubin.save()
                    raise RuntimeError
            except RuntimeError:
                pass
            district.qingbo.save()  # … so this write asks for a new token again
    assert current() != token


@pytest.mark.parametrize(("sql", "table"), [
    ('INSERT INTO "orgs_org" ("name") VALUES (%s)', "orgs_org"),
    ("INSERT OR IGNORE INTO workers_worker VALUES (1)", "workers_worker"),
    ('  UPDATE "proposals_proposal" SET "x" = 1', "proposals_proposal"),
    ('DELETE FROM "honours_honour" WHERE id = 1', "honours_honour"),
    ('COPY "workers_worker" ("a") FROM STDIN', "workers_worker"),
    ('SELECT * FROM "orgs_org"', None),
    ("SAVEPOINT s1", None),
])
def test_the_written_table_is_read_from_the_statement(sql, table):
    assert written_table(sql) == table


def test_without_the_token_row_nothing_is_kept(admin, district, keeping):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_dataversion")
    assert current() is None
    assert_fresh(admin, keeping, LIST, DASHBOARD)
