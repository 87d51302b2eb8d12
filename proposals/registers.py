"""The proposal register (SPEC §2: proposals 合理化建议)."""

from __future__ import annotations

from django.db.models import F, Sum
from django.db.models.functions import Coalesce

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number
from orgs.refs import PARTY

from .filters import ProposalFilter
from .importing import prepare_proposal, record_moves
from .models import Proposal, ProposalStatus

#: 所在单位 as exports write it: the employer's 信用代码, or the org's name
UNIT_CELL = Coalesce(F("employer__credit_code"), F("org__name"))

PROPOSALS = Register(
    slug="proposals",
    label="合理化建议",
    key="建议编号",
    columns=(
        Column("建议编号", "number", required=True, kind="code"),
        Column("标题", "title", required=True),
        Column("提出人", "proposer", required=True),
        Column("提出人身份证号", "id_number", kind="code", mask=mask_id_number),
        Column("所在单位", UNIT_CELL, required=True, field="party", ref=PARTY,
               note="单位的统一社会信用代码或完整名称，或工会组织的完整名称"),
        Column("提出日期", "submitted_on", required=True, kind="date"),
        Column("状态", "status", required=True, choices=tuple(ProposalStatus.values),
               note="新增的记录可为任一状态；已有记录的状态只能按流程变更"),
        Column("采纳日期", "adopted_on", kind="date", note="变为“已采纳”时留空则记为当天"),
        Column("经济效益(万元)", "benefit", kind="decimal", note="已实施的建议必填"),
    ),
    queryset=lambda user: Proposal.objects.visible_to(user).select_related("employer", "org").order_by("submitted_on", "number"),
    filterset=ProposalFilter,
    list_url="",
    model=Proposal,
    key_fields=("number",),
    prepare=prepare_proposal,
    after_write=record_moves,
    list_headers=("建议编号", "标题", "提出人", "所在单位", "提出日期", "状态", "经济效益(万元)"),
    more_fields=("content",),  # the reply to a public submitter is on its ticket
    totals=lambda proposals: [
        ("共", f"{proposals.count()} 条"),
        ("经济效益合计", f"{proposals.aggregate(s=Sum('benefit'))['s'] or 0:,.2f} 万元")],
    area="quality",
    person_field="id_number",
    follows=(Follow("employer"),),  # 所在单位
)

REGISTERS = [PROPOSALS]
