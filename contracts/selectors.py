"""Reads of the contract registers that figures, drill-downs and pages share (SPEC §5).

Each indicator is a QuerySet: the figure is its count (or a sum over it), the drill-down is the
same QuerySet listed, so they cannot disagree. `org` limits to that org's subtree (None: the whole
tree); a page passes its user's visible records as `base`.

Employer-based figures (units_*) use the employer's node (SPEC §5), and an employer closed on or
before 31 Dec Y drops out of year-Y figures with what it owns.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Length, RowNumber

from orgs.models import Employer, EmployerType, Org

from .models import Contract, ContractParty, ContractQuerySet, Instructor, InstructorQuerySet


def higher_number(prefix: str = "") -> list:
    """"The higher 合同编号" (SPEC §5) as people read numbers: HT-10 above HT-9, so the longer
    number first, then by text (JT2024-0012 above JT2024-0009)."""
    return [Length(f"{prefix}number").desc(), F(f"{prefix}number").desc()]


HIGHER_NUMBER = higher_number()


def _end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _employers(at: dt.date, org: Org | None, base: QuerySet | None) -> QuerySet:
    """Employers open on `at`, in the subtree."""
    queryset = base if base is not None else Employer.objects.all()
    if org is not None:
        queryset = queryset.filter(node__path__startswith=org.path)
    return queryset.exclude(closed_on__lte=at)


def _contracts(base: ContractQuerySet | None) -> ContractQuerySet:
    return base if base is not None else Contract.objects.all()


def _parties_of(contracts: QuerySet) -> QuerySet:
    """The employer ids under these contracts, as a subquery (no join multiplies the rows)."""
    return ContractParty.objects.filter(contract__in=contracts).values("employer_id")


# --- figures --------------------------------------------------------------------------------------

def units_signed(year: int, *, org: Org | None = None, base: QuerySet | None = None,
                 contracts: ContractQuerySet | None = None) -> QuerySet:
    """contracts.units_signed: distinct employers (any 单位类型) under a contract of any type signed in Y."""
    signed = _contracts(contracts).signed_in(year)
    return _employers(_end(year), org, base).filter(pk__in=_parties_of(signed))


def covered_at(day: dt.date, *, org: Org | None = None, base: QuerySet | None = None,
               contracts: ContractQuerySet | None = None) -> QuerySet:
    """Employers under a 综合性/区域性/行业性集体合同 or 工资专项集体协议 in force on `day`."""
    in_force = _contracts(contracts).covering().in_force_at(day)
    return _employers(day, org, base).filter(pk__in=_parties_of(in_force))


def units_total(year: int, *, org: Org | None = None, base: QuerySet | None = None,
                contracts: ContractQuerySet | None = None) -> QuerySet:
    """contracts.units_total: employers covered at the end of Y."""
    return covered_at(_end(year), org=org, base=base, contracts=contracts)


def covered_contracts(year: int, *, org: Org | None = None, base: QuerySet | None = None,
                      contracts: ContractQuerySet | None = None) -> ContractQuerySet:
    """The contracts contracts.covered_workers adds up: each counted employer's latest contract in
    force at the end of Y, each contract once (a regional contract covers many employers)."""
    end = _end(year)
    employers = units_total(year, org=org, base=base, contracts=contracts)
    in_force = _contracts(contracts).covering().in_force_at(end)
    # each employer's covering contracts ranked once (later 签订日期, then higher 合同编号): one
    # pass, where a per-employer "latest" subquery would rescan the contracts for every employer
    ranked = ContractParty.objects.filter(contract__in=in_force, employer__in=employers).annotate(
        rank=Window(RowNumber(), partition_by=[F("employer_id")],
                    order_by=[F("contract__signed_on").desc(), *higher_number("contract__")]),
    ).filter(rank=1).values("contract_id")
    return Contract.objects.filter(pk__in=ranked)


def covered_workers(year: int, *, org: Org | None = None, base: QuerySet | None = None,
                    contracts: ContractQuerySet | None = None) -> int:
    """contracts.covered_workers: Σ 覆盖职工人数 over covered_contracts."""
    return covered_contracts(year, org=org, base=base, contracts=contracts).aggregate(
        n=Sum("covered_workers"))["n"] or 0


def instructors_active(year: int, *, org: Org | None = None, base: InstructorQuerySet | None = None) -> QuerySet:
    """instructors.active: appointed by the end of Y and not dismissed by then."""
    queryset = base if base is not None else Instructor.objects.all()
    if org is not None:
        queryset = queryset.in_subtree(org.path)
    return queryset.active_at(_end(year))


# --- pages ------------------------------------------------------------------------------------------

def uncovered_employers(today: dt.date, *, base: QuerySet, contracts: ContractQuerySet,
                        street: Org | None = None) -> QuerySet:
    """Open 企业-type employers with no covering contract in force today, the next to approach
    first: the largest workforce (most workers gain a contract), then by name. Each carries
    `last_expired` / `last_contract`: its latest contract that has run out, if any (a renewal is due)."""
    queryset = base.filter(employer_type=EmployerType.ENTERPRISE).exclude(closed_on__lte=today)
    if street is not None:
        queryset = queryset.filter(street=street)
    covered = contracts.covering().in_force_at(today).filter(parties=OuterRef("pk"))
    expired = contracts.filter(parties=OuterRef("pk"), expires_on__lte=today).order_by("-expires_on")
    return (queryset.exclude(Exists(covered))
            .annotate(last_expired=Subquery(expired.values("expires_on")[:1]),
                      last_contract=Subquery(expired.values("number")[:1]))
            .select_related("street", "union")
            .order_by(F("headcount").desc(nulls_last=True), "name", "id"))


def employer_contracts(employer: Employer, *, contracts: ContractQuerySet, today: dt.date) -> ContractQuerySet:
    """Every contract covering the employer, newest first, with its status, what it renewed and
    what renewed it."""
    return (contracts.filter(pk__in=ContractParty.objects.filter(employer=employer).values("contract_id"))
            .with_status(today)
            .select_related("renews", "instructor")
            .prefetch_related("renewals", Prefetch("party_links", ContractParty.objects.select_related("employer")))
            .order_by("-signed_on", *HIGHER_NUMBER))
