"""Templates and exports of the org, employer and worker registers."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from audit.models import Action, AuditEntry
from registers.catalog import registers
from registers.xlsx import MASKED_NOTICE

SPEC_HEADERS = {
    "orgs": ["组织名称", "组织类型", "上级组织", "成立日期", "工会主席", "联系电话", "撤销日期"],
    "employers": ["统一社会信用代码", "单位名称", "单位类型", "所属街道", "所属工会", "行业", "职工人数", "女职工人数", "注销日期"],
    "workers": ["姓名", "身份证号", "所在单位", "手机号", "是否会员", "入会日期", "劳动合同", "合同起始日期", "合同终止日期",
                "岗位", "劳模级别", "在职状态"],
}


def rows_of(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("slug", sorted(SPEC_HEADERS))
def test_template_has_the_spec_headers_notes_drop_downs_and_text_columns(login, district, slug):
    response = login("qingbo_admin").get(reverse("registers:template", args=[slug]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(body(response)))
    sheet = book.active
    assert [c.value for c in sheet[1]] == SPEC_HEADERS[slug]
    assert "必填" in sheet.cell(1, 1).comment.text
    register = registers()[slug]
    for i, column in enumerate(register.columns, start=1):
        if column.kind == "code":
            # the whole column is formatted as text, so Excel keeps every digit typed into it
            spans = [d for d in sheet.column_dimensions.values() if d.min <= i <= d.max]
            assert spans and spans[0].number_format == "@", column.name
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    if slug == "workers":
        assert any("是,否" in f for f in lists.values())
        assert any("已签订,未签订,无需签订" in f for f in lists.values())


def test_admin_export_is_in_clear_and_audited(login, district):
    response = login("qingbo_admin").get(reverse("registers:export", args=["workers"]))
    rows = rows_of(body(response))
    assert rows[0] == SPEC_HEADERS["workers"]
    ids = {r[1] for r in rows[1:]}
    assert district.qingbo_worker.id_number in ids
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.username == "qingbo_admin" and entry.detail["行数"] == 4 and entry.detail["脱敏"] == "否"


def test_viewer_export_is_masked_and_says_so_in_its_first_row(login, district):
    rows = rows_of(body(login("qingbo_viewer").get(reverse("registers:export", args=["workers"]))))
    assert rows[0][0] == MASKED_NOTICE and rows[1] == SPEC_HEADERS["workers"]
    assert all("********" in r[1] for r in rows[2:]) and all("****" in r[3] for r in rows[2:] if r[3])
    assert AuditEntry.objects.get(action=Action.EXPORT).detail["脱敏"] == "是"


@pytest.mark.parametrize("slug", sorted(SPEC_HEADERS))
def test_sibling_street_exports_nothing_of_qingbo(login, district, slug):
    content = body(login("hubin_admin").get(reverse("registers:export", args=[slug])))
    assert "清波" not in str(rows_of(content))


def test_export_follows_the_list_filters(login, district):
    url = reverse("registers:export", args=["workers"])
    rows = rows_of(body(login("district_admin").get(url, {"labour_contract": "未签订"})))
    assert [r[0] for r in rows[1:]] == ["赵小店"]


def test_cells_that_look_like_formulas_are_written_as_quoted_text(login, district):
    from orgs.models import Org

    Org.objects.filter(pk=district.qingbo_union.pk).update(chairman="=HYPERLINK(\"http://x\")")
    content = body(login("district_admin").get(reverse("registers:export", args=["orgs"])))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cell = next(row[4] for row in sheet.iter_rows(min_row=2) if row[0].value == "清波示范企业工会")
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s" and cell.quotePrefix


def test_orgs_export_names_each_parent(login, district):
    rows = rows_of(body(login("district_admin").get(reverse("registers:export", args=["orgs"]))))
    parents = {r[0]: r[2] for r in rows[1:]}
    assert parents == {
        "上城区总工会": "", "清波街道总工会": "上城区总工会", "湖滨街道总工会": "上城区总工会",
        "清波示范企业工会": "清波街道总工会", "湖滨示范企业工会": "湖滨街道总工会",
    }


def test_command_line_template_and_export_as_a_user(district, personas, tmp_path, capsys):
    call_command("template", "employers", str(tmp_path / "t.xlsx"))
    assert rows_of((tmp_path / "t.xlsx").read_bytes())[0] == SPEC_HEADERS["employers"]
    call_command("export", "employers", str(tmp_path / "e.xlsx"), "--as", "hubin_admin")
    names = [r[1] for r in rows_of((tmp_path / "e.xlsx").read_bytes())[1:]]
    assert names == ["湖滨示范酒店有限公司"]
    call_command("export", "workers", str(tmp_path / "w.xlsx"))
    assert len(rows_of((tmp_path / "w.xlsx").read_bytes())) == 1 + 6  # the root sees everyone, in clear
    with pytest.raises(CommandError, match="没有名为"):
        call_command("export", "nonsense", str(tmp_path / "x.xlsx"))


def test_an_export_filtered_by_a_full_id_logs_the_id_masked(login, district):
    w = district.qingbo_worker
    login("qingbo_admin").get(reverse("registers:export", args=["workers"]), {"q": f" {w.id_number}", "reason": "核实"})
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    masked = f"{w.id_number[:6]}********{w.id_number[-4:]}"
    assert entry.detail["筛选"] == {"q": f" {masked}", "reason": "核实"} and entry.detail["行数"] == 1
