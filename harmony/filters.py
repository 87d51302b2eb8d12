from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, ScopedChoiceFilter
from orgs.filters import street_options, under_org, union_options

from .choices import Level, Status
from .models import Assessment


class AssessmentFilter(FilterSet):
    q = django_filters.CharFilter(label="单位名称或信用代码", method="search")
    year = django_filters.NumberFilter(label="年度", method="by_year")
    level = django_filters.ChoiceFilter(label="申报级别", choices=Level.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Assessment
        fields = ["q", "year", "level", "status", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(employer__name__contains=value) | Q(employer__credit_code=value.upper())
        )

    def by_year(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset.filter(year=int(value))  # the FilterSet bounds it to a year a date can hold
