from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter
from orgs.filters import street_options, under_org, union_options

from .models import Facility, FacilityType, Honour, HonourType, Level


class HonourFilter(FilterSet):
    q = PersonSearchFilter(label="对象或身份证号", others=lambda text: Q(name__contains=text))
    year = django_filters.NumberFilter(label="年度", method="by_year")
    type = django_filters.ChoiceFilter(label="类型", choices=HonourType.choices, field_name="honour_type")
    level = django_filters.ChoiceFilter(label="级别", choices=Level.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=[("current", "现行"), ("revoked", "已撤销")],
                                         method="by_status")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Honour
        fields = ["q", "year", "type", "level", "status", "street", "union"]

    def by_year(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset.filter(year=int(value))  # the FilterSet bounds it to a year a date can hold

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        this_year = timezone.localdate().year
        return queryset.in_force(this_year) if value == "current" else queryset.revoked_by(this_year)


class FacilityFilter(FilterSet):
    q = django_filters.CharFilter(label="名称", method="search")
    year = django_filters.NumberFilter(label="建成年份", method="by_year")
    type = django_filters.ChoiceFilter(label="类型", choices=FacilityType.choices, field_name="facility_type")
    level = django_filters.ChoiceFilter(label="级别", choices=Level.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=[("open", "在用"), ("closed", "已停用")],
                                         method="by_status")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Facility
        fields = ["q", "year", "type", "level", "status", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(name__contains=value.strip())

    def by_year(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        year = int(value)  # the FilterSet bounds it to a year a date can hold
        return queryset.filter(built_on__gte=dt.date(year, 1, 1), built_on__lte=dt.date(year, 12, 31))

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        return queryset.open_at(today) if value == "open" else queryset.closed_at(today)
