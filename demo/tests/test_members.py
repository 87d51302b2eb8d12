"""The demo members: a membership for each worker marked 是否会员, newcomers with valid records and
periods that chain, one transfer waiting between two streets."""

from __future__ import annotations

import pytest

from demo.steps import members
from demo.tests.filling import fill_with
from members.models import Member, MembershipPeriod
from workers.models import Worker


@pytest.mark.django_db
def test_demo_members_are_valid_and_their_periods_chain():
    ctx = fill_with(members, 7)
    assert Member.objects.count() == ctx.counts["会员"] > 0
    assert set(Worker.objects.filter(is_member=True).values_list("id_number", flat=True)) <= set(
        Member.objects.values_list("id_number", flat=True)
    )
    assert Member.objects.filter(status="转出中").count() == 1
    states = set(Member.objects.values_list("status", flat=True))
    assert {"在籍", "转出中", "申请中"} <= states and states & {
        "保留会籍",
        "已退会",
    }  # a tiny district: a few of each
    for member in Member.objects.exclude(worker__isnull=False):
        member.full_clean()
    for member in Member.objects.prefetch_related("periods"):
        periods = sorted(member.periods.all(), key=lambda p: p.started_on)
        assert periods, member
        assert [p.ended_on for p in periods[:-1]] == [p.started_on for p in periods[1:]]
        assert periods[-1].ended_on is None and periods[-1].state in (member.status, "申请中")
        assert periods[-1].union_id == member.node_id
    assert MembershipPeriod.objects.filter(member__employment="新就业形态").exists()
