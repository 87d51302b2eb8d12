"""The inspection register (SPEC §2: inspections 法律监督检查)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.declarations import Column, Follow, Register
from orgs.refs import PARTY

from .filters import InspectionFilter
from .importing import SUPERVISOR, prepare_inspection
from .models import MATTERS, Inspection, RectificationResult
from .rules import page_notices


def _links(inspection: Inspection) -> list[tuple[str, Any]]:
    """A finding's 整改结果 is recorded later, with a reason, on its own page."""
    if not inspection.findings.strip():
        return []
    return [("记录整改结果", reverse("supervision:inspection-result", args=[inspection.pk]))]


INSPECTIONS = Register(
    slug="inspections",
    label="法律监督检查",
    key="检查编号",
    columns=(
        Column("检查编号", "number", required=True, kind="code"),
        Column("检查日期", "inspected_on", required=True, kind="date"),
        Column("被检查单位", Coalesce(F("employer__credit_code"), F("org__name")), required=True, field="party",
               ref=PARTY, note="单位的统一社会信用代码或完整名称，或组织的完整名称"),
        Column("监督组织", Coalesce(F("supervisor_employer__credit_code"), F("supervisor_org__name")), required=True,
               field="supervisor", ref=SUPERVISOR, note="组织的完整名称（可为上级工会），或单位的统一社会信用代码或完整名称"),
        Column("检查事项", "matters", required=True,
               note="可选值：" + "/".join(MATTERS) + "；多项用“；”分隔"),
        Column("发现问题", "findings"),
        Column("整改期限", "deadline", kind="date", note="可晚于今天，不能早于检查日期"),
        Column("整改结果", "result", choices=tuple(RectificationResult.values)),
    ),
    queryset=lambda user: Inspection.objects.visible_to(user).order_by("-inspected_on", "number"),
    filterset=InspectionFilter,
    list_url="",
    model=Inspection,
    key_fields=("number",),
    prepare=prepare_inspection,
    list_headers=("检查编号", "检查日期", "被检查单位", "检查事项", "整改期限", "整改结果"),
    notices=page_notices,  # 逾期, or a deadline within the week
    links=_links,
    area="relations",
    follows=(Follow("employer"),),  # 被检查单位 (not the 监督组织)
)

REGISTERS = [INSPECTIONS]
