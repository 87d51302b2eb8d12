from __future__ import annotations

import django_filters
from django import forms

from core.filters import FilterSet

from .models import Action, AuditEntry, Result


class AuditFilter(FilterSet):
    username = django_filters.CharFilter(label="用户", lookup_expr="exact")
    action = django_filters.ChoiceFilter(label="操作", choices=Action.choices)
    result = django_filters.ChoiceFilter(label="结果", choices=Result.choices)
    since = django_filters.DateFilter(
        label="起始日期", field_name="at", lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        label="截止日期", field_name="at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    object_repr = django_filters.CharFilter(label="对象", lookup_expr="contains")

    class Meta:
        model = AuditEntry
        fields = ["username", "action", "result", "since", "until", "object_repr"]
