"""When a finding is due or overdue (SPEC §4): each rule once for a record and once as a query
(`Inspection.objects.overdue(today)`), side by side so the two say the same."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from .choices import RectificationResult

if TYPE_CHECKING:
    from .models import Inspection

#: a finding shows as due this many days before its 整改期限
DUE_SOON_DAYS = 7


def is_overdue(*, deadline: dt.date | None, result: str, today: dt.date) -> bool:
    """逾期: the 整改期限 has passed (today is after it) and the result is not 已整改. The deadline
    day itself still counts as in time."""
    return deadline is not None and deadline < today and result != RectificationResult.DONE


def overdue_q(today: dt.date) -> Q:
    """`is_overdue` as a query."""
    return Q(deadline__lt=today) & ~Q(result=RectificationResult.DONE)


def is_due_soon(*, deadline: dt.date | None, result: str, today: dt.date, days: int = DUE_SOON_DAYS) -> bool:
    """Not 已整改 and the 整改期限 falls from today to `days` days ahead."""
    return (deadline is not None and today <= deadline <= today + dt.timedelta(days=days)
            and result != RectificationResult.DONE)


def due_soon_q(today: dt.date, days: int = DUE_SOON_DAYS) -> Q:
    """`is_due_soon` as a query."""
    return Q(deadline__gte=today, deadline__lte=today + dt.timedelta(days=days)) & ~Q(result=RectificationResult.DONE)


def notices(inspection: Inspection, today: dt.date) -> list[tuple[str, str]]:
    """What the record page says above everything else: 逾期, or a deadline in the coming week."""
    deadline, result = inspection.deadline, inspection.result
    if is_overdue(deadline=deadline, result=result, today=today):
        return [("bad", f"整改逾期：整改期限为 {deadline:%Y-%m-%d}，已过 {(today - deadline).days} 天，"
                        f"整改结果为“{result or '未填写'}”。")]
    if is_due_soon(deadline=deadline, result=result, today=today):
        return [("warn", f"整改期限 {deadline:%Y-%m-%d} 将至，还有 {(deadline - today).days} 天。")]
    return []


def page_notices(inspection: Inspection) -> list[tuple[str, str]]:
    """The notices as of today, for the record page (Register.notices)."""
    return notices(inspection, timezone.localdate())
