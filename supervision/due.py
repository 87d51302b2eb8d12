"""Rectification deadlines of inspection findings (SPEC §4), for the to-do list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from registers.pages import record_url
from todo.due import DueItem

from .models import Inspection
from .rules import DUE_SOON_DAYS

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "inspections"  # the register its items are of


def due_items(user: User, today: dt.date) -> Iterable[DueItem]:
    """Findings not yet 已整改 whose 整改期限 is within DUE_SOON_DAYS, and those past it (逾期)."""
    overdue = Inspection.objects.visible_to(user).overdue(today)
    soon = Inspection.objects.visible_to(user).due_within(today, DUE_SOON_DAYS)
    queryset = (overdue | soon).select_related("employer", "org", "node").order_by("deadline", "number")
    for inspection in queryset:
        late = inspection.deadline < today
        party = inspection.party
        yield DueItem(
            kind="整改逾期" if late else "整改即将到期",
            title=f"{inspection.number} {party.name if party else ''}".strip(),
            url=record_url("inspections", inspection.pk), due=inspection.deadline, today=today,
            node=inspection.node.name, key=f"inspections:{inspection.pk}:{'overdue' if late else 'due'}",
            note=f"整改期限 {inspection.deadline:%Y-%m-%d}，整改结果：{inspection.result or '未填写'}",
        )
