"""Reads of the training registers behind the SPEC §5 indicators: each returns the QuerySet an
indicator counts (its drill-down) or the figure over one. Callers pass a scoped QuerySet
(`Model.objects.visible_to(user)` or `.in_subtree(path)`)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Certificate, CourseCategory, CourseQuerySet, person_times_total


def enterprise_technical_courses(courses: CourseQuerySet, year: int) -> CourseQuerySet:
    """技术培训 courses starting in `year` hosted by a 企业-type employer itself (training.enterprises)."""
    return courses.starting_in(year).filter(category=CourseCategory.TECHNICAL).hosted_by_enterprises()


def hosting_enterprises(courses: QuerySet) -> int:
    """Distinct host employers of these courses (training.enterprises over the set above)."""
    return courses.exclude(host_employer=None).values("host_employer").distinct().count()


def free_courses(courses: CourseQuerySet, year: int) -> CourseQuerySet:
    """免费培训 courses starting in `year` (free_training.projects)."""
    return courses.starting_in(year).filter(category=CourseCategory.FREE)


def certificate_people(certificates: QuerySet[Certificate], year: int, *, courses: QuerySet | None = None) -> int:
    """Distinct 身份证号 with a certificate issued in `year` (certificates.people); with `courses`,
    only certificates naming one of them (free_training.certificates)."""
    issued = certificates.filter(issued_on__year=year)
    if courses is not None:
        issued = issued.filter(course__in=courses.values("pk"))
    return issued.values("id_number").distinct().count()


__all__ = ["certificate_people", "enterprise_technical_courses", "free_courses", "hosting_enterprises", "person_times_total"]
