"""The members register's import (SPEC §7): periods from a row's dates, the worker's one copy of
姓名/手机号/所在单位, where a member may belong, and a step an update describes."""

from __future__ import annotations

import datetime as dt

from conftest import make_id_number
from members.choices import State
from members.models import Member, MembershipPeriod
from registers.catalog import get_register
from registers.imports import import_file
from registers.tests.files import xlsx

HEADERS = get_register("members").headers


def row(**cells: str) -> list[str]:
    return [cells.get(h, "") for h in HEADERS]


def test_an_imported_row_writes_its_periods_from_its_dates(district, personas):
    stranger = make_id_number(born="19700101", seq="881")
    data = xlsx(
        [
            HEADERS,
            row(
                姓名="退休王",
                身份证号=stranger,
                所在工会="清波街道总工会",
                入会日期="2001-05-01",
                会籍状态="保留会籍",
                状态日期="2023-06-30",
                变动原因="退休",
                就业形态="退休",
            ),
        ]
    )
    log, problems = import_file(
        user=personas["qingbo_admin"],
        register=get_register("members"),
        file_name="会员.xlsx",
        data=data,
    )
    assert not problems, problems
    member = Member.objects.get(id_number=stranger)
    assert [
        (p.state, p.started_on, p.ended_on) for p in MembershipPeriod.objects.filter(member=member)
    ] == [
        ("在籍", dt.date(2001, 5, 1), dt.date(2023, 6, 30)),
        ("保留会籍", dt.date(2023, 6, 30), None),
    ]


def test_a_worker_lends_name_mobile_and_employer_and_they_are_kept_once(district, personas):
    w = district.qingbo_worker
    data = xlsx(
        [
            HEADERS,
            row(
                姓名="别的名字",
                身份证号=w.id_number,
                所在工会=district.qingbo_union.name,
                入会日期="2020-01-01",
                会籍状态="在籍",
                手机号="13900000000",
            ),
        ]
    )
    _, problems = import_file(
        user=personas["qingbo_admin"],
        register=get_register("members"),
        file_name="会员.xlsx",
        data=data,
    )
    assert not problems, problems
    member = Member.objects.get(id_number=w.id_number)
    assert (member.name, member.mobile, member.employer_id, member.worker_id) == (
        "",
        "",
        None,
        w.pk,
    )
    assert (member.shown_name, member.shown_employer) == ("张清波", district.qingbo_employer)


def test_a_union_that_is_not_the_employers_is_refused_naming_row_column_and_value(
    district, personas
):
    w = district.qingbo_worker
    data = xlsx(
        [
            HEADERS,
            row(
                姓名="张清波",
                身份证号=w.id_number,
                所在工会=district.hubin_union.name,
                入会日期="2020-01-01",
                会籍状态="在籍",
            ),
        ]
    )
    _, problems = import_file(
        user=personas["district_admin"],
        register=get_register("members"),
        file_name="会员.xlsx",
        data=data,
    )
    assert [str(p) for p in problems] == [
        "第 2 行「所在工会」湖滨示范企业工会：所在工会应为单位“清波示范科技有限公司”的工会或其上级工会"
    ]


def test_an_update_makes_only_a_legal_step_and_writes_it(district, personas):
    w = district.hubin_worker
    first = row(
        姓名="陈湖滨",
        身份证号=w.id_number,
        所在工会=district.hubin_union.name,
        入会日期="2020-01-01",
        会籍状态="在籍",
    )
    import_file(
        user=personas["hubin_admin"],
        register=get_register("members"),
        file_name="a.xlsx",
        data=xlsx([HEADERS, first]),
    )
    bad = row(
        姓名="陈湖滨",
        身份证号=w.id_number,
        所在工会=district.hubin_union.name,
        入会日期="2020-01-01",
        会籍状态="申请中",
    )
    _, problems = import_file(
        user=personas["hubin_admin"],
        register=get_register("members"),
        file_name="b.xlsx",
        data=xlsx([HEADERS, bad]),
    )
    assert problems and "状态不能从“在籍”直接变为“申请中”" in str(problems[0])
    left = row(
        姓名="陈湖滨",
        身份证号=w.id_number,
        所在工会=district.hubin_union.name,
        入会日期="2020-01-01",
        会籍状态="已退会",
        状态日期="2024-02-01",
        变动原因="本人申请",
    )
    _, problems = import_file(
        user=personas["hubin_admin"],
        register=get_register("members"),
        file_name="c.xlsx",
        data=xlsx([HEADERS, left]),
    )
    assert not problems
    member = Member.objects.get(id_number=w.id_number)
    assert member.status == State.LEFT
    assert [(p.state, p.started_on, p.ended_on) for p in member.periods.order_by("started_on")] == [
        ("在籍", dt.date(2020, 1, 1), dt.date(2024, 2, 1)),
        ("已退会", dt.date(2024, 2, 1), None),
    ]


def test_undoing_an_import_or_deleting_a_member_leaves_no_step_and_no_members_copy(district, personas):
    """What an undone import or a deletion leaves must read as if it had never been: the step an
    undone update made is gone with its period, and the worker's 是否会员 follows."""
    from registers.imports import undo_import
    from registers.records import delete_record

    admin, register, w = personas["hubin_admin"], get_register("members"), district.hubin_worker
    cells = dict(姓名="陈湖滨", 身份证号=w.id_number, 所在工会=district.hubin_union.name, 入会日期="2020-01-01")
    joined, _ = import_file(user=admin, register=register, file_name="a.xlsx",
                            data=xlsx([HEADERS, row(**cells, 会籍状态="在籍")]))
    w.refresh_from_db()
    assert w.is_member
    left, problems = import_file(user=admin, register=register, file_name="b.xlsx", data=xlsx(
        [HEADERS, row(**cells, 会籍状态="已退会", 状态日期="2024-02-01", 变动原因="本人申请")]))
    assert not problems
    w.refresh_from_db()
    assert not w.is_member

    undo_import(log=left, user=admin)
    member = Member.objects.get(id_number=w.id_number)
    w.refresh_from_db()
    assert member.status == State.ACTIVE and w.is_member
    assert [(p.state, p.started_on, p.ended_on) for p in member.periods.all()] == [
        ("在籍", dt.date(2020, 1, 1), None)
    ]
    undo_import(log=joined, user=admin)
    w.refresh_from_db()
    assert not Member.objects.exists() and not MembershipPeriod.objects.exists() and not w.is_member

    import_file(user=admin, register=register, file_name="c.xlsx",
                data=xlsx([HEADERS, row(**cells, 会籍状态="在籍")]))
    delete_record(register, admin, Member.objects.get())
    w.refresh_from_db()
    assert not MembershipPeriod.objects.exists() and not w.is_member


def test_a_row_in_good_standing_at_a_closed_unit_imports_with_the_checks_notice(district, personas):
    """逻辑检查 member.closed_employer (SPEC §8) is a notice in the preview, not a refusal: the
    worker's unit closed, so the member should be 保留会籍."""
    from orgs.models import Employer

    Employer.objects.filter(pk=district.qingbo_employer.pk).update(closed_on=dt.date(2024, 3, 31))
    w, other = district.qingbo_worker, make_id_number(born="19800101", seq="882")
    data = xlsx([
        HEADERS,
        row(姓名=w.name, 身份证号=w.id_number, 所在工会="清波示范企业工会", 入会日期="2020-01-01", 会籍状态="在籍"),
        row(姓名="骑手李", 身份证号=other, 所在工会="清波街道总工会", 入会日期="2020-01-01", 会籍状态="在籍",
            就业形态="新就业形态"),
    ])
    log, problems = import_file(user=personas["qingbo_admin"], register=get_register("members"),
                                file_name="会员.xlsx", data=data)
    assert not problems and log.created == 2
    assert log.notes == [
        "第 2 行「会籍状态」：所在单位“清波示范科技有限公司”已于2024-03-31注销，在籍会员应为保留会籍"
        "（逻辑检查 member.closed_employer 会在上报前指出），仍按原样导入。"
    ]
