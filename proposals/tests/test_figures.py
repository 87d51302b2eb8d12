"""The year's proposal figures (SPEC §5 proposals.*), as the indicator catalogue counts them over
the selectors' QuerySets: a figure and its drill-down share a QuerySet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from indicators.catalog import BY_KEY, figure
from indicators.scope import Scope
from orgs.models import Employer
from proposals import selectors
from proposals.models import Proposal, ProposalStatus

S = ProposalStatus
KEYS = ("proposals.submitted", "proposals.adopted", "proposals.benefit_wan")


def year_figures(scope: Scope) -> dict:
    return {key: figure(BY_KEY[key], scope) for key in KEYS}


def test_submitted_adopted_and_benefit_of_a_year(district, personas, make_proposal):
    make_proposal("A", status=S.IMPLEMENTED, submitted_on=dt.date(2024, 1, 1), benefit=Decimal("10.25"))
    make_proposal("B", status=S.ADOPTED, submitted_on=dt.date(2024, 12, 31), benefit=Decimal("1.10"))
    make_proposal("C", status=S.ADOPTED, submitted_on=dt.date(2024, 6, 1), unit=district.qingbo_union)
    make_proposal("D", status=S.REJECTED, submitted_on=dt.date(2024, 6, 1))
    make_proposal("E", status=S.REVIEWING, submitted_on=dt.date(2024, 6, 1), unit=district.qingbo_no_union)
    make_proposal("F", status=S.IMPLEMENTED, submitted_on=dt.date(2023, 12, 31), benefit=Decimal(99))
    make_proposal("G", status=S.IMPLEMENTED, submitted_on=dt.date(2024, 5, 1), benefit=Decimal(50), unit=district.hubin_employer)

    everyone = Proposal.objects.all()
    assert year_figures(Scope(2024)) == {
        "proposals.submitted": 6, "proposals.adopted": 4, "proposals.benefit_wan": Decimal("61.35")}
    assert set(selectors.adopted(everyone, 2024).values_list("number", flat=True)) == {"A", "B", "C", "G"}
    assert year_figures(Scope(2024, user=personas["qingbo_admin"])) == {
        "proposals.submitted": 5, "proposals.adopted": 3, "proposals.benefit_wan": Decimal("11.35")}
    assert year_figures(Scope(2024, district.qingbo_union.path))["proposals.submitted"] == 4
    assert year_figures(Scope(2022))["proposals.benefit_wan"] == Decimal("0.00")


def test_proposals_of_a_unit_closed_by_the_end_of_the_year_drop_out(district, make_proposal):
    make_proposal("A", status=S.IMPLEMENTED, submitted_on=dt.date(2024, 3, 1), benefit=Decimal(5))
    make_proposal("B", submitted_on=dt.date(2024, 3, 1), unit=district.qingbo_union)
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(closed_on=dt.date(2024, 12, 31))
    everyone = Proposal.objects.all()
    assert list(selectors.submitted(everyone, 2024).values_list("number", flat=True)) == ["B"]
    assert year_figures(Scope(2024))["proposals.benefit_wan"] == Decimal("0.00")
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(closed_on=dt.date(2025, 1, 1))
    assert selectors.submitted(everyone, 2024).count() == 2
