"""The org and employer registers (SPEC §2: orgs 组织, employers 单位)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr

from core.declarations import Column, Register
from core.masking import mask_phone

from .filters import EmployerFilter, OrgFilter
from .importing import (
    PARENT,
    after_employer_write,
    check_org_plan,
    prepare_employer,
    prepare_org,
    write_orgs,
)
from .models import Employer, EmployerType, Org, OrgType
from .refs import GRASSROOTS_UNION, STREET


def _orgs(user) -> QuerySet:
    """Orgs in path order (parents before children, as an import needs them), each with the name
    of its parent from one correlated subquery."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Org.steplen)
    parent = Org.objects.filter(path=parent_path).values("name")[:1]
    return Org.objects.visible_to(user).annotate(parent_name=Subquery(parent)).order_by("path")


ORGS = Register(
    slug="orgs",
    label="组织",
    key="组织名称",
    columns=(
        Column("组织名称", "name", required=True),
        Column("组织类型", "org_type", required=True, choices=tuple(OrgType.values)),
        Column("上级组织", "parent_name", field="parent", ref=PARENT, note="组织名称；只有根组织（区总工会）留空"),
        Column("成立日期", "founded_on", kind="date"),
        Column("工会主席", "chairman"),
        Column("联系电话", "phone", kind="code", mask=mask_phone),
        Column("撤销日期", "closed_on", kind="date"),
    ),
    queryset=_orgs,
    filterset=OrgFilter,
    list_url="orgs:org-list",
    model=Org,
    key_fields=("name",),
    prepare=prepare_org,
    check_plan=check_org_plan,
    writer=write_orgs,
    refers_to_itself=True,
)

EMPLOYERS = Register(
    slug="employers",
    label="单位",
    key="统一社会信用代码",
    columns=(
        Column("统一社会信用代码", "credit_code", required=True, kind="code"),
        Column("单位名称", "name", required=True),
        Column("单位类型", "employer_type", required=True, choices=tuple(EmployerType.values)),
        Column("所属街道", "street__name", to_cell=lambda name: name.removesuffix("总工会"), required=True,
               field="street", ref=STREET, note="街道名称，如“清波街道”"),
        Column("所属工会", "union__name", field="union", ref=GRASSROOTS_UNION, note="基层工会名称；留空表示未建会"),
        Column("行业", "industry"),
        Column("职工人数", "headcount", kind="int"),
        Column("女职工人数", "female_headcount", kind="int"),
        Column("注销日期", "closed_on", kind="date"),
    ),
    queryset=lambda user: Employer.objects.visible_to(user).order_by("name", "id"),
    filterset=EmployerFilter,
    list_url="orgs:employer-list",
    model=Employer,
    key_fields=("credit_code",),
    prepare=prepare_employer,
    after_write=after_employer_write,
)

REGISTERS = [ORGS, EMPLOYERS]
