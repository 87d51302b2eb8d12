"""What the annual report says, as data: its rows of figures, its tables of meetings and
competitions, its sections of text. build() (annual.py) fills it; narrative.py writes the text from
it; the DOCX, XLSX and PDF writers only lay it out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.urls import reverse

from ..catalog import BY_KEY
from .charts import Chart, charts

JsonNumber = int | float | None



@dataclass(frozen=True)
class Row:
    """One figure of the year with the year before."""

    key: str
    label: str
    unit: str
    definition: str
    value: JsonNumber
    previous: JsonNumber  # None: not known (a register-as-it-stands figure without a filing)
    as_stands: bool = False
    in_json: bool = True  # one of the §5 indicators that `--format json` prints

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return Decimal(str(self.value)) - Decimal(str(self.previous))

    # as the DOCX and PDF tables print them
    @property
    def shown(self) -> str:
        return shown(self.value, self.unit)

    @property
    def shown_previous(self) -> str:
        return shown(self.previous, self.unit)

    @property
    def shown_change(self) -> str:
        change = self.change
        if change is None:
            return "—"
        text = shown(change, self.unit)
        return f"+{text}" if change > 0 else text


def shown(value: JsonNumber | Decimal, unit: str) -> str:
    """A figure in a table: counts as digits (57422), 万元 with two decimals, rates with one, and
    — where there is none (a rate without denominator, a Y−1 never filed)."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{Decimal(str(value)):.1f}"
    if unit == "万元":
        return f"{Decimal(str(value)):.2f}"
    return str(value)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingRow:
    held_on: dt.date
    name: str  # 政府与工会联席会议第6次
    meeting_type: str
    session: int
    convener: str
    topics: list[str]
    documents: list[str]


@dataclass(frozen=True)
class ItemRow:
    category: str
    item: str
    entries: int
    awards: list[int]  # per award of the competition's `awards`
    awarded: int


@dataclass(frozen=True)
class CompetitionRow:
    name: str
    contest_type: str
    level: str
    organisers: str
    participants: int
    person_times: int
    awards: list[str]  # the 奖项 given, in order of merit
    items: list[ItemRow]
    award_totals: list[int]
    awarded: int

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(i.category for i in self.items if i.category))


@dataclass
class Report:
    year: int
    org: str
    area: str  # 全区, 全街道 …: how the text names the subtree
    generated_on: dt.date
    rows: list[Row]  # the §5 indicators, in the catalogue's order
    extras: list[Row]  # the registers the sample does not cover
    parts: list[tuple[str, dict[str, JsonNumber]]]  # breakdown: (second-level node, {key: number})
    trend: list[tuple[int, dict[str, JsonNumber]]]  # (year, {key: number}) for CHART_KEYS
    meetings: list[MeetingRow]
    competitions: list[CompetitionRow]
    sections: list[Section] = field(default_factory=list)
    org_id: int = 0
    part_ids: list[int] = field(default_factory=list)  # the orgs of `parts`, in the same order
    site: str = ""  # the site's address, so each figure links to its drill-down ("": no links)
    level: str = ""  # the org's 组织类型: the wording of the text and of the breakdown's captions
    children: str = "各街道（系统）"  # how the captions name the nodes of `parts`

    def drill_url(self, key: str, org_id: int | None = None) -> str:
        """The page listing the records the figure counted, for the report's org or one of its parts."""
        if not self.site or key not in BY_KEY:
            return ""
        return f"{self.site}{reverse('indicators:detail', args=[key])}?year={self.year}&org={org_id or self.org_id}"

    @property
    def title(self) -> str:
        return f"{self.org}{self.year}年工会工作总结"

    @property
    def figures(self) -> dict[str, JsonNumber]:
        return {row.key: row.value for row in self.rows + self.extras}

    @property
    def labels(self) -> dict[str, str]:
        return {row.key: row.label for row in self.rows + self.extras}

    @cached_property
    def charts(self) -> list[Chart]:
        return charts(self)
