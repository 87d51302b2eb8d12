"""Reads of the founding register that pages and figures share."""

from __future__ import annotations

from django.db.models import QuerySet

from orgs.models import Employer

from .models import Founding, FoundingUnit


def units_of(foundings: QuerySet[Founding]) -> QuerySet[Employer]:
    """The distinct 涉及单位 of these foundings, as employer records (a drill-down lists them)."""
    links = FoundingUnit.objects.filter(founding__in=foundings.order_by().values("pk"))
    return Employer.objects.filter(pk__in=links.values("employer_id"))
