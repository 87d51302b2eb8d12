"""List filters of the mediation registers; an export follows the same filters (registers/services.py)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org, union_options

from .models import Case, CaseStatus, DisputeType, MediationLevel, MediationOrg

YES_NO = [("1", "是"), ("0", "否")]



class MediationOrgFilter(FilterSet):
    q = django_filters.CharFilter(label="名称", method="search")
    level = django_filters.ChoiceFilter(label="层级", choices=MediationLevel.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)
    state = django_filters.ChoiceFilter(label="状态", choices=[("open", "存续"), ("closed", "已撤销")], method="by_state")

    class Meta:
        model = MediationOrg
        fields = ["q", "level", "street", "union", "state"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(employer__name__contains=value) | Q(org__name__contains=value))

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(closed_on__isnull=(value == "open"))


class CaseFilter(FilterSet):
    q = PersonSearchFilter(
        label="案件编号、申请人、身份证号或被申请单位", field="applicant_id_number",
        others=lambda text: Q(number__startswith=text.upper()) | Q(applicant__startswith=text)
        | Q(respondent_employer__name__contains=text) | Q(respondent_org__name__contains=text),
    )
    year = YearFilter(label="申请年度", field_name="applied_on")
    dispute_type = django_filters.ChoiceFilter(label="争议类型", choices=DisputeType.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=CaseStatus.choices)
    overdue = django_filters.ChoiceFilter(label="超期", choices=YES_NO, method="by_overdue")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Case
        fields = ["q", "year", "dispute_type", "status", "overdue", "street", "union"]

    def by_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        return queryset.overdue(today) if value == "1" else queryset.not_overdue(today)
