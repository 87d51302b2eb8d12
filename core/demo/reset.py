"""`uniondesk demo --reset`: delete the business data and the accounts, dependents first.

Which tables: the org tree and accounts, and every table that refers to them directly or through
another (employers, workers, their history tables, password history, second-factor devices, and
whatever registers are added later), plus sessions and login-lockout counters. Rows are deleted
with plain DELETEs in dependency order, without loading them or sending signals.

The audit log stays: it is append-only (the database refuses deletes); its entries keep the
username and text they were written with, and their org ids point at no row after a reset
(ids are not reused: SQLite AUTOINCREMENT, PostgreSQL sequences).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, router, transaction

from orgs.models import Org

KEPT_APPS = {"audit"}  # append-only
ALSO = ("axes.AccessAttempt",)  # lockout counters of usernames that are about to be recreated


def _targets(model: type[models.Model]) -> set[type[models.Model]]:
    return {
        f.related_model._meta.concrete_model
        for f in model._meta.get_fields()
        if f.concrete and (f.many_to_one or f.one_to_one) and f.related_model is not None
    }


def models_to_wipe() -> list[type[models.Model]]:
    """Every model that refers (transitively) to Org or User, referring models before referred."""
    candidates = [
        m for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in KEPT_APPS and not m._meta.proxy and m._meta.managed
    ]
    chosen: set[type[models.Model]] = {Org, get_user_model()}
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model not in chosen and _targets(model) & chosen:
                chosen.add(model)
                grew = True
    for label in ALSO:
        try:
            chosen.add(apps.get_model(label))
        except LookupError:
            pass
    chosen.add(Session)
    # Kahn's order: a model goes once nothing left to delete refers to it.
    ordered: list[type[models.Model]] = []
    remaining = set(chosen)
    while remaining:
        ready = sorted(
            (m for m in remaining if not any(m in _targets(o) for o in remaining if o is not m)),
            key=lambda m: m._meta.label,
        )
        if not ready:
            raise RuntimeError("无法确定删除顺序：" + ", ".join(sorted(m._meta.label for m in remaining)))
        ordered += ready
        remaining -= set(ready)
    return ordered


def wipe() -> dict[str, int]:
    """Delete; returns rows deleted per table that had any, by the table's Chinese name."""
    deleted = {}
    with transaction.atomic():
        for model in models_to_wipe():
            n = model._base_manager.all()._raw_delete(router.db_for_write(model))
            if n:
                deleted[str(model._meta.verbose_name)] = n
    return deleted
