"""The annual report as XLSX: one sheet of indicators, one per breakdown (by second-level node,
by year), values as numbers for further work."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .annual import Report


def _number(value: Any) -> Any:
    """Decimals as floats, None as an empty cell (a rate without denominator, a Y−1 never filed)."""
    return float(value) if value is not None and not isinstance(value, int) else value


def to_xlsx(report: Report) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#f3f3f3", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    formats = {"万元": book.add_format({"num_format": "0.00", "valign": "top"}),
               "%": book.add_format({"num_format": "0.0", "valign": "top"})}
    plain = book.add_format({"valign": "top"})
    y = report.year

    def write(sheet: Any, r: int, c: int, value: Any, unit: str) -> None:
        value = _number(value)
        if value is None:
            sheet.write_blank(r, c, None, plain)
        else:
            sheet.write_number(r, c, value, formats.get(unit, plain))

    sheet = book.add_worksheet("指标")
    headers = ["key", "指标", f"{y}年", "单位", f"{y - 1}年", "增减", "口径", "按台账现状", "明细"]
    sheet.write_row(0, 0, headers, head)
    link = book.add_format({"font_color": "#1f4e9e", "underline": 1, "valign": "top"})
    for r, row in enumerate(report.rows + report.extras, start=1):
        sheet.write_string(r, 0, row.key, plain)
        sheet.write_string(r, 1, row.label, plain)
        write(sheet, r, 2, row.value, row.unit)
        sheet.write_string(r, 3, row.unit, plain)
        write(sheet, r, 4, row.previous, row.unit)
        write(sheet, r, 5, row.change, row.unit)
        sheet.write_string(r, 6, row.definition.replace("Y 年", f"{y}年"), wrap)
        sheet.write_string(r, 7, "是" if row.as_stands else "", plain)
        if url := report.drill_url(row.key):  # the records the figure counted
            sheet.write_url(r, 8, url, link, string="查看记录")
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 26)
    sheet.set_column(2, 5, 11)
    sheet.set_column(6, 6, 70)
    sheet.set_column(7, 8, 11)
    sheet.freeze_panes(1, 2)

    if report.parts:
        sheet = book.add_worksheet("分街道（系统）")
        names = [name for name, _ in report.parts]
        sheet.write_row(0, 0, ["key", "指标", "单位", *names], head)
        for r, row in enumerate(report.rows, start=1):
            sheet.write_row(r, 0, [row.key, row.label, row.unit], plain)
            for c, (_, values) in enumerate(report.parts, start=3):
                write(sheet, r, c, values.get(row.key), row.unit)
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 26)
        sheet.set_column(3, 3 + len(names), 12)
        sheet.freeze_panes(1, 3)

    if report.trend:
        sheet = book.add_worksheet("逐年")
        keys = list(report.trend[0][1])
        labels = report.labels
        units = {row.key: row.unit for row in report.rows}
        sheet.write_row(0, 0, ["年度", *(f"{labels[k]}（{units[k]}）" for k in keys)], head)
        sheet.write_row(1, 0, ["key", *keys], plain)
        for r, (year, values) in enumerate(report.trend, start=2):
            sheet.write_number(r, 0, year, plain)
            for c, key in enumerate(keys, start=1):
                write(sheet, r, c, values.get(key), units[key])
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, len(keys), 18)
        sheet.freeze_panes(2, 1)
    book.close()
    return buffer.getvalue()
