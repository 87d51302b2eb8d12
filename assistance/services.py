"""Writes to the assistance register beyond the record form and the import: an application filed
through the public form, and each step of its approval from the queue.

Every step goes through `workflows.services.move` (locked row, history, Transition, audit); these
functions add what is particular to assistance: the level that may act, the reason a refusal
needs, and a payment made once only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.records import save_with_history
from core.validators import validate_id_number, validate_not_future
from workers.models import Worker
from workflows.models import Via
from workflows.services import move

from .models import Application, Status
from .rules import ALREADY_PAID

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def advance(
    *, user: User, application: Application, to: str, reason: str = "", approved_amount: Decimal | None = None,
    paid_on: dt.date | None = None, request: Any = None, via: str = Via.PAGE, today: dt.date | None = None,
) -> Application:
    """Move an application one step (审核, 审批, 发放 or 不予救助), saying in assistance's own words
    what the step lacks; `move` checks the step and the user's level (the workflow's guard) and
    records who, when and why. Returns the saved application."""
    if not getattr(user, "writes_business_data", False):
        raise PermissionDenied("您的角色无权办理救助审批。")
    # lock first: of two payments sent at once, the second waits here and then sees 已发放
    locked = Application.objects.select_for_update(of=("self",)).select_related("node").filter(pk=application.pk).first()
    if locked is None or not Application.objects.visible_to(user).filter(pk=locked.pk).exists():
        raise PermissionDenied("该申请不在您的管辖范围内")
    if locked.status == Status.PAID and to == Status.PAID:
        raise ValidationError(ALREADY_PAID)
    Application.WORKFLOW.check(locked.status, to)  # a step that may not be made is said before what it lacks
    reason = (reason or "").strip()
    changes: dict[str, Any] = {}
    if to == Status.REFUSED and not reason:
        raise ValidationError({"reason": "不予救助须填写原因"})
    if to == Status.PAID:
        if approved_amount is None or paid_on is None:
            missing = "、".join(n for n, v in (("批准金额", approved_amount), ("发放日期", paid_on)) if v is None)
            raise ValidationError(f"发放须填写：{missing}")
        validate_not_future(paid_on, label="发放日期", today=today or timezone.localdate())
        changes = {"approved_amount": approved_amount, "paid_on": paid_on}
    return move(locked, to, user=user, reason=reason, via=via, request=request, changes=changes)


@transaction.atomic
def application_submit_public(data: dict[str, Any], employer: Any) -> Application:
    """An application a worker files through the public form, in 已申请: linked to the worker the
    身份证号 names anywhere in the tree; owned by that worker's employer's node, else by the node of
    the employer the form named. The public form records the creation and the audit entry."""
    try:
        id_number = validate_id_number(data["id_number"])
    except ValidationError as error:
        raise ValidationError({"id_number": error.messages}) from None
    worker = Worker.objects.filter(id_number=id_number).only("pk", "node_id").first()
    node_id = worker.node_id if worker is not None else getattr(employer, "node_id", None)
    if node_id is None:
        raise ValidationError({"employer_search": "请填写所在单位"})
    application = Application(  # type: ignore[misc]  # the amount may be blank (null=True through _amount)
        number=_public_number(), applicant=data["name"].strip(), id_number=id_number, worker=worker,
        kind=data["kind"], applied_on=timezone.localdate(), requested_amount=data.get("requested_amount"),
        status=Status.APPLIED, node_id=node_id, mobile=data.get("mobile", ""),
        summary=(data.get("title") or "").strip()[:100], situation=(data.get("content") or "").strip(),
    )
    # The form answers every filing alike: refusing one because the person already has an open
    # application of this type would tell anyone who types a 身份证号 whether that person has.
    # The filing waits at 已申请 with a notice on its page; the street refuses one of the two, or
    # the rule stops it going further while the other is open.
    application._duplicates_checked = True  # type: ignore[attr-defined]  # see Application.clean
    for _ in range(20):  # two filings at the same moment may draw the same number: draw again
        try:
            with transaction.atomic():
                save_with_history(application, user=None, reason="公开表单提交")
            return application
        except IntegrityError:
            application.number = _public_number()
    raise ValidationError("提交人数较多，请稍后再试。")


def _public_number() -> str:
    """WS (网上) + the date + the day's sequence: WS20240615-003."""
    prefix = f"WS{timezone.localdate():%Y%m%d}-"
    taken = set(Application.objects.filter(number__startswith=prefix).values_list("number", flat=True))
    return next(f"{prefix}{n:03d}" for n in range(1, len(taken) + 2) if f"{prefix}{n:03d}" not in taken)
