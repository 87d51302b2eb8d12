"""The district fixture's union files and its street receives it, so the street may file (SPEC §8)."""

from __future__ import annotations

import datetime as dt

from indicators.filing import file_report
from members.models import Member
from members.tests.helpers import member_of
from reporting.services import filing_accept


def union_accepted(personas, district, year: int) -> None:
    # the union holds a member at the end of the year (张清波, 在籍 since 1 January), so neither it
    # nor its street is a 空壳工会 (union.empty) to explain
    if not Member.objects.filter(id_number=district.qingbo_worker.id_number).exists():
        member_of(district, joined_on=dt.date(year, 1, 1))
    # a 提示 the union's records raise is explained (an explanation of one that found nothing is dropped)
    explained = {"contract.covers_more": "含派遣职工", "figure.jump": "已核对"}
    file_report(user=personas["union_admin"], org=district.qingbo_union, year=year, explanations=explained)
    filing_accept(user=personas["qingbo_admin"], child=district.qingbo_union, year=year)
