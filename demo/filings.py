"""Reporting up the tree in the demo (SPEC §8): each whole year filed level by level through the
same services a user calls, dated in the January after it. In the district, every node with an
admin files and its parent receives it (the children without an admin are left for the board,
where the district may file for them, 代报: filing each would double the demo's time); 湖滨 is returned once in 2024 and files again; the district files last (已定稿). In the
city, the last whole year shows districts in every state."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import Role, User
from accounts.services import account_create
from core.consistency import HINT
from demo.context import DemoContext
from indicators.filing import expected_filers, file_report
from indicators.models import FiledReport
from orgs.models import Org
from reporting.logic import rules
from reporting.services import filing_accept, filing_due_set, filing_return

#: the written reason each 提示 the demo meets is explained with
EXPLAINED = {
    "contract.covers_more": "区域性集体合同覆盖辖区内未单独登记职工人数的小微企业职工，已与人社部门核对。",
    "figure.jump": "本年度集中开展专项行动，相关记录随之增加，已逐条核对。",
}
CITY_PASSWORD = "Qx2026@zgh"  # noqa: S105 — a demo account's, printed by the command
RETURN_REASON = "单位职工人数与台账不一致，请核对后重新上报。"


def _admin(org: Org) -> User | None:
    return User.objects.filter(org=org, role=Role.ADMIN, is_active=True).order_by("pk").first()


def _at(year: int, day: int, hour: int = 10) -> dt.datetime:
    return min(
        dt.datetime(year + 1, 1, day, hour, 0, tzinfo=timezone.get_current_timezone()),
        timezone.now(),
    )


def _file(user: User, org: Org, year: int, day: int) -> FiledReport:
    """File with a written explanation for each 提示 the check finds (the demo's cadre writes one)."""
    # the check drops the explanations of 提示 that found nothing (reporting.logic.guard)
    explanations = {
        rule.key: EXPLAINED.get(rule.key, "已核实。") for rule in rules() if rule.level == HINT
    }
    filing = file_report(user=user, org=org, year=year, explanations=explanations)
    FiledReport.objects.filter(pk=filing.pk).update(
        filed_at=_at(year, day), decided_at=_at(year, day) if filing.decided_at else None
    )
    return filing


def _accept(parent_admin: User, child: Org, year: int, day: int) -> None:
    version = filing_accept(user=parent_admin, child=child, year=year)
    FiledReport.objects.filter(pk=version.pk).update(decided_at=_at(year, day, 15))


def file_up(org: Org, year: int, *, returned: frozenset[str] = frozenset()) -> None:
    """The org's year filed bottom-up: each expected child filed (its own children first) and
    received; a child named in `returned` is returned once and files again."""
    admin = _admin(org)
    if admin is None:
        return
    for child in expected_filers(org, year):
        file_up(child, year, returned=returned)
        if child.name in returned:
            version = filing_return(user=admin, child=child, year=year, reason=RETURN_REASON)
            FiledReport.objects.filter(pk=version.pk).update(decided_at=_at(year, 11, 15))
            _file(
                _admin(child) or admin, child, year, 12
            )  # the same node files again: a new version
        _accept(admin, child, year, 13)
    _file(admin, org, year, 15 if org.depth == 1 else 10)


def district_years(ctx: DemoContext) -> int:
    """Each whole year from the sample's 2023 on; 湖滨 returned once in 2024."""
    root = Org.objects.get(depth=1)
    admin = _admin(root)
    assert admin is not None  # noqa: S101 — the accounts step made it
    years = range(2023, ctx.today.year)
    for year in years:
        filing_due_set(user=admin, org=root, year=year, due_on=dt.date(year + 1, 1, 20))
        file_up(root, year, returned=frozenset({"湖滨街道总工会"}) if year == 2024 else frozenset())
    return len(years)


def city_last_year(ctx: DemoContext) -> int:
    """The last whole year of the city: one district 已接收, one 已上报, one 已退回, one 未上报 (each
    with an admin of its own), the rest left for the city to file for (代报)."""
    year = ctx.today.year - 1
    city = Org.objects.get(depth=1)
    districts = list(Org.objects.get_children(city).order_by("path")[:4])
    if len(districts) < 4:
        return 0
    for n, org in enumerate([city, *districts]):
        if _admin(org) is None:
            username = "city_admin" if org is city else f"district{n}_admin"
            account_create(
                by=None,
                username=username,
                org=org,
                role=Role.ADMIN,
                full_name=f"{org.name}管理员",
                password=CITY_PASSWORD,
            )
            ctx.accounts.append((username, f"{org.name}管理员", org.name, CITY_PASSWORD))
    city_admin = _admin(city)
    assert city_admin is not None  # noqa: S101 — made above
    filing_due_set(user=city_admin, org=city, year=year, due_on=dt.date(year + 1, 1, 20))
    accepted, filed, returned, _waiting = districts
    for district in (accepted, filed, returned):
        file_up(district, year)
    _accept(city_admin, accepted, year, 13)
    version = filing_return(user=city_admin, child=returned, year=year, reason=RETURN_REASON)
    FiledReport.objects.filter(pk=version.pk).update(decided_at=_at(year, 11, 15))
    return 3
