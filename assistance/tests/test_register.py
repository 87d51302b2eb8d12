"""The assistance register through the import engine: links, nodes, round trip, row errors, scoping,
the workflow on import, and one open application per person and type (SPEC §2, §4)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from python_calamine import CalamineWorkbook

from assistance.models import Application
from assistance.rules import DUPLICATE_OPEN
from conftest import make_id_number
from registers.catalog import get_register
from registers.imports import import_file
from registers.services import register_export
from registers.tests.files import xlsx
from workflows.models import Transition, Via

HEADERS = ["申请编号", "申请人", "身份证号", "救助类型", "申请日期", "申请金额(元)", "状态", "批准金额(元)", "发放日期"]
OUTSIDER = make_id_number(region="330106", born="19780512", seq="331")


def run(user, rows, name="救助.xlsx"):
    return import_file(user=user, register=get_register("assistance"), file_name=name, data=xlsx([HEADERS, *rows]))


def row(district, **cells) -> list:
    values = {"申请编号": "JZ2024-001", "申请人": "张清波", "身份证号": district.qingbo_worker.id_number,
              "救助类型": "医疗救助", "申请日期": "2024-03-01", "申请金额(元)": 5000, "状态": "已申请",
              "批准金额(元)": None, "发放日期": None}
    # keywords cannot hold brackets: 申请金额= stands for 申请金额(元)
    values.update({k if k in values else f"{k}(元)": v for k, v in cells.items()})
    assert list(values) == HEADERS, cells
    return [values[h] for h in HEADERS]


def transitions(application: Application) -> list[tuple]:
    return list(Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(Application), object_id=application.pk,
    ).values_list("from_state", "to_state", "username", "via"))


def export(user) -> bytes:
    target = io.BytesIO()
    register_export(user=user, register=get_register("assistance"), target=target)
    return target.getvalue()


def test_a_good_file_links_workers_sets_nodes_and_records_the_workflow(district, personas):
    rows = [
        row(district),
        # a person the worker register does not hold: the importing user's node
        row(district, 申请编号="JZ2024-002", 申请人="外区职工", 身份证号=OUTSIDER, 救助类型="金秋助学", 申请金额="3,000"),
        # a historical record arrives in its final state
        row(district, 申请编号="JZ2023-050", 申请人="赵小店", 身份证号=make_id_number(born="19900101", seq="416"),
            救助类型="职工急难救助", 申请日期="2023-07-03", 状态="已发放", 批准金额=4000, 发放日期="2023-07-20"),
    ]
    log, problems = run(personas["qingbo_admin"], rows)
    assert problems == [] and (log.created, log.updated) == (3, 0)
    first, second = Application.objects.get(number="JZ2024-001"), Application.objects.get(number="JZ2024-002")
    paid = Application.objects.get(number="JZ2023-050")
    assert (first.worker, first.node, first.status) == (district.qingbo_worker, district.qingbo_union, "已申请")
    assert (second.worker, second.node, second.requested_amount) == (None, district.qingbo, Decimal("3000"))
    assert paid.worker.employer == district.qingbo_no_union and paid.node == district.qingbo  # 未建会: its street
    assert (paid.approved_amount, paid.paid_on) == (Decimal("4000"), dt.date(2023, 7, 20))
    assert transitions(first) == [("", "已申请", "qingbo_admin", Via.IMPORT)]
    assert transitions(paid) == [("", "已发放", "qingbo_admin", Via.IMPORT)]


def test_export_then_reimport_changes_nothing(district, personas):
    user = personas["qingbo_admin"]
    run(user, [row(district, 申请金额="5000.50"), row(district, 申请编号="JZ2023-050", 申请日期="2023-07-03", 状态="已发放",
                                                     批准金额="4000.5", 发放日期="2023-07-20")])
    data = export(user)
    assert CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()[0] == HEADERS
    log, problems = import_file(user=user, register=get_register("assistance"), file_name="导出.xlsx", data=data)
    assert problems == []
    assert (log.rows, log.created, log.updated, log.unchanged) == (2, 0, 0, 2)


@pytest.mark.parametrize(("cells", "column", "value", "reason"), [
    ({"状态": "已发放", "批准金额(元)": 4000, "发放日期": "2024-02-01"}, "发放日期", "2024-02-01", "发放日期不能早于申请日期"),
    ({"申请日期": "2099-01-01"}, "申请日期", "2099-01-01", "日期不能晚于今天"),
    ({"身份证号": "330102199001011230"}, "身份证号", "330102199001011230", "身份证号校验位错误"),
    ({"救助类型": "助学"}, "救助类型", "助学", "不是允许的值，应为：职工急难救助/困难劳模帮扶/金秋助学/医疗救助/其他"),
    ({"申请金额(元)": "五千"}, "申请金额(元)", "五千", "应为数字"),
    ({"申请金额(元)": -5}, "申请金额(元)", "-5", "申请金额不能为负数"),
    ({"状态": ""}, "状态", "", "必填，不能为空"),
])
def test_a_bad_row_is_reported_with_its_row_column_and_reason(district, personas, cells, column, value, reason):
    log, problems = run(personas["qingbo_admin"], [row(district, 申请编号="JZ-OK", 身份证号=OUTSIDER), row(district, **cells)])
    assert [(p.row, p.column, p.value, p.reason) for p in problems] == [(3, column, value, reason)]
    assert not Application.objects.exists()


@pytest.mark.parametrize(("cells", "notice"), [
    ({"批准金额(元)": 6000}, "「批准金额(元)」：批准金额不能大于申请金额（5,000.00元）"),
    ({"状态": "已发放", "批准金额(元)": 4000}, "「发放日期」：状态为“已发放”时须填写发放日期"),
    ({"发放日期": "2024-03-05"}, "「发放日期」：尚未发放的申请不能填写发放日期"),
])
def test_a_row_beyond_specs_rules_imports_with_a_notice(district, personas, cells, notice):
    """The product's own rules (core.notices) refuse a form, not a file: the preview says so."""
    log, problems = run(personas["qingbo_admin"], [row(district, **cells)])
    assert problems == [] and log.created == 1
    assert log.notes == [f"第 2 行{notice}，仍按原样导入。"]


def test_two_open_applications_of_one_person_and_type_are_refused_in_a_file_and_against_the_register(district, personas):
    user = personas["qingbo_admin"]
    _, problems = run(user, [row(district), row(district, 申请编号="JZ2024-002")])
    message = DUPLICATE_OPEN.format(kind="医疗救助")
    assert [str(p) for p in problems] == [f"第 3 行「身份证号」{district.qingbo_worker.id_number}：{message}"]
    # another type, or the same type once the first is closed, is fine
    log, problems = run(user, [row(district), row(district, 申请编号="JZ2024-002", 救助类型="金秋助学"),
                               row(district, 申请编号="JZ2023-009", 申请日期="2023-05-01", 状态="不予救助")], name="2.xlsx")
    assert problems == [] and log.created == 3
    _, problems = run(user, [row(district, 申请编号="JZ2024-003")], name="3.xlsx")
    assert [(p.column, p.reason) for p in problems] == [("身份证号", message)]
    # closing the open one in the same file frees the type for a new application after it
    log, problems = run(user, [row(district, 状态="不予救助"), row(district, 申请编号="JZ2024-003")], name="4.xlsx")
    assert problems == [], [str(p) for p in problems]


def test_an_import_moves_a_state_only_along_the_workflow_and_at_the_users_level(district, personas):
    qingbo, root = personas["qingbo_admin"], personas["district_admin"]
    run(qingbo, [row(district)])
    application = Application.objects.get()
    _, problems = run(qingbo, [row(district, 状态="区总审批")], name="skip.xlsx")
    assert [(p.column, p.reason) for p in problems] == [
        ("状态", "状态不能从“已申请”直接变为“区总审批”：“已申请”只能变为“街道审核”、“不予救助”")]
    log, problems = run(qingbo, [row(district, 状态="街道审核")], name="review.xlsx")
    assert problems == [] and log.updated == 1
    _, problems = run(qingbo, [row(district, 状态="区总审批")], name="approve.xlsx")
    assert [(p.column, p.reason) for p in problems] == [("状态", "区总审批只能由区总工会的管理员办理")]
    log, problems = run(root, [row(district, 状态="区总审批")], name="approve-district.xlsx")
    assert problems == [] and log.updated == 1
    assert transitions(application)[1:] == [("已申请", "街道审核", "qingbo_admin", Via.IMPORT),
                                            ("街道审核", "区总审批", "district_admin", Via.IMPORT)]
    log, problems = run(root, [row(district, 状态="已发放", 批准金额=4500, 发放日期="2024-03-20")], name="pay.xlsx")
    assert problems == [] and Application.objects.get().status == "已发放"
    # a paid application keeps what was paid
    _, problems = run(root, [row(district, 状态="已发放", 批准金额=5000, 发放日期="2024-03-20")], name="pay-again.xlsx")
    assert [(p.column, p.reason) for p in problems] == [("批准金额(元)", "已发放，不能重复发放：批准金额和发放日期不能再修改")]
    _, problems = run(root, [row(district, 状态="不予救助")], name="undo.xlsx")
    assert [(p.column, p.reason) for p in problems] == [("状态", "状态不能从“已发放”直接变为“不予救助”：“已发放”已办结，不能再变更")]


def test_a_sibling_street_can_neither_import_over_nor_export_qingbos_applications(district, personas):
    run(personas["qingbo_admin"], [row(district)])
    _, problems = run(personas["hubin_admin"], [row(district, 身份证号=district.hubin_worker.id_number)])
    assert [(p.row, p.column, p.reason) for p in problems] == [(2, "申请编号", "该记录不在您的管辖范围内，不能导入或修改")]
    run(personas["hubin_admin"], [row(district, 申请编号="JZ-HB", 申请人="陈湖滨", 身份证号=district.hubin_worker.id_number)],
        name="hb.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export(personas["hubin_admin"]))).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows[1:]] == ["JZ-HB"]
    assert Application.objects.get(number="JZ-HB").node == district.hubin_union


def test_a_qingbo_worker_imported_by_the_sibling_street_is_not_linked(district, personas):
    """The worker register is read in the importer's subtree only: hubin does not see qingbo's
    worker, so the row is hubin's own (its node), unlinked."""
    log, problems = run(personas["hubin_admin"], [row(district, 申请编号="JZ-HB")])
    assert problems == []
    application = Application.objects.get()
    assert (application.worker, application.node) == (None, district.hubin)
