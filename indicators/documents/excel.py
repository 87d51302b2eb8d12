"""The annual report as XLSX: one sheet of indicators, one per breakdown (by node under the org,
by year), the meetings and the competitions of the year; values as numbers for further work, each
sheet titled with the org and the year and set up to print (A4 landscape, one page wide, the
header repeated on every page)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import Report


LINE = 15  # points: a row of one line


def _lines(text: str, width: float) -> int:
    """How many lines a wrapped cell of `width` characters takes (a Chinese character is two wide):
    the row is made that tall, as neither Excel nor LibreOffice grows a row written by a program."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return max(1, -(-units // max(int(width) - 1, 1)))


def _number(value: Any) -> Any:
    """Decimals as floats, None as an empty cell (a rate without denominator, a Y−1 never filed)."""
    return float(value) if value is not None and not isinstance(value, int) else value


def to_xlsx(report: Report) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title_format = book.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    head = book.add_format({"bold": True, "bg_color": "#f3f3f3", "border": 1, "text_wrap": True,
                            "align": "center", "valign": "vcenter"})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    plain = book.add_format({"valign": "top", "border": 1})
    formats = {"万元": book.add_format({"num_format": "0.00", "valign": "top", "border": 1}),
               "%": book.add_format({"num_format": "0.0", "valign": "top", "border": 1})}
    date_format = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "border": 1})
    link = book.add_format({"font_color": "#1f4e9e", "underline": 1, "valign": "top", "border": 1})
    y = report.year

    def write(sheet: Any, r: int, c: int, value: Any, unit: str) -> None:
        value = _number(value)
        if value is None:
            sheet.write_blank(r, c, None, plain)
        else:
            sheet.write_number(r, c, value, formats.get(unit, plain))

    def fit(sheet: Any, r: int, cells: list[tuple[str, float]]) -> None:
        """Make row r tall enough for its wrapped cells (text, column width)."""
        lines = max((_lines(text, width) for text, width in cells), default=1)
        if lines > 1:
            sheet.set_row(r, LINE * lines)

    def sheet_of(name: str, title: str, headers: list[str], widths: list[float], *, freeze_columns: int = 1) -> Any:
        """A sheet whose first row names the org and the year and whose second row is the header."""
        sheet = book.add_worksheet(name)
        sheet.merge_range(0, 0, 0, len(headers) - 1, title, title_format)
        sheet.set_row(0, 24)
        sheet.write_row(1, 0, headers, head)
        sheet.set_row(1, LINE * max(2, *(_lines(h, w) for h, w in zip(headers, widths, strict=True))))
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
        sheet.freeze_panes(2, freeze_columns)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
        sheet.repeat_rows(0, 1)
        sheet.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
        sheet.set_footer("&C第 &P 页，共 &N 页")
        return sheet

    sheet = sheet_of("指标", f"{report.org}{y}年主要指标",
                     ["指标", f"{y}年", "单位", f"{y - 1}年", "增减", "口径", "按台账现状", "明细"],
                     [26, 11, 7, 11, 11, 60, 10, 10])
    for r, row in enumerate(report.rows + report.extras, start=2):
        sheet.write_string(r, 0, row.label, plain)
        write(sheet, r, 1, row.value, row.unit)
        sheet.write_string(r, 2, row.unit, plain)
        write(sheet, r, 3, row.previous, row.unit)
        write(sheet, r, 4, row.change, row.unit)
        definition = row.definition.replace("Y 年", f"{y}年")
        sheet.write_string(r, 5, definition, wrap)
        fit(sheet, r, [(row.label, 26), (definition, 60)])
        sheet.write_string(r, 6, "是" if row.as_stands else "", plain)
        if url := report.drill_url(row.key):  # the records the figure counted
            sheet.write_url(r, 7, url, link, string="查看记录")
        else:
            sheet.write_blank(r, 7, None, plain)

    if report.parts:
        # the nodes as rows (a filter or a sort works on them), the indicators as columns
        headers = ["名称", *(f"{row.label}（{row.unit}）" for row in report.rows)]
        sheet = sheet_of(report.children.removeprefix("各")[:31], f"{report.org}{y}年{report.children}主要指标",
                         headers, [24] + [11] * len(report.rows))
        for r, (name, values) in enumerate(report.parts, start=2):
            sheet.write_string(r, 0, name, plain)
            for c, row in enumerate(report.rows, start=1):
                write(sheet, r, c, values.get(row.key), row.unit)

    if report.trend:
        keys = list(report.trend[0][1])
        labels = report.labels
        units = {row.key: row.unit for row in report.rows}
        sheet = sheet_of("逐年", f"{report.org}主要指标逐年情况",
                         ["年度", *(f"{labels[k]}（{units[k]}）" for k in keys)], [8] + [20] * len(keys))
        for r, (year, values) in enumerate(report.trend, start=2):
            sheet.write_number(r, 0, year, plain)
            for c, key in enumerate(keys, start=1):
                write(sheet, r, c, values.get(key), units[key])

    if report.meetings:
        sheet = sheet_of("会议", f"{report.org}{y}年召开的会议",
                         ["召开日期", "会议", "召集组织", "议题", "形成文件"], [12, 28, 24, 50, 40])
        for r, m in enumerate(report.meetings, start=2):
            sheet.write_datetime(r, 0, m.held_on, date_format)
            sheet.write_string(r, 1, m.name, wrap)
            sheet.write_string(r, 2, m.convener, wrap)
            sheet.write_string(r, 3, "；".join(m.topics), wrap)
            sheet.write_string(r, 4, "；".join(m.documents), wrap)
            fit(sheet, r, [(m.name, 28), (m.convener, 24), ("；".join(m.topics), 50), ("；".join(m.documents), 40)])

    if report.competitions:
        sheet = sheet_of("竞赛", f"{report.org}{y}年竞赛",
                         ["竞赛名称", "类型", "级别", "主办单位", "参与人数", "参赛人次", "项目数", "获奖人数"],
                         [32, 10, 8, 28, 10, 10, 8, 10])
        for r, c in enumerate(report.competitions, start=2):
            for col, text in enumerate((c.name, c.contest_type, c.level, c.organisers)):
                sheet.write_string(r, col, text, wrap)
            fit(sheet, r, [(c.name, 32), (c.organisers, 28)])
            for col, value in enumerate((c.participants, c.person_times), start=4):
                sheet.write_number(r, col, value, plain)
            for col, value in enumerate((len(c.items), c.awarded), start=6):
                if c.items:
                    sheet.write_number(r, col, value, plain)
                else:
                    sheet.write_blank(r, col, None, plain)
        items = [(c, item) for c in report.competitions for item in c.items]
        if items:
            sheet = sheet_of("竞赛项目", f"{report.org}{y}年竞赛项目及获奖情况",
                             ["竞赛名称", "大类", "项目", "参赛人次", "获奖人数", "获奖情况"], [32, 12, 18, 10, 10, 40])
            for r, (c, item) in enumerate(items, start=2):
                sheet.write_string(r, 0, c.name, wrap)
                sheet.write_string(r, 1, item.category, plain)
                sheet.write_string(r, 2, item.item, wrap)
                sheet.write_number(r, 3, item.entries, plain)
                sheet.write_number(r, 4, item.awarded, plain)
                given = "、".join(f"{award}{n}名" for award, n in zip(c.awards, item.awards, strict=True) if n)
                sheet.write_string(r, 5, given, wrap)
                fit(sheet, r, [(c.name, 32), (item.item, 18), (given, 40)])
    book.close()
    return buffer.getvalue()
