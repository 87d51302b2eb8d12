"""The assessment register (SPEC §9: assessments 和谐企业评价)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from core.declarations import Column, Follow, Register

from .choices import Level, Status
from .filters import AssessmentFilter
from .importing import EMPLOYER_ID, after_write, prepare_assessment
from .models import Assessment
from .rules import page_notices


def _links(assessment: Assessment) -> list[tuple[str, Any]]:
    links = [
        ("评分明细与人工评分", reverse("harmony:assessment", args=[assessment.pk])),
        ("评分表", reverse("harmony:table", args=[assessment.year])),
    ]
    if assessment.honour_id:
        links.append(
            (
                "命名表彰记录",
                reverse("registers:record-detail", args=["honours", assessment.honour_id]),
            )
        )
    return links


ASSESSMENTS = Register(
    slug="assessments",
    label="和谐企业评价",
    key="单位+年度+申报级别",
    columns=(
        Column(
            "单位",
            "employer__credit_code",
            required=True,
            field="employer_id",
            shown="employer",
            ref=EMPLOYER_ID,
            note="单位的统一社会信用代码或完整名称",
        ),
        Column("年度", "year", required=True, kind="int", note="四位年份，如 2024"),
        Column("申报级别", "level", required=True, choices=tuple(Level.values)),
        Column("自评分", "self_score", kind="decimal"),
        Column(
            "街道初审分",
            "street_score",
            kind="decimal",
            note="街道初审时按评分表计分，之后不能修改",
        ),
        Column(
            "区总评审分",
            "district_score",
            kind="decimal",
            note="区总评审时按评分表计分，之后不能修改",
        ),
        Column(
            "状态",
            "status",
            required=True,
            choices=tuple(Status.values),
            note="申报中→街道初审→区总评审→已命名/未通过，已命名→已撤销；新记录可为任一状态，"
            "已有记录的状态须在记录页面逐步办理",
        ),
        Column(
            "命名日期",
            "named_on",
            kind="date",
            note="已命名、已撤销时必填；市级、省级为上级的命名日期",
        ),
        Column("命名文号", "named_doc", note="市级、省级为上级的命名文号，必填"),
        Column("撤销日期", "revoked_on", kind="date", note="已撤销时必填"),
        Column("撤销原因", "revoke_reason", note="已撤销时必填"),
    ),
    queryset=lambda user: (
        Assessment.objects.visible_to(user)
        .select_related("employer")
        .order_by("-year", "employer__name", "level", "pk")
    ),
    filterset=AssessmentFilter,
    list_url="",
    model=Assessment,
    key_fields=("employer_id", "year", "level"),
    prepare=prepare_assessment,
    after_write=after_write,
    list_headers=("单位", "年度", "申报级别", "自评分", "区总评审分", "状态"),
    notices=page_notices,
    links=_links,
    area="relations",
    follows=(Follow("employer"),),
)

REGISTERS = [ASSESSMENTS]
