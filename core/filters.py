"""The base of every list page's FilterSet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.http import HttpRequest

from core.widgets import speed_up_selects


class ScopedChoiceFilter(django_filters.ChoiceFilter):
    """A drop-down of (id, name) pairs read for the request's user.

    Unlike ModelChoiceFilter it builds no model objects: for the 300-odd unions of a district that
    is most of a list page's time. An id outside the user's choices is invalid, so ignored."""

    def __init__(self, *args: Any, options: Callable[[HttpRequest], list[tuple[Any, str]]], **kwargs: Any) -> None:
        self.options = options
        super().__init__(*args, choices=[], **kwargs)


class YearFilter(django_filters.NumberFilter):
    """The records of one calendar year of a date field. A year no date can have (0, 99999)
    matches nothing, where a `__year` lookup would fail building its date range."""

    field_class = forms.IntegerField

    def filter(self, queryset: Any, value: Any) -> Any:
        if value is None:
            return queryset
        if not dt.MINYEAR <= value <= dt.MAXYEAR:
            return queryset.none()
        return queryset.filter(**{f"{self.field_name}__year": value})


class FilterSet(django_filters.FilterSet):
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
