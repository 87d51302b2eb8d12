from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.filters import FilterSet, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org

from .choices import FoundingForm, Status
from .models import Founding


class FoundingFilter(FilterSet):
    q = django_filters.CharFilter(label="编号、名称或单位", method="search")
    year = YearFilter(label="启动年度", field_name="started_on")
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices)
    form = django_filters.ChoiceFilter(label="组建形式", choices=FoundingForm.choices)
    overdue = django_filters.ChoiceFilter(
        label="筹建超期", choices=[("1", "是"), ("0", "否")], method="by_overdue"
    )
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)

    class Meta:
        model = Founding
        fields = ["q", "year", "status", "form", "overdue", "street"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value)
            | Q(name__contains=value)
            | Q(units__name__contains=value)
            | Q(unit_codes__contains=value.upper())
        ).distinct()

    def by_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        due = Founding.objects.due(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=due) if value == "1" else queryset.exclude(pk__in=due)
