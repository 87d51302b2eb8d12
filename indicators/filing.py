"""Filing (定稿) a year's report, and reading a year's figures against what was filed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from orgs.models import Org

from .catalog import INDICATORS, Indicator, figure
from .models import FiledReport
from .report import json_number
from .scope import Scope

if TYPE_CHECKING:
    from accounts.models import User


def filed(org: Org, year: int) -> FiledReport | None:
    return FiledReport.objects.filter(org=org, year=year).first()


@transaction.atomic
def file_report(*, user: User, org: Org, year: int, request: Any = None) -> FiledReport:
    """An admin files the report of `year` for their own node's subtree: figures and record ids frozen."""
    if not user.writes_business_data or org.pk != user.org_id:
        raise PermissionDenied("只有本组织的管理员可以为本组织定稿。")
    if year >= timezone.localdate().year:
        raise ValidationError(f"{year}年尚未结束，不能定稿。")
    if filed(org, year):
        raise ValidationError(f"{org.name}{year}年的报告已经定稿。")
    scope = Scope(year, org.path, user)  # what the admin's own pages show for the year
    figures: dict[str, Any] = {}
    records: dict[str, list[int] | str] = {}
    first: dict[tuple[str, tuple[int, ...]], str] = {}  # a list of ids is stored once, under its first key
    for indicator in INDICATORS:
        rows = indicator.records(scope)
        figures[indicator.key] = json_number(indicator.measure(rows, scope))
        ids = sorted(rows.values_list("pk", flat=True))
        owner = first.setdefault((indicator.register, tuple(ids)), indicator.key)
        records[indicator.key] = ids if owner == indicator.key else owner
    report = FiledReport.objects.create(org=org, year=year, filed_at=timezone.now(), filed_by=user,
                                        figures=figures, records=records)
    audit_record(action=Action.CREATE, request=request, user=user, obj=report, detail={"年度": year})
    return report


@dataclass
class Changes:
    """What a figure counts now that its filing did not, and the reverse."""

    added: QuerySet  # counted now, not when filed
    removed: QuerySet  # counted when filed, not now, and still held (and visible)
    gone: int  # counted when filed and since deleted (or no longer visible)


def changes_since(filing: FiledReport, indicator: Indicator, records: QuerySet, queryset: QuerySet) -> Changes:
    """`records`: the figure's records now; `queryset`: the register's records the user may see."""
    then = set(filing.records_of(indicator.key))
    live = set(records.values_list("pk", flat=True))
    removed = queryset.filter(pk__in=then - live)
    return Changes(records.filter(pk__in=live - then), removed, len(then - live) - removed.count())


@dataclass
class Row:
    indicator: Indicator
    now: Any  # live
    filed: Any  # as filed for Y, or None
    before: Any  # Y−1: live, or for a register-as-it-stands figure the Y−1 filing (None when none)
    added: int = 0  # records counted now that the filing did not count
    removed: int = 0

    @property
    def change(self) -> Any:
        if self.now is None or self.before is None:
            return None
        # through Decimal: a filed rate comes back from JSON as a float (96.1 − 95.3 ≠ 0.8 in floats)
        return json_number(Decimal(str(self.now)) - Decimal(str(self.before)))


def rows_for(scope: Scope, org: Org, *, changes: bool = True) -> tuple[list[Row], FiledReport | None]:
    """Each indicator for the year: live, as filed, Y−1 (SPEC §5: register-as-it-stands figures
    take Y−1 from that year's filing), and (with `changes`) the records added and removed since the filing."""
    this_filing, last_filing = filed(org, scope.year), filed(org, scope.year - 1)
    rows = []
    for indicator in INDICATORS:
        records = indicator.records(scope)
        now = json_number(indicator.measure(records, scope))
        if indicator.as_stands:
            before = last_filing.figures.get(indicator.key) if last_filing else None
        else:
            before = json_number(figure(indicator, scope.previous()))
        row = Row(indicator, now, this_filing.figures.get(indicator.key) if this_filing else None, before)
        if changes and this_filing is not None:
            then = set(this_filing.records_of(indicator.key))
            live = set(records.values_list("pk", flat=True))
            row.added, row.removed = len(live - then), len(then - live)
        rows.append(row)
    return rows, this_filing
