from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet
from orgs.models import Org

from .models import Role
from .selectors import orgs_for_accounts


def _orgs(request) -> QuerySet[Org]:
    return orgs_for_accounts(request.user)


class AccountFilter(FilterSet):
    q = django_filters.CharFilter(label="用户名或姓名", method="search")
    role = django_filters.ChoiceFilter(label="角色", choices=Role.choices, empty_label="全部")
    org = django_filters.ModelChoiceFilter(label="组织（含下级）", queryset=_orgs, method="under", empty_label="全部")
    state = django_filters.ChoiceFilter(
        label="状态", choices=[("active", "启用"), ("disabled", "停用")], method="by_state", empty_label="全部"
    )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(username__icontains=value) | Q(full_name__contains=value)) if value else queryset

    def under(self, queryset: QuerySet, name: str, value: Org) -> QuerySet:
        return queryset.filter(org__path__startswith=value.path)

    def by_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_active=value == "active")
