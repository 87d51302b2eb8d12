"""List filters of the competition and entry registers (list pages and exports share them)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter
from orgs.filters import street_options, under_org, union_options

from .models import Award, Competition, ContestType, Entry, Level


class CompetitionFilter(FilterSet):
    q = django_filters.CharFilter(label="竞赛名称或主办单位", method="search")
    year = django_filters.NumberFilter(label="年度", field_name="year")
    contest_type = django_filters.ChoiceFilter(label="竞赛类型", choices=ContestType.choices)
    level = django_filters.ChoiceFilter(label="级别", choices=Level.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Competition
        fields = ["q", "year", "contest_type", "level", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(organisers__contains=value))


class EntryFilter(FilterSet):
    q = PersonSearchFilter(label="姓名、身份证号或竞赛名称",
                           others=lambda text: Q(name__startswith=text) | Q(competition__name__contains=text))
    year = django_filters.NumberFilter(label="年度", field_name="competition__year")
    contest_type = django_filters.ChoiceFilter(label="竞赛类型", choices=ContestType.choices,
                                               field_name="competition__contest_type")
    level = django_filters.ChoiceFilter(label="级别", choices=Level.choices, field_name="competition__level")
    award = django_filters.ChoiceFilter(label="奖项", choices=Award.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Entry
        fields = ["q", "year", "contest_type", "level", "award", "street", "union"]
