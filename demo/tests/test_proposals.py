"""The demo proposals are valid records with the workflow history their state implies."""

from __future__ import annotations

import datetime as dt
import random

from demo.context import SIZES, DemoContext
from demo.steps import proposals as demo
from proposals.models import WAITING, Proposal, ProposalStatus
from workflows.services import transitions_of

S = ProposalStatus


def test_demo_proposals_are_valid_and_their_history_leads_to_their_state(district, monkeypatch):
    monkeypatch.setattr(demo, "PER_YEAR", 30_000)  # a busy year even for the fixture's three employers
    ctx = DemoContext(seed=3, scale="district", sizes=SIZES["tiny"], rng=random.Random(3), today=dt.date(2025, 3, 10))
    ctx.districts = [district.root]
    demo.fill(ctx)
    proposals = list(Proposal.objects.select_related("employer", "org"))
    assert len(proposals) == ctx.counts["合理化建议"] > 60
    statuses = {p.status for p in proposals}
    assert {S.IMPLEMENTED, S.REJECTED} <= statuses and statuses & set(WAITING)
    for p in proposals:
        p.full_clean()
        assert p.node_id == p.owning_node_id() and p.submitted_on <= ctx.today
        path = transitions_of(p)
        assert path[0].from_state == "" and path[-1].to_state == p.status
        assert all(a.to_state == b.from_state for a, b in zip(path, path[1:], strict=False))
        assert all(t.at.date() <= ctx.today for t in path)
    assert any(p.worker_id for p in proposals) and any(p.org_id for p in proposals)


def test_demo_proposals_number_on_from_the_highest_taken_where_the_series_has_gaps(district):
    """An office's own numbers may skip some (JY2025-0050 alone): the demo goes on after 0050."""
    from proposals.models import number_series

    Proposal.objects.create(number=f"{number_series(2025)}0050", title="车间节能改造", proposer="张清波",
                            employer=district.qingbo_employer, node=district.qingbo_union,
                            submitted_on=dt.date(2025, 1, 6), status=S.SUBMITTED)
    ctx = DemoContext(seed=3, scale="district", sizes=SIZES["tiny"], rng=random.Random(3), today=dt.date(2025, 3, 10))
    ctx.districts = [district.root]
    demo.fill(ctx)
    numbers = sorted(Proposal.objects.filter(submitted_on__year=2025).values_list("number", flat=True))
    assert len(numbers) > 1 and numbers[1] == f"{number_series(2025)}0051"
