"""The demo assessments: scoring tables from 2024, assessments through the real steps, honours named
and one revoked after a collective dispute; nothing dated before 2024."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from demo.context import SIZES, DemoContext
from demo.steps import harmony, mediation, orgs, workers
from harmony.choices import Status
from harmony.models import Assessment, ReviewStep, ScoringTable
from honours.models import Honour
from mediation.models import Case

TODAY = dt.date(2026, 3, 10)


@pytest.mark.django_db
def test_demo_assessments_go_through_the_steps_and_name_their_honours():
    ctx = DemoContext(
        seed=3, scale="district", sizes=SIZES["tiny"], rng=random.Random(3), today=TODAY
    )
    for step in (orgs, workers, mediation, harmony):
        step.fill(ctx)
    assert list(ScoringTable.objects.order_by("year").values_list("year", flat=True)) == [
        2024,
        2025,
        2026,
    ]
    records = list(Assessment.objects.select_related("employer", "honour"))
    assert len(records) == ctx.counts["和谐企业评价"] > 0 and min(r.year for r in records) == 2024
    states = {r.status for r in records}
    assert {Status.NAMED, Status.REVOKED} <= states and states & {
        Status.APPLIED,
        Status.STREET_REVIEWED,
        Status.DISTRICT_REVIEWED,
    }
    for record in records:
        record.full_clean()
        assert record.node_id == record.employer.node_id
        steps = {s.step: s for s in ReviewStep.objects.filter(assessment=record)}
        if record.status in (Status.NAMED, Status.REVOKED):
            assert (
                record.honour.year == record.named_on.year >= 2024
                and record.honour.level == record.level
            )
            assert record.district_score == steps[Status.DISTRICT_REVIEWED].score >= 60
            assert all(s.at.date() <= TODAY for s in steps.values())
    assert any(r.level == "市级" and r.status == Status.NAMED for r in records)
    revoked = next(r for r in records if r.status == Status.REVOKED)
    assert revoked.honour.revoked_year == revoked.revoked_on.year
    dispute = Case.objects.get(
        respondent_employer=revoked.employer, people__gte=10, applied_on__gt=revoked.named_on
    )
    assert dispute.applied_on < revoked.revoked_on <= TODAY
    assert Honour.objects.filter(honour_type="劳动关系和谐企业").count() == len(
        {r.honour_id for r in records if r.honour_id}
    )
