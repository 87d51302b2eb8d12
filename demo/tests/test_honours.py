"""The demo honours and facilities are valid records of the district they are made for."""

from __future__ import annotations

import datetime as dt
import random

from demo.context import SIZES, DemoContext
from demo.steps import honours as demo
from honours.models import Facility, FacilityType, Honour, HonourType, honour_key, unit_key_for


def test_demo_honours_and_facilities_are_valid(district, monkeypatch):
    monkeypatch.setattr(demo, "EMPLOYERS_OF_A_DISTRICT", 30)  # the fixture's three employers named often
    ctx = DemoContext(seed=4, scale="district", sizes=SIZES["tiny"], rng=random.Random(4), today=dt.date(2025, 3, 10))
    ctx.districts = [district.root]
    demo.fill(ctx)
    honours = list(Honour.objects.all())
    assert len(honours) == ctx.counts["命名表彰"] > 50
    assert {h.honour_type for h in honours} >= {HonourType.LEARNING_ORG, HonourType.LEARNING_TEAM, HonourType.KNOWLEDGE_WORKER}
    for h in honours:
        h.full_clean()
        assert h.unit_key == unit_key_for(h.employer_id, h.org_id)
        assert h.natural_key == honour_key(h.honour_type, h.level, h.year, h.id_number, h.unit_key, h.name)
        assert h.node_id == (h.employer.node_id if h.employer_id else h.org_id)
        assert h.year <= 2025 and (h.revoked_year is None or h.year < h.revoked_year <= 2025)
        assert bool(h.id_number) == (h.honour_type == HonourType.KNOWLEDGE_WORKER) == bool(h.worker_id)
    facilities = list(Facility.objects.all())
    assert {f.facility_type for f in facilities} >= {FacilityType.CLUB, FacilityType.BOOK_HOUSE, FacilityType.SCHOOL}
    for f in facilities:
        f.full_clean()
        assert f.built_on <= ctx.today and (f.closed_on is None or f.built_on < f.closed_on <= ctx.today)
    assert any(f.closed_on for f in facilities) and any(not f.is_open(ctx.today) for f in facilities)
