"""Reading uploaded files: hostile and broken files refused before parsing, headers matched as
SPEC §2 says, every accepted date and number form, Excel's lost digits caught."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from core.declarations import CellError
from registers.catalog import registers
from registers.reading import (
    FileRefused,
    match_headers,
    parse_cell,
    parse_code,
    parse_date,
    read_table,
)
from registers.xlsx import write_export

WORKERS = registers()["workers"]
HEADERS = WORKERS.headers


def xlsx(*sheets: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for i, rows in enumerate(sheets):
        sheet = book.active if i == 0 else book.create_sheet(f"表{i + 1}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_rows_come_back_with_dates_and_a_note_about_other_sheets():
    table = read_table("职工.xlsx", xlsx([["姓名", "入会日期"], ["张三", dt.date(2023, 5, 14)]], [["别的表"]]))
    assert table.rows == [["姓名", "入会日期"], ["张三", dt.date(2023, 5, 14)]]
    assert table.notes == ["文件有 2 个工作表，只读取了第一个“Sheet”。"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_every_encoding_chinese_excel_writes(encoding):
    data = "姓名,身份证号\r\n张三,11010519491231002X\r\n".encode(encoding)
    assert read_table("职工.csv", data).rows == [["姓名", "身份证号"], ["张三", "11010519491231002X"]]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("职工.xlsx", b"name,id\nx,y\n", "不是有效的 Excel"),
        ("职工.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "已加密"),
        ("职工.xlsm", b"PK\x03\x04", "含宏"),
        ("职工.xls", b"PK\x03\x04 not ole", "不是有效的 Excel 97-2003"),
        ("职工.txt", b"abc", "不支持的文件类型"),
        ("职工.xlsx", b"PK\x03\x04" + b"\0" * 100, "已损坏"),
        ("职工.csv", b"", "空的"),
    ],
)
def test_broken_and_disguised_files_are_refused_with_the_reason(name, data, message):
    with pytest.raises(FileRefused, match=message):
        read_table(name, data)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(FileRefused, match="超过上限"):
        read_table("职工.csv", b"x" * 1001)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries.items():
            z.writestr(name, content)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_parsed():
    with pytest.raises(FileRefused, match="压缩比"):
        read_table("职工.xlsx", _zip({"xl/worksheets/sheet1.xml": b"0" * 5_000_000}))


def test_a_zip_with_too_many_parts_is_refused():
    with pytest.raises(FileRefused, match="部件"):
        read_table("职工.xlsx", _zip({f"p{i}.xml": b"<a/>" for i in range(1001)}))


def test_macros_inside_an_xlsx_are_refused():
    with pytest.raises(FileRefused, match="含宏"):
        read_table("职工.xlsx", _zip({"xl/vbaProject.bin": b"x" * 100, "[Content_Types].xml": b"<a/>" * 30}))


def test_an_empty_sheet_is_refused():
    with pytest.raises(FileRefused, match="空的"):
        read_table("职工.xlsx", xlsx([]))


def test_headers_match_with_annotations_full_width_brackets_and_ignored_columns():
    headers = ["序号", " 姓名* ", "身份证号＊", "所在单位*（信用代码或名称）", "劳动合同* (已签订/未签订/无需签订)", "备注"]
    match = match_headers(WORKERS, headers)
    assert not match.errors
    assert [c.name for c in match.columns.values()] == ["姓名", "身份证号", "所在单位", "劳动合同"]


def test_unknown_duplicate_and_missing_columns_are_named():
    match = match_headers(WORKERS, ["姓名", "姓名", "工号", "身份证号"])
    assert "“姓名”列出现了两次（第 1 列和第 2 列）" in match.errors[0]
    assert "第 3 列表头“工号”不是“职工”台账的列" in match.errors[1]
    assert "缺少必填列：所在单位、劳动合同" in match.errors[2]


def test_a_masked_export_is_refused_on_import(tmp_path):
    path = tmp_path / "masked.xlsx"
    write_export(WORKERS, [["张三", "330102********1234", "", "", True, None, "已签订", None, None, "", "", "在职"]], str(path), masked=True)
    table = read_table("masked.xlsx", path.read_bytes())
    with pytest.raises(FileRefused, match="脱敏"):
        match_headers(WORKERS, table.rows[0])


@pytest.mark.parametrize("value", ["2023-05-14", "2023/5/14", "2023年5月14日", dt.date(2023, 5, 14), dt.datetime(2023, 5, 14), "2023-05-14 00:00:00"])  # noqa: DTZ001 - calamine yields naive datetimes
def test_every_date_form_the_spec_lists(value):
    assert parse_date(value) == dt.date(2023, 5, 14)


@pytest.mark.parametrize(("value", "reason"), [("2023-02-30", "不存在"), ("14/05/2023", "格式不正确"), ("去年", "格式不正确")])
def test_bad_dates_say_why(value, reason):
    with pytest.raises(CellError, match=reason):
        parse_date(value)


def test_numbers_stored_as_text_and_text_stored_as_numbers():
    headcount = next(c for c in registers()["employers"].columns if c.name == "职工人数")
    assert parse_cell(headcount, "1,200") == 1200 and parse_cell(headcount, 1200.0) == 1200
    assert parse_code(13812345678.0) == "13812345678" and parse_code(" 9135 0100M000100Y43 ") == "91350100M000100Y43"
    assert parse_cell(WORKERS.columns[4], "是") is True
    assert parse_cell(next(c for c in WORKERS.columns if c.name == "劳动合同"), "已签订") == "已签订"
    from registers.reading import parse_decimal

    assert parse_decimal("12.50") == Decimal("12.50")


def test_an_id_excel_turned_into_a_float_is_an_error_that_says_so():
    with pytest.raises(CellError, match="末几位已丢失"):
        parse_code(3.30102199001011e17)


def test_a_value_outside_the_choices_lists_them():
    with pytest.raises(CellError, match="已签订/未签订/无需签订"):
        parse_cell(next(c for c in WORKERS.columns if c.name == "劳动合同"), "签了")


def _with_shared_strings(xml: bytes) -> bytes:
    """A real workbook whose shared strings part is replaced by `xml`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx([["姓名"], ["占位"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == "xl/sharedStrings.xml" else source.read(item))
    return out.getvalue()


@pytest.mark.parametrize("doctype", [
    # billion laughs: nine levels of ten-fold expansion
    '<!DOCTYPE x [<!ENTITY a "haha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>",
    # an external entity that would read a local file
    '<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>',
])
def test_xml_entity_tricks_are_never_expanded(doctype):
    last = "a" if "SYSTEM" in doctype else "j"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
           f'<si><t>姓名</t></si><si><t>&{last};</t></si></sst>').encode()
    try:
        rows = read_table("职工.xlsx", _with_shared_strings(xml)).rows
    except FileRefused as refusal:
        assert "无法读取" in str(refusal)
        return
    text = "".join(str(v) for row in rows for v in row)
    assert "root:" not in text and "haha" * 10 not in text


def test_a_header_in_another_unit_is_refused_not_read_ten_thousand_times_off():
    from registers.catalog import get_register

    proposals, cases = get_register("proposals"), get_register("cases")
    for register, header in ((proposals, "经济效益(万元)"), (proposals, "经济效益"), (proposals, "经济效益（万元）")):
        assert [c.name for c in match_headers(register, ["建议编号", header]).columns.values()][1] == "经济效益(万元)"
    wrong = match_headers(proposals, ["建议编号", "经济效益(元)"])
    assert "第 2 列表头“经济效益(元)”的单位与模板不同：该列应为“经济效益(万元)”" in wrong.errors[0]
    amounts = [c.name for c in cases.columns if c.name.startswith("涉及金额")]
    assert amounts == ["涉及金额(元)"]
    assert "该列应为“涉及金额(元)”" in match_headers(cases, ["案件编号", "涉及金额(万元)"]).errors[0]
    contracts = get_register("contracts")
    assert "该列应为“期限(年)”" in match_headers(contracts, ["合同编号", "期限(月)*"]).errors[0]
