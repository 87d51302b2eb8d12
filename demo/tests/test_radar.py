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


@pytest.mark.django_db
def test_the_radar_command_on_the_demo_lists_scored_employers_highest_first(capsys):
    import json

    from django.core.management import call_command

    fill_with(step, 7)
    call_command("radar", "--date", f"{TODAY:%Y-%m-%d}")
    out = json.loads(capsys.readouterr().out)
    assert out and all(e["score"] > 0 for e in out)
    assert [(-e["score"], e["credit_code"]) for e in out] == sorted(
        (-e["score"], e["credit_code"]) for e in out
    )
    for e in out:
        assert e["score"] == sum(s["count"] * s["weight"] for s in e["signals"])
        assert set(e) == {"employer", "credit_code", "level", "score", "signals"}
    assert {e["level"] for e in out} >= {"红", "橙", "黄"}
