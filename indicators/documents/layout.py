"""The report's tables as rows of printed text, shared by the DOCX and the PDF so both print the
same cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from .content import Report, Row, shown


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative column widths
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    wide: bool = False  # printed across a landscape page
    note: str = ""
    total: bool = False  # the last row is a 合计 row
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → the figure's drill-down

    def cells(self) -> list[list[tuple[str, str]]]:
        """Each row's cells as (text, link) ("" where the cell links nowhere)."""
        return [[(text, self.links.get((r, c), "")) for c, text in enumerate(row)] for r, row in enumerate(self.rows)]

    @property
    def percents(self) -> list[str]:
        whole = sum(self.widths)
        return [f"{w * 100 / whole:.2f}" for w in self.widths]


STANDS_MARK = "*"
KEEP_TOGETHER = 25  # rows: a table this short is not split over two pages


def _figure_rows(rows: list[Row]) -> list[list[str]]:
    return [[row.label + (STANDS_MARK if row.as_stands else ""), row.unit, row.shown, row.shown_previous,
             row.shown_change] for row in rows]


def _figure_links(report: Report, rows: list[Row]) -> dict[tuple[int, int], str]:
    """The year's figure (third column) links to the records it counted."""
    return {(r, 2): url for r, row in enumerate(rows) if (url := report.drill_url(row.key))}


#: the registers of 附表2, each left out where it holds nothing in either year (as the text leaves it out)
MECHANISMS = (("assistance.", "帮扶救助"), ("supervision.", "法律监督检查"), ("mediation.", "劳动争议调解"))
PART_COLUMNS = 7  # indicators across one table of the breakdown (a landscape page)


def _nothing(value: object) -> bool:
    return value is None or value == 0


def _joined(names: list[str]) -> str:
    return "、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else "".join(names)


def extras_kept(report: Report) -> list[Row]:
    """The rows of the registers beyond the sample whose mechanism holds something in Y or Y−1."""
    kept = []
    for prefix, _ in MECHANISMS:
        rows = [row for row in report.extras if row.key.startswith(prefix)]
        if not all(_nothing(row.value) and _nothing(row.previous) for row in rows):
            kept.extend(rows)
    return kept


def _breakdown(report: Report, number: int) -> list[Table]:
    """The figures by node under the org: the nodes as rows (the table runs over pages with its
    header repeated), the indicators as columns, PART_COLUMNS a table; an indicator that is 0 in
    every node is left out (the note says so)."""
    shown_rows = [row for row in report.rows
                  if not all(_nothing(values.get(row.key)) for _, values in report.parts)]
    if not shown_rows:
        return []
    groups = [shown_rows[i:i + PART_COLUMNS] for i in range(0, len(shown_rows), PART_COLUMNS)]
    left = len(report.rows) - len(shown_rows)
    note = f"注：各节点均为0的{left}项指标未列出。" if left else ""
    out = []
    for g, group in enumerate(groups, start=1):
        headers = ["名称", *(f"{row.label}（{row.unit}）" for row in group)]
        rows = [[name, *(_shown(values.get(row.key), row.unit) for row in group)] for name, values in report.parts]
        links = {(r, c): url for r, part in enumerate(report.part_ids)
                 for c, row in enumerate(group, start=1) if (url := report.drill_url(row.key, part))}
        part = f"-{g}" if len(groups) > 1 else ""
        out.append(Table(f"附表{number}{part} {report.year}年{report.children}主要指标", headers, rows,
                         [6.4] + [2.1] * len(group), frozenset(range(1, len(group) + 1)), wide=True,
                         note=note if g == len(groups) else "", links=links))
    return out


def tables(report: Report) -> list[Table]:
    y = report.year
    numbered: list[Table] = []
    count = 0  # 附表 numbers: a table split in parts (附表3-1, 3-2 …) takes one

    def add(caption: str, *args: object, **kwargs: object) -> None:
        nonlocal count
        count += 1
        numbered.append(Table(f"附表{count} {caption}", *args, **kwargs))  # type: ignore[arg-type]

    figures = ["指标", "单位", f"{y}年", f"{y - 1}年", "增减"]
    add(f"{report.org}{y}年主要指标", figures, _figure_rows(report.rows), [6, 1.4, 2, 2, 2], frozenset({2, 3, 4}),
        note=f"注：标“{STANDS_MARK}”的指标按台账现状统计，{y - 1}年数取{y - 1}年报告定稿，未定稿的记为“—”。"
             "比率的增减为百分点。", links=_figure_links(report, report.rows))
    extras = extras_kept(report)
    if extras:
        names = [name for prefix, name in MECHANISMS if any(row.key.startswith(prefix) for row in extras)]
        overdue = any(row.key == "supervision.overdue" for row in extras)
        add(f"{y}年{_joined(names)}情况", figures, _figure_rows(extras),
            [6, 1.4, 2, 2, 2], frozenset({2, 3, 4}), note="注：“整改逾期”按生成报告当日计算。" if overdue else "",
            links=_figure_links(report, extras))
    if report.parts and (parts := _breakdown(report, count + 1)):
        count += 1
        numbered.extend(parts)
    if report.meetings:
        rows = [[f"{m.held_on.month}月{m.held_on.day}日", m.name, m.convener, "；".join(m.topics),
                 "；".join(m.documents) or "—"] for m in report.meetings]
        add(f"{y}年召开的会议", ["召开日期", "会议", "召集组织", "议题", "形成文件"], rows, [1.9, 2.8, 3, 6.4, 4.6],
            wide=True)
    if report.competitions:
        rows = [[c.name, c.contest_type, c.level, str(c.participants), str(c.person_times),
                 str(len(c.items)) if c.items else "—", str(c.awarded) if c.items else "—"]
                for c in report.competitions]
        add(f"{y}年竞赛", ["竞赛名称", "类型", "级别", "参与人数", "参赛人次", "项目数", "获奖人数"], rows,
            [5.6, 1.9, 1.2, 1.5, 1.5, 1.3, 1.5], frozenset({3, 4, 5, 6}),
            note="注：有参赛记录的竞赛按参赛记录统计（参与人数按身份证号去重），其余按填报的参与人数。")
        number = count
        shown_items = [c for c in report.competitions if c.items]
        for i, c in enumerate(shown_items, start=1):
            headers = ["大类", "项目", "参赛人次", *c.awards, "获奖合计"]
            rows = [[item.category or "—", item.item, str(item.entries), *map(str, item.awards), str(item.awarded)]
                    for item in c.items]
            rows.append(["合计", "", str(sum(item.entries for item in c.items)), *map(str, c.award_totals),
                         str(c.awarded)])
            numeric = frozenset(range(2, len(headers)))
            numbered.append(Table(f"附表{number}-{i} {c.name}项目及获奖情况", headers, rows,
                                  [2.2, 3.6] + [1.4] * (len(headers) - 2), numeric, total=True))
    return numbered


def _shown(value: object, unit: str) -> str:
    return shown(value, unit)  # type: ignore[arg-type]
