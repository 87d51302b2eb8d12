"""Figures kept until the data changes.

Every statement that writes a business table, whatever path it comes by (a page form, an import's
bulk insert, a workflow move, undo, a raw query through Django's cursor), is seen by one execute
wrapper installed on each connection; after the transaction that made it commits, the row of
`DataVersion` gets a new random token. A cached figure is stored under the token read BEFORE its
records were read, so whichever way a write and a read interleave, a figure cached from data older
than a commit sits under a token that commit has replaced: it can be served stale, never. A
bookkeeping table (sessions, the audit log, the task queue, import progress) writes without
changing the token, or every login would throw the figures away.

The token is random rather than a counter, so a database restored from a backup (or a test's
rolled-back transaction) cannot meet a token it did not hold. Without the row (a truncated table)
nothing is cached until the next write gives one. Cached entries also expire after `FIGURE_CACHE_SECONDS`, which bounds the
one thing the wrapper cannot see: a change made outside the product (psql) or a process killed
between its commit and its token.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from .models import DataVersion

TABLE = "core_dataversion"
#: tables whose writes change no figure, by the prefix of their names: sessions and logins (a
#: user's sight is part of the key, so an account's own row never is), lockouts, the audit log,
#: the task queue, import progress, report jobs, notifications, the public forms' rate limits
QUIET = ("django_session", "accounts_user", "accounts_passwordhistory", "axes_", "audit_",
         "django_tasks_database_", "registers_importlog", "indicators_reportjob", "todo_notification",
         "public_hit", "public_spentchallenge", TABLE)
_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|COPY)\s+"?(\w+)"?',
                    re.IGNORECASE)


def written_table(sql: str) -> str | None:
    """The table a statement writes, or None for a read (or anything else: DDL, PRAGMA, SAVEPOINT)."""
    match = _WRITE.match(sql)
    return match.group(1).lower() if match else None


def _bump(alias: str = DEFAULT_DB_ALIAS) -> None:
    # an upsert: a table emptied by hand (TRUNCATE, a test's flush) keeps nothing until the next
    # write, which gives it a token again
    with connections[alias].cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (id, token) VALUES (1, %s) "  # noqa: S608 - a constant name
                       "ON CONFLICT (id) DO UPDATE SET token = excluded.token", [uuid.uuid4().hex])


def note_change(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Business data was written on `alias`: a new token once the transaction commits (once per
    transaction; a rolled-back savepoint takes its callback with it, so the next write asks again)."""
    connection = connections[alias]
    if connection.in_atomic_block and any(isinstance(entry[1], _Bump) and not entry[1].done
                                          for entry in connection.run_on_commit):
        return
    transaction.on_commit(_Bump(alias), using=alias)


class _Bump:
    """The on_commit callback, recognisable in the connection's list of them."""

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.done = False

    def __call__(self) -> None:
        _bump(self.alias)
        self.done = True


_migrating = False  # `migrate` writes before the table exists; it gives a new token when done


def watch_writes(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    table = written_table(sql)
    if table and not _migrating and not table.startswith(QUIET):
        note_change(context["connection"].alias)
    return result


def migration_starts(sender: Any, **kwargs: Any) -> None:
    global _migrating
    _migrating = True


def migration_ends(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    global _migrating
    _migrating = False
    if TABLE in connections[using].introspection.table_names():
        _bump(using)


def install(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """connection_created: every new connection watches its writes."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def current(alias: str | None = None) -> str | None:
    """The data's token as the connection reading it sees it, or None (no row: nothing is cached)."""
    # read where the figures will be read (a replica inside @reads_replica): token and records agree
    using = alias or router.db_for_read(DataVersion)
    return DataVersion.objects.using(using).values_list("token", flat=True).first()


def _key(parts: tuple[Hashable, ...]) -> str | None:
    """The cache key of `parts` under the data's token now and today's date (figures of the current
    year and of the register as it stands move with the day), or None when nothing may be kept."""
    if not settings.FIGURE_CACHE_SECONDS:
        return None
    token = current()
    if token is None:
        return None
    return "figures:" + hashlib.sha256(repr((parts, token, timezone.localdate())).encode()).hexdigest()


class Kept:
    """A dict of computed values kept under `parts` while the data stands: read it, fill what is
    missing, then keep() it. The token is read here, before any record is."""

    def __init__(self, *parts: Hashable) -> None:
        self.key = _key(parts)
        self.values: dict[Hashable, Any] = (cache.get(self.key) if self.key else None) or {}
        self._held = len(self.values)

    def keep(self) -> None:
        if self.key and len(self.values) > self._held:
            cache.set(self.key, self.values, settings.FIGURE_CACHE_SECONDS)
            self._held = len(self.values)

