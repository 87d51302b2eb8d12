"""The list filters of the instructor and contract registers (also what their exports apply)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org, union_options

from .models import Contract, ContractType, Instructor, SigningMode, Status


class InstructorFilter(FilterSet):
    q = PersonSearchFilter(label="姓名或身份证号", others=lambda text: Q(name__startswith=text))
    year = YearFilter(label="聘任年度", field_name="appointed_on")
    status = django_filters.ChoiceFilter(label="状态", choices=[("active", "在任"), ("dismissed", "已解聘")],
                                         method="by_status")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Instructor
        fields = ["q", "year", "status", "street", "union"]

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        active = queryset.active_at(today)
        return active if value == "active" else queryset.exclude(pk__in=active.values("pk"))


class ContractFilter(FilterSet):
    q = django_filters.CharFilter(label="合同编号或签约单位", method="search")
    year = YearFilter(label="签订年度", field_name="signed_on")
    contract_type = django_filters.ChoiceFilter(label="合同类型", choices=ContractType.choices)
    signing_mode = django_filters.ChoiceFilter(label="签订方式", choices=SigningMode.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices, method="by_status")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Contract
        fields = ["q", "year", "contract_type", "signing_mode", "status", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value) | Q(party_codes__contains=value.upper())
            | Q(pk__in=Contract.objects.filter(parties__name__contains=value).values("pk"))
        )

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_status_of(value, timezone.localdate())
