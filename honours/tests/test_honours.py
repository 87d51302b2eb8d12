"""The honour register (SPEC §2 honours 命名表彰): its two-form key, owning nodes, worker links,
the round trip, row errors, scoping, and what is in force in a year (SPEC §5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone
from python_calamine import CalamineWorkbook

from conftest import make_id_number
from honours import selectors
from honours.models import Honour, HonourType, Level
from orgs.models import Employer
from registers.catalog import get_register
from registers.imports import import_file
from registers.models import ImportStatus
from registers.services import register_export
from registers.tests.files import xlsx

HEADERS = ["类型", "对象", "所在单位", "身份证号", "级别", "年度", "撤销年度"]
T = HonourType
OUTSIDER = make_id_number(region="330106", born="19880808", seq="551")  # not in the worker register


def run(user, rows: list[list], headers: list[str] = HEADERS):
    return import_file(user=user, register=get_register("honours"), file_name="命名表彰.xlsx", data=xlsx([headers, *rows]))


def row(类型="学习型班组", 对象="质检班", 所在单位="清波示范科技有限公司", 身份证号="", 级别="区级", 年度=2023, 撤销年度=""):
    return [类型, 对象, 所在单位, 身份证号, 级别, 年度, 撤销年度]


def test_a_good_file_creates_honours_at_their_units_node_linked_to_workers(district, personas):
    worker = district.qingbo_worker
    log, problems = run(personas["qingbo_admin"], [
        row("知识型职工", worker.name, district.qingbo_employer.credit_code, worker.id_number, "市级", 2023),
        row("知识型职工", "外区来的职工", "清波示范科技有限公司", OUTSIDER, "区级", 2022),
        row(),
        row("模范职工之家", "清波示范企业工会", "清波示范企业工会", 级别="省级", 年度=2020, 撤销年度=2024),
        row("学习型组织", "清波未建会商店", "清波未建会商店", 年度="2021"),
    ])
    assert problems == [] and log.status == ImportStatus.DONE and log.created == 5
    person = Honour.objects.get(id_number=worker.id_number)
    assert (person.worker, person.employer, person.node, person.level) == (worker, district.qingbo_employer, district.qingbo_union, "市级")
    assert person.natural_key == f"知识型职工|市级|2023|{worker.id_number}"
    assert Honour.objects.get(id_number=OUTSIDER).worker is None
    team = Honour.objects.get(name="质检班")
    assert team.natural_key == f"学习型班组|区级|2023|单位:{district.qingbo_employer.pk}|质检班"
    home = Honour.objects.get(honour_type=T.MODEL_HOME)
    assert (home.org, home.employer, home.node, home.revoked_year) == (district.qingbo_union, None, district.qingbo_union, 2024)
    assert Honour.objects.get(honour_type=T.LEARNING_ORG).node == district.qingbo
    assert team.history.get().history_change_reason == log.tag


def test_an_admins_export_imports_back_unchanged(district, personas, make_honour, tmp_path):
    worker = district.qingbo_worker
    make_honour(worker.name, honour_type=T.KNOWLEDGE_WORKER, id_number=worker.id_number, worker=worker)
    make_honour("质检班", revoked_year=2024)
    make_honour("=质检班", unit=district.qingbo_union)
    make_honour("湖滨示范酒店有限公司", honour_type=T.HARMONIOUS, level=Level.NATIONAL, unit=district.hubin_employer)
    admin = personas["district_admin"]
    target = tmp_path / "export.xlsx"
    register_export(user=admin, register=get_register("honours"), target=str(target))
    log, problems = import_file(user=admin, register=get_register("honours"), file_name="e.xlsx", data=target.read_bytes())
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 4)


def test_a_row_with_a_known_key_updates_that_honour(district, personas, make_honour):
    honour = make_honour("质检班", year=2023)
    log, problems = run(personas["qingbo_admin"], [row(撤销年度=2025)], headers=HEADERS)
    assert problems == [] and (log.created, log.updated) == (0, 1)
    honour.refresh_from_db()
    assert honour.revoked_year == 2025


def test_the_same_team_name_in_two_units_is_two_honours(district, personas):
    log, problems = run(personas["district_admin"], [row(), row(所在单位="清波未建会商店"), row(所在单位=district.hubin_employer.credit_code)])
    assert problems == [] and log.created == 3


def test_a_file_without_the_id_column_is_a_file_of_collective_honours(district, personas):
    headers = ["类型", "对象", "所在单位", "级别", "年度"]
    log, problems = run(personas["qingbo_admin"], [["学习型组织", "清波示范科技有限公司", "清波示范科技有限公司", "区级", 2022]], headers)
    assert problems == [] and log.created == 1


def test_a_person_is_named_once_per_type_level_and_year_whatever_the_unit(district, personas, make_honour):
    worker = district.qingbo_worker
    make_honour(worker.name, honour_type=T.KNOWLEDGE_WORKER, id_number=worker.id_number, year=2023)
    _, problems = run(personas["qingbo_admin"], [
        row("知识型职工", worker.name, "清波未建会商店", worker.id_number, 年度=2023),  # moved unit: same honour
        row("知识型职工", "张三", "清波示范科技有限公司", OUTSIDER, 年度=2023),
        row("知识型职工", "张三丰", "清波示范企业工会", OUTSIDER, 年度=2023),  # the same person again
        row("知识型职工", worker.name, "清波示范科技有限公司", worker.id_number, 级别="市级", 年度=2023),  # another level: fine
    ])
    assert [str(p) for p in problems] == [
        f"第 2 行「身份证号」{worker.id_number}：系统中已有此人同类型、同级别、同年度的表彰（所在单位或对象不同），同一表彰不能登记两次",
        f"第 4 行「身份证号」{OUTSIDER}：文件中前面已有一行此人同类型、同级别、同年度的表彰（所在单位或对象不同），同一表彰不能登记两次",
    ]


def test_every_bad_row_is_reported_with_row_column_and_reason(district, personas):
    this_year = timezone.localdate().year
    log, problems = run(personas["qingbo_admin"], [
        row(撤销年度=2022),
        row(对象="一班", 年度=this_year + 1),
        row("知识型职工", "李晓梅"),
        row("学习型组织", "清波示范科技有限公司", 身份证号=OUTSIDER),
        row(对象="二班", 级别="县级"),
        row(对象="三班", 所在单位="不存在的公司"),
        row("先进集体", "四班"),
        row(对象="五班", 身份证号="12345"),
        row(对象=""),
    ])
    assert [str(p) for p in problems] == [
        "第 2 行「撤销年度」2022：撤销年度不能早于年度",
        f"第 3 行「年度」{this_year + 1}：年度应在1950至{this_year}之间",
        "第 4 行「身份证号」：“知识型职工”是对个人的表彰，须填写身份证号",
        "第 6 行「级别」县级：不是允许的值，应为：区级/市级/省级/全国",
        "第 7 行「所在单位」不存在的公司：在您的管辖范围内找不到这个单位或组织",
        "第 8 行「类型」先进集体：不是允许的值，应为：学习型组织/学习型班组/知识型职工/劳动关系和谐企业/模范职工之家/工人先锋号/其他",
        "第 9 行「身份证号」12345：身份证号应为18位，现为5位",
        "第 10 行「对象」：必填，不能为空",
    ]
    assert log.status == ImportStatus.INVALID and not Honour.objects.exists()
    # beyond SPEC's rules: a notice, not a refusal (core.notices)
    assert "第 5 行「身份证号」：“学习型组织”是对单位或集体的表彰，却填写了身份证号，仍按原样导入。" in log.notes


def test_a_repeated_key_in_the_file_names_the_first_row(district, personas):
    _, problems = run(personas["qingbo_admin"], [row(), row(撤销年度=2024)])
    assert [str(p) for p in problems] == ["第 3 行「对象」质检班：与第 2 行重复：同一条记录在文件中出现了两次"]


# --- scoping ------------------------------------------------------------------------------------

def test_a_sibling_street_cannot_touch_qingbos_honours(district, personas, make_honour, tmp_path):
    worker = district.qingbo_worker
    make_honour("质检班", year=2023)
    make_honour(worker.name, honour_type=T.KNOWLEDGE_WORKER, id_number=worker.id_number, year=2023)
    make_honour("湖滨服务班", unit=district.hubin_employer)
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, [
        row(撤销年度=2024),
        row("知识型职工", worker.name, district.hubin_employer.credit_code, worker.id_number, 年度=2023),
    ])
    assert [str(p) for p in problems] == [
        "第 2 行「所在单位」清波示范科技有限公司：在您的管辖范围内找不到这个单位或组织",
        # the key is unique tree-wide, so the row is refused, without saying where the honour is
        f"第 3 行「身份证号」{worker.id_number}：此人的这项表彰已在您的管辖范围以外登记，不能再次登记",
    ]
    assert Honour.objects.get(name="质检班").revoked_year is None
    target = tmp_path / "hubin.xlsx"
    assert register_export(user=hubin, register=get_register("honours"), target=str(target)) == 1
    rows = CalamineWorkbook.from_path(str(Path(target))).get_sheet_by_index(0).to_python()
    assert [r[1] for r in rows[1:]] == ["湖滨服务班"]


# --- in force -----------------------------------------------------------------------------------

def test_in_force_means_named_by_the_year_and_not_revoked_by_it(district, make_honour):
    make_honour("A", year=2020)
    make_honour("B", year=2020, revoked_year=2023)
    make_honour("C", year=2023)
    make_honour("D", year=2024)
    make_honour("E", year=2021, revoked_year=2021)

    def names(year: int) -> list[str]:
        return sorted(Honour.objects.in_force(year).values_list("name", flat=True))

    assert names(2019) == []
    assert names(2021) == ["A", "B"]
    assert names(2022) == ["A", "B"]
    assert names(2023) == ["A", "C"]
    assert names(2024) == ["A", "C", "D"]
    assert sorted(Honour.objects.revoked_by(2022).values_list("name", flat=True)) == ["E"]


def test_the_year_figures_count_in_force_honours_of_each_type(district, personas, make_honour):
    make_honour("甲公司", honour_type=T.LEARNING_ORG, year=2020)
    make_honour("乙公司", honour_type=T.LEARNING_ORG, level=Level.CITY, year=2022, revoked_year=2024, unit=district.qingbo_no_union)
    make_honour("一班", year=2023)
    make_honour("湖滨班", year=2023, unit=district.hubin_employer)
    make_honour("张清波", honour_type=T.KNOWLEDGE_WORKER, id_number=district.qingbo_worker.id_number, year=2024)
    make_honour("先锋班", honour_type=T.PIONEER, year=2020)
    everyone = Honour.objects.all()
    assert [selectors.learning_orgs(everyone, y).count() for y in (2019, 2020, 2023, 2024)] == [0, 1, 2, 1]
    assert selectors.learning_teams(everyone, 2023).count() == 2
    assert selectors.learning_teams(Honour.objects.visible_to(personas["qingbo_admin"]), 2023).count() == 1
    assert selectors.knowledge_workers(everyone, 2023).count() == 0
    assert selectors.knowledge_workers(everyone, 2024).count() == 1
    # a unit closed by the end of the year takes its honours out of that year's figures
    Employer.objects.filter(pk=district.qingbo_no_union.pk).update(closed_on=dt.date(2023, 6, 30))
    assert selectors.learning_orgs(everyone, 2023).count() == 1
