"""A street admin imports workers from Excel: the file has mistakes, nothing is written, she downloads
the marked copy, fixes the red cells, uploads it again, confirms, and the workers are there."""

from __future__ import annotations

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, make_id_number
from e2e.conftest import shot
from registers.tests.files import WORKER_HEADERS, xlsx

pytestmark = pytest.mark.browser

BAD_ID = "330102199001011235"  # the check digit should be 4
BAD_MOBILE = "123"
GOOD_IDS = [make_id_number(born="19880808", seq=f"70{n}") for n in range(1, 6)]
NAMES = ["钱一", "孙二", "周三", "吴四", "郑五"]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click(".login button")
    page.wait_for_load_state("networkidle")


def upload(page, path) -> None:
    page.set_input_files("#import-file", str(path))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url(re.compile(r"/registers/imports/\d+/$"))
    page.wait_for_load_state("networkidle")


def test_street_admin_fixes_a_marked_file_and_imports_it(live_server, personas, district, browser_page, tmp_path):
    from workers.models import Worker

    page, base = browser_page, live_server.url
    code = district.qingbo_employer.credit_code
    rows = [WORKER_HEADERS] + [
        [name, id_number, code, "13900001111", "是", "2023-05-14", "已签订", ""]
        for name, id_number in zip(NAMES, GOOD_IDS, strict=True)
    ]
    rows[2][1] = BAD_ID  # 第 3 行
    rows[4][3] = BAD_MOBILE  # 第 5 行
    first = tmp_path / "职工.xlsx"
    first.write_bytes(xlsx(rows))
    workers_before = Worker.objects.count()

    log_in(page, base, "qingbo_admin")
    page.goto(f"{base}/workers/")
    page.get_by_role("link", name="导入 Excel").click()
    page.wait_for_url(f"{base}/registers/workers/import/")

    # 1. the first upload has two mistakes: nothing is written
    upload(page, first)
    status = page.locator("#import-status [data-status]")
    assert status.inner_text() == "有错误"
    assert "发现 2 处问题，未写入任何数据" in page.inner_text("#import-status [role=alert]")
    problems = page.locator("table.problems tbody tr")
    assert problems.count() == 2
    cells = [[c.strip() for c in problems.nth(i).locator("td").all_inner_texts()] for i in range(2)]
    by_row = {row[0]: row for row in cells}
    assert set(by_row) == {"3", "5"}
    assert by_row["3"][1:3] == ["身份证号", BAD_ID] and "校验位错误" in by_row["3"][3]
    assert by_row["5"][1:3] == ["手机号", BAD_MOBILE] and "手机号应为以1开头的11位数字" in by_row["5"][3]
    assert Worker.objects.count() == workers_before
    shot(page, "import-errors")

    # 2. the marked copy: red cells with comments, reasons in 备注
    with page.expect_download() as info:
        page.get_by_role("link", name="下载标注了问题的文件").click()
    download = info.value
    assert download.suggested_filename == "职工-问题标注.xlsx"
    marked = tmp_path / "标注.xlsx"
    download.save_as(str(marked))
    book = openpyxl.load_workbook(marked)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[: len(WORKER_HEADERS)] == WORKER_HEADERS and "备注" in headers
    col = {name: headers.index(name) + 1 for name in headers}
    id_cell, mobile_cell = sheet.cell(3, col["身份证号"]), sheet.cell(5, col["手机号"])
    assert (id_cell.value, mobile_cell.value) == (BAD_ID, BAD_MOBILE)
    for cell in (id_cell, mobile_cell):
        assert cell.fill.fgColor.rgb.upper().endswith("FECACA"), cell.coordinate
        assert cell.comment is not None and cell.comment.text.strip(), cell.coordinate
    assert "校验位错误" in id_cell.comment.text and "手机号应为" in mobile_cell.comment.text
    assert "身份证号" in sheet.cell(3, col["备注"]).value and "校验位错误" in sheet.cell(3, col["备注"]).value
    assert "手机号" in sheet.cell(5, col["备注"]).value and "11位数字" in sheet.cell(5, col["备注"]).value
    for r in (2, 4, 6):
        assert not sheet.cell(r, col["备注"]).value
        assert not sheet.cell(r, col["身份证号"]).fill.fgColor.rgb.upper().endswith("FECACA")

    # 3. fix the two red cells in that very file and upload it again
    id_cell.value, mobile_cell.value = GOOD_IDS[1], "13900002222"
    fixed = tmp_path / "职工-改正.xlsx"
    book.save(fixed)
    page.get_by_role("link", name="重新上传").click()
    page.wait_for_url(f"{base}/registers/workers/import/")
    upload(page, fixed)
    assert status.inner_text() == "待确认"
    counts = {k: page.inner_text(f"[data-count={k}]") for k in ("created", "updated", "unchanged")}
    assert counts == {"created": "5", "updated": "0", "unchanged": "0"}
    assert Worker.objects.count() == workers_before
    shot(page, "import-ready")

    # 4. confirm: written at once
    page.get_by_role("button", name="确认导入").click()
    expect(status).to_have_text("已导入")
    done = page.inner_text("#import-status p.ok")
    assert "共 5 行" in done and "新增 5 条" in done
    assert page.inner_text("[data-count=created]") == "5"
    shot(page, "import-done")

    assert Worker.objects.count() == workers_before + 5
    created = Worker.objects.filter(id_number__in=GOOD_IDS)
    assert sorted(created.values_list("name", flat=True)) == sorted(NAMES)
    assert {w.employer_id for w in created} == {district.qingbo_employer.pk}
    assert created.get(name="吴四").mobile == "13900002222"
