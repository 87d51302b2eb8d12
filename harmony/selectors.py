"""Reads of 创建劳动关系和谐企业 (SPEC §9): the values of the computed scoring items for one employer,
and the honours the harmony figures count.

Each computed item is a query over the registers as they stand on the step's day (`as_of`), for the
assessed year: contracts and mediation organisations in force on that day, its 在职 workers as the
register stands, cases and inspections of the year."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q

from contracts.models import Contract, ContractType
from honours.models import HonourQuerySet, HonourType
from honours.selectors import honours_in_force
from mediation.choices import CaseStatus
from mediation.models import Case, MediationOrg
from orgs.models import Employer
from supervision.models import Inspection
from workers.models import LabourContract, Worker

from .choices import Source

COLLECTIVE = (ContractType.COMPREHENSIVE, ContractType.REGIONAL, ContractType.INDUSTRY)


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def computed_values(employer: Employer, year: int, as_of: dt.date) -> dict[str, Any]:
    """The value of every computed source for the employer: rates in percent (None with no
    workers to count), conditions as booleans, deductions as counts of records."""
    workers = (
        Worker.objects.filter(employer=employer)
        .employed()
        .aggregate(
            employed=Count("pk"),
            members=Count("pk", filter=Q(is_member=True)),
            signed=Count("pk", filter=Q(labour_contract=LabourContract.SIGNED)),
            due=Count(
                "pk", filter=Q(labour_contract__in=(LabourContract.SIGNED, LabourContract.UNSIGNED))
            ),
        )
    )
    in_force = set(
        Contract.objects.filter(parties=employer)
        .in_force_at(as_of)
        .values_list("contract_type", flat=True)
    )
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return {
        Source.LABOUR_CONTRACTS: _rate(workers["signed"], workers["due"]),
        Source.COLLECTIVE_CONTRACT: bool(in_force & set(COLLECTIVE)),
        Source.WAGE_AGREEMENT: ContractType.WAGE in in_force,
        Source.UNION: employer.union_id is not None,
        Source.MEMBERS_RATE: _rate(workers["members"], workers["employed"]),
        Source.MEDIATION_ORG: MediationOrg.objects.filter(employer=employer)
        .in_being_at(as_of)
        .exists(),
        # a withdrawn application is no dispute held against it
        Source.CASES: Case.objects.filter(
            respondent_employer=employer, applied_on__gte=start, applied_on__lte=end
        )
        .exclude(status=CaseStatus.WITHDRAWN)
        .count(),
        Source.OVERDUE: Inspection.objects.filter(
            employer=employer, inspected_on__gte=start, inspected_on__lte=end
        )
        .overdue(as_of)
        .count(),
    }


def named(honours: HonourQuerySet, year: int) -> HonourQuerySet:
    """harmony.named: honours 劳动关系和谐企业 of 年度 Y, any level, imported ones included."""
    return honours.filter(honour_type=HonourType.HARMONIOUS, year=year).open_at_end_of(year)


def named_total(honours: HonourQuerySet, year: int) -> HonourQuerySet:
    """harmony.named_total: those named in or before Y and not revoked by Y (SPEC §5)."""
    return honours_in_force(honours, year, HonourType.HARMONIOUS)
