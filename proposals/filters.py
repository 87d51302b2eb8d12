from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter
from orgs.filters import street_options, under_org, union_options

from .models import Proposal, ProposalStatus


class ProposalFilter(FilterSet):
    q = PersonSearchFilter(
        label="编号、标题、提出人或身份证号",
        others=lambda text: Q(number__startswith=text.upper()) | Q(title__contains=text) | Q(proposer__startswith=text),
    )
    year = django_filters.NumberFilter(label="提出年份", method="by_year")
    status = django_filters.ChoiceFilter(label="状态", choices=ProposalStatus.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Proposal
        fields = ["q", "year", "status", "street", "union"]

    def by_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        year = int(value)  # the FilterSet bounds it to a year a date can hold
        return queryset.filter(submitted_on__gte=dt.date(year, 1, 1), submitted_on__lte=dt.date(year, 12, 31))
