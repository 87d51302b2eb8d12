"""The demo instructors and contracts are valid, plausible and repeatable."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from contracts import selectors
from contracts.models import Contract, ContractParty, Instructor, Stage, Status
from contracts.rules import contract_status
from demo.context import SIZES, DemoContext
from demo.reset import wipe
from demo.steps import contracts as demo
from demo.steps import meetings as meetings_demo
from demo.steps import orgs as orgs_demo
from demo.steps import workers as workers_demo
from meetings.models import Meeting, MeetingType
from workflows.models import Transition

TODAY = dt.date(2025, 6, 18)


def build(seed: int = 3) -> DemoContext:
    ctx = DemoContext(seed=seed, scale="district", sizes=SIZES["tiny"], rng=random.Random(seed), today=TODAY)
    for module in (orgs_demo, workers_demo, meetings_demo, demo):
        module.fill(ctx)
    return ctx


@pytest.mark.django_db
def test_demo_contracts_instructors_and_meetings_are_valid_and_plausible():
    ctx = build()
    assert Instructor.objects.active_at(TODAY).count() == 13 and Instructor.objects.count() == 17
    for instructor in Instructor.objects.select_related("worker"):
        instructor.full_clean(validate_unique=False)
        assert instructor.worker is None or instructor.worker.id_number == instructor.id_number
    contracts = list(Contract.objects.select_related("renews"))
    assert ctx.counts["集体合同"] == len(contracts) > 10
    links = {}
    for link in ContractParty.objects.order_by("contract_id", "position").select_related("employer"):
        links.setdefault(link.contract_id, []).append(link.employer)
    for c in contracts:
        c.full_clean(validate_unique=False)
        parties = links[c.pk]
        assert c.party_codes == "；".join(p.credit_code for p in parties) and c.node_id == parties[0].node_id
        assert c.signed_on <= TODAY and c.stage != Stage.DRAFT
        assert (c.signing_mode == "续签") == (c.renews is not None)
        assert c.renews is None or c.renews.signed_on < c.signed_on
    statuses = {contract_status(c, TODAY) for c in contracts}
    assert {Status.IN_FORCE, Status.EXPIRED} <= statuses
    assert selectors.units_total(2025).count() > 0 and selectors.covered_workers(2025) > 0
    # each contract's procedure is in its workflow history, ending in its stage
    last = {t.object_id: t.to_state for t in Transition.objects.filter(content_type__model="contract").order_by("at", "id")}
    assert all(last[c.pk] == c.stage for c in contracts)
    joint = Meeting.objects.filter(meeting_type=MeetingType.JOINT)
    assert joint.count() == 7 and sorted(joint.values_list("session", flat=True)) == list(range(1, 8))
    assert 9 <= Meeting.objects.filter(meeting_type=MeetingType.TRIPARTITE).count() <= 10
    for m in Meeting.objects.all():
        m.full_clean(validate_unique=False)
        assert m.held_on <= TODAY and m.node_id == m.convener_org_id


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_contracts_and_wipe_clears_them():
    build(seed=5)
    first = list(Contract.objects.order_by("number").values_list("number", "signed_on", "party_codes", "covered_workers"))
    wipe()
    assert not Contract.objects.exists() and not Instructor.objects.exists() and not Meeting.objects.exists()
    assert not ContractParty.objects.exists() and not Transition.objects.exists()
    build(seed=5)
    assert list(Contract.objects.order_by("number").values_list(
        "number", "signed_on", "party_codes", "covered_workers")) == first
