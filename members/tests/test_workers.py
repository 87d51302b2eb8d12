"""Workers and members (SPEC §7): 是否会员 reads the membership; a worker row's 是 only creates one
(在籍 at the employer's union, else its street), never changes one; a differing value is a notice."""

from __future__ import annotations

import datetime as dt

from conftest import make_id_number
from members.choices import State
from members.models import Member, MembershipPeriod
from registers.catalog import get_register
from registers.imports import import_file
from registers.tests.files import xlsx
from workers.models import Worker
from workers.services import worker_create
from workflows.services import move

from .helpers import member_of

HEADERS = get_register("workers").headers


def worker_row(number: str, employer: str, member: str, joined: str = "") -> list[str]:
    cells = {
        "姓名": "新职工",
        "身份证号": number,
        "所在单位": employer,
        "是否会员": member,
        "入会日期": joined,
        "劳动合同": "已签订",
    }
    return [cells.get(h, "") for h in HEADERS]


def imported(user, *rows):
    return import_file(
        user=user,
        register=get_register("workers"),
        file_name="职工.xlsx",
        data=xlsx([HEADERS, *rows]),
    )


def test_a_new_worker_who_is_a_member_becomes_one_at_the_employers_union_else_the_street(
    district, personas
):
    at_union, at_street, blank = (
        make_id_number(born="19920202", seq=s) for s in ("501", "502", "503")
    )
    log, problems = imported(
        personas["qingbo_admin"],
        worker_row(at_union, district.qingbo_employer.credit_code, "是", "2022-04-01"),
        worker_row(at_street, district.qingbo_no_union.credit_code, "是", "2022-05-01"),
        worker_row(blank, district.qingbo_employer.credit_code, "是"),
    )
    assert not problems, problems
    members = {
        m.id_number: m for m in Member.objects.filter(id_number__in=[at_union, at_street, blank])
    }
    assert (members[at_union].node, members[at_union].status, members[at_union].joined_on) == (
        district.qingbo_union,
        "在籍",
        dt.date(2022, 4, 1),
    )
    assert members[at_street].node == district.qingbo
    assert members[blank].joined_on is None and members[blank].card_number.startswith("HY")
    assert MembershipPeriod.objects.get(member=members[at_union]).started_on == dt.date(2022, 4, 1)
    assert Worker.objects.get(id_number=at_union).is_member is True


def test_a_row_never_changes_a_membership_and_says_so_in_the_preview(district, personas):
    member = member_of(district, status=State.LEFT)
    Worker.objects.filter(pk=district.qingbo_worker.pk).update(is_member=False)
    w = district.qingbo_worker
    log, problems = imported(
        personas["qingbo_admin"],
        worker_row(w.id_number, district.qingbo_employer.credit_code, "是"),
    )
    assert not problems
    assert any(
        "是否会员以会员台账为准（会员台账中为非会员），本列的“是”不导入" in note
        for note in log.notes
    ), log.notes
    assert Member.objects.get(pk=member.pk).status == "已退会" and Member.objects.count() == 1
    assert Worker.objects.get(pk=w.pk).is_member is False


def test_a_membership_step_is_what_the_worker_register_reads(district, personas):
    member = member_of(district)
    move(
        member,
        State.LEFT,
        user=personas["qingbo_admin"],
        changes={"state_date": dt.date(2024, 6, 1), "change_reason": "本人申请"},
    )
    assert Worker.objects.get(pk=district.qingbo_worker.pk).is_member is False
    move(
        member,
        State.ACTIVE,
        user=personas["qingbo_admin"],
        changes={"state_date": dt.date(2024, 7, 1)},
    )
    assert Worker.objects.get(pk=district.qingbo_worker.pk).is_member is True


def test_a_worker_added_on_the_page_as_a_member_gets_a_membership(district, personas):
    number = make_id_number(born="19930303", seq="611")
    worker_create(
        user=personas["qingbo_admin"],
        name="页面新职工",
        id_number=number,
        employer=district.qingbo_employer,
        is_member=True,
        joined_on=dt.date(2023, 1, 9),
        labour_contract="已签订",
    )
    member = Member.objects.get(id_number=number)
    assert (member.status, member.node, member.joined_on) == (
        "在籍",
        district.qingbo_union,
        dt.date(2023, 1, 9),
    )
