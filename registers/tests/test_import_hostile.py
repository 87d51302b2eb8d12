"""Hostile and odd files: a sheet whose extent or text would take gigabytes, NUL characters."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile

import pytest
import xlsxwriter
import xlwt
from django.core.management import CommandError, call_command
from django.urls import reverse

from registers.models import ImportLog, ImportStatus
from registers.reading import FileRefused, open_table, read_table
from workers.models import Worker

from .files import WORKER_HEADERS, csv_bytes, xlsx
from .test_import import NEW_ID, run, worker_row
from .test_import_pages import upload


def corners(last_row: int, last_column: int) -> bytes:
    """A few KB of .xlsx with one cell at A1 and one at the far corner."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "姓名")
    sheet.write_string(last_row - 1, last_column - 1, "x")
    book.close()
    return buffer.getvalue()


def one_long_string_everywhere(cells: int) -> bytes:
    """Cells that all use one shared string of 30,000 characters (calamine copies it into each)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    text = "长" * 30_000
    for row in range(cells):
        sheet.write_string(row, 0, text)
    book.close()
    return buffer.getvalue()


def xls_corners(sheets: int) -> bytes:
    book = xlwt.Workbook()
    for n in range(sheets):
        sheet = book.add_sheet(f"表{n}")
        sheet.write(0, 0, "姓名")
        sheet.write(65535, 255, "x")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_long_string(cells: int) -> bytes:
    """A .xls whose cells all use one 30,000-character string of its SST (copied into each)."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("职工")
    for row in range(cells):
        sheet.write(row, 0, "长" * 30_000)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HOSTILE = {
    "A1 and XFD1048576": ("worst.xlsx", lambda: corners(1_048_576, 16_384), "第 1,048,576 行"),
    "A1 and CV1048576": ("tall.xlsx", lambda: corners(1_048_576, 100), "第 1,048,576 行"),
    "A1 and XFD2": ("wide.xlsx", lambda: corners(2, 16_384), "第 16,384 列（XFD 列）"),
    "one string in 20,000 cells": ("long.xlsx", lambda: one_long_string_everywhere(20_000), "展开后超过"),
    ".xls A1 and IV65536 on two sheets": ("corners.xls", lambda: xls_corners(2), "第 256 列（IV 列）"),
    ".xls one string in 4,000 cells": ("long.xls", lambda: xls_long_string(4_000), "展开后超过"),
}

CHILD = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))  # a regression fails, never swaps
    import django
    django.setup()
    from registers.reading import FileRefused, open_table
    name = sys.argv[1]
    data = sys.stdin.buffer.read()
    try:
        open_table(name, data)
        message = ""
    except FileRefused as refusal:
        message = str(refusal)
    # this process's own peak (ru_maxrss would carry the forking parent's over)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
    print(json.dumps({"message": message, "peak": peak}))
""")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_sheet_too_large_for_memory_is_refused_before_it_is_read(case):
    """Read in a child process with a memory ceiling: the refusal comes from measuring the file,
    and the child's peak memory stays far below what reading the grid would take."""
    name, build, expected = HOSTILE[case]
    data = build()
    assert len(data) < 300_000  # a small file
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CHILD, name], input=data, capture_output=True, check=False,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "uniondesk.settings"})
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    outcome = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert expected in outcome["message"]
    assert "IMPORT_MAX" in outcome["message"] or "展开后" in outcome["message"]
    assert outcome["peak"] < 300 * 2**20


def test_the_limits_are_settings_and_a_sheet_within_them_reads(settings):
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 5, 3
    assert read_table("ok.xlsx", corners(5, 3)).total == 4
    with pytest.raises(FileRefused, match="第 6 行，超过导入上限 5 行（IMPORT_MAX_ROWS）"):
        open_table("tall.xlsx", corners(6, 3))
    with pytest.raises(FileRefused, match="第 4 列（D 列），超过导入上限 3 列"):
        open_table("wide.xlsx", corners(5, 4))
    with pytest.raises(FileRefused, match="超过导入上限 5 行"):
        open_table("tall.csv", csv_bytes([["姓名"]] + [["x"]] * 6))
    with pytest.raises(FileRefused, match="超过导入上限 3 列"):
        open_table("wide.csv", csv_bytes([["姓名", "", "", "x"]]))
    # blank cells beyond the limits (Excel pads rows of a .csv) are no data
    assert read_table("pad.csv", csv_bytes([["姓名", "", "", "", ""], ["x"], [""], [""], [""], [""], [""]])).total == 1


def test_cells_without_a_place_are_placed_as_calamine_places_them(settings):
    """Some writers leave out r="B7": the next cell is the next column, the next row the next row."""
    settings.IMPORT_MAX_COLUMNS = 3
    source = zipfile.ZipFile(io.BytesIO(xlsx([["姓名"]])))
    row = "<row>" + "<c t=\"inlineStr\"><is><t>x</t></is></c>" * 4 + "</row>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                start, end = part.index(b"<sheetData"), part.index(b"</sheetData>") + len(b"</sheetData>")
                part = part[:start] + f"<sheetData>{row}</sheetData>".encode() + part[end:]
            target.writestr(item, part)
    with pytest.raises(FileRefused, match="第 4 列（D 列）"):
        open_table("implicit.xlsx", out.getvalue())


def test_a_csv_line_of_a_million_separators_is_refused_before_it_becomes_a_row():
    with pytest.raises(FileRefused, match="第 2 行超过 30 列"):
        open_table("commas.csv", "姓名\n".encode() + b"," * 1_000_000 + b"\n")
    # commas inside a quoted cell are text, not columns
    table = read_table("quoted.csv", "姓名\n".encode() + b'"' + b"a," * 100 + b'"\n')
    assert table.body[0][0].count(",") == 100


def test_the_command_line_refuses_a_huge_sheet_with_exit_1_and_the_reason(district, personas, tmp_path):
    path = tmp_path / "worst.xlsx"
    path.write_bytes(corners(1_048_576, 16_384))
    with pytest.raises(CommandError, match="超过导入上限 200,000 行（IMPORT_MAX_ROWS）"):
        call_command("import", "workers", str(path), "--as", "qingbo_admin")


def test_the_web_upload_refuses_a_huge_sheet_with_the_reason(settings, district, personas, client):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(personas["qingbo_admin"])
    response = upload(client, corners(1_048_576, 100), "tall.xlsx")
    page = client.get(response.url).text
    assert "有错误" in page and "超过导入上限 200,000 行（IMPORT_MAX_ROWS）" in page


# --- NUL characters -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_nul_character_is_a_row_problem_naming_row_and_column(district, personas, kind):
    rows = [WORKER_HEADERS, worker_row(district), worker_row(district, 身份证号="110101199003070000", 姓名="张\x00三")]
    data = csv_bytes(rows) if kind == "csv" else xlsx(rows)
    log, problems = run(personas["qingbo_admin"], "workers", data, f"职工.{kind}")
    assert log.status == ImportStatus.INVALID
    nul = [p for p in problems if p.column == "姓名"]
    assert nul and nul[0].row == 3 and "空字符" in nul[0].reason and nul[0].value == "张\\x00三"
    assert not Worker.objects.filter(id_number=NEW_ID).exists()
    assert ImportLog.objects.get(pk=log.pk).problems  # kept, on PostgreSQL too


def test_a_nul_in_a_header_or_a_file_name_is_said_not_a_crash(district, personas):
    log, problems = run(personas["qingbo_admin"], "workers", csv_bytes([[*WORKER_HEADERS, "多\x00余"], worker_row(district)]),
                        "职\x00工.csv")
    assert "多\\x00余" in problems[0].reason
    assert ImportLog.objects.get(pk=log.pk).file_name == "职\\x00工.csv"


def test_the_import_page_shows_a_nul_problem(settings, district, personas, client):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(personas["qingbo_admin"])
    response = upload(client, csv_bytes([WORKER_HEADERS, worker_row(district, 姓名="\x00")]), "职工.csv")
    assert "空字符" in client.get(reverse("registers:import-detail", args=[ImportLog.objects.get().pk])).text
    assert response.status_code == 302


def test_a_xls_whose_cells_share_one_long_string_is_refused(settings):
    settings.IMPORT_MAX_UNZIPPED_BYTES = 2**20  # 1 MB of text, so the file stays small
    book = xlwt.Workbook()
    sheet = book.add_sheet("职工")
    sheet.write(0, 0, "姓名")
    for row in range(1, 20):
        sheet.write(row, 0, "长" * 30_000)
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FileRefused, match="展开后超过 1 MB"):
        open_table("long.xls", buffer.getvalue())
    settings.IMPORT_MAX_UNZIPPED_BYTES = 4 * 2**20
    assert read_table("long.xls", buffer.getvalue()).total == 19


def test_a_csv_the_csv_module_cannot_read_is_refused_with_the_row_and_bare_cr_lines_read():
    """A cell past the csv module's field limit is the file's problem, said in Chinese (not a
    failure of the system whose retry fails the same way); lines ending in a bare CR are lines."""
    huge = "姓名\n".encode() + b'"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(FileRefused, match="第 2 行无法按 CSV 读取"):
        open_table("huge-cell.csv", huge)
    table = read_table("mac.csv", "姓名,岗位\r张三,车工\r李四,钳工\r".encode())
    assert table.total == 2
