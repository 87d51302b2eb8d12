"""The copy of an uploaded file with its problems marked (SPEC §2): every row as it came, each bad
cell red with the reason in a comment, the reasons of a row in its 备注 column (which an import
ignores), so the user fixes this copy and uploads it again — whatever format they sent."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import IO, Any

import xlsxwriter

from core.declarations import Register

from .reading import IGNORED_HEADERS, match_headers, read_table
from .xlsx import FORMULA_STARTS

NOTE_HEADER = "备注"


def write_marked(register: Register, file_name: str, data: bytes, problems: list[list[Any]], target: str | IO[bytes]) -> int:
    """Write the marked copy; returns how many data rows carry a problem."""
    rows = read_table(file_name, data).rows
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    index_of = {column.name: i for i, column in match_headers(register, rows[0]).columns.items()}
    by_cell: dict[tuple[int, int | None], list[str]] = defaultdict(list)
    for row, column, value, reason in problems:
        index = index_of.get(column)
        by_cell[(row, index)].append(f"{column}“{value}”：{reason}" if value else (f"{column}：{reason}" if column else reason))
    bad_rows = {row for row, _ in by_cell}
    note_col = next((i for i, h in enumerate(headers) if h in IGNORED_HEADERS and h == NOTE_HEADER), None)
    if note_col is None:
        note_col = len(headers)
        headers = [*headers, NOTE_HEADER]

    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("标注问题")
    text = book.add_format({"num_format": "@"})
    quoted = book.add_format({"num_format": "@", "quote_prefix": True})
    bad = book.add_format({"num_format": "@", "bg_color": "#FECACA", "font_color": "#991B1B", "border": 1})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    bad_date = book.add_format({"num_format": "yyyy-mm-dd", "bg_color": "#FECACA", "font_color": "#991B1B", "border": 1})
    header = book.add_format({"bold": True, "bg_color": "#F3F4F6", "border": 1, "num_format": "@"})
    note = book.add_format({"num_format": "@", "font_color": "#991B1B", "text_wrap": False})
    sheet.set_column(0, len(headers) - 1, 16, text)
    sheet.set_column(note_col, note_col, 60, text)
    sheet.freeze_panes(1, 0)

    for number, cells in enumerate(rows, start=1):
        r = number - 1
        cells = [*cells, *[None] * (len(headers) - len(cells))]
        if number == 1:
            cells = headers
        reasons = []
        for c, value in enumerate(cells[: len(headers)]):
            if c == note_col and number > 1:
                continue
            marks = by_cell.get((number, c), [])
            reasons.extend(marks)
            fmt = (bad_date if isinstance(value, dt.date) else bad) if marks else (header if number == 1 else None)
            _write(sheet, r, c, value, fmt, text, quoted, date)
            if marks:
                sheet.write_comment(r, c, "\n".join(marks), {"x_scale": 2.5, "y_scale": 1.5})
        reasons.extend(by_cell.get((number, None), []))
        if number > 1:
            previous = cells[note_col] if note_col < len(cells) and cells[note_col] not in (None, "") else ""
            shown = "；".join(reasons) if number in bad_rows else ""
            combined = "；".join(p for p in (shown, str(previous)) if p)
            if combined:
                sheet.write_string(r, note_col, combined, note if shown else text)
        elif number in bad_rows:
            sheet.write_comment(r, 0, "\n".join(by_cell.get((1, None), [])), {"x_scale": 3, "y_scale": 2})
    book.close()
    return len(bad_rows - {1})


def _write(sheet: Any, r: int, c: int, value: Any, fmt: Any, text: Any, quoted: Any, date: Any) -> None:
    if value is None or value == "":
        if fmt is not None:
            sheet.write_blank(r, c, None, fmt)
        return
    if isinstance(value, bool):
        sheet.write_string(r, c, "是" if value else "否", fmt or text)
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, value, fmt or date)
    elif isinstance(value, int | float):
        sheet.write_number(r, c, value, fmt)
    else:
        value = str(value)
        sheet.write_string(r, c, value, fmt or (quoted if value.startswith(FORMULA_STARTS) else text))
