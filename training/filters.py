"""List filters of the course, attendance and certificate registers (list pages and exports)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from core.filters import FilterSet, PersonSearchFilter, ScopedChoiceFilter, YearFilter
from orgs.filters import street_options, under_org, union_options

from .models import Attendance, Certificate, Course, CourseCategory

YES_NO = [("1", "是"), ("0", "否")]


class CourseFilter(FilterSet):
    q = django_filters.CharFilter(label="项目名称或主办单位", method="search")
    year = YearFilter(label="年度", field_name="start_date")
    category = django_filters.ChoiceFilter(label="培训类别", choices=CourseCategory.choices)
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Course
        fields = ["q", "year", "category", "street", "union"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(organisers__contains=value))


class AttendanceFilter(FilterSet):
    q = PersonSearchFilter(label="姓名、身份证号或项目名称",
                           others=lambda text: Q(name__startswith=text) | Q(course__name__contains=text))
    year = YearFilter(label="年度", field_name="course__start_date")
    category = django_filters.ChoiceFilter(label="培训类别", choices=CourseCategory.choices, field_name="course__category")
    completed = django_filters.ChoiceFilter(label="是否结业", choices=YES_NO, method="by_completed")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Attendance
        fields = ["q", "year", "category", "completed", "street", "union"]

    def by_completed(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(completed=(value == "1"))


class CertificateFilter(FilterSet):
    q = PersonSearchFilter(
        label="姓名、身份证号、证书编号或名称",
        others=lambda text: Q(name__startswith=text) | Q(number=text.upper()) | Q(title__contains=text),
    )
    year = YearFilter(label="年度", field_name="issued_on")
    category = django_filters.ChoiceFilter(label="培训类别", choices=CourseCategory.choices, field_name="course__category")
    from_course = django_filters.ChoiceFilter(label="来自培训项目", choices=YES_NO, method="by_course")
    street = ScopedChoiceFilter(label="所属街道", options=street_options, method=under_org)
    union = ScopedChoiceFilter(label="所属工会", options=union_options, method=under_org)

    class Meta:
        model = Certificate
        fields = ["q", "year", "category", "from_course", "street", "union"]

    def by_course(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(course__isnull=(value == "0"))
