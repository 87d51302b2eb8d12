"""The year's honour and facility figures (SPEC §5), each the count of a QuerySet returned here,
so a figure and its drill-down (the same QuerySet, paginated) always agree.

`honours` / `facilities` is the scoped starting set: `Model.objects.visible_to(user)` for a page,
`Model.objects.in_subtree(org.path)` for a report. Records owned through an employer or org closed
by the end of the year are left out (SPEC §5).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from .models import PROVINCIAL, FacilityQuerySet, FacilityType, HonourQuerySet, HonourType

CENT = Decimal("0.01")


def honours_in_force(honours: HonourQuerySet, year: int, honour_type: str) -> HonourQuerySet:
    """Honours of a type named in or before `year` and not revoked by it, any level."""
    return honours.filter(honour_type=honour_type).in_force(year).open_at_end_of(year)


def learning_orgs(honours: HonourQuerySet, year: int) -> HonourQuerySet:
    """honours.learning_orgs"""
    return honours_in_force(honours, year, HonourType.LEARNING_ORG)


def learning_teams(honours: HonourQuerySet, year: int) -> HonourQuerySet:
    """honours.learning_teams"""
    return honours_in_force(honours, year, HonourType.LEARNING_TEAM)


def knowledge_workers(honours: HonourQuerySet, year: int) -> HonourQuerySet:
    """honours.knowledge_workers"""
    return honours_in_force(honours, year, HonourType.KNOWLEDGE_WORKER)


def facilities_open(facilities: FacilityQuerySet, year: int, facility_type: str) -> FacilityQuerySet:
    """Facilities of a type built by 31 Dec of `year` and not closed by then."""
    return facilities.filter(facility_type=facility_type).open_at(dt.date(year, 12, 31)).open_at_end_of(year)


def clubs(facilities: FacilityQuerySet, year: int) -> FacilityQuerySet:
    """facilities.clubs"""
    return facilities_open(facilities, year, FacilityType.CLUB)


def book_houses(facilities: FacilityQuerySet, year: int) -> FacilityQuerySet:
    """facilities.book_houses"""
    return facilities_open(facilities, year, FacilityType.BOOK_HOUSE)


def book_houses_provincial(facilities: FacilityQuerySet, year: int) -> FacilityQuerySet:
    """facilities.book_houses_provincial: of the book houses, 级别 省级 or 全国."""
    return book_houses(facilities, year).filter(level__in=PROVINCIAL)


def total_funds(facilities: FacilityQuerySet) -> Decimal:
    """Σ 专项经费(万元) of the facilities given, two decimals."""
    total = facilities.aggregate(total=Sum("funds"))["total"]
    return (total or Decimal(0)).quantize(CENT)
