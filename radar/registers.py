"""The leads register (SPEC §9: leads 风险线索)."""

from __future__ import annotations

from core.declarations import Column, Follow, Register
from orgs.refs import EMPLOYER

from .choices import LeadKind, Verdict
from .filters import LeadFilter
from .importing import prepare_lead
from .models import Lead

LEADS = Register(
    slug="leads",
    label="风险线索",
    key="线索编号",
    columns=(
        Column("线索编号", "number", required=True, kind="code"),
        Column(
            "单位",
            "employer__credit_code",
            required=True,
            field="employer",
            ref=EMPLOYER,
            note="单位的统一社会信用代码或完整名称",
        ),
        Column("类型", "kind", required=True, choices=tuple(LeadKind.values)),
        Column("来源", "source", required=True, note="如：职工来信、12345 转办、街道走访"),
        Column("发现日期", "found_on", required=True, kind="date"),
        Column("涉及人数", "people", kind="int", note="10 人及以上为重大风险线索"),
        Column(
            "核实结果",
            "verdict",
            choices=tuple(Verdict.values),
            default=Verdict.PENDING,
            note="留空为“待核实”",
        ),
    ),
    queryset=lambda user: Lead.objects.visible_to(user).order_by("-found_on", "number"),
    filterset=LeadFilter,
    list_url="",
    model=Lead,
    key_fields=("number",),
    prepare=prepare_lead,
    list_headers=("线索编号", "单位", "类型", "发现日期", "涉及人数", "核实结果"),
    area="relations",
    follows=(Follow("employer"),),
)

REGISTERS = [LEADS]
