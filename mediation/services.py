"""The moves of a mediation case (SPEC §4), each through workflows.services.move, which checks the
move, fills what it needs, and records who, when and why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from workflows.services import move

from .models import Case, CaseStatus

if TYPE_CHECKING:
    from accounts.models import User


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"{what}须填写原因")
    return reason


def case_accept(*, case: Case, user: User, accepted_on: dt.date, reason: str = "", request: Any = None) -> Case:
    return move(case, CaseStatus.ACCEPTED, user=user, reason=reason, request=request, changes={"accepted_on": accepted_on})


def case_start(*, case: Case, user: User, reason: str = "", request: Any = None) -> Case:
    return move(case, CaseStatus.MEDIATING, user=user, reason=reason, request=request)


def case_succeed(
    *, case: Case, user: User, closed_on: dt.date, agreed_amount: Decimal, matters: str, terms: str,
    reason: str = "", request: Any = None,
) -> Case:
    """The parties agreed: the agreement's matters, terms and amount (0 when nothing is paid) are
    what the printable 调解协议书 says."""
    matters, terms = (matters or "").strip(), (terms or "").strip()
    if not matters or not terms:
        raise ValidationError("调解成功须填写争议事项和协议内容（用于调解协议书）")
    return move(case, CaseStatus.SUCCEEDED, user=user, reason=reason, request=request, changes={
        "closed_on": closed_on, "agreed_amount": agreed_amount, "matters": matters, "terms": terms})


def case_fail(*, case: Case, user: User, closed_on: dt.date, reason: str, request: Any = None) -> Case:
    """No agreement: the applicant may go on to arbitration."""
    reason = _reason(reason, "调解不成功")
    return move(case, CaseStatus.FAILED, user=user, reason=reason, request=request, changes={"closed_on": closed_on})


def case_withdraw(*, case: Case, user: User, closed_on: dt.date, reason: str, request: Any = None) -> Case:
    reason = _reason(reason, "撤回申请")
    return move(case, CaseStatus.WITHDRAWN, user=user, reason=reason, request=request, changes={"closed_on": closed_on})
