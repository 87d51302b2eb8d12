from __future__ import annotations

import django_filters
from django.db.models import Q

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter
from orgs.filters import street_options, under_org, union_options

from .choices import Employment, State
from .models import Member


class MemberFilter(FilterSet):
    q = PersonSearchFilter(
        label="姓名、会员证号或身份证号",
        others=lambda text: (
            Q(card_number=text) | Q(name__startswith=text) | Q(worker__name__startswith=text)
        ),
    )
    status = django_filters.ChoiceFilter(label="会籍状态", choices=State.choices)
    employment = django_filters.ChoiceFilter(label="就业形态", choices=Employment.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所在工会", options=union_options, method=under_org)

    class Meta:
        model = Member
        fields = ["q", "status", "employment", "street", "union"]
