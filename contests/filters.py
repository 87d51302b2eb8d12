"""List filters of the competition and entry registers (list pages and exports share them)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, ScopedChoiceFilter
from orgs.filters import street_options, under_org, union_options

from .models import Award, Competition, ContestType, Entry, Level


def search_person(queryset: QuerySet, value: str, *, extra: Q | None = None) -> QuerySet:
    """A full 身份证号 matches exactly (never a prefix: the masked birth date stays hidden); other
    text matches the 姓名 (and `extra`)."""
    value = value.strip()
    if len(value) == 18:
        return queryset.filter(id_number=value.upper())
    found = Q(name__startswith=value)
    return queryset.filter(found | extra if extra is not None else found)


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
    q = django_filters.CharFilter(label="姓名、身份证号或竞赛名称", method="search")
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

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_person(queryset, value, extra=Q(competition__name__contains=value.strip()))
