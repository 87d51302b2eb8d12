"""Indicator pages: every figure of a year for a subtree with its definition, and each figure's
drill-down — the records it counted, from the very QuerySet that gave the figure."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.freshness import Kept
from core.lists import paginate
from core.permissions import business_reader, business_writer
from core.replica import reads_replica
from core.scoping import sight
from orgs.models import Org
from registers.catalog import registers
from registers.ordering import list_order
from registers.record_views import with_shown_records
from registers.records import display_rows

from .catalog import BY_KEY
from .drill import scope_of
from .filing import Row, changes_since, file_report, filed, rows_for
from .report import json_number
from .scope import Scope

CHANGES_SHOWN = 50  # of the records added or removed since the filing, the page lists this many


def _scope(request: HttpRequest) -> tuple[Scope, Org]:
    return scope_of(request.user, request.POST if request.method == "POST" else request.GET)


@business_reader
@reads_replica
def indicator_list(request: HttpRequest) -> HttpResponse:
    scope, org = _scope(request)
    kept = Kept("indicator-list", sight(request.user), scope.year, org.path)  # before any record is read
    if "rows" in kept.values:
        rows, filing = [Row(BY_KEY[key], *numbers) for key, *numbers in kept.values["rows"]], filed(org, scope.year)
    else:
        rows, filing = rows_for(scope, org)
        kept.values["rows"] = [(row.indicator.key, row.now, row.filed, row.before, row.added, row.removed)
                               for row in rows]
        kept.keep()
    orgs = Org.objects.visible_to(request.user).filter(depth__lte=request.user.org.depth + 1).order_by("path")
    may_file = (filing is None and request.user.writes_business_data and org.pk == request.user.org_id
                and scope.year < timezone.localdate().year)
    return render(request, "indicators/list.html", {
        "rows": rows, "filing": filing, "may_file": may_file, "year": scope.year, "org": org, "orgs": orgs,
        "title": f"{org.name}{scope.year}年指标", "nav": "indicators",
    })


@business_writer
@require_POST
def file_year(request: HttpRequest) -> HttpResponse:
    scope, org = _scope(request)
    try:
        file_report(user=request.user, org=org, year=scope.year, request=request)
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, "；".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(request, f"{org.name}{scope.year}年的报告已定稿：此后查看该年度时，会同时显示定稿数与实时数。")
    return redirect(f"{reverse('indicators:list')}?year={scope.year}&org={org.pk}")


@business_reader
@reads_replica
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    indicator = BY_KEY.get(key)
    if indicator is None:
        raise Http404("没有这个指标")
    scope, org = _scope(request)
    records = indicator.records(scope)
    value = json_number(indicator.measure(records, scope))
    register = registers()[indicator.register]
    columns = register.list_columns

    def shown(listed: list[Any]) -> list[tuple[Any, list[str]]]:
        return list(zip(listed, display_rows(register, listed, columns=columns), strict=True))

    def first(queryset: Any) -> list[tuple[Any, list[str]]]:
        return shown(list(with_shown_records(register, queryset.order_by(*order), columns)[:CHANGES_SHOWN]))

    order = list_order(register)  # as the register's own list: newest first
    page = paginate(request, with_shown_records(register, records.order_by(*order), columns))
    filing, changes = filed(org, scope.year), None
    # what changed since the filing, record by record (the first of each); a working figure (an
    # area page's) is not filed, so it has no changes to show
    if filing is not None and indicator.key in filing.figures:
        found = changes_since(filing, indicator, records, register.queryset(request.user))
        changes = {"filing": filing, "gone": found.gone, "lists": [
            ("定稿后新计入的记录", found.added.count(), first(found.added)),
            ("定稿时计入、现在不再计入的记录", found.removed.count(), first(found.removed))]}
    return render(request, "indicators/detail.html", {
        "indicator": indicator, "value": value, "year": scope.year, "org": org, "register": register,
        "headers": [c.name for c in columns], "rows": shown(list(page.object_list)), "page": page, "changes": changes,
        "generic": not register.list_url, "title": indicator.label, "nav": "indicators",
    })

