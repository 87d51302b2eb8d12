"""The demo inspections: valid records over Y−2..Y."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from demo.context import SIZES, DemoContext
from supervision.models import Inspection

TODAY = dt.date(2024, 6, 15)


def fill(seed: int) -> DemoContext:
    from demo.steps import orgs as orgs_demo
    from demo.steps import supervision as demo
    from demo.steps import workers as workers_demo

    ctx = DemoContext(seed=seed, scale="district", sizes=SIZES["tiny"], rng=random.Random(seed), today=TODAY)
    for step in (orgs_demo, workers_demo, demo):
        step.fill(ctx)
    return ctx


@pytest.mark.django_db
def test_demo_inspections_are_valid_records_of_the_last_three_years():
    ctx = fill(7)
    records = list(Inspection.objects.select_related("employer", "node"))
    assert len(records) == ctx.counts["法律监督检查"] > 0
    assert {r.inspected_on.year for r in records} == {2022, 2023, 2024}
    for record in records:
        record.full_clean()
        assert record.node_id == record.employer.node_id and record.inspected_on <= TODAY
    assert ctx.counts["其中整改逾期"] == Inspection.objects.overdue(TODAY).count()
