"""The radar page's filters (SPEC §9): the date, street, level, signal and the date to compare with."""

from __future__ import annotations

from typing import Any

from django import forms

from .choices import Level
from .signals import SIGNALS


class RadarForm(forms.Form):
    date = forms.DateField(
        label="评估日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "评估日应写作 YYYY-MM-DD"},
    )
    street = forms.TypedChoiceField(label="所属街道", required=False, coerce=int, empty_value=None)
    level = forms.ChoiceField(
        label="等级",
        required=False,
        choices=[("", "有风险（得分大于0）"), *Level.choices, ("all", "全部单位")],
    )
    signal = forms.ChoiceField(
        label="信号", required=False, choices=[("", "全部"), *((s.name, s.name) for s in SIGNALS)]
    )
    since = forms.DateField(
        label="对比日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="列出该日的等级，看哪些单位升级或降级",
        error_messages={"invalid": "对比日应写作 YYYY-MM-DD"},
    )

    def __init__(self, *args: Any, streets: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # a street outside the viewer's subtree is not a choice (and so refused)
        self.fields["street"].choices = [("", "全部"), *streets]
        self.fields["street"].error_messages["invalid_choice"] = "所属街道“%(value)s”不在可选范围内"
