"""Writes to the entry register from pages: results and awards, each saved with history and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import Action
from audit.services import audit_record
from core.records import changes_between, save_with_history, snapshot

from .models import Entry

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def entry_results_save(*, user: User, entries: list[Entry], values: dict[int, tuple[str, str]], request: Any = None) -> int:
    """Set 成绩 and 奖项 of the given entries (`values`: entry id → (成绩, 奖项)); returns how many
    changed. The entries come from the caller's scoped query."""
    if not user.writes_business_data:
        raise PermissionDenied("您的角色无权修改业务数据。")
    changed = 0
    for entry in entries:
        result, award = values[entry.pk]
        result = result.strip()
        if (entry.result, entry.award) == (result, award):
            continue
        before = snapshot(entry)
        entry.result, entry.award = result, award
        save_with_history(entry, user=user, reason="录入成绩")
        audit_record(action=Action.UPDATE, request=request, user=user, obj=entry, detail=changes_between(before, entry))
        changed += 1
    return changed
