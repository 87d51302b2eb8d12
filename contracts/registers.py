"""The instructor and collective-contract registers (SPEC §2: instructors 协商指导员, contracts 集体合同)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number
from orgs.refs import EMPLOYERS, PARTY

from .filters import ContractFilter, InstructorFilter
from .importing import (
    INSTRUCTOR,
    ORIGINAL,
    after_contract_write,
    prepare_contract,
    prepare_instructor,
    sync_parties,
)
from .models import Contract, ContractType, Instructor, SigningMode
from .rules import REVIEW_DAYS, SUBMIT_DAYS, notices

INSTRUCTORS = Register(
    slug="instructors",
    label="协商指导员",
    key="身份证号",
    columns=(
        Column("姓名", "name", required=True),
        Column("身份证号", "id_number", required=True, kind="code", mask=mask_id_number),
        Column("聘任日期", "appointed_on", required=True, kind="date"),
        Column("解聘日期", "dismissed_on", kind="date", note="在任的留空"),
        Column("联系单位", Coalesce(F("liaison_employer__credit_code"), F("liaison_org__name")),
               field="liaison", ref=PARTY, note="组织名称，或单位的统一社会信用代码、完整名称；留空则属于导入人所在组织"),
    ),
    queryset=lambda user: Instructor.objects.visible_to(user).order_by("appointed_on", "id"),
    filterset=InstructorFilter,
    list_url="",
    model=Instructor,
    key_fields=("id_number",),
    prepare=prepare_instructor,
    area="relations",
    follows=(Follow("liaison_employer"),),  # 联系单位
)


def _links(contract: Contract) -> list[tuple[str, str]]:
    first = contract.party_links.select_related("employer").first()
    return [("该单位的合同履历", reverse("contracts:employer", args=[first.employer_id]))] if first else []


CONTRACTS = Register(
    slug="contracts",
    label="集体合同",
    key="合同编号",
    columns=(
        Column("合同编号", "number", required=True, kind="code"),
        Column("合同类型", "contract_type", required=True, choices=tuple(ContractType.values)),
        Column("签订方式", "signing_mode", required=True, choices=tuple(SigningMode.values),
               note="续签的须填写原合同编号"),
        # the parties as their 信用代码, in the order given: the first one owns the contract
        Column("签约单位", "party_codes", required=True, field="party_list", shown="parties", ref=EMPLOYERS,
               note="单位的统一社会信用代码或完整名称，多个用“；”分隔（区域性、行业性合同），第一个为主签单位"),
        Column("签订日期", "signed_on", required=True, kind="date"),
        Column("期限(年)", "term_years", required=True, kind="int", note="1至3年"),
        Column("覆盖职工人数", "covered_workers", required=True, kind="int"),
        Column("女职工人数", "female_workers", kind="int"),
        Column("职代会通过日期", "congress_passed_on", kind="date"),
        Column("报送审查日期", "submitted_on", kind="date", note=f"签订后{SUBMIT_DAYS}日内报送劳动保障行政部门"),
        Column("审查通过日期", "approved_on", kind="date", note=f"未填写的，报送后{REVIEW_DAYS}日内未提出异议即生效"),
        Column("原合同编号", "renews__number", kind="code", field="renews_ref", ref=ORIGINAL,
               note="续签时填写被续签合同的合同编号"),
        Column("指导员", "instructor__id_number", kind="code", field="instructor", ref=INSTRUCTOR,
               mask=mask_id_number, note="协商指导员的身份证号"),
    ),
    queryset=lambda user: Contract.objects.visible_to(user).order_by("-signed_on", "number"),
    filterset=ContractFilter,
    list_url="",
    model=Contract,
    key_fields=("number",),
    prepare=prepare_contract,
    after_write=after_contract_write,
    refers_to_itself=True,  # a 续签 row may renew a contract that is another row of the same file
    # after an undo restored `party_codes`, the many-to-many follows (registers/imports.py)
    after_undo=sync_parties,
    list_headers=("合同编号", "合同类型", "签订方式", "签约单位", "签订日期", "期限(年)", "覆盖职工人数"),
    notices=notices,
    links=_links,
    more_fields=("expires_on",),
    area="relations",
    follows=(Follow("party_links__employer", {"party_links__position": 1}),),  # the first 签约单位
)

REGISTERS: list[Any] = [INSTRUCTORS, CONTRACTS]
