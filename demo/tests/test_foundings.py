"""The demo foundings: valid records from 2024 on, the approved ones with their unions."""

from __future__ import annotations

import datetime as dt

import pytest

from demo.steps import foundings
from demo.tests.filling import fill_with
from foundings.due import due_items
from foundings.models import Founding
from orgs.models import Employer, OrgType

TODAY = dt.date(2025, 9, 15)


@pytest.mark.django_db
def test_demo_foundings_are_valid_and_the_approved_ones_founded_their_unions():
    ctx = fill_with(foundings, 7, today=TODAY)
    records = list(Founding.objects.select_related("union", "street"))
    assert len(records) == ctx.counts["工会组建"] > 0
    assert {r.status for r in records} == {"已成立", "筹建中", "已中止"}
    assert min(r.started_on for r in records).year >= 2024
    for record in records:
        record.full_clean()
        assert record.node_id == record.street_id and record.started_on <= TODAY
        units = list(record.units.all())
        assert len(units) == len(record.unit_codes.split("；"))
        if record.status == "已成立":
            assert record.union.org_type == (
                OrgType.GRASSROOTS if record.form == "单独建会" else OrgType.JOINT
            )
            assert record.union.founded_on == record.approved_on <= TODAY
            assert all(u.union_id == record.union_id for u in units)
        else:
            assert record.union is None and all(u.union_id is None for u in units)
    assert ctx.counts["其中已成立"] == Founding.objects.established().count() > 0
    from accounts.models import Role, User

    admin = User.objects.create(username="district_admin", org=ctx.districts[0], role=Role.ADMIN)
    assert len(list(due_items(admin, TODAY))) == ctx.counts["其中筹建超期"] == 1
    assert (
        Employer.objects.filter(union__foundings__isnull=False).count() >= ctx.counts["其中已成立"]
    )
