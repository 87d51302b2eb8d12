"""A record's change history (django-simple-history): how every register keeps it, and its rows
as a person reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]

from core.records import PERSONAL_FIELDS


class RecordHistory(HistoricalRecords):
    """The history of a register's records. History rows are read by their record's id only (its
    page, an import's undo), so the copied fields keep no index of their own: a 100,000-row import
    wrote every history row into ten indexes for nothing. The acting user is kept without a foreign
    key check per row, as the workflow steps and the audit log keep theirs; deleting an account
    still empties the link (Django's SET_NULL), and its name stays in the record's audit entries."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(user_db_constraint=False, **kwargs)

    def copy_fields(self, model: type[models.Model]) -> dict[str, models.Field]:
        fields = super().copy_fields(model)
        for name, copied in fields.items():
            if name != model._meta.pk.name:
                copied.db_index = False
        return fields


KINDS = {"+": "新增", "~": "修改", "-": "删除"}
HIDDEN = {"id", "path", "depth", "numchild", "node"}


@dataclass
class HistoryRow:
    at: Any
    user: str
    kind: str
    reason: str
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)


def _shown(name: str, value: Any, masked: bool) -> Any:
    if value in (None, ""):
        return "—"
    if masked and name in PERSONAL_FIELDS:
        return PERSONAL_FIELDS[name](str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()  # as the record's fields show it: 2026-05-14
    return value


def history_rows(instance: models.Model, *, masked: bool = True, limit: int = 50) -> list[HistoryRow]:
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])  # type: ignore[attr-defined]  # HistoricalRecords
    labels = {f.attname: str(f.verbose_name) for f in instance._meta.concrete_fields}
    fk_names = {f.attname: f.name for f in instance._meta.concrete_fields if f.is_relation}
    rows: list[HistoryRow] = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(rows) == limit:
            break
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                attname = change.field if change.field in labels else f"{change.field}_id"
                if change.field in HIDDEN or attname in HIDDEN:
                    continue
                old, new = change.old, change.new
                if attname in fk_names:
                    old, new = _related_name(newer, older, fk_names[attname])
                changes.append((labels.get(attname, change.field), _shown(attname, old, masked), _shown(attname, new, masked)))
        rows.append(
            HistoryRow(
                at=newer.history_date,
                user=str(newer.history_user) if newer.history_user else "系统",
                kind=KINDS.get(newer.history_type, newer.history_type),
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
    return rows


def _related_name(newer: Any, older: Any, name: str) -> tuple[Any, Any]:
    def label(record: Any) -> Any:
        try:
            return str(getattr(record, name) or "")
        except models.ObjectDoesNotExist:
            return f"#{getattr(record, name + '_id')}"

    return label(older), label(newer)
