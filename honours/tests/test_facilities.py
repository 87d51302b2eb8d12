"""The facility register (SPEC §2 facilities 阵地): key, owning nodes, the round trip, row errors,
scoping, what is open on a day, and the 专项经费 total (SPEC §5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook

from honours import selectors
from honours.models import Facility, FacilityType, Level
from indicators.catalog import BY_KEY, figure
from indicators.scope import Scope
from orgs.models import Org
from registers.catalog import get_register
from registers.imports import import_file
from registers.models import ImportStatus
from registers.services import register_export
from registers.tests.files import xlsx

HEADERS = ["类型", "名称", "所在单位", "级别", "建成日期", "专项经费(万元)", "停用日期"]
F = FacilityType


def run(user, rows: list[list], headers: list[str] = HEADERS):
    return import_file(user=user, register=get_register("facilities"), file_name="阵地.xlsx", data=xlsx([headers, *rows]))


def row(类型="职工书屋", 名称="职工书屋", 所在单位="清波示范科技有限公司", 级别="", 建成日期="2020-05-01", 经费="", 停用日期=""):
    return [类型, 名称, 所在单位, 级别, 建成日期, 经费, 停用日期]


def test_a_good_file_creates_facilities_at_their_units_node(district, personas):
    log, problems = run(personas["qingbo_admin"], [
        row(级别="省级", 经费="12.5"),
        row("职工俱乐部", "清波街道职工俱乐部", "清波街道总工会", 建成日期=dt.date(2018, 3, 1), 停用日期="2023/6/30"),
        row("职工之家", "清波示范企业工会职工之家", "清波示范企业工会", 级别="市级", 经费=3),
    ])
    assert problems == [] and log.status == ImportStatus.DONE and log.created == 3
    house = Facility.objects.get(facility_type=F.BOOK_HOUSE)
    assert (house.employer, house.node, house.level, house.funds) == (district.qingbo_employer, district.qingbo_union, "省级", Decimal("12.50"))
    club = Facility.objects.get(facility_type=F.CLUB)
    assert (club.org, club.node, club.closed_on) == (district.qingbo, district.qingbo, dt.date(2023, 6, 30))
    assert Facility.objects.get(facility_type=F.HOME).node == district.qingbo_union


def test_an_admins_export_imports_back_unchanged(district, personas, make_facility, tmp_path):
    make_facility("职工书屋", level=Level.PROVINCE, funds=Decimal("0.05"))
    make_facility("俱乐部", facility_type=F.CLUB, unit=district.qingbo, closed_on=dt.date(2023, 1, 1))
    make_facility("湖滨职工学校", facility_type=F.SCHOOL, unit=district.hubin)
    admin = personas["district_admin"]
    target = tmp_path / "export.xlsx"
    register_export(user=admin, register=get_register("facilities"), target=str(target))
    log, problems = import_file(user=admin, register=get_register("facilities"), file_name="e.xlsx", data=target.read_bytes())
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 3)


def test_the_key_is_unit_type_and_name(district, personas, make_facility):
    facility = make_facility("职工书屋")
    log, problems = run(personas["qingbo_admin"], [
        row(经费="8"),  # the same facility: updated
        row("职工之家"),  # another type, same name
        row(所在单位="清波未建会商店"),  # another unit, same name
    ])
    assert problems == [] and (log.created, log.updated) == (2, 1)
    facility.refresh_from_db()
    assert facility.funds == Decimal(8)
    _, problems = run(personas["qingbo_admin"], [row("职工学校"), row("职工学校", 经费=2)])
    assert [str(p) for p in problems] == ["第 3 行「名称」职工书屋：与第 2 行重复：同一条记录在文件中出现了两次"]


def test_every_bad_row_is_reported_with_row_column_and_reason(district, personas):
    log, problems = run(personas["qingbo_admin"], [
        row(建成日期="2021-01-01", 停用日期="2020-12-31"),
        row(名称="甲", 建成日期="2099-01-01"),
        row("图书馆", "乙"),
        row(名称="丙", 经费="-2"),
        row(名称="丁", 经费="很多"),
        row(名称="戊", 建成日期=""),
        row(名称="己", 所在单位="湖滨示范酒店有限公司"),
    ])
    assert [str(p) for p in problems] == [
        "第 2 行「停用日期」2020-12-31：停用日期不能早于建成日期",
        "第 3 行「建成日期」2099-01-01：日期不能晚于今天",
        "第 4 行「类型」图书馆：不是允许的值，应为：职工学校/职工俱乐部/职工书屋/职工之家/其他",
        "第 5 行「专项经费(万元)」-2：专项经费不能为负数",
        "第 6 行「专项经费(万元)」很多：应为数字",
        "第 7 行「建成日期」：必填，不能为空",
        "第 8 行「所在单位」湖滨示范酒店有限公司：在您的管辖范围内找不到这个单位或组织",
    ]
    assert log.status == ImportStatus.INVALID and not Facility.objects.exists()


def test_a_sibling_street_cannot_touch_qingbos_facilities(district, personas, make_facility, tmp_path):
    make_facility("清波职工学校", facility_type=F.SCHOOL, unit=district.qingbo)
    make_facility("湖滨职工书屋", unit=district.hubin_employer)
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, [row("职工学校", "清波职工学校", "清波街道总工会", 停用日期="2024-01-01")])
    assert [p.reason for p in problems] == ["在您的管辖范围内找不到这个单位或组织"]
    assert Facility.objects.get(name="清波职工学校").closed_on is None
    target = tmp_path / "hubin.xlsx"
    assert register_export(user=hubin, register=get_register("facilities"), target=str(target)) == 1
    rows = CalamineWorkbook.from_path(str(Path(target))).get_sheet_by_index(0).to_python()
    assert [r[1] for r in rows[1:]] == ["湖滨职工书屋"]


def test_open_at_a_day_and_the_year_figures(district, personas, make_facility):
    make_facility("甲俱乐部", facility_type=F.CLUB, built_on=dt.date(2019, 1, 1), unit=district.qingbo)
    make_facility("乙俱乐部", facility_type=F.CLUB, built_on=dt.date(2019, 1, 1), closed_on=dt.date(2023, 12, 31), unit=district.hubin)
    make_facility("丙俱乐部", facility_type=F.CLUB, built_on=dt.date(2024, 1, 1), unit=district.qingbo_union)
    make_facility("省书屋", level=Level.PROVINCE, funds=Decimal("10.10"))
    make_facility("国书屋", level=Level.NATIONAL, funds=Decimal("2.05"), unit=district.hubin_employer)
    make_facility("区书屋", level=Level.DISTRICT, unit=district.qingbo_no_union, closed_on=dt.date(2024, 7, 1))

    def names(day: dt.date) -> list[str]:
        return sorted(Facility.objects.filter(facility_type=F.CLUB).open_at(day).values_list("name", flat=True))

    assert names(dt.date(2018, 12, 31)) == []
    assert names(dt.date(2023, 12, 30)) == ["乙俱乐部", "甲俱乐部"]
    assert names(dt.date(2023, 12, 31)) == ["甲俱乐部"]  # closed that day
    assert names(dt.date(2024, 1, 1)) == ["丙俱乐部", "甲俱乐部"]
    everyone = Facility.objects.all()
    assert [selectors.clubs(everyone, y).count() for y in (2018, 2022, 2023, 2024)] == [0, 2, 1, 2]
    keys = ("honours.learning_orgs", "honours.learning_teams", "honours.knowledge_workers",
            "facilities.clubs", "facilities.book_houses", "facilities.book_houses_provincial")
    assert {key: figure(BY_KEY[key], Scope(2023)) for key in keys} == {  # the catalogue counts the selectors' sets
        "honours.learning_orgs": 0, "honours.learning_teams": 0, "honours.knowledge_workers": 0,
        "facilities.clubs": 1, "facilities.book_houses": 3, "facilities.book_houses_provincial": 2}
    assert selectors.book_houses(everyone, 2024).count() == 2
    assert selectors.book_houses_provincial(Facility.objects.visible_to(personas["qingbo_admin"]), 2024).count() == 1
    assert selectors.total_funds(everyone) == Decimal("12.15")
    assert selectors.total_funds(Facility.objects.visible_to(personas["hubin_admin"])) == Decimal("2.05")
    assert selectors.total_funds(everyone.none()) == Decimal("0.00")
    # a facility of an org closed by the end of the year is out of that year's figures
    Org.objects.filter(pk=district.qingbo.pk).update(closed_on=dt.date(2022, 12, 31))
    assert selectors.clubs(everyone, 2022).count() == 1
