"""The rules of 创建劳动关系和谐企业 (SPEC §9) that pages, imports and services share: who may make
each step, what a scoring item earns, and what each state of an assessment holds.

Levels: the street scores what its employers declare (申报中 → 街道初审); only the district scores
again, decides and revokes (街道初审 → 区总评审 → 已命名 / 未通过, 已命名 → 已撤销). An admin above a
level may act for it (the district scoring for a street); one below may not. Who sees an
assessment at all is scoping's question (`Assessment.objects.visible_to`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from core.scoping import contains
from orgs.models import SECOND_LEVEL, OrgType

from .choices import DEDUCTIONS, RATE_SOURCES, RECOMMENDED, YES_NO, Source, Status

if TYPE_CHECKING:
    from accounts.models import User

DISTRICT_LEVEL = (OrgType.DISTRICT, OrgType.CITY)
STREET_OR_ABOVE = (*SECOND_LEVEL, *DISTRICT_LEVEL)

#: the 达标线 of a rate item left blank: 劳动合同签订率 90 % (the radar's own line, SPEC §9), 入会率 80 %
DEFAULT_THRESHOLD = {Source.LABOUR_CONTRACTS: Decimal(90), Source.MEMBERS_RATE: Decimal(80)}

#: the step a move out of each state is, as a cadre names it, and the levels that may make it
STEPS: dict[str, tuple[str, tuple[str, ...]]] = {
    Status.APPLIED: ("街道初审", STREET_OR_ABOVE),
    Status.STREET_REVIEWED: ("区总评审", DISTRICT_LEVEL),
    Status.DISTRICT_REVIEWED: ("命名决定", DISTRICT_LEVEL),
    Status.NAMED: ("撤销命名", DISTRICT_LEVEL),
}

EDGES: dict[str, tuple[str, ...]] = {
    Status.APPLIED: (Status.STREET_REVIEWED,),
    Status.STREET_REVIEWED: (Status.DISTRICT_REVIEWED,),
    Status.DISTRICT_REVIEWED: (Status.NAMED, Status.FAILED),
    Status.NAMED: (Status.REVOKED,),
}

STEP_ONLY_ON_PAGE = (
    "评审步骤（街道初审、区总评审、命名、未通过、撤销）须在记录页面逐步办理，"
    "以便冻结当时的计分；导入和编辑不能改变已有记录的状态"
)


def level_refusal(user: User, assessment: Any, to: str) -> str:
    """Why this user may not make this move at their level ("" when they may). The workflow's
    guard: `workflows.services.move` asks it too."""
    org = getattr(user, "org", None)
    if org is None:
        return "您的账号未绑定组织，不能办理和谐企业评审"
    if not contains(org.path, assessment.node.path):
        return "该评价不在您的管辖范围内"
    step = STEPS.get(assessment.status)
    if step is None:
        return ""  # a closed assessment: the workflow itself refuses any move
    name, levels = step
    if org.org_type in levels:
        return ""
    who = "区总工会的管理员" if levels == DISTRICT_LEVEL else "街道（系统）工会或区总工会的管理员"
    return f"{name}只能由{who}办理"


def as_of(year: int, today: dt.date) -> dt.date:
    """The day a review step reads the registers on: today, or 31 Dec of the assessed year when
    the step comes after it (a 2024 assessment scored in March 2025 is scored on 2024's end)."""
    return min(today, dt.date(year, 12, 31))


def item_score(source: str, points: Decimal, threshold: Decimal | None, value: Any) -> Decimal:
    """What one item earns from its value: full points when a rate reaches its 达标线 or a condition
    holds, minus points once per record for a deduction, the points given (never more than the
    item's) for a manual item. One decimal, as the table's points."""
    if source in RATE_SOURCES:
        line = threshold if threshold is not None else DEFAULT_THRESHOLD[source]
        earned = points if value is not None and Decimal(value) >= line else Decimal(0)
    elif source in YES_NO:
        earned = points if value else Decimal(0)
    elif source in DEDUCTIONS:
        earned = Decimal(0) - points * int(value or 0)
    else:  # manual: what the reviewer gave, with evidence
        earned = min(Decimal(value or 0), points)
    return earned.quantize(Decimal("0.1"))


def total_score(scores: list[Decimal]) -> Decimal:
    """The items' sum, never below 0."""
    return max(Decimal(0), sum(scores, Decimal(0))).quantize(Decimal("0.1"))


def shown_value(source: str, value: Any) -> str:
    if source in RATE_SOURCES:
        return "—（无在职职工）" if value is None else f"{value}%"
    if source in YES_NO:
        return "是" if value else "否"
    if source in DEDUCTIONS:
        return f"{int(value or 0)} 件"
    return "—" if value is None else f"{value} 分"


def assessment_problems(assessment: Any) -> dict[str, list[str]]:
    """What each state holds (SPEC §9): a name has its 命名日期 (and, named by a higher body, its
    文号); a revocation its 撤销日期 and reason; dates in order."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    named = assessment.status in (Status.NAMED, Status.REVOKED)
    if named and assessment.named_on is None:
        add("named_on", f"状态为“{assessment.status}”时须填写命名日期")
    if named and assessment.level in RECOMMENDED and not (assessment.named_doc or "").strip():
        add("named_doc", f"{assessment.level}由上级命名，须填写上级的命名文号")
    if assessment.status == Status.REVOKED:
        if assessment.revoked_on is None:
            add("revoked_on", "状态为“已撤销”时须填写撤销日期")
        if not (assessment.revoke_reason or "").strip():
            add("revoke_reason", "状态为“已撤销”时须填写撤销原因")
    elif assessment.revoked_on is not None or (assessment.revoke_reason or "").strip():
        add("revoked_on", "尚未撤销的评价不能填写撤销日期或撤销原因")
    if not named and assessment.named_on is not None:
        add("named_on", f"状态为“{assessment.status}”的评价不能填写命名日期")
    if (
        assessment.named_on is not None
        and assessment.year
        and assessment.named_on.year < assessment.year
    ):
        add("named_on", f"命名日期不能早于评价年度（{assessment.year}年）")
    if (
        assessment.revoked_on is not None
        and assessment.named_on is not None
        and assessment.revoked_on < assessment.named_on
    ):
        add("revoked_on", "撤销日期不能早于命名日期")
    for field, label in (
        ("self_score", "自评分"),
        ("street_score", "街道初审分"),
        ("district_score", "区总评审分"),
    ):
        value = getattr(assessment, field)
        if value is not None and value < 0:
            add(field, f"{label}不能为负数")
    return errors


def page_notices(assessment: Any) -> list[tuple[str, str]]:
    """What the record page says above the fields: the step it waits for, and each frozen score."""
    waiting = {
        Status.APPLIED: "街道初审",
        Status.STREET_REVIEWED: "区总评审",
        Status.DISTRICT_REVIEWED: "命名决定",
    }
    notices = []
    if assessment.status in waiting:
        notices.append(("", f"办理中：等待{waiting[assessment.status]}。"))
    for step in assessment.steps.all():
        verdict = "达到" if step.score >= step.pass_mark else "未达到"
        notices.append(
            (
                "",
                f"{step.step}（{step.at:%Y-%m-%d}，{step.username or '系统'}，按 {step.as_of:%Y-%m-%d} 的台账计分）："
                f"得分 {step.score}，合格分 {step.pass_mark}，{verdict}合格分。各项取值见“评分明细与人工评分”。",
            )
        )
    return notices
