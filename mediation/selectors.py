"""Reads of the mediation registers that the annual report builds on (SPEC §5)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import MediationLevel, MediationOrg, MediationOrgQuerySet

#: SPEC §5 mediation.* keys → the 层级 each counts
INDICATOR_LEVELS = {
    "mediation.district": MediationLevel.DISTRICT,
    "mediation.street": MediationLevel.STREET,
    "mediation.enterprise": MediationLevel.ENTERPRISE,
    "mediation.people": MediationLevel.PEOPLE,
}


def mediation_orgs_in_being(*, key: str, year: int, queryset: MediationOrgQuerySet | None = None) -> QuerySet[MediationOrg]:
    """The records a mediation.* indicator counts: organisations of its 层级 in being at the end of
    `year`, within `queryset` (a subtree's, e.g. MediationOrg.objects.in_subtree(path))."""
    base = MediationOrg.objects.all() if queryset is None else queryset
    return base.at_end_of(year).filter(level=INDICATOR_LEVELS[key])
