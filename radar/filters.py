"""The list filters of the leads register; an export follows the same filters."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org, union_options

from .choices import LeadKind, Verdict
from .models import Lead


class LeadFilter(FilterSet):
    q = django_filters.CharFilter(label="线索编号或单位", method="search")
    year = YearFilter(label="发现年度", field_name="found_on")
    kind = django_filters.ChoiceFilter(label="类型", choices=LeadKind.choices)
    verdict = django_filters.ChoiceFilter(label="核实结果", choices=Verdict.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Lead
        fields = ["q", "year", "kind", "verdict", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(
            Q(number__icontains=value)
            | Q(employer__name__contains=value)
            | Q(employer__credit_code=value.upper())
        )
