"""What the parent's board shows for a year (SPEC §8): each child's filing, and the roll-up of the
additive figures against the children's current filings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from indicators.catalog import INDICATORS, Indicator
from indicators.filing import children
from indicators.models import NOT_FILED, STANDING, FiledReport
from indicators.report import json_number
from indicators.scope import Scope
from orgs.models import Org

from .models import FilingDue

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class ChildRow:
    org: Org
    files_itself: bool  # an expected filer (has an admin); else its parent files for it (代报)
    latest: FiledReport | None  # its latest version, any state

    @property
    def state(self) -> str:
        return self.latest.state if self.latest else NOT_FILED

    @property
    def current(self) -> FiledReport | None:
        return self.latest if self.latest is not None and self.latest.state in STANDING else None


@dataclass
class Board:
    org: Org
    year: int
    due: FilingDue | None
    rows: list[ChildRow]
    own: FiledReport | None  # the node's own current filing
    own_latest: FiledReport | None

    @property
    def waiting(self) -> list[ChildRow]:
        """Expected filers not yet accepted: the node may not file its own year while any remains."""
        return [row for row in self.rows if row.files_itself and row.state != "已接收"]

    def overdue(self, today: dt.date) -> list[ChildRow]:
        if self.due is None or today <= self.due.due_on:
            return []
        return [row for row in self.rows if row.files_itself and row.current is None]


def latest_versions(orgs: list[Org], year: int) -> dict[int, FiledReport]:
    """Each org's latest version of the year, in one query."""
    found: dict[int, FiledReport] = {}
    versions = (
        FiledReport.objects.filter(org__in=[o.pk for o in orgs], year=year)
        .select_related("filed_by", "decided_by")
        .order_by("org_id", "-version")
    )
    for version in versions:
        found.setdefault(version.org_id, version)
    return found


def board(org: Org, year: int) -> Board:
    kids = list(children(org, year))
    latest = latest_versions([*kids, org], year)
    rows = [ChildRow(child, child.files_itself, latest.get(child.pk)) for child in kids]
    own_latest = latest.get(org.pk)
    own = own_latest if own_latest is not None and own_latest.state in STANDING else None
    return Board(
        org, year, FilingDue.objects.filter(org=org, year=year).first(), rows, own, own_latest
    )


@dataclass
class RollUp:
    indicator: Indicator
    live: Any  # the parent's figure now
    filed: Any  # Σ the children's current filings
    own: Any  # the records the parent's own node holds (本级)
    added: int = 0  # records counted now that no child's filing counted
    removed: int = 0  # records a child's filing counted that are not counted now
    unfiled: list[str] = field(default_factory=list)  # children without a current filing

    @property
    def expected(self) -> Any:
        return json_number(self.filed + self.own)

    @property
    def difference(self) -> Any:
        return json_number(self.live - self.filed - self.own)


def _own_records(records: Any, org: Org) -> Any:
    """The records the node itself holds (本级), not those of the nodes under it."""
    scope_field = records.scope_field
    return records.filter(**{scope_field: org}) if scope_field else records.filter(pk=org.pk)


def roll_up(org: Org, year: int, user: User | None, the_board: Board | None = None) -> list[RollUp]:
    """For each additive figure: the live figure beside Σ children's current filings + 本级, the
    difference explained by the records added or removed since those filings."""
    the_board = the_board or board(org, year)
    scope = Scope(year, org.path, user)
    filings = [row.current for row in the_board.rows if row.current is not None]
    unfiled = [row.org.name for row in the_board.rows if row.current is None]
    found = []
    for indicator in INDICATORS:
        if not indicator.adds_up:
            continue
        records = indicator.records(scope)
        own = _own_records(records, org)
        live = json_number(indicator.measure(records, scope))
        then: set[int] = set()
        for filing in filings:
            then.update(filing.records_of(indicator.key))
        below = set(records.exclude(pk__in=own.values("pk")).values_list("pk", flat=True))
        found.append(
            RollUp(
                indicator,
                live,
                sum(f.figures.get(indicator.key) or 0 for f in filings),
                own.count(),
                added=len(below - then),
                removed=len(then - below),
                unfiled=unfiled,
            )
        )
    return found
