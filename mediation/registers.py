"""The mediation registers (SPEC §2: mediation_orgs 调解组织, cases 调解案件)."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number
from orgs.refs import PARTY

from .filters import CaseFilter, MediationOrgFilter
from .importing import MEDIATION_ORG, after_case_write, prepare_case, prepare_mediation_org
from .models import Case, CaseStatus, MediationLevel, MediationOrg
from .rules import TIME_LIMIT_DAYS, page_notices


def agreement_links(case: Case) -> list[tuple[str, str]]:
    """The printable 调解协议书 of a 调解成功 case."""
    if case.status != CaseStatus.SUCCEEDED:
        return []
    return [(f"调解协议书（{label}）", reverse("mediation:agreement", kwargs={"pk": case.pk, "fmt": fmt}))
            for label, fmt in (("Word", "docx"), ("PDF", "pdf"))]


PARTY_NOTE = "单位的统一社会信用代码或完整名称，或组织的完整名称"

MEDIATION_ORGS = Register(
    slug="mediation_orgs",
    label="调解组织",
    key="名称",
    columns=(
        Column("名称", "name", required=True),
        Column("层级", "level", required=True, choices=tuple(MediationLevel.values)),
        # an employer is written by its 信用代码 (unambiguous), an org by its name
        Column("所属组织或单位", Coalesce(F("employer__credit_code"), F("org__name")), required=True,
               field="owner", ref=PARTY, note=PARTY_NOTE),
        Column("成立日期", "founded_on", required=True, kind="date"),
        Column("撤销日期", "closed_on", kind="date"),
    ),
    queryset=lambda user: MediationOrg.objects.visible_to(user).order_by("name", "id"),
    filterset=MediationOrgFilter,
    list_url="",
    model=MediationOrg,
    key_fields=("name",),
    prepare=prepare_mediation_org,
    area="relations",
    follows=(Follow("employer"),),  # 所属组织或单位
)

CASES = Register(
    slug="cases",
    label="调解案件",
    key="案件编号",
    columns=(
        Column("案件编号", "number", required=True, kind="code"),
        Column("申请人", "applicant", required=True),
        Column("申请人身份证号", "applicant_id_number", kind="code", mask=mask_id_number),
        Column("被申请单位", Coalesce(F("respondent_employer__credit_code"), F("respondent_org__name")), required=True,
               field="respondent_party", ref=PARTY, note=PARTY_NOTE),
        Column("争议类型", "dispute_type", required=True),
        Column("涉及人数", "people", kind="int"),
        Column("涉及金额(元)", "amount", kind="decimal"),
        Column("申请日期", "applied_on", required=True, kind="date", note=f"调解组织收到申请之日，{TIME_LIMIT_DAYS}日调解期限自此起算"),
        Column("受理日期", "accepted_on", kind="date"),
        Column("调解组织", "mediation_org__name", required=True, field="mediation_org", ref=MEDIATION_ORG,
               note="调解组织台账中的名称"),
        Column("状态", "status", required=True, choices=tuple(CaseStatus.values),
               note="已有案件的状态只能按流程变更：已申请→已受理→调解中→调解成功/调解不成功，撤回可在结案前任一步"),
        Column("结案日期", "closed_on", kind="date"),
        Column("协议金额(元)", "agreed_amount", kind="decimal", note="调解成功时必填，没有金额的填0"),
    ),
    queryset=lambda user: Case.objects.visible_to(user).order_by("-applied_on", "number"),
    filterset=CaseFilter,
    list_url="",
    model=Case,
    key_fields=("number",),
    prepare=prepare_case,
    after_write=after_case_write,
    list_headers=("案件编号", "申请人", "被申请单位", "争议类型", "申请日期", "调解组织", "状态"),
    # above the record: how many of the 15 days are left, or 超期 and the way on to arbitration
    notices=page_notices,
    links=agreement_links,
    more_fields=("matters", "terms"),
    area="relations",
    follows=(Follow("mediation_org"),),  # its 调解组织's node
)

REGISTERS = [MEDIATION_ORGS, CASES]
