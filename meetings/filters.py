"""The meeting register's list filter (also what its export applies)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org, union_options

from .models import Meeting, MeetingType


class MeetingFilter(FilterSet):
    q = django_filters.CharFilter(label="议题或文件", method="search")
    year = YearFilter(label="年度", field_name="held_on")
    meeting_type = django_filters.ChoiceFilter(label="会议类型", choices=MeetingType.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Meeting
        fields = ["q", "year", "meeting_type", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(topics__contains=value) | Q(documents__contains=value))
