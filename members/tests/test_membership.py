"""Membership steps (SPEC §7): every legal and illegal move, both sides of a transfer and what
each side sees, the dated periods, and the one-sided moves (an employer's closure, a founding)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from core.signals import union_founded
from core.tests.records import qingbo_record
from members import services
from members.choices import State
from members.models import Member, MembershipPeriod
from members.rules import idle_since
from members.selectors import idle_members
from orgs.models import Org, OrgType
from registers.catalog import get_register, registers
from registers.ordering import own_date
from todo.due import collect
from workflows.services import move

from .helpers import member_of

DAY = dt.date(2024, 3, 1)


def periods(member: Member) -> list[tuple[str, str, dt.date, dt.date | None]]:
    return [
        (p.union.name, p.state, p.started_on, p.ended_on)
        for p in MembershipPeriod.objects.filter(member=member)
        .select_related("union")
        .order_by("started_on", "pk")
    ]


LEGAL = [
    (State.APPLIED, State.ACTIVE),
    (State.APPLIED, State.REFUSED),
    (State.ACTIVE, State.KEPT),
    (State.ACTIVE, State.TRANSFERRING),
    (State.ACTIVE, State.LEFT),
    (State.KEPT, State.ACTIVE),
    (State.KEPT, State.LEFT),
    (State.LEFT, State.ACTIVE),
    (State.TRANSFERRING, State.ACTIVE),
]
ALL_STATES = list(State.values)


@pytest.mark.parametrize(("old", "new"), [(o, n) for o in ALL_STATES for n in ALL_STATES if o != n])
def test_each_move_is_legal_only_where_the_workflow_says(district, personas, old, new):
    member = member_of(district, status=old)
    changes = {"state_date": dt.date(2024, 6, 1), "change_reason": "退休"}
    if new == State.TRANSFERRING:
        changes["transfer_to"] = district.qingbo
    user = personas["district_admin"]
    if (old, new) in LEGAL:
        moved = move(member, new, user=user, changes=changes)
        assert moved.status == new
        assert periods(moved)[-1][1:3] == (new, dt.date(2024, 6, 1))
    else:
        with pytest.raises(ValidationError) as refused:
            move(member, new, user=user, changes=changes)
        assert f"状态不能从“{old}”直接变为“{new}”" in str(refused.value) or "已是" in str(
            refused.value
        )
        member.refresh_from_db()
        assert member.status == old


def test_approval_gives_a_card_number_and_the_join_period_from_its_date(district, personas):
    member = member_of(district, status=State.APPLIED, joined_on=None)
    moved = move(
        member,
        State.ACTIVE,
        user=personas["qingbo_admin"],
        changes={"state_date": dt.date(2024, 5, 6)},
    )
    assert moved.card_number.startswith("HY") and moved.joined_on == dt.date(2024, 5, 6)
    assert Member.objects.get(pk=member.pk).card_number == moved.card_number
    assert periods(moved)[-1] == ("清波示范企业工会", "在籍", dt.date(2024, 5, 6), None)
    assert (
        moved.history.first().card_number == moved.card_number
    )  # the step's own history row says it


def test_each_step_closes_the_period_before_on_its_own_effective_date(district, personas):
    member = member_of(district)
    user = personas["qingbo_admin"]
    move(
        member,
        State.KEPT,
        user=user,
        changes={"state_date": dt.date(2024, 7, 1), "change_reason": "失业"},
    )
    move(member, State.ACTIVE, user=user, changes={"state_date": dt.date(2024, 9, 1)})
    move(
        member,
        State.LEFT,
        user=user,
        changes={"state_date": dt.date(2024, 10, 1), "change_reason": "本人申请"},
    )
    assert periods(member) == [
        ("清波示范企业工会", "在籍", DAY, dt.date(2024, 7, 1)),
        ("清波示范企业工会", "保留会籍", dt.date(2024, 7, 1), dt.date(2024, 9, 1)),
        ("清波示范企业工会", "在籍", dt.date(2024, 9, 1), dt.date(2024, 10, 1)),
        ("清波示范企业工会", "已退会", dt.date(2024, 10, 1), None),
    ]


def test_a_step_without_its_reason_or_date_is_refused_in_chinese(district, personas):
    member = member_of(district)
    with pytest.raises(ValidationError) as refused:
        move(
            member,
            State.LEFT,
            user=personas["qingbo_admin"],
            changes={"state_date": dt.date(2024, 6, 1)},
        )
    assert "变动原因" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        move(member, State.KEPT, user=personas["qingbo_admin"], changes={"change_reason": "退休"})
    assert "状态日期" in str(refused.value)


# --- a transfer between two sibling streets ---------------------------------------------------------


@pytest.fixture
def sent(district, personas):
    """清波's member sent to 湖滨示范企业工会 on 2024-06-01 by 清波's admin."""
    member = member_of(district)
    return move(
        member,
        State.TRANSFERRING,
        user=personas["qingbo_admin"],
        changes={"transfer_to": district.hubin_union, "state_date": dt.date(2024, 6, 1)},
    )


def test_the_releasing_side_alone_cannot_finish_a_transfer(district, personas, sent):
    with pytest.raises(PermissionDenied, match="转入工会"):
        move(
            sent,
            State.ACTIVE,
            user=personas["qingbo_admin"],
            changes={"state_date": dt.date(2024, 6, 2)},
        )
    with pytest.raises(PermissionDenied):
        services.transfer_accept(user=personas["qingbo_admin"], pk=sent.pk, on=dt.date(2024, 6, 2))


def test_the_receiving_side_sees_only_a_masked_name_the_union_and_the_date(
    login, district, personas, sent
):
    page = login("hubin_admin").get(reverse("members:incoming"))
    assert page.status_code == 200
    assert (
        "张*" in page.text
        and "张清波" not in page.text
        and "清波示范企业工会" in page.text
        and "2024-06-01" in page.text
    )
    assert (
        district.qingbo_worker.id_number not in page.text
        and district.qingbo_worker.id_number[:6] not in page.text
    )
    # the member is not yet in 湖滨's subtree: its record page is not 湖滨's
    assert (
        login("hubin_admin")
        .get(reverse("registers:record-detail", args=["members", sent.pk]))
        .status_code
        == 404
    )
    due = collect(personas["hubin_admin"], dt.date(2024, 6, 5))
    assert [(i.kind, i.title) for i in due if i.key.startswith("members:")] == [
        ("会员转入待接收", "张**（自清波示范企业工会转入）")
    ]
    assert not [
        i
        for i in collect(personas["qingbo_admin"], dt.date(2024, 6, 5))
        if i.kind == "会员转入待接收"
    ]


def test_a_sibling_street_sees_only_its_own_side(login, district, sent):
    # 清波 sees its member, 转出中, with the receiving union's name and type only
    page = login("qingbo_admin").get(reverse("registers:record-detail", args=["members", sent.pk]))
    assert (
        page.status_code == 200
        and "转出中" in page.text
        and "湖滨示范企业工会" in page.text
        and "基层工会" in page.text
    )
    assert "湖滨示范酒店" not in page.text
    # and nothing on its incoming page; 湖滨's other union-less street sees nothing of 清波's members
    assert "张*" not in login("qingbo_admin").get(reverse("members:incoming")).text
    assert (
        login("hubin_admin")
        .get(reverse("registers:record-list", args=["members"]))
        .text.count("张清波")
        == 0
    )


def test_accepting_moves_the_member_to_the_receiving_union_from_that_day(
    login, district, personas, sent
):
    client = login("hubin_admin")
    response = client.post(
        reverse("members:incoming-act", args=[sent.pk]), {"action": "accept", "on": "2024-06-10"}
    )
    assert response.status_code == 302
    member = Member.objects.get(pk=sent.pk)
    assert (member.status, member.node, member.transfer_to) == ("在籍", district.hubin_union, None)
    assert periods(member)[-2:] == [
        ("清波示范企业工会", "转出中", dt.date(2024, 6, 1), dt.date(2024, 6, 10)),
        ("湖滨示范企业工会", "在籍", dt.date(2024, 6, 10), None),
    ]
    assert (
        client.get(reverse("registers:record-detail", args=["members", member.pk])).status_code
        == 200
    )
    assert (
        login("qingbo_admin")
        .get(reverse("registers:record-detail", args=["members", member.pk]))
        .status_code
        == 404
    )
    assert AuditEntry.objects.filter(action="transition", username="hubin_admin").exists()


def test_refusing_keeps_the_member_at_the_old_union(login, district, sent):
    client = login("hubin_admin")
    said = client.post(
        reverse("members:incoming-act", args=[sent.pk]),
        {"action": "refuse", "on": "2024-06-10"},
        follow=True,
    )
    assert "退回转会须填写原因" in said.text
    client.post(
        reverse("members:incoming-act", args=[sent.pk]),
        {"action": "refuse", "reason": "不在本单位就业", "on": "2024-06-10"},
    )
    member = Member.objects.get(pk=sent.pk)
    assert (member.status, member.node, member.transfer_to) == ("在籍", district.qingbo_union, None)
    assert periods(member)[-1] == ("清波示范企业工会", "在籍", dt.date(2024, 6, 10), None)


def test_a_third_street_cannot_answer_a_transfer_that_is_not_its_own(district, personas, sent):
    third = Org.objects.get(pk=district.root.pk).add_child(
        name="西湖街道总工会", org_type=OrgType.STREET
    )
    from accounts.models import User

    user = User.objects.create(
        username="xihu_admin", org=third, role="admin", must_change_password=False
    )
    with pytest.raises(PermissionDenied):
        services.transfer_accept(user=user, pk=sent.pk)
    assert Member.objects.get(pk=sent.pk).status == State.TRANSFERRING


# --- one-sided moves ------------------------------------------------------------------------------


def test_an_employers_closure_keeps_its_members_at_the_union_above_in_one_audited_step(
    login, district, personas
):
    member = member_of(district)
    other = member_of(district, worker=district.hubin_worker, node=district.hubin_union)
    from orgs.services import employer_update

    employer_update(
        user=personas["qingbo_admin"],
        employer=district.qingbo_employer,
        closed_on=dt.date(2024, 8, 31),
    )
    member.refresh_from_db()
    assert (member.status, member.node, member.change_reason) == (
        "保留会籍",
        district.qingbo,
        "单位关闭",
    )
    assert periods(member)[-1] == ("清波街道总工会", "保留会籍", dt.date(2024, 8, 31), None)
    assert Member.objects.get(pk=other.pk).status == "在籍"
    assert AuditEntry.objects.filter(action="transition", detail__原因="单位注销").count() == 1


def test_a_founding_moves_the_streets_memberships_into_the_new_union(district, personas):
    district.qingbo_no_union.refresh_from_db()
    shop_worker = district.qingbo_no_union.workers.get()
    member = member_of(district, worker=shop_worker, node=district.qingbo)
    union = district.qingbo.add_child(name="清波商店联合工会", org_type=OrgType.JOINT)
    union_founded.send(
        sender=Org,
        union=union,
        employers=[district.qingbo_no_union],
        on=dt.date(2024, 9, 1),
        user=personas["qingbo_admin"],
    )
    member.refresh_from_db()
    assert member.node == union and member.status == "在籍"
    assert periods(member)[-2:] == [
        ("清波街道总工会", "在籍", DAY, dt.date(2024, 9, 1)),
        ("清波商店联合工会", "在籍", dt.date(2024, 9, 1), None),
    ]
    assert AuditEntry.objects.filter(action="move", detail__原因="新建工会").count() == 1


PERSON_REGISTERS = [
    r.slug
    for r in registers().values()
    if r.person_field and r.slug != "members" and r.model is not None and own_date(r)
]


@pytest.mark.parametrize("slug", PERSON_REGISTERS)
def test_a_member_in_a_recent_record_of_any_register_is_not_proposed(slug, district, personas):
    """Each register that names people by 身份证号 counts as activity in its own date's six months
    (a year for registers dated by 年度)."""
    register, today = get_register(slug), timezone.localdate()
    member = member_of(district, joined_on=dt.date(2020, 1, 1))
    record, _ = qingbo_record(district, slug)
    model = type(record)
    model.objects.filter(pk=record.pk).update(**{register.person_field: member.id_number})
    *links, field = own_date(register).split("__")
    dated = record
    for link in links:  # a date the record takes from another (an entry's competition's 年度)
        dated = getattr(dated, link)
    proposed = idle_members(personas["district_admin"], today)

    def date_it(day: dt.date) -> None:
        value = day.year if field.endswith("year") else day
        type(dated).objects.filter(pk=dated.pk).update(**{field: value})

    date_it(idle_since(today) - dt.timedelta(days=400))
    assert member in proposed.all()
    date_it(today - dt.timedelta(days=20))
    assert member not in proposed.all()


def test_the_idle_list_proposes_only_members_absent_from_every_register_for_six_months(
    login, district, personas
):
    from proposals.models import Proposal

    idle = member_of(district, joined_on=dt.date(2020, 1, 1))
    busy = member_of(
        district,
        worker=district.hubin_worker,
        node=district.hubin_union,
        joined_on=dt.date(2020, 1, 1),
    )
    proposal = Proposal(
        number="JY-IDLE",
        title="节能",
        proposer="陈湖滨",
        id_number=busy.id_number,
        submitted_on=timezone.localdate() - dt.timedelta(days=20),
    )
    proposal.party = district.hubin_employer
    proposal.node_id = proposal.owning_node_id()
    proposal.save()
    page = login("district_admin").get(reverse("members:idle"))
    assert "张清波" in page.text and "陈湖滨" not in page.text
    assert (
        "张清波" not in login("hubin_admin").get(reverse("members:idle")).text
    )  # a sibling's members are not its own
    assert Member.objects.get(pk=idle.pk).status == "在籍"  # a proposal, never a move
