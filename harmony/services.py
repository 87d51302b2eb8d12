"""Writes of 创建劳动关系和谐企业 (SPEC §9): the year's scoring table, the marks a reviewer gives a
manual item, and what each review step writes beyond its state.

Every step of an assessment goes through `workflows.services.move` (locked row, history,
Transition, audit); `step_effects` is the workflow's on_move and runs inside that transaction: it
freezes the computed items and the score on a scored step, and names or revokes the honour
劳动关系和谐企业 on a decision, so the state, the score and the honour change together or not at all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from core.records import save_with_history
from core.scoping import contains
from honours.models import Honour, HonourType, honour_key, unit_key_of
from orgs.models import Org

from .choices import DECISIONS, SCORED_STEPS, Source, Status
from .models import Assessment, ManualMark, ReviewStep, ScoringItem, ScoringTable
from .rules import as_of, item_score, level_refusal, shown_value, total_score
from .selectors import computed_values

if TYPE_CHECKING:
    from accounts.models import User

NOT_ROOT = "评分表由区总工会（组织树的根）的管理员制定"
NO_TABLE = "{year}年度的评分表尚未制定（或没有评分项目），请区总工会管理员先制定评分表，再开始评审"
FROZEN = "{year}年度已有评价按此表评分，评分表已冻结，不能再修改"


# --- the scoring table ----------------------------------------------------------------------------


def may_edit_tables(user: Any) -> bool:
    org = getattr(user, "org", None)
    return bool(getattr(user, "writes_business_data", False) and org is not None and org.depth == 1)


def _editable(user: User, table: ScoringTable) -> None:
    if not may_edit_tables(user):
        raise PermissionDenied(NOT_ROOT)
    if table.frozen:
        raise ValidationError(FROZEN.format(year=table.year))


@transaction.atomic
def table_save(*, user: User, year: int, pass_mark: Decimal, request: Any = None) -> ScoringTable:
    """The year's table with its 合格分, created or changed while it is not frozen."""
    if not may_edit_tables(user):
        raise PermissionDenied(NOT_ROOT)
    table = ScoringTable.objects.select_for_update().filter(year=year).first()
    created = table is None
    if table is None:
        table = ScoringTable(year=year, pass_mark=pass_mark, node=Org.objects.get_first_root_node())
    else:
        _editable(user, table)
        table.pass_mark = pass_mark
    save_with_history(table, user=user, reason="制定评分表" if created else "修改合格分")
    audit_record(
        action=Action.CREATE if created else Action.UPDATE,
        request=request,
        user=user,
        obj=table,
        detail={"合格分": str(pass_mark)},
    )
    return table


@transaction.atomic
def item_add(
    *,
    user: User,
    table: ScoringTable,
    name: str,
    source: str,
    points: Decimal,
    threshold: Decimal | None = None,
    request: Any = None,
) -> ScoringItem:
    table = ScoringTable.objects.select_for_update().get(pk=table.pk)
    _editable(user, table)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "评分项目名称必填"})
    if table.items.filter(name=name).exists():
        raise ValidationError({"name": f"评分表中已有“{name}”这一项"})
    position = (
        table.items.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    item = ScoringItem(
        table=table, position=position, name=name, source=source, points=points, threshold=threshold
    )
    save_with_history(item, user=user, reason="增加评分项目")
    audit_record(
        action=Action.CREATE,
        request=request,
        user=user,
        obj=item,
        detail={"评分表": str(table), "计分方式": source, "分值": str(points)},
    )
    return item


@transaction.atomic
def item_delete(*, user: User, item: ScoringItem, request: Any = None) -> None:
    table = ScoringTable.objects.select_for_update().get(pk=item.table_id)
    _editable(user, table)
    item._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    item.delete()
    audit_record(
        action=Action.DELETE, request=request, user=user, obj=item, detail={"评分表": str(table)}
    )


# --- manual marks ------------------------------------------------------------------------------

#: the step a manual mark goes into, by the state the assessment is in
MARKED_STEP: dict[str, str] = {
    Status.APPLIED: Status.STREET_REVIEWED,
    Status.STREET_REVIEWED: Status.DISTRICT_REVIEWED,
}


@transaction.atomic
def mark_give(
    *,
    user: User,
    assessment: Assessment,
    item: ScoringItem,
    points: Decimal,
    evidence: dict[str, Any] | None,
    request: Any = None,
) -> ManualMark:
    """The points a reviewer gives a manual item, with its evidence (a file already checked by the
    form): only by whoever may make the next scored step, and only while one is ahead."""
    if not getattr(user, "writes_business_data", False):
        raise PermissionDenied("您的角色无权评分")
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("node")
        .get(pk=assessment.pk)
    )
    step = MARKED_STEP.get(locked.status)
    if step is None:
        raise ValidationError(f"“{locked.status}”的评价已不再评分")
    if refusal := level_refusal(user, locked, step):
        raise PermissionDenied(refusal.replace("只能由", "的评分只能由"))
    if item.source != Source.MANUAL or item.table.year != locked.year:
        raise ValidationError("只有本年度评分表中的人工评分项目可以人工给分")
    if points > item.points:
        raise ValidationError({"points": f"给分不能超过该项分值（{item.points} 分）"})
    mark = ManualMark.objects.filter(assessment=locked, item=item.name).first() or ManualMark(
        assessment=locked, item=item.name
    )
    if evidence:
        mark.evidence, mark.evidence_name, mark.evidence_type = (
            evidence["data"],
            evidence["name"],
            evidence["type"],
        )
    if points > 0 and not mark.evidence_name:
        raise ValidationError({"evidence": "人工评分须上传证明材料"})
    mark.points, mark.user, mark.at = points, user, timezone.now()
    mark.full_clean()
    mark.save()
    audit_record(
        action=Action.UPDATE,
        request=request,
        user=user,
        obj=locked,
        detail={"人工评分": item.name, "给分": str(points), "证明材料": mark.evidence_name or "无"},
    )
    return mark


# --- the steps ---------------------------------------------------------------------------------


def score_now(
    assessment: Assessment, table: ScoringTable, day: dt.date
) -> tuple[Decimal, list[dict[str, Any]]]:
    """The score the table gives the assessment from the registers on `day` and its manual marks."""
    values = computed_values(assessment.employer, assessment.year, day)
    marks = {m.item: m for m in assessment.marks.all()}
    items: list[dict[str, Any]] = []
    scores: list[Decimal] = []
    for item in table.items.all():
        if item.source == Source.MANUAL:
            mark = marks.get(item.name)
            value: Any = mark.points if mark is not None and mark.evidence_name else None
            shown = shown_value(item.source, value) + (
                f"（证明材料：{mark.evidence_name}）" if value is not None and mark else ""
            )
        else:
            value = values[item.source]
            shown = shown_value(item.source, value)
        score = item_score(item.source, item.points, item.threshold, value)
        scores.append(score)
        items.append(
            {
                "name": item.name,
                "source": item.source,
                "points": str(item.points),
                "threshold": None if item.threshold is None else str(item.threshold),
                "value": value if isinstance(value, bool | int | type(None)) else str(value),
                "shown": shown,
                "score": str(score),
            }
        )
    return total_score(scores), items


def _table_of(year: int) -> ScoringTable:
    table = ScoringTable.objects.filter(year=year).prefetch_related("items").first()
    if table is None or not table.items.all():
        raise ValidationError(NO_TABLE.format(year=year))
    return table


def step_effects(assessment: Assessment, old: str, to: str, user: User | None, reason: str) -> None:
    """The workflow's on_move (see the module's docstring): `assessment` is the locked record with
    its new state set; raise ValidationError to refuse the step."""
    now = timezone.now()
    who = {
        "user": user if getattr(user, "pk", None) else None,
        "username": getattr(user, "username", "") or "",
    }
    if to in SCORED_STEPS:
        table = _table_of(assessment.year)
        day = as_of(assessment.year, timezone.localdate())
        score, items = score_now(assessment, table, day)
        ReviewStep.objects.create(
            assessment=assessment,
            step=to,
            at=now,
            as_of=day,
            score=score,
            pass_mark=table.pass_mark,
            items=items,
            **who,
        )
        if to == Status.STREET_REVIEWED:
            assessment.street_score = score
        else:
            assessment.district_score = score
    elif to in DECISIONS:
        # the decision stands on the district's frozen score, never on the registers of today
        review = (
            assessment.steps.filter(step=Status.DISTRICT_REVIEWED).order_by("-at", "-pk").first()
        )
        if review is None:
            raise ValidationError("没有区总评审的计分记录，不能作出命名决定")
        if to == Status.NAMED and review.score < review.pass_mark:
            raise ValidationError(
                f"区总评审得分 {review.score} 未达到合格分 {review.pass_mark}，不能命名"
            )
        ReviewStep.objects.create(
            assessment=assessment,
            step=to,
            at=now,
            as_of=review.as_of,
            score=review.score,
            pass_mark=review.pass_mark,
            items=review.items,
            **who,
        )
        if to == Status.NAMED:
            assessment.full_clean(
                exclude=["honour"]
            )  # 命名日期 and 文号 before the honour is written
            link_honour(assessment, user=user)
    elif to == Status.REVOKED:
        assessment.revoke_reason = (assessment.revoke_reason or reason)[:200]
        revoke_honour(assessment, user=user)


def link_honour(assessment: Assessment, *, user: User | None) -> Honour:
    """The honour 劳动关系和谐企业 the name writes, at the assessment's level, 年度 = the year of its
    命名日期: the one already registered under that key (an import of honours) if any, else a new one."""
    if assessment.honour is not None:
        return assessment.honour
    employer = assessment.employer
    named_on = assessment.named_on
    if named_on is None:
        raise ValidationError({"named_on": "命名须填写命名日期"})
    key = honour_key(
        HonourType.HARMONIOUS,
        assessment.level,
        named_on.year,
        "",
        unit_key_of(employer),
        employer.name,
    )
    honour = Honour.objects.filter(natural_key=key).first()
    if honour is None:
        honour = Honour(
            honour_type=HonourType.HARMONIOUS,
            name=employer.name,
            level=assessment.level,
            year=named_on.year,
        )
        honour.set_unit(employer)
        if assessment.status == Status.REVOKED and assessment.revoked_on is not None:
            honour.revoked_year = assessment.revoked_on.year
        save_with_history(
            honour, user=user, reason=f"和谐企业评价命名（{assessment.named_doc or '无文号'}）"
        )
        if getattr(user, "pk", None):
            audit_record(
                action=Action.CREATE, user=user, obj=honour, detail={"来源": str(assessment)}
            )
    assessment.honour = honour
    return honour


def revoke_honour(assessment: Assessment, *, user: User | None) -> None:
    """已撤销 sets the honour's 撤销年度 to the year of the 撤销日期."""
    revoked_on = assessment.revoked_on
    if revoked_on is None:
        raise ValidationError({"revoked_on": "撤销须填写撤销日期"})
    honour = (
        assessment.honour if assessment.honour is not None else link_honour(assessment, user=user)
    )
    if honour.revoked_year != revoked_on.year:
        honour.revoked_year = revoked_on.year
        save_with_history(
            honour, user=user, reason=f"和谐企业称号撤销：{assessment.revoke_reason}"[:100]
        )
        if getattr(user, "pk", None):
            audit_record(
                action=Action.UPDATE, user=user, obj=honour, detail={"撤销年度": revoked_on.year}
            )


def link_imported_honours(assessments: Any, *, user: User | None) -> int:
    """An imported (or page-created) 已命名 or 已撤销 row links to its honour, or writes it."""
    linked = 0
    for assessment in assessments.filter(
        status__in=(Status.NAMED, Status.REVOKED), honour__isnull=True
    ).select_related("employer"):
        link_honour(assessment, user=user)
        if assessment.status == Status.REVOKED:
            revoke_honour(assessment, user=user)
        Assessment.objects.filter(pk=assessment.pk).update(honour=assessment.honour)
        linked += 1
    return linked


def in_reach(user: Any, assessment: Assessment) -> bool:
    org = getattr(user, "org", None)
    return org is not None and contains(org.path, assessment.node.path)
