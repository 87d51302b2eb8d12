"""Importing and exporting the competition and entry registers (SPEC §2, §3, §5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from conftest import make_id_number
from contests.models import (
    Competition,
    Entry,
    participants_total,
    person_times_total,
)
from core.validators import validate_year
from registers.catalog import get_register
from registers.models import ImportStatus

from .helpers import export_rows, lines, reimport, run

COMPETITION_HEADERS = ["竞赛名称", "年度", "竞赛类型", "级别", "主办单位", "协办单位", "开始日期", "结束日期", "参与人数"]
ENTRY_HEADERS = ["竞赛名称", "年度", "大类", "项目", "姓名", "身份证号", "代表队", "成绩", "奖项"]
OUTSIDER = make_id_number(region="330106", born="19880303", seq="771")  # not in the worker register


def competition_row(**overrides):
    row = {"竞赛名称": "清波街道职工技能大赛", "年度": 2024, "竞赛类型": "技能竞赛", "级别": "街道",
           "主办单位": "清波街道总工会", "协办单位": "清波街道社区学校", "开始日期": "2024-05-01",
           "结束日期": "2024-05-03", "参与人数": 120}
    row.update(overrides)
    return [row[h] for h in COMPETITION_HEADERS]


def entry_row(**overrides):
    row = {"竞赛名称": "清波街道职工技能大赛", "年度": 2024, "大类": "机械", "项目": "焊工", "姓名": "张清波",
           "身份证号": make_id_number(born="19900101", seq="123"), "代表队": "清波示范科技", "成绩": "95.5", "奖项": "一等奖"}
    row.update(overrides)
    return [row[h] for h in ENTRY_HEADERS]


@pytest.fixture
def competitions(district, personas):
    """Four competitions imported by 清波's admin: a street one, an employer's own, a provincial one
    with an organiser outside the tree, and a national one with none in it."""
    code = district.qingbo_employer.credit_code
    rows = [COMPETITION_HEADERS,
            competition_row(),
            competition_row(竞赛名称="清波示范科技岗位练兵", 竞赛类型="劳动竞赛", 级别="基层", 主办单位=f"{code}；清波示范企业工会",
                            协办单位="", 参与人数=None),
            competition_row(竞赛名称="浙江省职工职业技能大赛", 级别="省级", 主办单位="浙江省总工会；清波街道总工会"),
            competition_row(竞赛名称="全国职工安全知识竞赛", 竞赛类型="知识竞赛", 级别="全国", 主办单位="中华全国总工会",
                            开始日期=None, 结束日期=None, 参与人数=300)]
    log, problems = run(personas["qingbo_admin"], "competitions", rows)
    assert problems == [], lines(problems)
    return log


# --- competitions -------------------------------------------------------------------------------

def test_a_good_file_creates_competitions_with_their_hosts_and_nodes(district, personas, competitions):
    assert (competitions.created, competitions.status) == (4, ImportStatus.DONE)
    street = Competition.objects.get(name="清波街道职工技能大赛")
    assert (street.host_org, street.host_employer, street.node) == (district.qingbo, None, district.qingbo)
    assert (street.start_date, street.end_date, street.participants) == (dt.date(2024, 5, 1), dt.date(2024, 5, 3), 120)
    own = Competition.objects.get(name="清波示范科技岗位练兵")
    # a credit code is kept as the employer's name, so the record reads (and exports) the same however typed
    assert own.organisers == "清波示范科技有限公司；清波示范企业工会"
    assert (own.host_employer, own.host_org, own.node) == (district.qingbo_employer, None, district.qingbo_union)
    provincial = Competition.objects.get(name="浙江省职工职业技能大赛")
    assert provincial.organisers == "浙江省总工会；清波街道总工会"
    assert (provincial.host_org, provincial.node) == (district.qingbo, district.qingbo)
    national = Competition.objects.get(name="全国职工安全知识竞赛")
    assert (national.host_org, national.host_employer, national.node) == (None, None, district.qingbo)
    assert street.history.get().history_change_reason == competitions.tag


def test_below_city_level_every_organiser_must_be_in_the_tree(district, personas):
    rows = [COMPETITION_HEADERS,
            competition_row(级别="区级", 主办单位="某某培训公司"),
            competition_row(竞赛名称="湖滨技能赛", 主办单位="湖滨街道总工会"),
            competition_row(竞赛名称="市赛", 级别="市级", 主办单位="杭州市总工会")]
    log, problems = run(personas["qingbo_admin"], "competitions", rows)
    assert lines(problems) == [
        "第 2 行「主办单位」某某培训公司：“某某培训公司”：在您的管辖范围内找不到这个单位或组织（只有市级及以上的竞赛可以填写系统外的主办单位）",
        "第 3 行「主办单位」湖滨街道总工会：“湖滨街道总工会”：在您的管辖范围内找不到这个单位或组织（只有市级及以上的竞赛可以填写系统外的主办单位）",
    ]
    assert log.status == ImportStatus.INVALID and not Competition.objects.exists()


def test_competition_row_errors_name_row_and_column(district, personas):
    rows = [COMPETITION_HEADERS,
            competition_row(结束日期="2024-04-30"),
            competition_row(竞赛名称="未来大赛", 开始日期="2099-01-01", 结束日期=None),
            competition_row(竞赛名称="类型不对", 竞赛类型="体育比赛", 年度=1900),
            competition_row(竞赛名称="跨年", 年度=2023, 结束日期=None),
            competition_row(竞赛名称="", 主办单位="")]
    log, problems = run(personas["qingbo_admin"], "competitions", rows)
    got = lines(problems)
    assert "第 2 行「结束日期」2024-04-30：结束日期不能早于开始日期" in got
    assert "第 3 行「开始日期」2099-01-01：开始日期不能晚于今天" in got
    assert "第 4 行「竞赛类型」体育比赛：不是允许的值，应为：劳动竞赛/技能竞赛/技术比武/知识竞赛" in got
    assert any(line.startswith("第 4 行「年度」1900：年度应在1950至") for line in got)
    assert not any(line.startswith("第 5 行") for line in got)  # beyond SPEC's rules: a notice (core.notices)
    assert "第 5 行「开始日期」：开始日期晚于2023年度，仍按原样导入。" in log.notes
    assert "第 6 行「竞赛名称」：必填，不能为空" in got and "第 6 行「主办单位」：必填，不能为空" in got


def test_the_year_is_checked_against_the_day_given():
    validate_year(2025, today=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="年度应在1950至2025之间"):
        validate_year(2026, today=dt.date(2025, 12, 31))


def test_competitions_export_and_import_back_unchanged(district, personas, competitions):
    log, problems = reimport(personas["district_admin"], "competitions")
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 4)


def test_an_organiser_typed_by_code_keeps_it_when_its_name_is_shared(district, personas):
    from conftest import make_credit_code
    from orgs.models import Employer

    Employer.objects.create(name="清波示范科技有限公司", credit_code=make_credit_code("91330102MA2B00021"),
                            employer_type="企业", street=district.hubin, node=district.hubin)
    code = district.qingbo_employer.credit_code
    _, problems = run(personas["qingbo_admin"], "competitions", [COMPETITION_HEADERS, competition_row(级别="基层", 主办单位=code)])
    assert problems == []
    assert Competition.objects.get().organisers == code
    log, problems = reimport(personas["district_admin"], "competitions")
    assert problems == [] and log.unchanged == 1


def test_a_sibling_street_cannot_change_or_see_qingbos_competitions(district, personas, competitions):
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, "competitions", [COMPETITION_HEADERS, competition_row(主办单位="湖滨街道总工会", 参与人数=5)])
    assert lines(problems) == ["第 2 行「竞赛名称」清波街道职工技能大赛：该记录不在您的管辖范围内，不能导入或修改"]
    assert Competition.objects.get(name="清波街道职工技能大赛").participants == 120
    assert export_rows(hubin, "competitions") == [COMPETITION_HEADERS]


def test_a_new_organiser_moves_the_competition_and_its_entries(district, personas, competitions):
    admin = personas["qingbo_admin"]
    _, problems = run(admin, "entries", [ENTRY_HEADERS, entry_row(竞赛名称="清波示范科技岗位练兵")])
    assert problems == []
    entry = Entry.objects.get()
    assert entry.node == district.qingbo_union
    rows = [COMPETITION_HEADERS, competition_row(竞赛名称="清波示范科技岗位练兵", 竞赛类型="劳动竞赛", 级别="基层", 主办单位="清波街道总工会",
                                                 协办单位="", 参与人数=None)]
    log, problems = run(admin, "competitions", rows)
    assert problems == [] and log.updated == 1
    entry.refresh_from_db()
    assert entry.node == district.qingbo
    assert entry.history.latest("history_date").history_change_reason == log.tag


# --- entries ------------------------------------------------------------------------------------

def test_entries_link_their_competition_and_the_workers_the_register_holds(district, personas, competitions):
    rows = [ENTRY_HEADERS,
            entry_row(),
            entry_row(项目="钳工", 奖项=""),
            entry_row(姓名="外区选手", 身份证号=OUTSIDER, 代表队="西湖队", 奖项="优秀奖"),
            entry_row(竞赛名称="清波示范科技岗位练兵", 大类="", 项目="装配", 成绩="", 奖项="")]
    log, problems = run(personas["qingbo_admin"], "entries", rows)
    assert problems == [] and log.created == 4
    street = Competition.objects.get(name="清波街道职工技能大赛")
    welder = Entry.objects.get(item="焊工", id_number=district.qingbo_worker.id_number)
    assert (welder.competition, welder.node, welder.worker) == (street, district.qingbo, district.qingbo_worker)
    assert (welder.category, welder.result, welder.award, welder.team) == ("机械", "95.5", "一等奖", "清波示范科技")
    outsider = Entry.objects.get(id_number=OUTSIDER)
    assert outsider.worker is None and outsider.node == district.qingbo
    assert Entry.objects.get(item="装配").node == district.qingbo_union
    log, problems = reimport(personas["district_admin"], "entries")
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 4)


def test_entry_row_errors_name_row_and_column(district, personas, competitions):
    bad_id = make_id_number(seq="123")[:-1] + "0"
    rows = [ENTRY_HEADERS,
            entry_row(竞赛名称="不存在的比赛"),
            entry_row(年度=2023),
            entry_row(身份证号=bad_id),
            entry_row(奖项="特等奖"),
            entry_row(项目=""),
            entry_row(项目="车工"), entry_row(项目="车工", 姓名="重复")]
    log, problems = run(personas["qingbo_admin"], "entries", rows)
    got = lines(problems)
    assert got[:2] == ["第 2 行「竞赛名称」不存在的比赛：在您的管辖范围内找不到2024年度的竞赛“不存在的比赛”，请先导入竞赛",
                       "第 3 行「竞赛名称」清波街道职工技能大赛：在您的管辖范围内找不到2023年度的竞赛“清波街道职工技能大赛”，请先导入竞赛"]
    assert f"第 4 行「身份证号」{bad_id}：身份证号校验位错误" in got
    assert "第 5 行「奖项」特等奖：不是允许的值，应为：金奖/银奖/铜奖/一等奖/二等奖/三等奖/优秀奖" in got
    assert "第 6 行「项目」：必填，不能为空" in got
    assert got[-1] == f"第 8 行「身份证号」{district.qingbo_worker.id_number}：与第 7 行重复：同一条记录在文件中出现了两次"
    assert log.status == ImportStatus.INVALID and not Entry.objects.exists()


def test_a_sibling_street_cannot_enter_or_see_qingbos_entries(district, personas, competitions):
    _, problems = run(personas["qingbo_admin"], "entries", [ENTRY_HEADERS, entry_row()])
    assert problems == []
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, "entries", [ENTRY_HEADERS, entry_row(奖项="金奖")])
    qingbo_id = district.qingbo_worker.id_number
    assert lines(problems) == [f"第 2 行「身份证号」{qingbo_id}：该记录不在您的管辖范围内，不能导入或修改"]
    _, problems = run(hubin, "entries", [ENTRY_HEADERS, entry_row(项目="新项目")])
    assert lines(problems) == ["第 2 行「竞赛名称」清波街道职工技能大赛：在您的管辖范围内找不到2024年度的竞赛“清波街道职工技能大赛”，请先导入竞赛"]
    assert export_rows(hubin, "entries") == [ENTRY_HEADERS]
    assert Entry.objects.get().award == "一等奖"


def test_export_filters_by_year_type_and_street(district, personas, competitions):
    admin = personas["district_admin"]
    rows = export_rows(admin, "competitions", QueryDict("contest_type=技能竞赛&year=2024"))
    assert sorted(r[0] for r in rows[1:]) == ["浙江省职工职业技能大赛", "清波街道职工技能大赛"]
    assert export_rows(admin, "competitions", QueryDict(f"union={district.qingbo_union.pk}"))[1][0] == "清波示范科技岗位练兵"
    assert len(export_rows(admin, "competitions", QueryDict(f"street={district.hubin.pk}"))) == 1
    assert len(export_rows(admin, "competitions", QueryDict("q=知识"))) == 2


# --- figures (SPEC §5) --------------------------------------------------------------------------

def test_participants_are_distinct_people_among_entries_else_the_typed_number(district, personas, competitions):
    rows = [ENTRY_HEADERS, entry_row(), entry_row(项目="钳工"), entry_row(姓名="外区选手", 身份证号=OUTSIDER)]
    assert run(personas["qingbo_admin"], "entries", rows)[1] == []
    street = Competition.objects.get(name="清波街道职工技能大赛")
    national = Competition.objects.get(name="全国职工安全知识竞赛")
    own = Competition.objects.get(name="清波示范科技岗位练兵")
    assert (street.participant_count(), street.person_times()) == (2, 3)  # 120 typed, but the entries say
    assert (national.participant_count(), national.person_times()) == (300, 300)
    assert (own.participant_count(), own.person_times()) == (0, 0)
    everything = Competition.objects.all()
    assert participants_total(everything) == 2 + 300 + 120  # the provincial one has no entries: its 120
    assert person_times_total(everything.filter(contest_type__in=["技能竞赛", "技术比武"])) == 3 + 120
    figures = {c.name: (c.participant_count, c.person_times) for c in Competition.objects.with_figures()}
    assert figures["清波街道职工技能大赛"] == (2, 3) and figures["全国职工安全知识竞赛"] == (300, 300)


def test_registers_are_declared_in_dependency_order_with_the_spec_headers():
    assert get_register("competitions").headers == COMPETITION_HEADERS
    assert get_register("entries").headers == ENTRY_HEADERS
    from contests.registers import REGISTERS

    assert [r.slug for r in REGISTERS] == ["competitions", "entries"]


def test_the_yearly_selections_behind_the_competition_indicators(district, personas, competitions):
    from contests.selectors import (
        labour_competitions,
        participants_total,
        person_times_total,
        skill_competitions,
    )

    rows = [ENTRY_HEADERS, entry_row(竞赛名称="清波示范科技岗位练兵", 项目="岗位练兵"),
            entry_row(竞赛名称="清波示范科技岗位练兵", 项目="安全生产")]
    assert run(personas["qingbo_admin"], "entries", rows)[1] == []
    scope = Competition.objects.visible_to(personas["qingbo_admin"])
    assert participants_total(labour_competitions(scope, 2024)) == 1  # one person in two items
    assert person_times_total(skill_competitions(scope, 2024)) == 120 + 120
    assert participants_total(labour_competitions(scope, 2023)) == 0
    assert participants_total(labour_competitions(Competition.objects.visible_to(personas["hubin_admin"]), 2024)) == 0


def test_viewers_export_masks_the_id_numbers_and_search_takes_a_full_one(district, personas, competitions):
    assert run(personas["qingbo_admin"], "entries", [ENTRY_HEADERS, entry_row(), entry_row(姓名="外区选手", 身份证号=OUTSIDER)])[1] == []
    rows = export_rows(personas["qingbo_viewer"], "entries")
    assert "脱敏" in rows[0][0] and all("********" in r[5] for r in rows[2:]) and len(rows) == 4
    admin = personas["district_admin"]
    assert [r[4] for r in export_rows(admin, "entries", QueryDict(f"q={OUTSIDER}&reason=核实"))[1:]] == ["外区选手"]
    assert [r[4] for r in export_rows(admin, "entries", QueryDict("q=张"))[1:]] == ["张清波"]
    assert len(export_rows(admin, "entries", QueryDict(f"q={OUTSIDER[:10]}"))) == 1  # no prefix search of an ID


def test_an_import_of_entries_can_be_undone_but_not_one_of_competitions_with_entries(district, personas, competitions):
    from registers.imports import undo_import

    admin = personas["qingbo_admin"]
    log, problems = run(admin, "entries", [ENTRY_HEADERS, entry_row()])
    assert problems == []
    with pytest.raises(ValidationError, match="已被其他记录引用"):
        undo_import(log=competitions, user=admin)
    undo_import(log=log, user=admin)
    assert not Entry.objects.exists()
    undo_import(log=competitions, user=admin)
    assert not Competition.objects.exists()
