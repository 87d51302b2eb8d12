"""Indicator pages: every figure of a year for a subtree with its definition, and each figure's
drill-down — the records it counted, from the very QuerySet that gave the figure."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.lists import paginate
from core.permissions import business_reader
from orgs.models import Org
from registers.catalog import registers
from registers.records import display_rows

from .catalog import BY_KEY, INDICATORS, figure
from .report import json_number
from .scope import Scope


def _scope(request: HttpRequest) -> tuple[Scope, Org]:
    """?year=Y&org=ID within the user's subtree (default: last year, the user's own org)."""
    user = request.user
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    org = user.org
    if chosen := request.GET.get("org"):
        org = Org.objects.visible_to(user).filter(pk=chosen).first() or org
    return Scope(year, org.path, user), org


def _change(now: Any, before: Any) -> Any:
    if now is None or before is None:
        return None
    return now - before


@business_reader
def indicator_list(request: HttpRequest) -> HttpResponse:
    scope, org = _scope(request)
    rows = []
    for indicator in INDICATORS:
        now, before = json_number(figure(indicator, scope)), json_number(figure(indicator, scope.previous()))
        rows.append((indicator, now, before, _change(now, before)))
    orgs = Org.objects.visible_to(request.user).filter(depth__lte=request.user.org.depth + 1).order_by("path")
    return render(request, "indicators/list.html", {
        "rows": rows, "year": scope.year, "org": org, "orgs": orgs, "title": f"{org.name}{scope.year}年指标", "nav": "indicators",
    })


@business_reader
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    indicator = BY_KEY.get(key)
    if indicator is None:
        raise Http404("没有这个指标")
    scope, org = _scope(request)
    records = indicator.records(scope)
    value = json_number(indicator.measure(records, scope))
    register = registers()[indicator.register]
    page = paginate(request, records.order_by("pk"))
    from registers.record_views import list_columns

    columns = list_columns(register)
    rows = list(zip(page.object_list, display_rows(register, list(page.object_list), columns=columns), strict=True))
    return render(request, "indicators/detail.html", {
        "indicator": indicator, "value": value, "year": scope.year, "org": org, "register": register,
        "headers": [c.name for c in columns], "rows": rows, "page": page,
        "generic": not register.list_url, "title": indicator.label, "nav": "indicators",
    })
