"""The members register (SPEC §7: members 会员)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.declarations import Column, Register
from core.masking import mask_id_number, mask_mobile
from orgs.refs import EMPLOYER, ORG

from .choices import MEMBER_STATES, Employment, State
from .filters import MemberFilter
from .importing import RECEIVING_UNION, after_delete, after_undo, after_write, prepare_member
from .models import Member


def _links(member: Member) -> list[tuple[str, Any]]:
    links: list[tuple[str, Any]] = [("会籍期间", reverse("members:periods", args=[member.pk]))]
    if member.status in MEMBER_STATES and member.card_number:
        links.append(("电子会员证", reverse("members:card", args=[member.pk])))
    return links


def _notices(member: Member) -> list[tuple[str, str]]:
    if member.status == State.TRANSFERRING and member.transfer_to is not None:
        return [
            (
                "",
                f"转出中：等待“{member.transfer_to.name}”（{member.transfer_to.org_type}）接收或退回。",
            )
        ]
    return []


MEMBERS = Register(
    slug="members",
    label="会员",
    key="身份证号",
    columns=(
        Column(
            "姓名",
            Coalesce(F("worker__name"), F("name")),
            required=True,
            field="name",
            note="职工台账中有此人时以职工台账为准",
        ),
        Column("身份证号", "id_number", required=True, kind="code", mask=mask_id_number),
        Column(
            "所在工会",
            "node__name",
            required=True,
            field="node",
            ref=ORG,
            note="单位的工会或其上级工会；单位未建会或新就业形态会员填街道总工会",
        ),
        Column(
            "所在单位",
            Coalesce(F("worker__employer__credit_code"), F("employer__credit_code")),
            field="employer",
            ref=EMPLOYER,
            shown="shown_employer",
            note="统一社会信用代码或完整名称；新就业形态、退休会员可留空",
        ),
        Column("入会日期", "joined_on", kind="date", note="申请中、未批准以外必填"),
        Column("会员证号", "card_number", kind="code", note="批准入会时自动编号"),
        Column(
            "会籍状态",
            "status",
            required=True,
            choices=tuple(State.values),
            note="申请中→在籍/未批准；在籍→保留会籍/转出中/已退会；已有记录的状态只能按流程变更",
        ),
        Column(
            "状态日期", "state_date", kind="date", note="当前状态生效的日期；在籍、申请中以外必填"
        ),
        Column(
            "转入工会",
            "transfer_to__name",
            field="transfer_to",
            ref=RECEIVING_UNION,
            note="转出中必填：转入工会的完整名称",
        ),
        Column(
            "变动原因", "change_reason", note="保留会籍（退休/失业/单位关闭）、已退会、未批准必填"
        ),
        Column(
            "就业形态",
            "employment",
            choices=tuple(Employment.values),
            default=Employment.EMPLOYEE,
            note="留空为“单位职工”",
        ),
        Column("是否农民工", "is_migrant", kind="bool"),
        Column(
            "手机号",
            Coalesce(F("worker__mobile"), F("mobile")),
            kind="code",
            field="mobile",
            mask=mask_mobile,
        ),
    ),
    queryset=lambda user: (
        Member.objects.visible_to(user)
        .select_related("worker__employer", "node", "employer")
        .order_by("node__path", "id_number")
    ),
    filterset=MemberFilter,
    model=Member,
    key_fields=("id_number",),
    prepare=prepare_member,
    after_write=after_write,
    after_undo=after_undo,
    after_delete=after_delete,
    pages=(("会员转入待接收", "members:incoming", ""), ("自动退会建议名单", "members:idle", "")),
    list_headers=("姓名", "身份证号", "所在工会", "入会日期", "会员证号", "会籍状态"),
    links=_links,
    notices=_notices,
    person_field="id_number",
    date="joined_on",
)

REGISTERS = [MEMBERS]
