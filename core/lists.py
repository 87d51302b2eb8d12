"""Sorting and pagination shared by every list page."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass
class Column:
    key: str  # the value of ?sort=
    label: str
    order_by: str | None = None  # None: not sortable
    numeric: bool = False


def sort_queryset(request: HttpRequest, queryset: QuerySet, columns: list[Column], default: str) -> tuple[QuerySet, str]:
    """Apply ?sort=key or ?sort=-key when the key names a sortable column; the id breaks ties."""
    wanted = request.GET.get("sort", default)
    key = wanted.removeprefix("-")
    by_key = {c.key: c.order_by for c in columns if c.order_by}
    if key not in by_key:
        wanted, key = default, default.removeprefix("-")
    field = by_key[key]
    descending = wanted.startswith("-")
    return queryset.order_by(f"-{field}" if descending else field, "-id" if descending else "id"), wanted


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = 50) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def paginate_by_ids(request: HttpRequest, queryset: QuerySet, per_page: int = 50) -> Page:
    """paginate, with the page's ids found first by a narrow query (the filters and the order
    only) and then its records read whole, in that order: sorting every row of a wide join (a
    member with its worker, employer and union) for one page of 50 was most of a large list's time."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    records = {record.pk: record for record in queryset.order_by().filter(pk__in=ids)} if ids else {}
    page.object_list = [records[pk] for pk in ids if pk in records]
    return page


@dataclass
class Header:
    label: str
    sort_to: str | None  # the ?sort= value a click on this header asks for
    arrow: str
    numeric: bool


def headers(columns: list[Column], current: str) -> list[Header]:
    out = []
    for c in columns:
        if not c.order_by:
            out.append(Header(c.label, None, "", c.numeric))
            continue
        on = current.removeprefix("-") == c.key
        descending = current.startswith("-")
        out.append(Header(c.label, (c.key if on and descending else f"-{c.key}") if on else c.key,
                          ("▼" if descending else "▲") if on else "", c.numeric))
    return out
