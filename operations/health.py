"""What /healthz checks: the database answers, and the task queue is being worked through."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def queue_in_database() -> bool:
    """False when tasks run inside the request (UNIONDESK_TASKS=immediate): no queue to fall behind."""
    backend = import_string(settings.TASKS["default"]["BACKEND"])
    return issubclass(backend, DatabaseBackend)


def oldest_due_wait() -> timedelta | None:
    """How long the task due first has waited for a worker: since it was queued, or since the
    time it was to run after when that came later. None when nothing is due."""
    never = get_date_max()
    due_since = (
        DBTaskResult.objects.ready()
        .annotate(due_at=Case(When(run_after=never, then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after")))
        .aggregate(oldest=Min("due_at"))["oldest"]
    )
    return None if due_since is None else timezone.now() - due_since


def queue_late() -> bool:
    wait = oldest_due_wait()
    return wait is not None and wait.total_seconds() >= settings.HEALTHZ_QUEUE_MAX_AGE
