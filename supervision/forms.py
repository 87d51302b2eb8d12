from __future__ import annotations

from django import forms

from .models import RectificationResult


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="整改结果", choices=RectificationResult.choices)
    reason = forms.CharField(label="原因", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="如复查时间和情况；记入变更记录和审计日志")
