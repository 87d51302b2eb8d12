"""The demo mediation data is valid, plausible and repeatable."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from demo.context import SIZES, DemoContext
from demo.reset import wipe
from demo.steps import mediation as demo
from demo.steps import orgs as orgs_demo
from demo.steps import workers as workers_demo
from mediation.models import CLOSED_STATES, Case, CaseStatus, MediationLevel, MediationOrg
from mediation.rules import is_overdue
from workflows.models import Transition

TODAY = dt.date(2025, 6, 18)


def build(seed: int = 3) -> DemoContext:
    ctx = DemoContext(seed=seed, scale="district", sizes=SIZES["tiny"], rng=random.Random(seed), today=TODAY)
    orgs_demo.fill(ctx)
    workers_demo.fill(ctx)
    demo.fill(ctx)
    return ctx


@pytest.mark.django_db
def test_demo_mediation_is_valid_and_plausible():
    ctx = build()
    levels = {level: MediationOrg.objects.filter(level=level).count() for level in MediationLevel.values}
    assert levels[MediationLevel.DISTRICT] == 1 and levels[MediationLevel.STREET] == 6
    assert levels[MediationLevel.ENTERPRISE] >= 2 and levels[MediationLevel.PEOPLE] >= 2
    for org in MediationOrg.objects.select_related("employer", "org"):
        org.full_clean(validate_unique=False)
        assert org.node_id == (org.org_id or org.employer.node_id)
    assert MediationOrg.objects.get(level=MediationLevel.STREET, org__name="清波街道总工会").name == "清波街道劳动争议调解委员会"
    cases = list(Case.objects.select_related("mediation_org", "worker"))
    assert ctx.counts == {**ctx.counts, "调解组织": sum(levels.values()), "调解案件": len(cases)}
    assert {c.applied_on.year for c in cases} == {2023, 2024, 2025} and len(cases) > 60
    assert {c.status for c in cases} == set(CaseStatus.values)
    for case in cases:
        case.full_clean(validate_unique=False)
        assert case.node_id == case.mediation_org.node_id and case.applied_on <= TODAY
        assert case.worker is None or case.worker.id_number == case.applicant_id_number
        if case.status == CaseStatus.SUCCEEDED:
            assert case.matters and case.terms and case.agreed_amount is not None
    open_ages = sorted((TODAY - c.applied_on).days for c in cases if c.is_open)
    assert any(10 <= age <= 15 for age in open_ages), open_ages  # near the limit
    assert sum(is_overdue(c, TODAY) for c in cases) >= 2  # past it
    # each case's workflow history ends in its state
    last = {t.object_id: t.to_state for t in Transition.objects.order_by("at", "id")}
    assert all(last[c.pk] == c.status for c in cases)
    assert all(c.closed_on for c in cases if c.status in CLOSED_STATES)
    assert len({c.number for c in cases}) == len(cases)


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_cases_and_wipe_clears_them():
    build(seed=5)
    first = list(Case.objects.order_by("number").values_list("number", "applicant", "status", "applied_on"))
    wipe()
    assert not Case.objects.exists() and not MediationOrg.objects.exists() and not Transition.objects.exists()
    build(seed=5)
    assert list(Case.objects.order_by("number").values_list("number", "applicant", "status", "applied_on")) == first
