"""Filing (定稿, 上报) a year's report, and reading a year's figures against what was filed.

SPEC §8: a node files its year to its parent (已上报); the parent accepts (已接收) or returns it
(已退回, with a reason), and a returned year is filed again as a new version. The current filing
is the latest version that stands (已上报, 已接收, or the root's 已定稿): Y−1 comparisons, the
report's date and "changed since filing" read it. What must hold before a node files beyond the
states here (逻辑检查) is registered from above, in GUARDS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import Role, User
from audit.models import Action
from audit.services import audit_record
from orgs.models import Org

from .catalog import INDICATORS, Indicator, figure
from .models import NOT_FILED, STANDING, FiledReport, FilingState
from .report import json_number
from .scope import Scope

#: checks a node's year must pass before it is filed, registered by the layers above (逻辑检查):
#: guard(user=, org=, year=, explanations=) → the reasons it refuses, in Chinese ([] to let it file)
Guard = Callable[..., list[str]]
GUARDS: list[Guard] = []


def filed(org: Org, year: int) -> FiledReport | None:
    """The year's current filing: its latest version that stands, or None."""
    return FiledReport.objects.filter(org=org, year=year, state__in=STANDING).order_by("-version").first()


def latest(org: Org, year: int) -> FiledReport | None:
    """The year's latest version in any state (a returned one included)."""
    return FiledReport.objects.filter(org=org, year=year).order_by("-version").first()


def state_of(version: FiledReport | None) -> str:
    return version.state if version is not None else NOT_FILED


def with_admin() -> Exists:
    """The org has an active admin account of its own (so it files for itself, SPEC §8)."""
    return Exists(User.objects.filter(org=OuterRef("pk"), role=Role.ADMIN, is_active=True))


def children(org: Org, year: int) -> QuerySet:
    """The org's direct children open at the end of the year, each marked `files_itself`."""
    end = Scope(year).end
    return Org.objects.get_children(org).exclude(closed_on__lte=end).annotate(files_itself=with_admin()).order_by("name")


def expected_filers(org: Org, year: int) -> QuerySet:
    """Open direct children with an admin account: each files its own year (the others, 代报)."""
    return children(org, year).filter(files_itself=True)


def is_root(org: Org) -> bool:
    return org.depth == 1


def _acts_for(user: User, org: Org) -> bool | None:
    """True: files on the org's behalf (代报, a child of the user's node without an admin);
    False: the user's own node; None: may not file it."""
    if not user.writes_business_data:
        return None
    if org.pk == user.org_id:
        return False
    if user.org is not None and org.depth == user.org.depth + 1 and org.path.startswith(user.org.path) \
            and not User.objects.filter(org=org, role=Role.ADMIN, is_active=True).exists():
        return True
    return None


@transaction.atomic
def file_report(*, user: User, org: Org, year: int, explanations: dict[str, str] | None = None,
                request: Any = None) -> FiledReport:
    """An admin files (上报) the report of `year` for their own node's subtree, or for a child of
    their node that has no admin (代报): figures and record ids frozen, a new version when the
    year was returned. Refused before the year ends, while the year stands filed, while an
    expected child is not yet 已接收, and while a guard (逻辑检查) refuses."""
    on_behalf = _acts_for(user, org)
    if on_behalf is None:
        raise PermissionDenied("只有本组织的管理员可以为本组织上报（没有管理员账号的直属下级由上级代报）。")
    if year >= timezone.localdate().year:
        raise ValidationError(f"{year}年尚未结束，不能上报。")
    last = FiledReport.objects.select_for_update().filter(org=org, year=year).order_by("-version").first()
    if last is not None and last.stands:
        raise ValidationError(f"{org.name}{year}年的报告已经上报（第{last.version}版，{last.state}），不能重复上报。")
    waiting = [child.name for child in expected_filers(org, year) if state_of(latest(child, year)) != FilingState.ACCEPTED]
    if waiting:
        raise ValidationError(f"下级尚未全部接收，不能上报：{'、'.join(waiting)}")
    explanations = {key: text.strip() for key, text in (explanations or {}).items() if text and text.strip()}
    refusals = [reason for guard in GUARDS for reason in guard(user=user, org=org, year=year, explanations=explanations)]
    if refusals:
        raise ValidationError(refusals)
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
    now, by = timezone.now(), user if user.pk else None  # the command line's stand-in account is not saved
    # the root has no parent (已定稿); a child filed by its parent (代报) is received as it is filed
    state = FilingState.FINAL if is_root(org) else FilingState.ACCEPTED if on_behalf else FilingState.FILED
    report = FiledReport.objects.create(
        org=org, year=year, filed_at=now, filed_by=by, figures=figures, records=records,
        version=(last.version + 1) if last else 1, state=state, on_behalf=on_behalf, explanations=explanations,
        decided_at=now if on_behalf else None, decided_by=by if on_behalf else None)
    audit_record(action=Action.CREATE, request=request, user=user, obj=report, detail={"年度": year, "版本": report.version, "状态": state, "代报": on_behalf,
                                     "提示说明": explanations})
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
