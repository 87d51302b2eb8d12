"""/healthz as a monitor sees it: 200 while the database answers and the queue moves, else 503."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

URL = "/healthz"


@pytest.fixture
def database_queue(settings):
    """Tasks go to the database queue, as in production (the suite runs them in the request)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTHZ_QUEUE_MAX_AGE = 300


def _task(*, waited: timedelta, run_after=None, status: str = "READY") -> DBTaskResult:
    task = DBTaskResult.objects.create(status=status, args_kwargs={"args": [], "kwargs": {}}, task_path="registers.tasks.x",
                                       backend_name="default", run_after=run_after or get_date_max())
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - waited)
    return task


def test_healthz_answers_200_without_login_and_says_nothing_more(client, db, database_queue):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "queue": "ok"}
    assert not response.cookies  # no session, no CSRF cookie


def test_a_task_waiting_longer_than_the_limit_makes_healthz_answer_503(client, db, database_queue):
    _task(waited=timedelta(seconds=100))
    assert client.get(URL).status_code == 200  # waiting, not yet late
    _task(waited=timedelta(seconds=301))
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "queue": "late"}
    assert not response.cookies


def test_only_due_tasks_count_as_waiting(client, db, database_queue):
    """A task to run tomorrow is not late today; one whose time came a minute ago has waited a minute;
    a finished or running one is not waiting at all."""
    _task(waited=timedelta(hours=2), run_after=timezone.now() + timedelta(days=1))
    _task(waited=timedelta(hours=2), run_after=timezone.now() - timedelta(minutes=1))
    _task(waited=timedelta(hours=2), status="SUCCESSFUL")
    _task(waited=timedelta(hours=2), status="RUNNING")
    assert client.get(URL).status_code == 200
    _task(waited=timedelta(hours=2), run_after=timezone.now() - timedelta(minutes=10))
    assert client.get(URL).status_code == 503


def test_with_tasks_run_in_the_request_the_queue_is_not_checked(client, db, database_queue, settings):
    _task(waited=timedelta(hours=2))
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "queue": "unchecked"}


def test_a_monitor_calling_again_and_again_leaves_no_session_behind(client, db, database_queue):
    from django.contrib.sessions.models import Session

    for _ in range(3):
        assert client.get(URL).status_code == 200
    assert not Session.objects.exists() and not client.cookies


def test_healthz_answers_plain_http_without_the_https_redirect(client, db, database_queue, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(URL).status_code == 200
    assert client.get("/accounts/login/").status_code == 301


def test_healthz_takes_no_post(client, db, database_queue):
    assert client.post(URL).status_code == 405
