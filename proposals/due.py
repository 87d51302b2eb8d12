"""Proposals that have waited longer than rules.WAIT_DAYS for review (SPEC §4: shown on the front page)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from registers.pages import record_url
from todo.due import DueItem

from .models import Proposal
from .rules import WAIT_DAYS, review_due, submitted_for_review_due

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "proposals"  # the register its items are of

KIND = f"合理化建议待审核超过{WAIT_DAYS}天"


def due_items(user: User, today: dt.date) -> list[DueItem]:
    """A proposal still 已提交/审核中 more than WAIT_DAYS days after its 提出日期; its due date is
    the day the wait ran out."""
    waiting = (Proposal.objects.visible_to(user).waiting().filter(submitted_on__lt=submitted_for_review_due(today))
               .select_related("node").only("number", "title", "submitted_on", "status", "node__name")
               .order_by("submitted_on", "id"))
    return [
        DueItem(
            kind=KIND, title=str(p), url=record_url("proposals", p.pk),
            due=review_due(p.submitted_on), today=today, node=p.node.name,
            key=f"proposals:{p.pk}:review",
            note=f"{p.status}，提出日期 {p.submitted_on:%Y-%m-%d}，已等待 {p.days_waiting(today)} 天",
        )
        for p in waiting
    ]
