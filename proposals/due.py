"""Proposals that have waited over 15 days for review (SPEC §4: shown on the front page)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from registers.pages import record_url
from todo.due import DueItem

from .models import WAIT_DAYS, Proposal

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "proposals"  # the register its items are of

KIND = f"合理化建议待审核超过{WAIT_DAYS}天"


def due_items(user: User, today: dt.date) -> list[DueItem]:
    """A proposal still 已提交/审核中 more than WAIT_DAYS days after its 提出日期; its due date is
    the day the wait ran out."""
    limit = today - dt.timedelta(days=WAIT_DAYS)
    waiting = (Proposal.objects.visible_to(user).waiting().filter(submitted_on__lt=limit)
               .select_related("node").only("number", "title", "submitted_on", "status", "node__name")
               .order_by("submitted_on", "id"))
    return [
        DueItem(
            kind=KIND, title=str(p), url=record_url("proposals", p.pk),
            due=p.submitted_on + dt.timedelta(days=WAIT_DAYS), today=today, node=p.node.name,
            key=f"proposals:{p.pk}:review",
            note=f"{p.status}，提出日期 {p.submitted_on:%Y-%m-%d}，已等待 {p.days_waiting(today)} 天",
        )
        for p in waiting
    ]
