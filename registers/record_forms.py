"""The create/edit form of any register: one text cell per column, checked by `records.save_record`.

Its fields only collect what a person types; every rule is applied by the import's checker, so
the form's messages are the import's messages, put on the field of their column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from core.declarations import Column, Problem, Register


def _field(column: Column, *, kept_when_blank: str = "") -> forms.Field:
    help_text = column.help.replace("必填；", "").replace("选填；", "").replace("必填", "").replace("选填", "")
    if kept_when_blank:
        help_text = f"当前：{kept_when_blank}；留空表示不修改"
    common: dict[str, Any] = {"label": column.name, "required": False, "help_text": help_text}
    if column.choices:
        return forms.ChoiceField(choices=[("", "—"), *((c, c) for c in column.choices)], **common)
    if column.kind == "bool":
        return forms.ChoiceField(choices=[("", "—"), ("是", "是"), ("否", "否")], **common)
    if column.kind == "date":
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if column.kind in ("int", "decimal"):
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    if column.name in ("议题", "发现问题", "形成文件"):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(max_length=500, **common)


def _initial(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return "" if value is None else value


class RecordForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    conflict = False  # set by the edit page when another person saved the record meanwhile

    def __init__(
        self, *args: Any, register: Register, cells: dict[str, Any] | None = None, editing: bool = False, **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.register = register
        self.by_column: dict[str, str] = {}
        self.kept_state = ""  # the state column's header, when the workflow keeps it out of the form
        flow = getattr(register.model, "WORKFLOW", None)
        for index, column in enumerate(register.columns):
            if editing and flow is not None and column.target == flow.field:
                self.kept_state = column.name  # a state changes through its workflow's moves, with a reason
                continue
            name = f"c{index}"
            kept = ""
            if editing and column.mask is not None:
                kept = column.mask(str((cells or {}).get(column.name) or "")) or "未填写"
            self.fields[name] = _field(column, kept_when_blank=kept)
            if cells is not None and not kept:
                self.initial[name] = _initial(cells.get(column.name))
            self.by_column[column.name] = name
        self.stored = cells or {}

    def cells(self) -> dict[str, Any]:
        """{header: text} as an import row; a blank masked cell keeps the stored value."""
        out = {}
        for column in self.register.columns:
            name = self.by_column.get(column.name)
            if column.name == self.kept_state:
                out[column.name] = self.stored.get(column.name) or ""
                continue
            if name is None:
                continue
            value = (self.cleaned_data.get(name) or "").strip()
            if not value and column.mask is not None and self.stored.get(column.name):
                value = self.stored[column.name]
            out[column.name] = value
        return out

    def add_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            name = self.by_column.get(problem.column)
            message = f"{problem.value}：{problem.reason}" if problem.value and name is None else problem.reason
            if name is None and problem.column:
                message = f"「{problem.column}」{message}"
            self.add_error(name, message)
