"""A select that renders its options in Python.

Django renders each <option> through a template; for the 300-odd unions of a district that costs
more than the rest of a list page together (bench/worker_list.py).
"""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    """Flat choices only (no option groups), which is all the filter bars use."""

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        selected = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(str(v))}"{" selected" if str(v) in selected else ""}>{escape(str(label))}</option>'
            for v, label in self.choices
        )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), mark_safe(options))  # noqa: S308 - every part escaped above


def speed_up_selects(form: forms.BaseForm) -> forms.BaseForm:
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget = FastSelect(attrs=field.widget.attrs)
            field.widget.choices = field.choices  # type: ignore[attr-defined]  # a Select's field has choices
    return form
