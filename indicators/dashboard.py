"""The landing page of every business user: the year's indicators for their subtree with the change
on Y−1, trends over the years that hold records, a breakdown by the nodes directly under their org,
and what is due. Every number is `catalog.figure` over the user's own scope (several years of one
figure come from `figures_by_year`, held equal to it), so the page, the indicator list and each
drill-down agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.freshness import Kept
from core.permissions import business_reader
from core.replica import reads_replica
from core.scoping import sight
from core.validators import year_param
from orgs.models import Org
from todo.due import collect

from .areas import years_held
from .catalog import BY_KEY, INDICATORS, SUMMARY, Indicator, Number, figure, figures_by_year
from .filing import filed
from .report import json_number
from .scope import Scope

if TYPE_CHECKING:
    from accounts.models import User

#: the page's sections, by the indicator key's prefix; a new prefix lands in 其他指标 by itself
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("职工素质建设", ("training", "competition", "certificates", "free_training", "proposals", "honours", "facilities")),
    ("劳动关系", ("meetings", "instructors", "contracts", "labour_contracts", "mediation", "harmony")),
    ("组织建设", ("members", "unions")),
)


@dataclass(frozen=True)
class Trend:
    title: str
    keys: tuple[str, ...]
    kind: str  # ECharts series type: "bar" for yearly flows, "line" for running totals


TRENDS: tuple[Trend, ...] = (
    Trend("合理化建议", ("proposals.submitted", "proposals.adopted"), "bar"),
    Trend("培训与竞赛", ("training.person_times", "free_training.person_times",
                         "competition.labour_participants", "competition.skill_person_times"), "bar"),
    Trend("集体合同", ("contracts.units_total", "contracts.units_signed"), "bar"),
    Trend("学习型组织创建（累计）", ("honours.learning_orgs", "honours.learning_teams", "honours.knowledge_workers"), "line"),
)

#: the figures compared across the nodes under the user's org. Each is a count of records that lie
#: in a node's subtree, so one grouped query gives every node's figure (a street has ~50 unions);
#: tests hold each equal to figure() over the node's own scope, which its drill-down shows.
BREAKDOWN: tuple[str, ...] = (
    "proposals.submitted", "proposals.adopted", "honours.learning_orgs", "honours.learning_teams",
    "honours.knowledge_workers", "members.count", "labour_contracts.signed",
)

#: trend charts look back at most this many years (each year adds a group or a subquery to a figure's query)
TREND_YEARS = 10


@dataclass(frozen=True)
class Tile:
    indicator: Indicator
    value: Number
    before: Number  # None: no figure for Y−1 (an as-it-stands figure without a filed report)
    url: str

    @property
    def change(self) -> Number:
        if self.value is None or self.before is None:
            return None
        return self.value - self.before

    @property
    def direction(self) -> str:
        change = self.change
        if change is None:
            return ""
        return "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def change_pct(self) -> Decimal | None:
        """Relative change of a count or sum; a rate's change is already in points."""
        if self.change is None or not self.before or self.indicator.unit == "%":
            return None
        return (Decimal(self.change) * 100 / Decimal(self.before)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class Figures:
    """figure() once per (indicator, year, subtree): tiles, trends and the breakdown share results.
    `known`: figures kept from an earlier request while the data has not changed (core/freshness.py)."""

    def __init__(self, user: User, known: dict[Any, Any] | None = None) -> None:
        self.user = user
        self._done: dict[Any, Any] = {} if known is None else known
        self._scopes: dict[tuple[int, str], Scope] = {}

    def _scope(self, year: int, path: str) -> Scope:
        # one Scope per (year, subtree): the figures it shares (the worker counts) are read once
        return self._scopes.setdefault((year, path), Scope(year, path, self.user))

    def __call__(self, key: str, year: int, path: str) -> Number:
        slot = (key, year, path)
        if slot not in self._done:
            self._done[slot] = figure(BY_KEY[key], self._scope(year, path))
        return self._done[slot]

    def years(self, key: str, years: list[int], path: str) -> list[Number]:
        """The figure for each of `years`: those not yet known in one grouped query when it may be."""
        missing = [year for year in years if (key, year, path) not in self._done]
        if missing:
            found = figures_by_year(BY_KEY[key], self._scope(missing[-1], path), missing,
                                    lambda year: self._scope(year, path))
            self._done.update({(key, year, path): value for year, value in found.items()})
        return [self._done[(key, year, path)] for year in years]


def _drill(key: str, year: int, org: Org | None = None) -> str:
    url = f"{reverse('indicators:detail', args=[key])}?year={year}"
    return f"{url}&org={org.pk}" if org is not None else url


def _year(request: HttpRequest, held: list[int]) -> int:
    """?year=Y when it is a sensible year, else the latest year that holds records, else this year."""
    return year_param(request.GET.get("year"), held[0] if held else timezone.localdate().year)


def _filed_number(value: Any) -> Number:
    """A filed figure is stored as a JSON number; as a Decimal it subtracts from a live rate exactly."""
    return Decimal(str(value)) if isinstance(value, float) else value


def _sections(figures: Figures, year: int, org: Org) -> list[tuple[str, list[Tile]]]:
    by_prefix = {prefix: title for title, prefixes in SECTIONS for prefix in prefixes}
    sections: dict[str, list[Tile]] = {title: [] for title, _ in SECTIONS}
    last_filing = filed(org, year - 1)
    for indicator in INDICATORS:
        # A figure of the register as it stands has no Y−1 of its own: it comes from Y−1's filed
        # report (SPEC §5), and is left out when none was filed rather than showing Y's state twice.
        if indicator.as_stands:
            before = _filed_number(last_filing.figures.get(indicator.key)) if last_filing else None
            value = figures(indicator.key, year, org.path)
        else:
            before, value = figures.years(indicator.key, [year - 1, year], org.path)
        tile = Tile(indicator, value, before, _drill(indicator.key, year))
        sections.setdefault(by_prefix.get(indicator.key.partition(".")[0], "其他指标"), []).append(tile)
    return [(title, tiles) for title, tiles in sections.items() if tiles]


def _trends(figures: Figures, years: list[int], path: str) -> list[dict[str, Any]]:
    return [{
        "title": trend.title, "kind": trend.kind, "years": years,
        "series": [{"key": key, "name": BY_KEY[key].label, "unit": BY_KEY[key].unit, "whole": BY_KEY[key].whole,
                    "data": [json_number(n) for n in figures.years(key, years, path)]} for key in trend.keys],
    } for trend in TRENDS]


def _by_node(indicator: Indicator, scope: Scope, children: list[Org]) -> list[Number]:
    """The indicator's figure for each child's subtree: one query grouping the records of the
    user's subtree by the child their owning node lies under (a path prefix)."""
    if not indicator.is_count:  # not a plain count: each node's figure on its own
        return [figure(indicator, Scope(scope.year, child.path, scope.user)) for child in children]
    records = indicator.records(scope)
    field = f"{records.scope_field}__path" if records.scope_field else "path"
    length = len(scope.path) + Org.steplen
    counts = dict(records.order_by().annotate(part=Substr(field, 1, length)).values("part")
                  .annotate(n=Count("pk")).values_list("part", "n"))  # as records.count(): no DISTINCT to sort
    return [counts.get(child.path, 0) for child in children]


def _breakdown(year: int, org: Org, user: User, known: dict[Any, Any]) -> list[tuple[Org, list[tuple[str, Any, str]]]]:
    """The nodes directly under the user's org that are open at the end of Y, each with the
    BREAKDOWN figures of its own subtree, seen through the user's scoping (`known`: as Figures)."""
    scope = Scope(year, org.path, user)
    children = list(Org.objects.get_children(org).exclude(closed_on__lte=scope.end))
    if not children:
        return []
    paths = tuple(child.path for child in children)
    for key in BREAKDOWN:
        if ("breakdown", key, year, paths) not in known:
            known["breakdown", key, year, paths] = _by_node(BY_KEY[key], scope, children)
    columns = [known["breakdown", key, year, paths] for key in BREAKDOWN]
    return [(child, [(key, json_number(column[i]), _drill(key, year, child))
                     for key, column in zip(BREAKDOWN, columns, strict=True)])
            for i, child in enumerate(children)]


def _due(user: User) -> dict[str, Any]:
    items = collect(user, timezone.localdate())
    kinds = Counter(item.kind for item in items)
    overdue = Counter(item.kind for item in items if item.overdue)
    return {"total": len(items), "overdue": sum(overdue.values()),
            "kinds": [(kind, kinds[kind], overdue[kind]) for kind in sorted(kinds)]}


@business_reader
@reads_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    org = user.org
    held = years_held(user)
    year = _year(request, held)
    kept = Kept("dashboard", sight(user))  # before any record is read
    figures = Figures(user, kept.values)
    years = sorted({y for y in held if y <= year} | {year})[-TREND_YEARS:]
    rows = _breakdown(year, org, user, kept.values)
    chart_data = {
        "year": year,
        "trends": _trends(figures, years, org.path),
        "breakdown": {
            "orgs": [child.name for child, _ in rows],
            "series": [{"key": key, "name": BY_KEY[key].label, "unit": BY_KEY[key].unit, "whole": BY_KEY[key].whole,
                        "data": [cells[i][1] for _, cells in rows]} for i, key in enumerate(BREAKDOWN)],
        },
    }
    response = render(request, "indicators/dashboard.html", {
        "org": org, "year": year, "years": sorted(set(held) | {year}, reverse=True),
        "sections": _sections(figures, year, org), "due": _due(user), "filing": filed(org, year),
        "breakdown_columns": [BY_KEY[key] for key in BREAKDOWN], "breakdown_rows": rows,
        "breakdown_total": [(json_number(figures(key, year, org.path)), _drill(key, year)) for key in BREAKDOWN],
        "chart_data": chart_data, "title": f"{year}年工作台", "nav": "dashboard",
        "summary": [Tile(BY_KEY[key], figures(key, year, org.path), None, _drill(key, year)) for key in SUMMARY],
    })
    kept.keep()
    return response
