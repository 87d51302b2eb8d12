"""Reading an uploaded register file (SPEC §2): refuse hostile or broken files before parsing,
read the first sheet with python-calamine, match headers, parse cells.

Every refusal is a FileRefused or CellError with a Chinese message naming what is wrong. calamine
parses XML without expanding entities (no XXE or billion-laughs), and a zip is measured before
it is opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import partial
from itertools import islice
from typing import Any

from django.conf import settings
from python_calamine import CalamineWorkbook

from core.declarations import CellError, Column, Register

from .measuring import TooLarge, check_xls, check_xlsx, column_letters, limits
from .xlsx import MASKED_NOTICE

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
IGNORED_HEADERS = {"序号", "备注"}
EMPTY_SHEET = "工作表是空的：没有表头，也没有数据。"


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message says why, in Chinese."""


def limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def check_file(filename: str, data: bytes) -> str:
    """The file's kind (xlsx, xls or csv) once it has passed the checks made before parsing."""
    max_bytes = limit("IMPORT_MAX_BYTES", 20 * 2**20)
    if len(data) > max_bytes:
        raise FileRefused(f"文件大小 {len(data) / 2**20:.1f} MB，超过上限 {max_bytes / 2**20:.0f} MB，请拆分后分批导入。")
    if not data:
        raise FileRefused("文件是空的。")
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in ("xlsm", "xltm", "xlam"):
        raise FileRefused("不接受含宏的 Excel 文件（.xlsm）：请在 Excel 中另存为 .xlsx 后再导入。")
    if suffix == "xlsx":
        if data.startswith(OLE_MAGIC):
            raise FileRefused("该 .xlsx 文件已加密（设置了打开密码），请在 Excel 中取消密码后另存再导入。")
        if not data.startswith(ZIP_MAGIC):
            raise FileRefused("该文件不是有效的 Excel（.xlsx）文件，可能只是改了扩展名，请用 Excel 打开后另存为 .xlsx。")
        _check_zip(data)
        return "xlsx"
    if suffix == "xls":
        if not data.startswith(OLE_MAGIC):
            raise FileRefused("该文件不是有效的 Excel 97-2003（.xls）文件，请用 Excel 打开后另存为 .xlsx。")
        return "xls"
    if suffix == "csv":
        return "csv"
    raise FileRefused(f"不支持的文件类型“.{suffix or '（无扩展名）'}”：请上传 .xlsx、.xls 或 .csv 文件。")


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except zipfile.BadZipFile:
        raise FileRefused("该 .xlsx 文件已损坏，无法打开；请用 Excel 打开后另存再导入。") from None
    if len(entries) > limit("IMPORT_MAX_ZIP_ENTRIES", 1000):
        raise FileRefused(f"该 .xlsx 文件内部包含 {len(entries)} 个部件，超过上限，拒绝导入。")
    total = sum(e.file_size for e in entries)
    if total > limit("IMPORT_MAX_UNZIPPED_BYTES", 100 * 2**20):
        raise FileRefused("该 .xlsx 文件解压后超过 100 MB，拒绝导入（疑似压缩炸弹）。")
    packed = sum(e.compress_size for e in entries) or 1
    if total / packed > limit("IMPORT_MAX_ZIP_RATIO", 100):
        raise FileRefused(f"该 .xlsx 文件的压缩比 {total / packed:.0f}:1 异常，拒绝导入（疑似压缩炸弹）。")
    if any(e.filename.lower().endswith("vbaproject.bin") for e in entries):
        raise FileRefused("不接受含宏的 Excel 文件：请在 Excel 中另存为不含宏的 .xlsx 后再导入。")


@dataclass
class Table:
    header: list[Any]
    body: Iterable[list[Any]]  # the data rows; a stream when opened with open_table
    total: int  # data rows, for progress
    notes: list[str] = field(default_factory=list)  # said to the user, e.g. sheets left unread

    @property
    def rows(self) -> list[list[Any]]:
        return [self.header, *self.body]


def open_table(filename: str, data: bytes) -> Table:
    """The first sheet, its rows read as they are used: an import holds one chunk of Python
    rows at a time, not the whole sheet."""
    kind = check_file(filename, data)
    if kind == "csv":
        return _csv_table(data)
    _measure(kind, data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = book.sheet_names
        sheet = book.get_sheet_by_index(0) if sheets else None
    except Exception as error:  # calamine raises its own error types for broken files
        raise FileRefused(f"无法读取该文件：文件已损坏或加密（{type(error).__name__}）。") from None
    if sheet is None or sheet.start is None:
        raise FileRefused(EMPTY_SHEET)
    # calamine leaves out empty leading columns; put them back so columns are numbered as in Excel
    pad = [""] * sheet.start[1]
    rows = (pad + row for row in sheet.iter_rows()) if pad else sheet.iter_rows()
    header = next(rows, None)
    if header is None:
        raise FileRefused(EMPTY_SHEET)
    if all(v in ("", None) for v in header):
        raise FileRefused("第 1 行是空行：表头应在第一行（请删除表头上方的空行或标题行）。")
    notes = [f"文件有 {len(sheets)} 个工作表，只读取了第一个“{sheets[0]}”。"] if len(sheets) > 1 else []
    return Table(header, rows, sheet.end[0], notes)  # type: ignore[index]  # a sheet with a header has an end


def read_table(filename: str, data: bytes) -> Table:
    """The first sheet with every row in memory (trailing blank rows dropped)."""
    table = open_table(filename, data)
    rows = _trim([table.header, *table.body])
    return Table(rows[0], rows[1:], len(rows) - 1, table.notes)


def _measure(kind: str, data: bytes) -> None:
    """Refuse a sheet larger than the limits before calamine builds its grid (see measuring)."""
    try:
        check_xlsx(data) if kind == "xlsx" else check_xls(data)
    except TooLarge as refusal:
        raise FileRefused(str(refusal)) from None
    except Exception as error:  # a file too broken to measure is too broken to read
        raise FileRefused(f"无法读取该文件：文件已损坏或加密（{type(error).__name__}）。") from None


def _csv_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused("无法识别 .csv 文件的编码：请保存为 UTF-8 或 GBK 编码。")  # pragma: no cover


def _guarded_lines(text: str, max_columns: int) -> Iterable[str]:
    """The file's lines for csv.reader, refusing a line of thousands of separators (outside
    quotes) before it becomes a row of millions of fields; a row padded with a few empty
    fields, as Excel writes them, passes and is measured by its values."""
    most = max(1000, 10 * max_columns)
    quoted = False
    # newline="": lines end at \r\n, \n or a bare \r (older Excel for Mac), as csv expects
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.count(",") >= most:
            outside = line.split('"')[1 if quoted else 0::2]
            if sum(part.count(",") for part in outside) >= most:
                raise FileRefused(f"第 {number} 行超过 {max_columns} 列（IMPORT_MAX_COLUMNS），请删除多余的列后再导入。")
        if line.count('"') % 2:
            quoted = not quoted
        yield line


def _csv_table(data: bytes) -> Table:
    """A .csv read twice as a stream: once to measure it against the limits, once for its rows,
    so no more than a chunk of rows is held at a time."""
    text = _csv_text(data)
    max_rows, max_columns = limits()
    last = number = 0  # the last row holding a value; the row being read
    try:
        for number, row in enumerate(csv.reader(_guarded_lines(text, max_columns)), start=1):
            if len(row) > max_columns and any(v.strip() for v in row[max_columns:]):
                raise FileRefused(f"第 {number} 行的数据延伸到第 {len(row)} 列（{column_letters(len(row))} 列），"
                                  f"超过导入上限 {max_columns} 列（IMPORT_MAX_COLUMNS）：请删除多余的列后再导入。")
            if any(v.strip() for v in row):
                last = number
                if last > max_rows:
                    raise FileRefused(f"文件超过导入上限 {max_rows:,} 行（IMPORT_MAX_ROWS），请拆分后分批导入。")
    except csv.Error as error:  # a cell past the csv module's field limit, a stray quote…
        raise FileRefused(f"第 {number + 1} 行无法按 CSV 读取（{error}）：请在 Excel 中打开后另存为 .xlsx 再导入。") from None
    if not last:
        raise FileRefused(EMPTY_SHEET)
    rows = csv.reader(_guarded_lines(text, max_columns))
    return Table(next(rows), islice(rows, last - 1), last - 1)


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop fully blank rows at the end (Excel keeps formatted but empty rows)."""
    while rows and all(v in ("", None) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise FileRefused(EMPTY_SHEET)
    return rows


# --- headers ------------------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "＊": "*", "　": " "})
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")


def _plain(header: str) -> str:
    return re.sub(r"\s+", "", str(header).translate(_FULL_WIDTH))


def _accepted_names(column: Column) -> set[str]:
    """A column answers to its name and, when the name carries a unit in brackets, to the name
    without it (经济效益(万元) or 经济效益)."""
    name = _plain(column.name)
    return {name, _TRAILING_PARENS.sub("", name)}


#: units a bracket after a header may name (part of the name, SPEC §2) whose mix-up scales the value
UNITS = frozenset({"元", "万元", "年", "月", "天"})


def _unit(header: str) -> str:
    """The unit a header names in its trailing brackets ("" when it names none)."""
    found = _TRAILING_PARENS.search(_plain(header).replace("*", ""))  # 期限(月)* too
    inner = found.group(0).strip()[1:-1] if found else ""
    return inner if inner in UNITS else ""


def header_candidates(header: str) -> list[str]:
    """The forms a header may take once its annotations are stripped: `*` and a trailing (…)."""
    plain = _plain(header)
    starless = plain.replace("*", "")
    return [plain, starless, _TRAILING_PARENS.sub("", starless).replace("*", "")]


@dataclass
class HeaderMatch:
    columns: dict[int, Column]  # file column index → declared column
    errors: list[str]


def match_headers(register: Register, headers: list[Any]) -> HeaderMatch:
    if headers and str(headers[0]).strip() == MASKED_NOTICE:
        raise FileRefused("这是一份脱敏导出的文件（首行注明已脱敏），身份证号、手机号已被*代替，不能导入。请使用管理员导出的原文件。")
    lookup = {name: column for column in register.columns for name in _accepted_names(column)}
    found: dict[int, Column] = {}
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if header in ("", None) or _plain(header) in IGNORED_HEADERS:
            continue
        column = next((lookup[c] for c in header_candidates(str(header)) if c in lookup), None)
        if column is None:
            errors.append(f"第 {index + 1} 列表头“{header}”不是“{register.label}”台账的列，请删除或改为模板中的列名。")
        elif (unit := _unit(str(header))) and unit != _unit(column.name):
            # 经济效益(元) read as 万元 would be ten thousand times too much
            expected = f"“{column.name}”" if _unit(column.name) else f"“{column.name}”（不带单位）"
            errors.append(f"第 {index + 1} 列表头“{header}”的单位与模板不同：该列应为{expected}，请换算后改用模板中的列名。")
        elif column.name in seen:
            errors.append(f"“{column.name}”列出现了两次（第 {seen[column.name] + 1} 列和第 {index + 1} 列）。")
        else:
            seen[column.name] = index
            found[index] = column
    missing = [c.name for c in register.columns if c.required and c.name not in seen]
    if missing:
        errors.append(f"缺少必填列：{'、'.join(missing)}。")
    return HeaderMatch(found, errors)


# --- cells --------------------------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    text = re.sub(r"\s+00:00(:00)?$", "", text)  # a date cell read back as text with a midnight time
    for form in _DATE_FORMS:
        if m := form.match(text):
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise CellError("日期不存在") from None
    raise CellError("日期格式不正确，应为 2023-05-14、2023/5/14 或 2023年5月14日")


def parse_code(value: Any) -> str:
    """An ID, credit code or phone number. A number Excel stored in floating point (3.30102e+17)
    has lost its last digits: that is an error that says so, never a silent guess."""
    if isinstance(value, bool):
        raise CellError("应为文本")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        raise CellError("被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写")
    if isinstance(value, int):
        return str(value)
    return re.sub(r"\s+", "", str(value)).upper()


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    text = str(value).strip().replace(",", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError("应为整数")


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError("应为数字")
    try:
        return Decimal(str(value).strip().replace(",", "")) if not isinstance(value, float) else Decimal(repr(value))
    except InvalidOperation:
        raise CellError("应为数字") from None


def parse_bool(value: Any) -> bool:
    text = str(value).strip()
    if text in ("是", "否"):
        return text == "是"
    raise CellError("应填“是”或“否”")


def parse_choice(value: Any, choices: tuple[str, ...]) -> str:
    text = str(value).strip()
    if text in choices:
        return text
    raise CellError(f"不是允许的值，应为：{'/'.join(choices)}")


def parse_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a text column, e.g. a phone or a team number
    return str(value).strip()


NUL_REFUSED = "含有空字符（NUL，\\x00），无法保存：请删除该字符后再导入"


def parse_cell(column: Column, value: Any) -> Any:
    """The Python value of one non-blank cell, or CellError."""
    if isinstance(value, str) and "\x00" in value:
        raise CellError(NUL_REFUSED)
    return cell_parser(column)(value)


def cell_parser(column: Column) -> Callable[[Any], Any]:
    """The column's parser of a non-blank cell without NUL, chosen once: a file's every cell of
    the column goes through it (the import tests NUL as it tests blank, see `parse_cell`)."""
    choices = column.choices
    return partial(parse_choice, choices=choices) if choices else _PARSERS.get(column.kind, parse_text)


_PARSERS = {"date": parse_date, "code": parse_code, "int": parse_int, "decimal": parse_decimal, "bool": parse_bool}
