"""Mediation cases near or past their time limit (劳动争议调解仲裁法 §14), for the to-do list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import F
from django.db.models.functions import Coalesce

from registers.pages import record_url
from todo.due import DueItem

from .models import Case
from .rules import WARN_DAYS, deadline

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "cases"  # the register its items are of

SOON = "调解案件即将超期"
OVERDUE = "调解案件已超期"


def due_items(user: User, today: dt.date) -> Iterator[DueItem]:
    """Open cases whose limit is at most WARN_DAYS away, and those past it (they may now go to
    arbitration), oldest first."""
    cases = Case.objects.visible_to(user)
    rows = (cases.overdue(today) | cases.due_within(WARN_DAYS, today)).annotate(
        respondent_name=Coalesce(F("respondent_employer__name"), F("respondent_org__name")),
    ).order_by("applied_on", "number").values_list(
        "pk", "number", "applicant", "respondent_name", "applied_on", "status", "node__name")
    for pk, number, applicant, respondent, applied_on, status, node in rows:
        limit = deadline(applied_on)
        overdue = limit < today
        kind = OVERDUE if overdue else SOON
        yield DueItem(
            kind=kind, title=f"{number} {applicant}与{respondent}", url=record_url("cases", pk), due=limit,
            today=today, node=node, key=f"cases:{pk}:{'overdue' if overdue else 'soon'}",
            note=f"申请日期 {applied_on:%Y-%m-%d}，{status}" + ("；申请人可以申请仲裁" if overdue else ""),
        )
