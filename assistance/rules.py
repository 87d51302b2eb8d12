"""The assistance rules that pages, imports and services share (SPEC §4).

Levels: a street (or a 系统工会, the other second-level union) reviews what it receives (已申请 →
街道审核), and only the district approves and pays (街道审核 → 区总审批 → 已发放). An admin above a
level may act for it (the district reviewing for a street); one below may not. Who sees a record at
all is scoping's question (`Application.objects.visible_to`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from core.scoping import contains
from core.validators import validate_not_before
from orgs.models import SECOND_LEVEL, OrgType
from workflows.flows import Workflow

from .choices import OPEN_STATES, Status

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Application

DISTRICT_LEVEL = (OrgType.DISTRICT, OrgType.CITY)
STREET_OR_ABOVE = (*SECOND_LEVEL, *DISTRICT_LEVEL)

#: a waiting application is due this many days after it reached the level that has to act
DUE_AFTER_DAYS = 7


def due_on(since: dt.date) -> dt.date:
    """When an application that reached the level that has to act on `since` is due."""
    return since + dt.timedelta(days=DUE_AFTER_DAYS)


ALREADY_PAID = "已发放，不能重复发放"
DUPLICATE_OPEN = ("该身份证号已有一份未办结的“{kind}”申请：同一人同一救助类型不能同时有两份未办结的申请"
                  "（已发放或不予救助即为办结）")

#: the step a move out of each state is, as a cadre names it, and the levels that may make it
STEPS: dict[str, tuple[str, tuple[str, ...]]] = {
    Status.APPLIED: ("街道审核", STREET_OR_ABOVE),
    Status.STREET_REVIEWED: ("区总审批", DISTRICT_LEVEL),
    Status.DISTRICT_APPROVED: ("救助发放", DISTRICT_LEVEL),
}


def level_refusal(user: User, application: Application, to: str) -> str:
    """Why this user may not make this move at their level ("" when they may). The workflow's
    guard: `workflows.services.move` asks it too."""
    org = getattr(user, "org", None)
    if org is None:
        return "您的账号未绑定组织，不能办理救助审批"
    node = application.node
    if not contains(org.path, node.path):
        return "该申请不在您的管辖范围内"
    step = STEPS.get(application.status)
    if step is None:
        return ""  # a closed application: the workflow itself refuses any move
    name, levels = step
    if org.org_type in levels:
        return ""
    who = "区总工会的管理员" if levels == DISTRICT_LEVEL else "街道（系统）工会或区总工会的管理员"
    if to == Status.REFUSED:
        return f"在“{application.status}”阶段作出不予救助决定只能由{who}办理"
    return f"{name}只能由{who}办理"


APPLICATION_WORKFLOW = Workflow(
    field="status",
    edges={
        # whoever holds an application may turn it down, with a reason: the street at its review,
        # the district at its approval, and the district still before paying (e.g. it learns the
        # family's situation changed)
        Status.APPLIED: (Status.STREET_REVIEWED, Status.REFUSED),
        Status.STREET_REVIEWED: (Status.DISTRICT_APPROVED, Status.REFUSED),
        Status.DISTRICT_APPROVED: (Status.PAID, Status.REFUSED),
    },
    needs={Status.PAID: ("approved_amount", "paid_on")},
    needs_reason=(Status.REFUSED,),
    guard=level_refusal,
)


def move_refusal(user: User, application: Application, to: str) -> str:
    """Everything that stops this user making this move now ("" when nothing does)."""
    if not getattr(user, "writes_business_data", False):
        return "您的角色无权办理救助审批"
    old = application.status
    if old == Status.PAID and to == Status.PAID:
        return ALREADY_PAID
    if old == to:
        return f"该申请已是“{old}”状态"
    if not APPLICATION_WORKFLOW.allowed(old, to):
        return APPLICATION_WORKFLOW.refusal(old, to)
    return level_refusal(user, application, to)


def may_move(user: User, application: Application, to: str) -> bool:
    return not move_refusal(user, application, to)


def application_problems(application: Application) -> dict[str, list[str]]:
    """Each field's problems whatever the form, move or file: amounts that are no amounts and the
    dates' order (SPEC §3)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    requested, approved = application.requested_amount, application.approved_amount
    if requested is not None and requested < 0:
        add("requested_amount", "申请金额不能为负数")
    if approved is not None and approved < 0:
        add("approved_amount", "批准金额不能为负数")
    try:
        validate_not_before(application.paid_on, application.applied_on, end_label="发放日期", start_label="申请日期")
    except ValidationError as error:
        add("paid_on", error.messages[0])
    return errors


def application_requirements(application: Application) -> dict[str, list[str]]:
    """Beyond SPEC's rules (core.notices): the amounts' sense and what each state holds. A form
    refuses them; an imported row keeps them as notices."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    requested, approved = application.requested_amount, application.approved_amount
    if approved is not None and approved == 0:
        add("approved_amount", "批准金额应大于0")
    elif approved is not None and requested is not None and approved > requested:
        add("approved_amount", f"批准金额不能大于申请金额（{requested:,.2f}元）")
    if application.status == Status.PAID:
        if approved is None:
            add("approved_amount", "状态为“已发放”时须填写批准金额")
        if application.paid_on is None:
            add("paid_on", "状态为“已发放”时须填写发放日期")
    elif application.paid_on is not None:
        add("paid_on", "尚未发放的申请不能填写发放日期")
    if application.status == Status.REFUSED and approved is not None:
        add("approved_amount", "不予救助的申请不能填写批准金额")
    return errors


def open_duplicate_refusal(application: Application, open_applications: QuerySet) -> str:
    """One person cannot hold two open applications of the same type (SPEC §4); asked of the
    whole tree's `open_applications`, since a person is one person whichever street files for them."""
    if application.status not in OPEN_STATES or not application.id_number or not application.kind:
        return ""
    others = open_applications.filter(id_number=application.id_number, kind=application.kind)
    if application.pk is not None:
        others = others.exclude(pk=application.pk)
    return DUPLICATE_OPEN.format(kind=application.kind) if others.exists() else ""


WAITING_FOR = {Status.APPLIED: "街道审核", Status.STREET_REVIEWED: "区总审批", Status.DISTRICT_APPROVED: "发放"}


def page_notices(application: Application) -> list[tuple[str, str]]:
    """What the record page says above everything else: the step it waits for and, for a filing of
    the public form, another open application of the same person and type (Register.notices)."""
    if application.status not in WAITING_FOR:
        return []
    notices = [("", f"办理中：等待{WAITING_FOR[application.status]}。同一人同一救助类型办结前不能再次申请。")]
    if duplicate := application.duplicate_refusal():
        notices.append(("warn", f"{duplicate}。请核实后对其中一份作出不予救助决定，另一份方可继续办理。"))
    return notices
