from __future__ import annotations

import datetime as dt
from typing import Any

from members.importing import first_periods
from members.models import Member, MembershipPeriod


def member_of(
    district: Any,
    *,
    worker: Any = None,
    node: Any = None,
    status: str = "在籍",
    joined_on: Any = dt.date(2024, 3, 1),
    **fields: Any,
) -> Member:
    """A member of the worker (清波's by default) at its union, with its first periods."""
    worker = worker or district.qingbo_worker
    defaults: dict[str, Any] = (
        {"state_date": dt.date(2024, 4, 1)} if status not in ("在籍", "申请中") else {}
    )
    if status in ("保留会籍", "已退会", "未批准"):
        defaults["change_reason"] = "退休"
    if status == "转出中":
        defaults["transfer_to"] = district.hubin_union
    member = Member.objects.create(
        worker=worker,
        id_number=worker.id_number,
        node=node or district.qingbo_union,
        joined_on=joined_on if status not in ("申请中", "未批准") else None,
        status=status,
        **{**defaults, **fields},
    )
    MembershipPeriod.objects.bulk_create(first_periods(member, dt.date(2024, 5, 1)))
    return member
