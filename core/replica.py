"""Reads on a streaming replica (SPEC §10).

With DATABASE_REPLICA_URL set, the pages that only read figures (reports, dashboards, indicator and
area pages, exports) read from the replica, and the primary keeps its strength for writes. A view
says so with `@reads_replica`; everything else (writes, filing, imports, workflows, the session and
login) stays on the primary. A session that wrote less than REPLICA_PIN_SECONDS ago reads on the
primary too, so its user sees what they just saved even while the replica lags a few seconds.

Without a replica the settings install neither the router nor the middleware, and the decorator
only calls the view.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

REPLICA = "replica"
PRIMARY = DEFAULT_DB_ALIAS
WROTE_AT = "replica_wrote_at"  # session key: when this session last wrote (time.time())
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# set for the length of one view (or one background report) that reads from the replica
_reading: ContextVar[bool] = ContextVar("reading_replica", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads(*, when: bool = True) -> Iterator[None]:
    """Reads made inside the block go to the replica (if there is one and `when` holds)."""
    token = _reading.set(when and has_replica())
    try:
        yield
    finally:
        _reading.reset(token)


def pinned(request: HttpRequest) -> bool:
    """Whether this session wrote less than REPLICA_PIN_SECONDS ago (it then reads the primary)."""
    wrote_at = request.session.get(WROTE_AT)
    return wrote_at is not None and time.time() - wrote_at < settings.REPLICA_PIN_SECONDS


def reads_replica[V: Callable[..., HttpResponseBase]](view: V) -> V:
    """Mark a view whose reads may go to the replica. Put it below the permission decorator, so
    the session, the user and their rights are read on the primary before the view starts."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not has_replica():
            return view(request, *args, **kwargs)
        with replica_reads(when=not pinned(request)):
            return view(request, *args, **kwargs)

    return cast("V", wrapped)


def replica_holds(instance: Model, *, wait: float | None = None) -> bool:
    """Whether the replica has replayed `instance`'s row, waiting up to `wait` seconds
    (REPLICA_PIN_SECONDS by default). The replica replays commits in order, so once it holds a row
    it holds everything committed before it: a background job made right after a user's writes
    reads them on the replica, or on the primary if the replica is still behind or down."""
    if not has_replica():
        return False
    rows = type(instance)._base_manager.using(REPLICA).filter(pk=instance.pk)
    deadline = time.monotonic() + (settings.REPLICA_PIN_SECONDS if wait is None else wait)
    try:
        while not rows.exists():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)
    except DatabaseError:  # the replica does not answer: the job reads the primary
        return False
    return True


class ReplicaRouter:
    """Reads go to the replica only inside a `replica_reads` block and while no transaction is open
    on the primary (a service reads what it is writing on, e.g. the head of the audit chain before
    appending to it); writes, relations and migrations are the primary's."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _reading.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        # named, not None: Django would otherwise read a replica row's relations on the replica
        return PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        return True if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None} else None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == PRIMARY


class PinAfterWriteMiddleware:
    """Note in the session when a signed-in request wrote: any method but GET/HEAD/OPTIONS/TRACE
    that was not refused (status below 400). Sits after the session and authentication middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method not in SAFE_METHODS and response.status_code < 400 and user is not None and user.is_authenticated:
            request.session[WROTE_AT] = time.time()
        return response
