"""The base of every list page's FilterSet, and the one search by person of every register that
holds a 身份证号 (list pages, exports and the API apply the same FilterSet)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from core.params import MAX_ID, YEAR_MAX, YEAR_MIN, clean_query
from core.signals import personal_data_searched
from core.widgets import speed_up_selects


class ScopedChoiceFilter(django_filters.ChoiceFilter):
    """A drop-down of (id, name) pairs read for the request's user.

    Unlike ModelChoiceFilter it builds no model objects: for the 300-odd unions of a district that
    is most of a list page's time. An id outside the user's choices is invalid, so ignored."""

    def __init__(self, *args: Any, options: Callable[[HttpRequest], list[tuple[Any, str]]], **kwargs: Any) -> None:
        self.options = options
        super().__init__(*args, choices=[], **kwargs)


class YearFilter(django_filters.NumberFilter):
    """The records of one calendar year of a date field. The FilterSet bounds it to the years a
    date can hold, so 0 or 99999 is named above the list and left out, not a server error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "year")
        super().__init__(*args, **kwargs)


class FilterSet(django_filters.FilterSet):
    """Reads its data through the query parameter layer (core/params.py): text without control
    characters, and every number filter bounded, so a value no database or date can hold is a
    form error shown above the list (the filter is left out) instead of a server error. A number
    filter named `year`, or on a `__year` lookup, takes a year a date can hold; any other, an
    integer a 64-bit column can."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(None if data is None else clean_query(data), *args, **kwargs)
        self.notices: list[str] = []  # what the list page says about the search (shown above the rows)
        self.asks_reason = False  # a full 身份证号 was searched: the form carries the reason for it
        for name, f in self.filters.items():
            if isinstance(f, django_filters.NumberFilter):
                is_year = name == "year" or f.lookup_expr == "year"
                low, high = (YEAR_MIN, YEAR_MAX) if is_year else (-MAX_ID, MAX_ID)
                message = f"应为 {low} 至 {high} 之间的整数"
                f.extra.update(min_value=low, max_value=high, decimal_places=0, max_digits=20, error_messages={
                    "invalid": message, "min_value": message, "max_value": message,
                    "max_decimal_places": message, "max_digits": message, "max_whole_digits": message,
                })

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            form = super().form
            # set on the built form: choices put in the filter would be deep-copied twice more
            for name, f in self.filters.items():
                if isinstance(f, ScopedChoiceFilter):
                    # the field puts its own 全部 first; reading .choices back would give it twice
                    form.fields[name].choices = f.options(self.request)
            speed_up_selects(form)
        return self._form


#: what is taken for a 身份证号, whole or in part (other text that starts with digits, such as a
#: case number 2023劳调00003, is searched as the register's own text only)
ID_DIGITS = re.compile(r"\d+X?")
#: a full 身份证号 as typed in a search box (the check digit is not checked: a wrong one finds nobody)
FULL_ID_NUMBER = re.compile(r"\d{17}[\dX]")
#: how much of a 身份证号 anyone may search by: the region code, which every masked number shows
REGION_DIGITS = 6
REASON_MIN = 2

ASK_REASON = "按完整身份证号查询即查看个人信息：请填写查询原因，查询将记入审计日志。"
REGION_ONLY = "您的角色只能按身份证号前 6 位（地区码）查询。"
REGION_OR_FULL = "身份证号只能按前 6 位（地区码）或完整的 18 位查询。"


def search_person(
    filterset: FilterSet, queryset: QuerySet, value: str, *, others: Q | None = None, field: str = "id_number",
) -> QuerySet:
    """The search box of a register that holds people: `others` (names, numbers, titles: never
    personal data) or the 身份证号 in `field`, by these rules.

    - Up to six digits match the region code, which every masked number shows anyway.
    - A full 身份证号 is a lookup of personal data: only a role that may reveal it runs it, with a
      reason (`reason` beside `q`), and it is audited like a reveal, the number masked. Without a
      reason it finds nothing and the page asks for one.
    - Any other run of digits finds nothing by 身份证号. Whether a number is held never changes what a role that may
      not reveal it sees, so no guess can be confirmed."""
    # full-width digits (a Chinese input method) are digits
    value = unicodedata.normalize("NFKC", value).strip()
    if not value:
        return queryset
    found = others if others is not None else Q(pk__in=[])
    typed = value.upper()
    if ID_DIGITS.fullmatch(typed):
        person = _by_id_number(filterset, typed, field)
        if person is not None:
            found |= person
    return queryset.filter(found)


def _by_id_number(filterset: FilterSet, typed: str, field: str) -> Q | None:
    request = getattr(filterset, "request", None)
    user = getattr(request, "user", None)
    may_reveal = bool(getattr(user, "may_reveal_personal_data", False))
    if typed.isdigit() and len(typed) <= REGION_DIGITS:
        return Q(**{f"{field}__startswith": typed})
    if not may_reveal or not FULL_ID_NUMBER.fullmatch(typed):
        filterset.notices.append(REGION_OR_FULL if may_reveal else REGION_ONLY)
        return None
    filterset.asks_reason = True
    reason = str(filterset.data.get("reason", "")).strip()
    if len(reason) < REASON_MIN:
        filterset.notices.append(ASK_REASON)
        return None
    personal_data_searched.send(  # audited like a reveal (audit.receivers)
        sender=filterset._meta.model, request=request if isinstance(request, HttpRequest) else None, user=user,
        id_number=typed, reason=reason,
    )
    return Q(**{field: typed})


class PersonSearchFilter(django_filters.CharFilter):
    """The `q` of a register that holds people: search_person over `field`, else `others(text)`."""

    def __init__(self, *, label: str, others: Callable[[str], Q], field: str = "id_number") -> None:
        super().__init__(label=label)
        self.others = others
        self.person_field = field

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value or not value.strip():
            return qs
        return search_person(self.parent, qs, value, others=self.others(value.strip()), field=self.person_field)
