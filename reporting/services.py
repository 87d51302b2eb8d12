"""The parent's moves on its children's filings (SPEC §8): 接收, 退回, reopening an accepted year,
and the due date. Filing itself is indicators.filing.file_report (it runs the 逻辑检查 registered
by this app). Each move is one audited transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from indicators.filing import file_report, filed
from indicators.models import FiledReport, FilingState
from orgs.models import Org

from .models import FilingDue

if TYPE_CHECKING:
    from accounts.models import User


def _parent_admin(user: User, parent: Org) -> None:
    if not user.writes_business_data or parent.pk != user.org_id:
        raise PermissionDenied("只有上级组织的管理员可以接收、退回下级的上报或设置截止日期。")


def _child_version(user: User, child: Org, year: int) -> FiledReport:
    """The child's latest version, locked; the child must lie directly under the user's node."""
    parent = Org.objects.get_parent(child)
    if parent is None:
        raise ValidationError(f"{child.name}是根组织，没有上级。")
    _parent_admin(user, parent)
    version = (
        FiledReport.objects.select_for_update()
        .filter(org=child, year=year)
        .order_by("-version")
        .first()
    )
    if version is None:
        raise ValidationError(f"{child.name}{year}年尚未上报。")
    return version


def _decide(
    user: User, version: FiledReport, state: str, reason: str, action: str, request: Any
) -> FiledReport:
    before = version.state
    version.state, version.reason = state, reason
    version.decided_at, version.decided_by = timezone.now(), user if user.pk else None
    version.save(update_fields=["state", "reason", "decided_at", "decided_by"])
    audit_record(
        action=Action.TRANSITION,
        request=request,
        user=user,
        obj=version,
        detail={
            "操作": action,
            "年度": version.year,
            "版本": version.version,
            "从": before,
            "到": state,
            "原因": reason,
        },
    )
    return version


@transaction.atomic
def filing_accept(*, user: User, child: Org, year: int, request: Any = None) -> FiledReport:
    """接收: the parent fixes the child's filing (not its records: they stay editable)."""
    version = _child_version(user, child, year)
    if version.state != FilingState.FILED:
        raise ValidationError(
            f"{child.name}{year}年的报告现为“{version.state}”，只有“已上报”的可以接收。"
        )
    return _decide(user, version, FilingState.ACCEPTED, "", "接收", request)


@transaction.atomic
def filing_return(
    *, user: User, child: Org, year: int, reason: str, request: Any = None
) -> FiledReport:
    """退回 with a reason: the child fixes its records and files again (a new version)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("退回须填写原因。")
    version = _child_version(user, child, year)
    if version.state != FilingState.FILED:
        raise ValidationError(
            f"{child.name}{year}年的报告现为“{version.state}”，只有“已上报”的可以退回（已接收的须重新打开）。"
        )
    return _decide(user, version, FilingState.RETURNED, reason, "退回", request)


@transaction.atomic
def filing_reopen(
    *, user: User, child: Org, year: int, reason: str, request: Any = None
) -> FiledReport:
    """Reopen an accepted year (it becomes 已退回, to be filed again); refused while the parent's
    own filing of the year stands (the parent's figures rest on it)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("重新打开须填写原因。")
    version = _child_version(user, child, year)
    if version.state != FilingState.ACCEPTED:
        raise ValidationError(
            f"{child.name}{year}年的报告现为“{version.state}”，只有“已接收”的可以重新打开。"
        )
    own = filed(user.org, year) if user.org is not None else None
    if own is not None:
        raise ValidationError(
            f"{own.org.name}{year}年的报告已{own.state}：须先由上级退回或重新打开本级的报告，才能重新打开下级的。"
        )
    return _decide(user, version, FilingState.RETURNED, reason, "重新打开", request)


@transaction.atomic
def filing_due_set(
    *, user: User, org: Org, year: int, due_on: dt.date, request: Any = None
) -> FilingDue:
    """The due date of the org's children's filing of the year."""
    _parent_admin(user, org)
    due, _ = FilingDue.objects.update_or_create(
        org=org, year=year, defaults={"due_on": due_on, "set_by": user if user.pk else None}
    )
    audit_record(
        action=Action.UPDATE,
        request=request,
        user=user,
        obj=due,
        detail={"年度": year, "上报截止日期": due_on.isoformat()},
    )
    return due


def filing_file(
    *,
    user: User,
    org: Org,
    year: int,
    explanations: dict[str, str] | None = None,
    request: Any = None,
) -> FiledReport:
    """上报 (or 代报, or the root's 定稿): indicators.filing.file_report, with the 逻辑检查."""
    return file_report(user=user, org=org, year=year, explanations=explanations, request=request)
