"""The statistical return (SPEC §8): "基层工会组织和会员情况", one row per child of the node, then
本级 (the records the node itself holds) and 合计 (computed over the subtree, not summed). Each
column is an indicator of the catalogue, so each cell links to its drill-down; a column whose
indicator is not (yet) in the catalogue is left out."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import xlsxwriter
from django.urls import reverse
from django.utils import timezone

from indicators.catalog import BY_KEY, Indicator
from indicators.filing import children, filed
from indicators.report import json_number
from indicators.scope import Scope
from orgs.models import Org

from .selectors import _own_records

if TYPE_CHECKING:
    from accounts.models import User

TITLE = "基层工会组织和会员情况"


@dataclass(frozen=True)
class StatColumn:
    group: str  # the header over several columns ("" for a column of its own)
    header: str
    key: str  # the catalogue's indicator
    own: str = (
        "count"  # 本级: "count" of the node's own records, "measure" over them, "" none (a rate)
    )


COLUMNS: tuple[StatColumn, ...] = (
    StatColumn("基层工会数", "单独建会", "unions.single"),
    StatColumn("基层工会数", "联合建会", "unions.joint"),
    StatColumn("已建会单位", "企业", "employers.covered_enterprise"),
    StatColumn("已建会单位", "事业单位", "employers.covered_institution"),
    StatColumn("已建会单位", "机关", "employers.covered_agency"),
    StatColumn("已建会单位", "社会组织", "employers.covered_social"),
    StatColumn("职工人数", "在职职工", "workers.employed"),
    StatColumn("职工人数", "其中女职工", "workers.employed_women"),
    StatColumn("职工人数", "单位申报职工人数", "employers.declared_headcount", own="measure"),
    StatColumn("会员人数", "会员", "members.total"),
    StatColumn("会员人数", "其中女会员", "members.women"),
    StatColumn("会员人数", "农民工会员", "members.migrant"),
    StatColumn("会员人数", "新就业形态会员", "members.new_employment"),
    StatColumn("", "入会率(%)", "members.rate", own=""),
    StatColumn("", "企业建会率(%)", "unions.coverage", own=""),
    StatColumn("", "本年新建工会", "unions.founded"),
    StatColumn("", "本年新入会会员", "members.joined"),
)


def columns() -> list[tuple[StatColumn, Indicator]]:
    return [(column, BY_KEY[column.key]) for column in COLUMNS if column.key in BY_KEY]


@dataclass
class Line:
    label: str
    org: Org | None  # whose drill-down the cells open (None: 本级, no drill-down of its own)
    cells: list[Any]


def _stands_filed(indicator: Indicator, year: int) -> bool:
    """SPEC §8: for a year before the last one, an as-it-stands cell comes from the current filing."""
    return indicator.as_stands and year < timezone.localdate().year - 1


def _cell(indicator: Indicator, org: Org, year: int, user: User | None) -> Any:
    if (
        _stands_filed(indicator, year)
        and (filing := filed(org, year)) is not None
        and indicator.key in filing.figures
    ):
        return filing.figures[indicator.key]
    scope = Scope(year, org.path, user)
    return json_number(indicator.measure(indicator.records(scope), scope))


def lines(org: Org, year: int, user: User | None) -> list[Line]:
    cols = columns()
    found = [
        Line(child.name, child, [_cell(i, child, year, user) for _, i in cols])
        for child in children(org, year)
    ]
    scope = Scope(year, org.path, user)
    own = []
    for column, indicator in cols:
        records = _own_records(indicator.records(scope), org)
        own.append(
            records.count()
            if column.own == "count"
            else json_number(indicator.measure(records, scope))
            if column.own == "measure"
            else None
        )
    found.append(Line("本级", None, own))
    found.append(Line("合计", org, [_cell(i, org, year, user) for _, i in cols]))
    return found


def as_json(org: Org, year: int, user: User | None) -> dict[str, Any]:
    cols = columns()
    return {
        "year": year,
        "org": org.name,
        "columns": [c.key for c, _ in cols],
        "rows": [
            {"org": line.label, **{c.key: v for (c, _), v in zip(cols, line.cells, strict=True)}}
            for line in lines(org, year, user)
        ],
    }


def workbook(org: Org, year: int, user: User | None, *, site: str = "") -> bytes:
    """The .xlsx: a title, two header rows (group, column), one line per child, 本级, 合计."""
    cols = columns()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(TITLE)
    bold = book.add_format(
        {"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True}
    )
    plain = book.add_format({"border": 1})
    link = book.add_format({"border": 1, "font_color": "blue", "underline": 1})
    sheet.merge_range(
        0,
        0,
        0,
        len(cols),
        f"{org.name}{year}年{TITLE}",
        book.add_format({"bold": True, "font_size": 14}),
    )
    sheet.write(1, 0, "单位", bold)
    sheet.write(2, 0, "", bold)
    for n, (column, _) in enumerate(cols, start=1):
        sheet.write(1, n, column.group or column.header, bold)
        sheet.write(2, n, column.header if column.group else "", bold)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, len(cols), 11)
    for r, line in enumerate(lines(org, year, user), start=3):
        sheet.write(r, 0, line.label, bold if line.org is org or line.org is None else plain)
        for n, ((_, indicator), value) in enumerate(zip(cols, line.cells, strict=True), start=1):
            if value is None:
                sheet.write_blank(r, n, None, plain)
            elif site and line.org is not None:
                url = f"{site}{reverse('indicators:detail', args=[indicator.key])}?year={year}&org={line.org.pk}"
                sheet.write_url(r, n, url, link, string=str(value))
                sheet.write_number(r, n, float(value), link)
            else:
                sheet.write_number(r, n, float(value), plain)
    book.close()
    return buffer.getvalue()


def empty_workbook(year: int) -> bytes:
    """An empty database's return: the title and the headers, no line."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(TITLE)
    sheet.write(0, 0, f"{year}年{TITLE}")
    for n, (column, _) in enumerate(columns(), start=1):
        sheet.write(1, n, column.group or column.header)
        sheet.write(2, n, column.header if column.group else "")
    book.close()
    return buffer.getvalue()
