"""The district fixture's union files and its street receives it, so the street may file (SPEC §8)."""

from __future__ import annotations

from indicators.filing import file_report
from reporting.services import filing_accept


def union_accepted(personas, district, year: int) -> None:
    # a 提示 the union's records raise is explained (an explanation of one that found nothing is dropped)
    explained = {"contract.covers_more": "含派遣职工", "figure.jump": "已核对"}
    file_report(user=personas["union_admin"], org=district.qingbo_union, year=year, explanations=explained)
    filing_accept(user=personas["qingbo_admin"], child=district.qingbo_union, year=year)
