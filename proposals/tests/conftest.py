"""Proposals for the tests: made directly, in the shared district (清波 and its sibling 湖滨)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from proposals.models import Proposal, ProposalStatus


@pytest.fixture
def make_proposal(district):
    """make_proposal("JY-1", status=…, submitted_on=…, unit=employer or org) → a saved proposal."""

    def make(number: str, *, status: str = ProposalStatus.SUBMITTED, submitted_on: dt.date = dt.date(2024, 3, 1),
             unit=None, **fields) -> Proposal:
        unit = unit or district.qingbo_employer
        if status in (ProposalStatus.ADOPTED, ProposalStatus.IMPLEMENTED):
            fields.setdefault("adopted_on", submitted_on + dt.timedelta(days=10))
        if status == ProposalStatus.IMPLEMENTED:
            fields.setdefault("benefit", Decimal("12.50"))
        fields = {"title": f"建议{number}", "proposer": "张清波", **fields}
        proposal = Proposal(number=number, submitted_on=submitted_on, status=status, **fields)
        proposal.party = unit
        proposal.node_id = proposal.owning_node_id()
        proposal.full_clean()
        proposal.save()
        return proposal

    return make
