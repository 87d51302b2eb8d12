"""What waits for the user's level in the assistance workflow (SPEC §4), for the to-do list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from registers.pages import record_url
from todo.due import DueItem

from .models import Status
from .selectors import waiting_rows

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "assistance"  # the register its items are of

KINDS = {
    Status.APPLIED: "救助申请待街道审核",
    Status.STREET_REVIEWED: "救助申请待区总审批",
    Status.DISTRICT_APPROVED: "救助待发放",
}


def due_items(user: User, today: dt.date) -> Iterable[DueItem]:
    """Each application waiting at the user's level, due rules.DUE_AFTER_DAYS after it got there, oldest first."""
    for row in sorted(waiting_rows(user), key=lambda r: (r.due, r.application.number)):
        a = row.application
        yield DueItem(
            kind=KINDS[a.status], title=f"{a.number} {a.applicant}（{a.kind}）", url=record_url("assistance", a.pk),
            due=row.due, today=today, node=a.node.name, key=f"assistance:{a.pk}:{a.status}",
            note=f"申请日期 {a.applied_on:%Y-%m-%d}" + (f"，申请金额 {a.requested_amount}元" if a.requested_amount is not None else ""),
        )
