"""One demo account per persona (README「演示账号」), created through accounts.services so that
the password policy, password history and audit entry are the real ones.

The passwords are fixed demo passwords that meet the policy (≥ 8 characters, 3 of 4 classes);
`uniondesk demo` prints them. Accounts do not have to change them at first login.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from accounts.models import Role, User
from accounts.services import account_create
from orgs.models import Org, OrgType
from workers.models import Worker


@dataclass(frozen=True)
class Persona:
    username: str
    label: str  # 姓名 on the account: what the persona is
    role: str
    where: str  # root | district (上城区总工会) | union (a 基层工会 under 清波) | an org name
    password: str


PERSONAS = (
    Persona("district_admin", "区总管理员", Role.ADMIN, "district", "Sc2026@zgh"),
    Persona("qingbo_admin", "清波街道管理员", Role.ADMIN, "清波街道总工会", "Qb2026@jd"),
    Persona("hubin_admin", "湖滨街道管理员", Role.ADMIN, "湖滨街道总工会", "Hb2026@jd"),
    Persona("union_admin", "基层工会管理员", Role.ADMIN, "union", "Jc2026@gh"),
    Persona("viewer", "查看者", Role.VIEWER, "root", "Ck2026@zgh"),
    Persona("auditor", "审计员", Role.AUDITOR, "root", "Sj2026@zgh"),
    Persona("sysadmin", "系统管理员", Role.SYSADMIN, "root", "Xt2026@gl"),
)
# With --scale city the root is 杭州市总工会: its admin sees every district.
CITY_ADMIN = Persona("city_admin", "市总管理员", Role.ADMIN, "root", "Hz2026@szgh")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    label: str
    org: str


def personas_for(scale: str) -> tuple[Persona, ...]:
    return (CITY_ADMIN, *PERSONAS) if scale == "city" else PERSONAS


def union_for_union_admin(street: Org) -> Org:
    """The company union (基层工会) under the street with the most workers: one employer's union,
    with enough people on its pages to show something."""
    unions = Org.objects.filter(
        path__startswith=street.path, depth=street.depth + 1, org_type=OrgType.GRASSROOTS
    ).exclude(name__endswith="机关工会")
    busiest = (
        Worker.objects.filter(node__in=unions).values("node").annotate(n=Count("pk"))
        .order_by("-n", "node").values_list("node", flat=True).first()
    )
    if busiest is None:
        raise RuntimeError(f"演示数据生成失败：{street.name}下没有基层工会")
    return Org.objects.get(pk=busiest)


def create_personas(*, scale: str, root: Org, district: Org) -> list[DemoAccount]:
    qingbo = Org.objects.get(name="清波街道总工会")
    places = {"root": root, "district": district, "union": union_for_union_admin(qingbo)}
    accounts = []
    for persona in personas_for(scale):
        org = places.get(persona.where) or Org.objects.get(name=persona.where)
        account: User
        account, _ = account_create(
            by=None, username=persona.username, org=org, role=persona.role, full_name=persona.label,
            password=persona.password,
        )
        accounts.append(DemoAccount(account.username, persona.password, persona.label, org.name))
    return accounts
