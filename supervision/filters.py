from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.filters import FilterSet, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org, union_options

from .models import Inspection, Matter, RectificationResult


class InspectionFilter(FilterSet):
    q = django_filters.CharFilter(label="检查编号或单位", method="search")
    year = YearFilter(label="年度", field_name="inspected_on")
    matter = django_filters.ChoiceFilter(label="检查事项", choices=Matter.choices, field_name="matters",
                                         lookup_expr="contains")
    result = django_filters.ChoiceFilter(label="整改结果", choices=RectificationResult.choices)
    overdue = django_filters.ChoiceFilter(label="逾期", choices=[("1", "是"), ("0", "否")], method="by_overdue")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Inspection
        fields = ["q", "year", "matter", "result", "overdue", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value) | Q(employer__name__contains=value) | Q(org__name__contains=value)
            | Q(employer__credit_code=value.upper()))

    def by_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        return queryset.overdue(today) if value == "1" else queryset.not_overdue(today)
