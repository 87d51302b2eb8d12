"""The inspection register: import, export round trip, row errors, scoping, 逾期 and its due list,
and recording a finding's 整改结果 (SPEC §2, §4)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.urls import reverse

from audit.models import Action, AuditEntry
from registers.catalog import get_register
from registers.imports import import_file
from registers.pages import record_url
from registers.services import register_export
from registers.tests.files import xlsx
from supervision.due import due_items
from supervision.filters import InspectionFilter
from supervision.models import Inspection, RectificationResult
from supervision.rules import is_overdue
from supervision.services import inspection_record_result

HEADERS = ["检查编号", "检查日期", "被检查单位", "监督组织", "检查事项", "发现问题", "整改期限", "整改结果"]
TODAY = dt.date(2024, 6, 15)


def run(user, rows, name="检查.xlsx"):
    return import_file(user=user, register=get_register("inspections"), file_name=name, data=xlsx([HEADERS, *rows]))


def row(**cells) -> list:
    values = {"检查编号": "JC2024-001", "检查日期": "2024-03-05", "被检查单位": "清波示范科技有限公司",
              "监督组织": "清波街道总工会", "检查事项": "工资支付；劳动合同", "发现问题": "延期支付三月份工资",
              "整改期限": "2024-04-05", "整改结果": "已整改"}
    values.update(cells)
    return [values[h] for h in HEADERS]


def inspection(district, number: str, *, deadline: dt.date | None, result: str = "", employer=None, **extra) -> Inspection:
    employer = employer or district.qingbo_employer
    return Inspection.objects.create(
        number=number, inspected_on=dt.date(2024, 3, 1), employer=employer, supervisor_org=district.qingbo,
        matters="劳动合同", findings="未签劳动合同" if deadline or result else "", deadline=deadline, result=result,
        node=employer.node, **extra)


def export(user, params: QueryDict | None = None) -> bytes:
    target = io.BytesIO()
    register_export(user=user, register=get_register("inspections"), target=target, params=params)
    return target.getvalue()


# --- import ---------------------------------------------------------------------------------------

def test_a_good_file_creates_inspections_owned_by_the_inspected_unit(district, personas):
    rows = [
        row(),
        # an employer without a union by name; the district's supervision committee above the street
        row(检查编号="JC2024-002", 被检查单位="清波未建会商店", 监督组织="上城区总工会", 检查事项="安全生产",
            发现问题="", 整改期限="", 整改结果=""),
        # an org inspected; the supervisor named as an employer by its credit code
        row(检查编号="jc2024-003", 被检查单位="清波示范企业工会", 监督组织=district.qingbo_employer.credit_code,
            检查事项="女职工保护、劳动合同", 整改期限="2024-12-31", 整改结果="整改中"),
    ]
    log, problems = run(personas["qingbo_admin"], rows)
    assert problems == [] and (log.created, log.updated) == (3, 0)
    first, second, third = Inspection.objects.order_by("number")
    assert (first.employer, first.org, first.node, first.supervisor_org) == (
        district.qingbo_employer, None, district.qingbo_union, district.qingbo)
    assert first.matters == "劳动合同；工资支付"  # canonical: the fixed list's order, joined by ；
    assert (first.deadline, first.result) == (dt.date(2024, 4, 5), "已整改")
    assert (second.employer, second.node, second.supervisor_org) == (district.qingbo_no_union, district.qingbo, district.root)
    assert (second.deadline, second.result) == (None, "")
    assert third.number == "JC2024-003" and third.org == district.qingbo_union and third.employer is None
    assert (third.node, third.supervisor_employer) == (district.qingbo_union, district.qingbo_employer)
    assert third.matters == "劳动合同；女职工保护"
    assert list(first.history.values_list("history_type", "history_user__username")) == [("+", "qingbo_admin")]


def test_export_then_reimport_changes_nothing(district, personas):
    user = personas["qingbo_admin"]
    run(user, [row(), row(检查编号="JC2024-002", 被检查单位="清波示范企业工会", 监督组织="上城区总工会",
                          整改期限="", 整改结果="")])
    log, problems = import_file(user=user, register=get_register("inspections"), file_name="导出.xlsx", data=export(user))
    assert problems == []
    assert (log.rows, log.created, log.updated, log.unchanged) == (2, 0, 0, 2)


def test_reimport_with_a_changed_result_updates_the_record(district, personas):
    user = personas["qingbo_admin"]
    run(user, [row(整改结果="整改中", 整改期限="2024-04-05")])
    log, problems = run(user, [row(整改结果="已整改")], name="复查.xlsx")
    assert problems == [] and (log.created, log.updated) == (0, 1)
    assert Inspection.objects.get().result == RectificationResult.DONE


@pytest.mark.parametrize(("cells", "column", "value", "reason"), [
    ({"检查事项": "劳动合同；加班"}, "检查事项", "劳动合同；加班",
     "检查事项“加班”不是允许的值，应为：劳动合同/工资支付/工作时间/社会保险/女职工保护/安全生产（多项用“；”分隔）"),
    ({"检查事项": "；"}, "检查事项", "；", "至少填写一项检查事项"),
    ({"整改期限": "2024-03-01"}, "整改期限", "2024-03-01", "整改期限不能早于检查日期"),
    ({"检查日期": "2099-01-01", "整改期限": "2099-02-01"}, "检查日期", "2099-01-01", "日期不能晚于今天"),
    ({"被检查单位": "不存在的公司"}, "被检查单位", "不存在的公司", "在您的管辖范围内找不到这个单位或组织"),
    ({"监督组织": "湖滨街道总工会"}, "监督组织", "湖滨街道总工会", "在您的管辖范围内找不到这个监督组织"),
    ({"整改结果": "已完成"}, "整改结果", "已完成", "不是允许的值，应为：已整改/未整改/整改中"),
    ({"检查编号": ""}, "检查编号", "", "必填，不能为空"),
])
def test_a_bad_row_is_reported_with_its_row_column_and_reason_and_nothing_is_written(
        district, personas, cells, column, value, reason):
    log, problems = run(personas["qingbo_admin"], [row(检查编号="JC2024-000"), row(**cells)])
    assert [(p.row, p.column, p.value, p.reason) for p in problems] == [(3, column, value, reason)]
    assert str(problems[0]).startswith(f"第 3 行「{column}」")
    assert not Inspection.objects.exists()


def test_a_deadline_without_findings_imports_with_a_notice(district, personas):
    """Beyond SPEC's rules: the row imports and the preview says so (core.notices)."""
    log, problems = run(personas["qingbo_admin"], [row(发现问题="")])
    assert problems == [] and log.created == 1
    assert log.notes == ["第 2 行「整改期限」：填写了整改期限或整改结果，但没有写明发现问题，仍按原样导入。"]


def test_the_same_key_twice_in_a_file_is_refused(district, personas):
    _, problems = run(personas["qingbo_admin"], [row(), row()])
    assert [str(p) for p in problems] == ["第 3 行「检查编号」JC2024-001：与第 2 行重复：同一条记录在文件中出现了两次"]


# --- scoping --------------------------------------------------------------------------------------

def test_a_sibling_street_cannot_import_over_qingbos_inspection_nor_name_its_employer(district, personas):
    run(personas["qingbo_admin"], [row()])
    _, problems = run(personas["hubin_admin"], [row(被检查单位="湖滨示范酒店有限公司", 监督组织="湖滨街道总工会")])
    assert [(p.row, p.column, p.reason) for p in problems] == [(2, "检查编号", "该记录不在您的管辖范围内，不能导入或修改")]
    _, problems = run(personas["hubin_admin"], [row(检查编号="JC2024-HB1", 监督组织="湖滨街道总工会")], name="b.xlsx")
    assert [(p.column, p.reason) for p in problems] == [("被检查单位", "在您的管辖范围内找不到这个单位或组织")]
    assert Inspection.objects.get().node == district.qingbo_union


def test_exports_hold_only_the_users_subtree(district, personas):
    from python_calamine import CalamineWorkbook

    inspection(district, "JC-QB", deadline=None)
    inspection(district, "JC-HB", deadline=None, employer=district.hubin_employer)

    def numbers(user) -> set[str]:
        rows = CalamineWorkbook.from_filelike(io.BytesIO(export(user))).get_sheet_by_index(0).to_python()
        assert rows[0] == HEADERS
        return {r[0] for r in rows[1:]}

    assert numbers(personas["hubin_admin"]) == {"JC-HB"}
    assert numbers(personas["qingbo_admin"]) == {"JC-QB"}
    assert numbers(personas["district_admin"]) == {"JC-QB", "JC-HB"}


# --- 逾期 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("deadline", "result", "today", "overdue"), [
    (dt.date(2024, 6, 14), "整改中", TODAY, True),  # the day after the deadline
    (dt.date(2024, 6, 15), "整改中", TODAY, False),  # the deadline day itself is still in time
    (dt.date(2024, 6, 16), "未整改", TODAY, False),
    (dt.date(2024, 1, 1), "未整改", TODAY, True),
    (dt.date(2024, 1, 1), "", TODAY, True),  # no result recorded is not 已整改
    (dt.date(2024, 1, 1), "已整改", TODAY, False),
    (None, "未整改", TODAY, False),
])
def test_overdue_is_a_passed_deadline_without_rectification_in_python_and_in_the_query(
        district, deadline, result, today, overdue):
    record = inspection(district, "JC-1", deadline=deadline, result=result)
    assert is_overdue(deadline=deadline, result=result, today=today) is overdue
    assert record.is_overdue(today) is overdue
    assert Inspection.objects.overdue(today).exists() is overdue
    assert Inspection.objects.not_overdue(today).exists() is not overdue


def test_the_overdue_and_street_filters(district, personas, rf):
    inspection(district, "JC-LATE", deadline=dt.date(2024, 1, 31), result="整改中")
    inspection(district, "JC-DONE", deadline=dt.date(2024, 1, 31), result="已整改")
    inspection(district, "JC-HB", deadline=dt.date(2024, 1, 31), result="未整改", employer=district.hubin_employer)
    request = rf.get("/")
    request.user = personas["district_admin"]

    def numbers(**params) -> set[str]:
        queryset = Inspection.objects.visible_to(request.user)
        return set(InspectionFilter(params, queryset=queryset, request=request).qs.values_list("number", flat=True))

    assert numbers(overdue="1") == {"JC-LATE", "JC-HB"}
    assert numbers(overdue="0") == {"JC-DONE"}
    assert numbers(overdue="1", street=str(district.qingbo.pk)) == {"JC-LATE"}
    assert numbers(union=str(district.hubin_union.pk)) == {"JC-HB"}
    assert numbers(result="已整改", year="2024", matter="劳动合同") == {"JC-DONE"}
    assert numbers(q="湖滨示范") == {"JC-HB"}


def test_due_items_are_findings_near_or_past_their_deadline_in_the_users_subtree(district, personas):
    late = inspection(district, "JC-LATE", deadline=dt.date(2024, 6, 14), result="未整改")
    soon = inspection(district, "JC-SOON", deadline=dt.date(2024, 6, 22), result="整改中")
    inspection(district, "JC-LATER", deadline=dt.date(2024, 6, 23), result="整改中")  # 8 days ahead
    inspection(district, "JC-DONE", deadline=dt.date(2024, 6, 1), result="已整改")
    inspection(district, "JC-HB", deadline=dt.date(2024, 6, 1), result="未整改", employer=district.hubin_employer)
    items = list(due_items(personas["qingbo_admin"], TODAY))
    assert [(i.kind, i.title, i.due, i.days_left, i.overdue) for i in items] == [
        ("整改逾期", "JC-LATE 清波示范科技有限公司", dt.date(2024, 6, 14), -1, True),
        ("整改即将到期", "JC-SOON 清波示范科技有限公司", dt.date(2024, 6, 22), 7, False),
    ]
    assert [i.url for i in items] == [record_url("inspections", late.pk), record_url("inspections", soon.pk)]
    assert items[0].node == "清波示范企业工会" and items[0].key == f"inspections:{late.pk}:overdue"
    assert {i.title.split()[0] for i in due_items(personas["hubin_admin"], TODAY)} == {"JC-HB"}
    assert len(list(due_items(personas["district_admin"], TODAY))) == 3


# --- recording the result later --------------------------------------------------------------------

def test_recording_a_result_keeps_who_when_and_why(district, personas):
    record = inspection(district, "JC-1", deadline=dt.date(2024, 4, 30), result="整改中")
    user = personas["union_admin"]
    saved = inspection_record_result(user=user, inspection=record, result="已整改", reason="4月28日复查，已补签合同")
    assert saved.result == "已整改" and Inspection.objects.get().result == "已整改"
    latest = saved.history.order_by("-history_date").first()
    assert latest.history_user == user and latest.history_change_reason == "整改结果：整改中→已整改：4月28日复查，已补签合同"
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.username == "union_admin" and entry.detail == {"整改结果": ["整改中", "已整改"], "原因": "4月28日复查，已补签合同"}


@pytest.mark.parametrize(("persona", "result", "reason", "error", "message"), [
    ("qingbo_admin", "已整改", " ", ValidationError, "请填写原因（如复查情况）"),
    ("qingbo_admin", "整改中", "复查", ValidationError, "整改结果已是“整改中”"),
    ("qingbo_admin", "完成", "复查", ValidationError, "整改结果应为：已整改/未整改/整改中"),
    ("hubin_admin", "已整改", "复查", PermissionDenied, "该检查记录不在您的管辖范围内"),
    ("qingbo_viewer", "已整改", "复查", PermissionDenied, "您的角色无权修改业务数据。"),
])
def test_recording_a_result_is_refused_without_reason_scope_or_role(district, personas, persona, result, reason, error, message):
    record = inspection(district, "JC-1", deadline=dt.date(2024, 4, 30), result="整改中")
    with pytest.raises(error) as raised:
        inspection_record_result(user=personas[persona], inspection=record, result=result, reason=reason)
    shown = raised.value.messages if isinstance(raised.value, ValidationError) else [str(raised.value)]
    assert shown == [message]
    assert Inspection.objects.get().result == "整改中" and not AuditEntry.objects.filter(action=Action.UPDATE).exists()


def test_the_result_page_records_through_the_service(district, login):
    record = inspection(district, "JC-1", deadline=dt.date(2024, 4, 30), result="未整改")
    client = login("qingbo_admin")
    url = reverse("supervision:inspection-result", args=[record.pk])
    assert "记录整改结果" in client.get(url).content.decode()
    response = client.post(url, {"result": "已整改", "reason": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    response = client.post(url, {"result": "已整改", "reason": "复查合格"})
    assert response.status_code == 302 and response.url == record_url("inspections", record.pk)
    assert Inspection.objects.get().result == "已整改"
    assert login("hubin_admin").get(url).status_code == 404


# --- the register's generic pages -------------------------------------------------------------------

def test_the_record_pages_create_through_the_import_rules_and_show_overdue(district, login):
    client = login("qingbo_admin")
    cells = ["JC-P1", "2024-03-01", "清波示范科技有限公司", "清波街道总工会", "工资支付、劳动合同", "欠薪", "2024-04-01", "整改中"]
    response = client.post(reverse("registers:record-create", args=["inspections"]),
                           {f"c{i}": v for i, v in enumerate(cells)})
    record = Inspection.objects.get()
    assert response.status_code == 302 and response.url == record_url("inspections", record.pk)
    assert (record.node, record.matters) == (district.qingbo_union, "劳动合同；工资支付")
    page = client.get(record_url("inspections", record.pk)).content.decode()
    assert "整改逾期：整改期限为 2024-04-01" in page and reverse("supervision:inspection-result", args=[record.pk]) in page
    listed = client.get(reverse("registers:record-list", args=["inspections"]) + f"?overdue=1&street={district.qingbo.pk}")
    assert "JC-P1" in listed.content.decode()
