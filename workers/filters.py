from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter
from orgs.filters import street_options, union_options
from orgs.models import Employer, EmployerType

from .models import LabourContract, Worker, WorkStatus


def visible_employers(request) -> QuerySet:
    return Employer.objects.visible_to(request.user)


class WorkerFilter(FilterSet):
    q = PersonSearchFilter(label="姓名或身份证号", others=lambda text: Q(name__startswith=text))
    street = ScopedChoiceFilter(label="所属街道", options=street_options, field_name="employer__street")
    union = ScopedChoiceFilter(label="所属工会", options=union_options, field_name="employer__union")
    employer = django_filters.ModelChoiceFilter(
        label="所在单位", queryset=visible_employers, widget=django_filters.widgets.forms.HiddenInput
    )
    employer_type = django_filters.ChoiceFilter(
        label="单位类型", choices=EmployerType.choices, field_name="employer__employer_type"
    )
    labour_contract = django_filters.ChoiceFilter(label="劳动合同", choices=LabourContract.choices)
    status = django_filters.ChoiceFilter(label="在职状态", choices=WorkStatus.choices)
    is_member = django_filters.ChoiceFilter(
        label="是否会员", choices=[("1", "是"), ("0", "否")], method="by_member"
    )

    class Meta:
        model = Worker
        fields = ["q", "street", "union", "employer", "employer_type", "labour_contract", "status", "is_member"]

    def by_member(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_member=(value == "1"))
