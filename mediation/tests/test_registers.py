"""Importing and exporting the mediation registers through the engine (SPEC §2, §3)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from python_calamine import CalamineWorkbook

from conftest import make_id_number
from mediation.models import Case, CaseStatus, MediationOrg
from registers.catalog import get_register
from registers.imports import import_file
from registers.services import register_export
from registers.tests.files import xlsx
from workflows.models import Transition, Via

from .conftest import make_case

ORG_HEADERS = ["名称", "层级", "所属组织或单位", "成立日期", "撤销日期"]
CASE_HEADERS = ["案件编号", "申请人", "申请人身份证号", "被申请单位", "争议类型", "涉及人数", "涉及金额(元)", "申请日期",
                "受理日期", "调解组织", "状态", "结案日期", "协议金额(元)"]
OUTSIDER_ID = make_id_number(region="330106", born="19880808", seq="771")  # in no worker register


def run(user, slug: str, rows: list[list]):
    return import_file(user=user, register=get_register(slug), file_name="调解.xlsx", data=xlsx(rows))


def export_rows(user, slug: str) -> list[list]:
    buffer = io.BytesIO()
    register_export(user=user, register=get_register(slug), target=buffer)
    return CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue())).get_sheet_by_index(0).to_python()


def case_row(**values) -> list:
    row = {"案件编号": "2024劳调00101", "申请人": "张清波", "申请人身份证号": "", "被申请单位": "清波示范科技有限公司",
           "争议类型": "劳动报酬", "涉及人数": 1, "涉及金额(元)": "8000", "申请日期": "2024-03-01", "受理日期": "",
           "调解组织": "清波街道劳动争议调解委员会", "状态": "已申请", "结案日期": "", "协议金额(元)": ""}
    row.update(values)
    return [row[h] for h in CASE_HEADERS]


def lines(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_registers_have_the_spec_headers():
    assert get_register("mediation_orgs").headers == ORG_HEADERS
    assert get_register("cases").headers == CASE_HEADERS
    assert [c.name for c in get_register("cases").columns if c.required] == [
        "案件编号", "申请人", "被申请单位", "争议类型", "申请日期", "调解组织", "状态"]


# --- mediation organisations ---------------------------------------------------------------------

def test_a_good_file_of_mediation_orgs_takes_each_ones_node_from_what_it_belongs_to(district, personas):
    log, problems = run(personas["qingbo_admin"], "mediation_orgs", [
        ORG_HEADERS,
        ["清波街道劳动争议调解委员会", "街道调解委员会", "清波街道总工会", "2016-03-01", ""],
        ["清波示范科技有限公司劳动争议调解小组", "企业调解小组", district.qingbo_employer.credit_code, "2018/5/4", ""],
        ["清波未建会商店人民调解委员会", "人民调解组织", "清波未建会商店", "2019年1月2日", "2023-06-30"],
    ])
    assert problems == [] and (log.created, log.updated) == (3, 0)
    street, group, shop = (MediationOrg.objects.get(name__startswith=p) for p in ("清波街道", "清波示范", "清波未建会"))
    assert (street.org, street.employer, street.node) == (district.qingbo, None, district.qingbo)
    assert (group.employer, group.org, group.node) == (district.qingbo_employer, None, district.qingbo_union)
    assert (shop.node, shop.founded_on, shop.closed_on) == (district.qingbo, dt.date(2019, 1, 2), dt.date(2023, 6, 30))
    assert group.history.get().history_change_reason == log.tag


def test_mediation_org_rows_are_checked_cell_by_cell_with_chinese_reasons(district, personas):
    log, problems = run(personas["qingbo_admin"], "mediation_orgs", [
        ORG_HEADERS,
        ["甲委员会", "区级调解委员会", "清波街道总工会", "2016-03-01", ""],
        ["乙委员会", "街道调解委员会", "清波示范企业工会", "2016-03-01", ""],
        ["丙小组", "企业调解小组", "清波街道总工会", "2016-03-01", ""],
        ["丁组织", "人民调解组织", "湖滨示范酒店有限公司", "2016-03-01", ""],
        ["戊组织", "人民调解组织", "清波未建会商店", "2099-01-01", ""],
        ["己组织", "人民调解组织", "清波未建会商店", "2020-05-01", "2020-04-30"],
        ["庚组织", "调解小组", "清波未建会商店", "", ""],
    ])
    assert lines(problems) == [
        "第 5 行「所属组织或单位」湖滨示范酒店有限公司：在您的管辖范围内找不到这个单位或组织",
        "第 6 行「成立日期」2099-01-01：日期不能晚于今天",
        "第 7 行「撤销日期」2020-04-30：撤销日期不能早于成立日期",
        "第 8 行「层级」调解小组：不是允许的值，应为：区级调解委员会/街道调解委员会/企业调解小组/人民调解组织",
        "第 8 行「成立日期」：必填，不能为空",
    ]
    assert not MediationOrg.objects.exists()
    # which 层级 suits which owner is the product's own rule: a notice (core.notices)
    assert log.notes == [
        "第 2 行「所属组织或单位」：区级调解委员会应属于区总工会，仍按原样导入。",
        "第 3 行「所属组织或单位」：街道调解委员会应属于街道总工会，仍按原样导入。",
        "第 4 行「所属组织或单位」：企业调解小组应属于单位或基层工会，仍按原样导入。",
    ]


def test_mediation_orgs_export_and_import_back_unchanged(district, personas, mediation):
    admin = personas["qingbo_admin"]
    rows = export_rows(admin, "mediation_orgs")
    assert rows[0] == ORG_HEADERS
    assert sorted(r[0] for r in rows[1:]) == ["清波示范科技有限公司劳动争议调解小组", "清波街道劳动争议调解委员会"]
    assert [r[2] for r in rows[1:] if r[0].startswith("清波示范")] == [district.qingbo_employer.credit_code]
    log, problems = run(admin, "mediation_orgs", rows)
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 2)


def test_an_import_may_not_move_a_mediation_org_that_has_cases(district, personas, mediation):
    make_case(mediation.qingbo_group, district.qingbo_employer)
    admin = personas["qingbo_admin"]
    moved = [ORG_HEADERS, ["清波示范科技有限公司劳动争议调解小组", "企业调解小组", "清波未建会商店", "2015-01-01", ""]]
    _, problems = run(admin, "mediation_orgs", moved)
    assert lines(problems) == ["第 2 行「所属组织或单位」清波未建会商店：该调解组织已有调解案件（案件随其归属），不能更改其所属组织或单位"]
    Case.objects.all().delete()
    log, problems = run(admin, "mediation_orgs", moved)
    assert problems == [] and log.updated == 1
    assert MediationOrg.objects.get(pk=mediation.qingbo_group.pk).node == district.qingbo


def test_a_sibling_street_can_neither_change_nor_see_qingbos_mediation_orgs(district, personas, mediation):
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, "mediation_orgs", [ORG_HEADERS, ["清波街道劳动争议调解委员会", "街道调解委员会", "湖滨街道总工会", "2015-01-01", ""]])
    assert lines(problems) == ["第 2 行「名称」清波街道劳动争议调解委员会：该记录不在您的管辖范围内，不能导入或修改"]
    assert "清波" not in str(export_rows(hubin, "mediation_orgs"))


# --- cases ---------------------------------------------------------------------------------------

def test_a_good_file_of_cases_links_workers_parties_and_takes_the_mediation_orgs_node(district, personas, mediation):
    log, problems = run(personas["qingbo_admin"], "cases", [
        CASE_HEADERS,
        case_row(**{"案件编号": "2024劳调00101", "申请人身份证号": district.qingbo_worker.id_number,
                    "被申请单位": district.qingbo_employer.credit_code, "调解组织": "清波示范科技有限公司劳动争议调解小组",
                    "状态": "调解成功", "受理日期": "2024-03-02", "结案日期": "2024-03-10", "协议金额(元)": "6500.5"}),
        case_row(**{"案件编号": "2024劳调00102", "申请人": "外区职工", "申请人身份证号": OUTSIDER_ID,
                    "被申请单位": "清波未建会商店", "状态": "调解中", "受理日期": "2024-03-03", "涉及人数": 3}),
        case_row(**{"案件编号": "2024劳调00103", "被申请单位": "清波示范企业工会", "涉及金额(元)": "", "争议类型": "确认劳动关系"}),
        # 争议类型 is the office's own words (SPEC §2 lists no values)
        case_row(**{"案件编号": "2024劳调00104", "争议类型": "拖欠加班费争议"}),
    ])
    assert problems == [] and (log.created, log.updated) == (4, 0)
    first, second, third, fourth = Case.objects.order_by("number")
    assert fourth.dispute_type == "拖欠加班费争议"
    assert (first.worker, first.respondent_employer, first.node) == (district.qingbo_worker, district.qingbo_employer, district.qingbo_union)
    assert (first.status, first.agreed_amount, first.closed_on) == ("调解成功", Decimal("6500.50"), dt.date(2024, 3, 10))
    assert (second.worker, second.applicant_id_number, second.node, second.people) == (None, OUTSIDER_ID, district.qingbo, 3)
    assert (third.respondent_org, third.respondent_employer, third.amount) == (district.qingbo_union, None, None)
    created = Transition.objects.filter(object_id__in=[first.pk, second.pk, third.pk]).order_by("object_id")
    assert [(t.from_state, t.to_state, t.via, t.username, t.reason) for t in created] == [
        ("", "调解成功", Via.IMPORT, "qingbo_admin", log.tag), ("", "调解中", Via.IMPORT, "qingbo_admin", log.tag),
        ("", "已申请", Via.IMPORT, "qingbo_admin", log.tag)]


def test_cases_export_and_import_back_unchanged(district, personas, mediation, succeeded_case):
    make_case(mediation.qingbo, district.qingbo_union, number="2024劳调00008", amount=None, people=2)
    make_case(mediation.hubin, district.hubin_employer, number="2024劳调00009")
    admin = personas["qingbo_admin"]
    rows = export_rows(admin, "cases")
    assert rows[0] == CASE_HEADERS
    assert sorted(r[0] for r in rows[1:]) == ["2024劳调00007", "2024劳调00008"]  # not 湖滨's
    exported = next(r for r in rows[1:] if r[0] == "2024劳调00007")
    assert exported[2] == district.qingbo_worker.id_number and exported[3] == district.qingbo_employer.credit_code
    assert exported[12] == 10005.5
    log, problems = run(admin, "cases", rows)
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 2)


def test_case_rows_are_refused_with_the_row_column_and_a_chinese_reason(district, personas, mediation):
    log, problems = run(personas["qingbo_admin"], "cases", [
        CASE_HEADERS,
        case_row(**{"案件编号": "A1", "状态": "已受理", "受理日期": "2024-02-01"}),
        case_row(**{"案件编号": "A2", "状态": "调解成功", "受理日期": "2024-03-02", "结案日期": "2024-03-09"}),
        case_row(**{"案件编号": "A3", "调解组织": "湖滨街道劳动争议调解委员会"}),
        case_row(**{"案件编号": "A4", "申请日期": "2099-01-01"}),
        case_row(**{"案件编号": "A5", "申请人身份证号": "330102199001011235", "状态": "结案"}),
        case_row(**{"案件编号": "A6", "状态": "已撤回", "结案日期": "2024-02-20"}),
        case_row(**{"案件编号": "A7", "状态": "调解中", "受理日期": "2024-03-02", "结案日期": "2024-03-05", "协议金额(元)": "100"}),
        case_row(**{"案件编号": "A8", "涉及金额(元)": "-5", "涉及人数": "0", "申请日期": "2014-12-31"}),
    ])
    assert lines(problems) == [
        "第 2 行「受理日期」2024-02-01：受理日期不能早于申请日期",
        "第 4 行「调解组织」湖滨街道劳动争议调解委员会：在您的管辖范围内找不到这个调解组织",
        "第 5 行「申请日期」2099-01-01：日期不能晚于今天",
        "第 6 行「申请人身份证号」330102199001011235：身份证号校验位错误",
        "第 6 行「状态」结案：不是允许的值，应为：已申请/已受理/调解中/调解成功/调解不成功/已撤回",
        "第 7 行「结案日期」2024-02-20：结案日期不能早于申请日期",
        "第 9 行「涉及人数」0：涉及人数至少为1",
        "第 9 行「涉及金额(元)」-5：金额不能为负数",
    ]
    assert not Case.objects.exists()
    # what a state holds or contradicts is the product's own rule: notices (core.notices)
    assert log.notes == [
        "第 3 行「协议金额(元)」：状态为“调解成功”时须填写协议金额（没有金额的填0），仍按原样导入。",
        "第 8 行「结案日期」：案件尚未结案（状态为“调解中”），不能填写结案日期，仍按原样导入。",
        "第 8 行「协议金额(元)」：只有调解成功的案件才有协议金额，本案状态为“调解中”，仍按原样导入。",
    ]
    # so are the mediation org's own dates
    log, problems = run(personas["qingbo_admin"], "cases", [CASE_HEADERS, case_row(**{"申请日期": "2014-12-31"})])
    assert problems == [] and log.notes == [
        "第 2 行「申请日期」：申请日期早于调解组织“清波街道劳动争议调解委员会”的成立日期（2015-01-01），仍按原样导入。"]


def test_an_import_moves_a_case_only_along_the_workflow_and_records_the_move(district, personas, mediation):
    case = make_case(mediation.qingbo, district.qingbo_employer, number="2024劳调00101")
    admin = personas["qingbo_admin"]
    _, problems = run(admin, "cases", [CASE_HEADERS, case_row(**{"状态": "调解成功", "受理日期": "2024-03-02",
                                                                  "结案日期": "2024-03-09", "协议金额(元)": "0"})])
    assert lines(problems) == ["第 2 行「状态」调解成功：状态不能从“已申请”直接变为“调解成功”：“已申请”只能变为“已受理”、“已撤回”"]
    log, problems = run(admin, "cases", [CASE_HEADERS, case_row(**{"状态": "已受理", "受理日期": "2024-03-02"})])
    assert problems == [] and log.updated == 1
    case.refresh_from_db()
    assert (case.status, case.accepted_on) == (CaseStatus.ACCEPTED, dt.date(2024, 3, 2))
    move = Transition.objects.get(object_id=case.pk)
    assert (move.from_state, move.to_state, move.via, move.user, move.reason) == ("已申请", "已受理", Via.IMPORT, admin, log.tag)


def test_a_sibling_street_can_neither_change_nor_see_qingbos_cases(district, personas, mediation, succeeded_case):
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, "cases", [CASE_HEADERS, case_row(**{
        "案件编号": succeeded_case.number, "被申请单位": "湖滨示范酒店有限公司", "调解组织": "湖滨街道劳动争议调解委员会"})])
    assert lines(problems) == ["第 2 行「案件编号」2024劳调00007：该记录不在您的管辖范围内，不能导入或修改"]
    _, problems = run(hubin, "cases", [CASE_HEADERS, case_row(**{"案件编号": "2024劳调09999"})])
    assert [p.column for p in problems] == ["被申请单位", "调解组织"]
    rows = export_rows(hubin, "cases")
    assert rows[1:] == [] and succeeded_case.number not in str(rows)


def test_a_district_admin_sees_every_case(district, personas, mediation, succeeded_case):
    make_case(mediation.hubin, district.hubin_employer, number="2024劳调00009")
    rows = export_rows(personas["district_admin"], "cases")
    assert sorted(r[0] for r in rows[1:]) == ["2024劳调00007", "2024劳调00009"]
