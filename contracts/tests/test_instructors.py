"""The instructor register through the import engine, and who is in office when (SPEC §2, §5)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from conftest import make_id_number
from contracts import selectors
from contracts.models import Instructor
from registers.catalog import get_register

from .conftest import INSTRUCTOR_HEADERS, INSTRUCTOR_ID, export_rows, make_instructor, run

OTHER_ID = make_id_number(region="330102", born="19800505", seq="452")


def test_the_register_has_the_spec_headers():
    register = get_register("instructors")
    assert register.headers == INSTRUCTOR_HEADERS
    assert [c.name for c in register.columns if c.required] == ["姓名", "身份证号", "聘任日期"]


def test_a_good_file_takes_the_liaisons_node_else_the_importers_and_links_the_worker(district, personas):
    worker = district.qingbo_worker
    log, problems = run(personas["qingbo_admin"], "instructors", [
        INSTRUCTOR_HEADERS,
        ["钱指导", INSTRUCTOR_ID, "2020-01-01", "", district.qingbo_employer.credit_code],
        [worker.name, worker.id_number, "2021/5/1", "2023-06-30", "清波示范企业工会"],
        ["孙指导", OTHER_ID, "2022年1月1日", "", ""],
    ])
    assert problems == [] and (log.created, log.updated) == (3, 0)
    qian, zhang, sun = (Instructor.objects.get(id_number=n) for n in (INSTRUCTOR_ID, worker.id_number, OTHER_ID))
    assert (qian.liaison, qian.node, qian.worker) == (district.qingbo_employer, district.qingbo_union, None)
    assert (zhang.liaison, zhang.node, zhang.worker) == (district.qingbo_union, district.qingbo_union, worker)
    assert (sun.liaison, sun.node) == (None, district.qingbo)


def test_an_instructor_without_a_liaison_stays_where_it_was_when_someone_above_reimports_it(district, personas):
    make_instructor(district.qingbo)
    admin = personas["district_admin"]
    rows = export_rows(admin, "instructors")
    log, problems = run(admin, "instructors", rows)
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 1)
    assert Instructor.objects.get().node == district.qingbo


def test_an_admins_export_imports_back_unchanged(district, personas):
    make_instructor(district.qingbo_union, liaison=district.qingbo_employer)
    make_instructor(district.qingbo, id_number=OTHER_ID, liaison=district.qingbo, dismissed_on=dt.date(2023, 1, 1))
    make_instructor(district.hubin, id_number=make_id_number(seq="777"))
    for user, n in (("district_admin", 3), ("qingbo_admin", 2)):
        rows = export_rows(personas[user], "instructors")
        assert rows[0] == INSTRUCTOR_HEADERS and len(rows) == n + 1
        log, problems = run(personas[user], "instructors", rows)
        assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, n)


def test_bad_rows_are_reported_by_row_and_column(district, personas):
    future = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    log, problems = run(personas["qingbo_admin"], "instructors", [
        INSTRUCTOR_HEADERS,
        ["甲", "330102197503053410", "2020-01-01", "", ""],
        ["乙", INSTRUCTOR_ID, "2020-01-01", "2019-12-31", ""],
        ["丙", OTHER_ID, future, "", ""],
        ["丁", make_id_number(seq="903"), "2020-01-01", "", "湖滨街道总工会"],
    ])
    assert [str(p) for p in problems] == [
        "第 2 行「身份证号」330102197503053410：身份证号校验位错误",
        "第 3 行「解聘日期」2019-12-31：解聘日期不能早于聘任日期",
        f"第 4 行「聘任日期」{future}：日期不能晚于今天",
        "第 5 行「联系单位」湖滨街道总工会：在您的管辖范围内找不到这个单位或组织",
    ]
    assert not Instructor.objects.exists()


def test_a_sibling_street_can_neither_change_nor_export_qingbos_instructors(district, personas):
    make_instructor(district.qingbo)
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, "instructors", [INSTRUCTOR_HEADERS, ["改名", INSTRUCTOR_ID, "2020-01-01", "", ""]])
    assert [str(p) for p in problems] == [f"第 2 行「身份证号」{INSTRUCTOR_ID}：该记录不在您的管辖范围内，不能导入或修改"]
    assert export_rows(hubin, "instructors")[1:] == []
    assert Instructor.objects.get().name == "钱指导"


def test_active_at_counts_the_appointed_and_not_yet_dismissed(district):
    make_instructor(district.qingbo, appointed_on=dt.date(2020, 1, 1), dismissed_on=dt.date(2024, 12, 31))
    make_instructor(district.hubin, id_number=OTHER_ID, appointed_on=dt.date(2024, 12, 31))
    on = Instructor.objects.active_at
    assert on(dt.date(2019, 12, 31)).count() == 0
    assert on(dt.date(2024, 12, 30)).count() == 1
    assert on(dt.date(2024, 12, 31)).get().id_number == OTHER_ID  # dismissed on the day: no longer in office
    assert selectors.instructors_active(2024).count() == 1 and selectors.instructors_active(2023).count() == 1
    assert selectors.instructors_active(2024, org=district.qingbo).count() == 0
    assert Instructor.objects.get(id_number=INSTRUCTOR_ID).is_active(dt.date(2024, 12, 30))
