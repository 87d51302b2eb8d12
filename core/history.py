"""A record's change history (django-simple-history) as rows a person can read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from core.records import PERSONAL_FIELDS

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
