"""The members' figures (SPEC §7): periods open on 31 Dec Y, counted at the union that held them
then; each figure's drill-down is its records."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from indicators.catalog import BY_KEY, figure
from indicators.documents.narrative import _members
from indicators.scope import Scope
from members import services
from members.choices import State
from workflows.services import move

from .helpers import member_of


def fig(key: str, year: int, org) -> int:
    scope = Scope(year, org.path)
    value = figure(BY_KEY[key], scope)
    assert (
        value == BY_KEY[key].records(scope).count()
    )  # the drill-down lists what the figure counts
    return value


def test_a_transferred_member_counts_where_it_was_on_each_31_december(district, personas):
    member = member_of(
        district, joined_on=dt.date(2022, 5, 1), employment="新就业形态", is_migrant=True
    )
    move(
        member,
        State.TRANSFERRING,
        user=personas["qingbo_admin"],
        changes={"transfer_to": district.hubin_union, "state_date": dt.date(2023, 12, 20)},
    )
    services.transfer_accept(user=personas["hubin_admin"], pk=member.pk, on=dt.date(2024, 1, 10))
    assert [fig("members.total", y, district.qingbo) for y in (2021, 2022, 2023, 2024)] == [
        0,
        1,
        1,
        0,
    ]
    assert [fig("members.total", y, district.hubin) for y in (2022, 2023, 2024)] == [0, 0, 1]
    assert (
        fig("members.joined", 2022, district.qingbo) == 1
        and fig("members.joined", 2022, district.hubin) == 0
    )
    assert (
        fig("members.new_employment", 2024, district.hubin) == 1
        and fig("members.migrant", 2024, district.hubin) == 1
    )
    assert fig("members.total", 2024, district.root) == 1


def test_left_and_a_blank_joining_date(district, personas):
    member = member_of(district, joined_on=dt.date(2020, 1, 1))
    move(
        member,
        State.LEFT,
        user=personas["qingbo_admin"],
        changes={"state_date": dt.date(2023, 3, 1), "change_reason": "本人申请"},
    )
    assert (
        fig("members.left", 2023, district.root) == 1
        and fig("members.total", 2023, district.root) == 0
    )
    services.members_join_workers(
        joined=[(district.hubin_worker.id_number, None)], user=personas["hubin_admin"]
    )
    today = timezone.localdate()
    assert (
        fig("members.total", today.year, district.hubin) == 1
        and fig("members.joined", today.year, district.hubin) == 0
    )


def test_the_report_says_the_members_figures_in_one_sentence_each():
    text = _members(
        {
            "members.total": 120,
            "members.joined": 8,
            "members.left": 2,
            "members.new_employment": 5,
            "members.migrant": 0,
        },
        2024,
        "清波街道",
    )
    assert (
        text
        == "截至2024年底，清波街道实名登记工会会员120人，其中新就业形态劳动者会员5人。全年新发展会员8人，办理退会2人。"
    )
    assert (
        _members({"members.total": 0, "members.joined": 0, "members.left": 0}, 2024, "清波街道")
        == ""
    )
