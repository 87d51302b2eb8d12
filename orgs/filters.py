from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, ScopedChoiceFilter

from .models import GRASSROOTS, Employer, EmployerType, Org, OrgType


def street_options(request) -> list[tuple[int, str]]:
    return list(Org.objects.visible_to(request.user).filter(org_type=OrgType.STREET).order_by("name").values_list("id", "name"))


def union_options(request) -> list[tuple[int, str]]:
    return list(Org.objects.visible_to(request.user).filter(org_type__in=GRASSROOTS).order_by("name").values_list("id", "name"))


def under_org(queryset: QuerySet, name: str, value: str) -> QuerySet:
    """A register's list filter by 所属街道/所属工会: records whose owning node lies in the chosen
    org's subtree (the choices are already the user's own orgs)."""
    return queryset.filter(node__path__startswith=Org.objects.filter(pk=value).values("path")[:1])


class OpenClosedFilter(django_filters.ChoiceFilter):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=[("open", "存续"), ("closed", "已撤销/注销")], method=self.by_state, **kwargs)

    @staticmethod
    def by_state(queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return queryset.filter(closed_on__isnull=True)
        if value == "closed":
            return queryset.filter(closed_on__isnull=False)
        return queryset


class OrgFilter(FilterSet):
    q = django_filters.CharFilter(label="名称", method="search")
    org_type = django_filters.ChoiceFilter(label="组织类型", choices=OrgType.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method="under")
    state = OpenClosedFilter(label="状态")

    class Meta:
        model = Org
        fields = ["q", "org_type", "street", "state"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__contains=value.strip()) | Q(chairman__contains=value.strip()))

    def under(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(path__startswith=Org.objects.filter(pk=value).values("path")[:1])


class EmployerFilter(FilterSet):
    q = django_filters.CharFilter(label="名称或信用代码", method="search")
    street = ScopedChoiceFilter(label="所属街道", options=street_options)
    union = ScopedChoiceFilter(label="所属工会", options=union_options)
    employer_type = django_filters.ChoiceFilter(label="单位类型", choices=EmployerType.choices)
    has_union = django_filters.ChoiceFilter(
        label="建会情况", choices=[("1", "已建会"), ("0", "未建会")], method="by_union"
    )
    state = OpenClosedFilter(label="状态")

    class Meta:
        model = Employer
        fields = ["q", "street", "union", "employer_type", "has_union", "state"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if len(value) == 18 and value.isalnum():
            return queryset.filter(credit_code=value.upper())
        return queryset.filter(Q(name__contains=value) | Q(credit_code__startswith=value.upper()))

    def by_union(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(union__isnull=(value == "0"))
