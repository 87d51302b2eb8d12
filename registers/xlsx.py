"""Writing templates and exports (xlsxwriter in constant_memory mode: rows go to disk as written,
so an export of any size holds one row in memory)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import IO, Any

import xlsxwriter

from core.declarations import Register

FORMULA_STARTS = ("=", "+", "-", "@")
MASKED_NOTICE = "本文件中的身份证号、手机号已脱敏（以*代替），仅供查阅，不能导入。"
TEMPLATE_ROWS = 5000  # how far down the template's drop-downs and text formats reach


class Sheet:
    """One register's sheet and the formats its cells need."""

    def __init__(self, target: str | IO[bytes], register: Register) -> None:
        self.register = register
        self.book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False,
                                                "strings_to_formulas": False, "strings_to_urls": False})
        self.sheet = self.book.add_worksheet(register.label)
        add = self.book.add_format
        self.text = add({"num_format": "@"})
        self.quoted = add({"num_format": "@", "quote_prefix": True})  # Excel shows it, never evaluates it
        self.date = add({"num_format": "yyyy-mm-dd"})
        self.header = add({"bold": True, "bg_color": "#F3F4F6", "border": 1, "num_format": "@"})
        self.required = add({"bold": True, "bg_color": "#F3F4F6", "border": 1, "font_color": "#B91C1C", "num_format": "@"})
        self.notice = add({"bold": True, "font_color": "#B91C1C"})
        for i, column in enumerate(register.columns):
            width = max(10, min(40, len(column.name) * 2 + 4))
            self.sheet.set_column(i, i, width, self.text if column.kind in ("code", "text") else None)
        self.writers = [self._writer(column.kind) for column in register.columns]

    def write_headers(self, row: int, *, notes: bool) -> None:
        for i, column in enumerate(self.register.columns):
            self.sheet.write_string(row, i, column.name, self.required if column.required else self.header)
            if notes:
                self.sheet.write_comment(row, i, column.help, {"x_scale": 2, "y_scale": 1.2})
        self.sheet.freeze_panes(row + 1, 0)

    def _writer(self, kind: str) -> Callable[[int, int, Any], None]:
        """One cell writer per column, chosen once: the export loop only calls it."""
        sheet = self.sheet
        if kind == "date":
            return lambda r, c, v: sheet.write_datetime(r, c, v, self.date) if isinstance(v, dt.date) else self._text(r, c, v)
        if kind in ("int", "decimal"):
            return lambda r, c, v: sheet.write_number(r, c, v) if isinstance(v, int | float | Decimal) else self._text(r, c, v)
        if kind == "bool":
            return lambda r, c, v: sheet.write_string(r, c, "是" if v else "否")
        return self._text

    def _text(self, r: int, c: int, value: Any) -> None:
        text = str(value)
        self.sheet.write_string(r, c, text, self.quoted if text.startswith(FORMULA_STARTS) else self.text)

    def write_row(self, row: int, values: Iterable[Any]) -> None:
        for col, (write, value) in enumerate(zip(self.writers, values, strict=True)):
            if value is not None and value != "":
                write(row, col, value)

    def close(self) -> None:
        self.book.close()


def write_template(register: Register, target: str | IO[bytes]) -> None:
    """Headers with a note each (required, allowed values), drop-downs for 是/否 and
    enumerations, and text format for codes so Excel keeps their digits."""
    sheet = Sheet(target, register)
    sheet.write_headers(0, notes=True)
    for i, column in enumerate(register.columns):
        choices = list(column.choices) or (["是", "否"] if column.kind == "bool" else [])
        if choices:
            sheet.sheet.data_validation(1, i, TEMPLATE_ROWS, i, {
                "validate": "list", "source": choices,
                "error_title": column.name, "error_message": f"请从下拉列表中选择：{'/'.join(choices)}",
            })
    sheet.close()


def write_export(register: Register, rows: Iterable[list[Any]], target: str | IO[bytes], *, masked: bool) -> int:
    """The rows under the template's headers; a masked export says so in its first row."""
    sheet = Sheet(target, register)
    first = 0
    if masked:
        sheet.sheet.write_string(0, 0, MASKED_NOTICE, sheet.notice)
        first = 1
    sheet.write_headers(first, notes=False)
    count = 0
    for count, values in enumerate(rows, start=1):
        sheet.write_row(first + count, values)
    sheet.close()
    return count
