"""Applying to join the union without an account (入会申请, SPEC §7): the employer by search, or
新就业形态 with the street the applicant lives or works in; the tracking page gives the signed link
to the electronic member card once the application is approved."""

from __future__ import annotations

from typing import Any

from django import forms

from orgs.models import Org, OrgType
from public.kinds import PublicKind

from .cards import card_url, has_card
from .choices import Employment
from .services import member_apply_public


def _streets() -> list[tuple[str, str]]:
    return [
        ("", "（单位职工不用选）"),
        *(
            (str(pk), name)
            for pk, name in Org.objects.filter(org_type=OrgType.STREET, closed_on__isnull=True)
            .order_by("path")
            .values_list("pk", "name")
        ),
    ]


def _fields() -> dict[str, forms.Field]:
    return {
        "id_number": forms.CharField(
            label="身份证号", max_length=18, min_length=18, help_text="会员实名登记，仅所在工会可见"
        ),
        "employment": forms.ChoiceField(
            label="就业形态",
            choices=[
                (Employment.EMPLOYEE, "单位职工"),
                (Employment.NEW, "新就业形态（快递员、外卖送餐员、网约车司机等）"),
            ],
        ),
        "street": forms.ChoiceField(
            label="居住或工作所在街道（新就业形态必选）", choices=_streets, required=False
        ),
        "is_migrant": forms.BooleanField(label="农民工", required=False),
    }


def _links(member: Any) -> list[tuple[str, str]]:
    return [("电子会员证", card_url(member))] if has_card(member) else []


KIND = PublicKind(
    slug="join",
    label="入会申请",
    intro="在本区就业的职工（含快递员、外卖送餐员、网约车司机等新就业形态劳动者）可以在这里申请加入工会。"
    "单位已建工会的由单位工会审批，未建会单位和新就业形态劳动者由街道总工会审批；"
    "批准后凭查询码可以打开电子会员证。",
    fields=_fields,
    create=lambda data, employer: member_apply_public(data, employer),
    links=_links,
    employer_optional=True,
    title_label="申请说明",
    content_label="个人情况（工作岗位、从业时间等）",
)
