"""Spreadsheet files as users send them, built in memory for the import tests."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import xlsxwriter
import xlwt

WORKER_HEADERS = ["姓名", "身份证号", "所在单位", "手机号", "是否会员", "入会日期", "劳动合同", "在职状态"]


def xlsx(rows: list[list[Any]], *, sheets: int = 1) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("职工")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, value, date)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    for n in range(1, sheets):
        book.add_worksheet(f"说明{n}").write(0, 0, "其他内容")
    book.close()
    return buffer.getvalue()


def xls(rows: list[list[Any]]) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("职工")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date)
            elif value is not None:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], encoding: str = "utf-8-sig") -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([["" if v is None else v for v in row] for row in rows])
    return text.getvalue().encode(encoding)
