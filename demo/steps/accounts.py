"""One demo account per persona, bound to the nodes the README names."""

from __future__ import annotations

from accounts.models import Role
from accounts.services import account_create
from demo.context import DemoContext
from orgs.models import Org, OrgType

#: the accounts are bound to nodes of the tree
AFTER = ("orgs",)

# username, 姓名, role, how to find its org, password (meets the policy; printed by the command)
PERSONAS = [
    ("district_admin", "区总管理员", Role.ADMIN, "district", "Sc2026@zgh"),
    ("qingbo_admin", "清波街道管理员", Role.ADMIN, "清波街道总工会", "Qb2026@jd"),
    ("hubin_admin", "湖滨街道管理员", Role.ADMIN, "湖滨街道总工会", "Hb2026@jd"),
    ("union_admin", "基层工会管理员", Role.ADMIN, "union", "Jc2026@gh"),
    ("viewer", "查看者", Role.VIEWER, "district", "Ck2026@zgh"),
    ("auditor", "审计员", Role.AUDITOR, "district", "Sj2026@zgh"),
    ("sysadmin", "系统管理员", Role.SYSADMIN, "district", "Xt2026@gl"),
]


def _org(ctx: DemoContext, where: str) -> Org:
    district = ctx.districts[0]
    if where == "district":
        return district
    if where == "union":
        street = Org.objects.get(name="清波街道总工会")
        return Org.objects.filter(path__startswith=street.path, org_type=OrgType.GRASSROOTS).order_by("path").first()
    return Org.objects.get(name=where)


def fill(ctx: DemoContext) -> None:
    for username, full_name, role, where, password in PERSONAS:
        org = _org(ctx, where)
        account, _ = account_create(by=None, username=username, org=org, role=role, full_name=full_name, password=password)
        ctx.accounts.append((username, full_name, org.name, password))
