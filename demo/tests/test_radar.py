"""The demo leads and radar: valid records, and employers at every level."""

from __future__ import annotations

import pytest

from accounts.models import Role, User
from demo.steps import radar as step
from demo.tests.filling import TODAY, fill_with
from radar.models import Lead
from radar.selectors import radar


@pytest.mark.django_db
def test_demo_leads_are_valid_and_the_radar_has_every_level():
    ctx = fill_with(step, 7)
    leads = list(Lead.objects.select_related("employer"))
    assert len(leads) == ctx.counts["风险线索"] > 0
    for lead in leads:
        lead.full_clean()
        assert lead.node_id == lead.employer.node_id and lead.found_on <= TODAY
    viewer = User(username="demo", org=ctx.districts[0], role=Role.ADMIN)
    levels = {s.level for s in radar(viewer, TODAY)}
    assert {"红", "橙", "黄", "无"} <= levels
