"""The base of every list page's FilterSet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.http import HttpRequest

from core.params import MAX_ID, YEAR_MAX, YEAR_MIN, clean_query
from core.widgets import speed_up_selects


class ScopedChoiceFilter(django_filters.ChoiceFilter):
    """A drop-down of (id, name) pairs read for the request's user.

    Unlike ModelChoiceFilter it builds no model objects: for the 300-odd unions of a district that
    is most of a list page's time. An id outside the user's choices is invalid, so ignored."""

    def __init__(self, *args: Any, options: Callable[[HttpRequest], list[tuple[Any, str]]], **kwargs: Any) -> None:
        self.options = options
        super().__init__(*args, choices=[], **kwargs)


class FilterSet(django_filters.FilterSet):
    """Reads its data through the query parameter layer (core/params.py): text without control
    characters, and every number filter bounded, so a value no database or date can hold is a
    form error shown above the list (the filter is left out) instead of a server error. A number
    filter named `year`, or on a `__year` lookup, takes a year a date can hold; any other, an
    integer a 64-bit column can."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(None if data is None else clean_query(data), *args, **kwargs)
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
                    form.fields[name].choices = [*form.fields[name].choices, *f.options(self.request)]
            speed_up_selects(form)
        return self._form
