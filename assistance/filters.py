from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org, union_options

from .models import OPEN_STATES, Application, AssistanceType, Status


class ApplicationFilter(FilterSet):
    q = PersonSearchFilter(label="申请编号、申请人或身份证号",
                           others=lambda text: Q(number__icontains=text) | Q(applicant__startswith=text))
    year = YearFilter(label="年度", field_name="applied_on")
    kind = django_filters.ChoiceFilter(label="救助类型", choices=AssistanceType.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices)
    open = django_filters.ChoiceFilter(label="办理情况", choices=[("1", "未办结"), ("0", "已办结")], method="by_open")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Application
        fields = ["q", "year", "kind", "status", "open", "street", "union"]

    def by_open(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(status__in=OPEN_STATES) if value == "1" else queryset.exclude(status__in=OPEN_STATES)
