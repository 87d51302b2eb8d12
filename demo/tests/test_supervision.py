"""The demo inspections: valid records over Y−2..Y."""

from __future__ import annotations

import pytest

from demo.context import DemoContext
from demo.steps import supervision
from demo.tests.filling import TODAY, fill_with
from supervision.models import Inspection


def fill(seed: int) -> DemoContext:
    return fill_with(supervision, seed)


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
