"""The demo applications: valid records over Y−2..Y, each with the workflow history of its state."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from assistance.models import Application
from demo.context import DemoContext
from demo.steps import assistance
from demo.tests.filling import fill_with
from workflows.models import Transition


def fill(seed: int) -> DemoContext:
    return fill_with(assistance, seed)


@pytest.mark.django_db
def test_demo_applications_are_valid_and_their_history_ends_in_their_state():
    ctx = fill(7)
    records = list(Application.objects.select_related("worker"))
    assert len(records) == ctx.counts["帮扶救助申请"] > 0
    assert {r.applied_on.year for r in records} == {2022, 2023, 2024}
    content_type = ContentType.objects.get_for_model(Application)
    last = {}
    for t in Transition.objects.filter(content_type=content_type).order_by("at", "id"):
        assert t.from_state == last.get(t.object_id, "")
        last[t.object_id] = t.to_state
    for record in records:
        record.full_clean()  # amounts, dates, and one open application per person and type
        assert last[record.pk] == record.status
        if record.worker is not None:
            assert record.node_id == record.worker.node_id
    assert {"已发放", "不予救助"} <= {r.status for r in records}
