"""The radar's signals (SPEC §9), declared once: what each counts, over which records, its weight.

Each signal is a QuerySet of the records behind it — for every employer at once, limited to what
the viewer may open (every query starts from `Model.objects.visible_to(user)`) and to the window
(D − 12 months, D] on the record's own date — and the lookup from a record to the employer it is
against. The radar counts them grouped by that employer, one query per signal whatever the
number of employers; an employer's drill-down lists the same QuerySet narrowed to it, so a count
and its records cannot disagree. A count-type signal counts its records; the others count 1
when they hold (when there is any record behind them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models import Window as Over
from django.db.models.functions import RowNumber
from django.db.models.lookups import LessThan

from assistance.models import Application, AssistanceType
from contracts.models import Contract, ContractParty
from contracts.selectors import higher_number
from mediation.models import Case
from supervision.choices import RectificationResult
from supervision.models import Inspection, InspectionQuerySet
from workers.models import LabourContract, Worker

from .models import Lead
from .rules import (
    COLLECTIVE_PEOPLE,
    SIGNING_RATE_FLOOR,
    SIGNING_RATE_MIN_WORKERS,
    UNION_DUE_WORKERS,
    Window,
    weight_of,
)

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Signal:
    name: str  # as SPEC §9 and the pages name it
    default_weight: int  # SPEC §9's; `weight` is the deployment's
    meaning: str  # what it counts, as a cadre reads it
    register: str  # the register whose records are behind it (their pages are linked)
    rows: Callable[[User, Window], QuerySet]  # the records behind it, of every employer
    employer: str  # the lookup from a row to the id of the employer it is against
    holds: bool = False  # counts 1 when any row, not the number of rows
    # the register's records from the rows, when the rows are not themselves its records
    records: Callable[[QuerySet], QuerySet] | None = None
    # for a signal that holds or not: the ids of the employers it holds for (`employer_id`), in one
    # grouped query, when that is cheaper than grouping its rows (the rows are then those of these
    # employers, so it holds exactly where there are records behind it)
    holders: Callable[[User, Window], QuerySet] | None = None

    @property
    def weight(self) -> int:
        return weight_of(self.name, self.default_weight)

    def rows_of(self, user: User, window: Window, employer_id: int | None = None) -> QuerySet:
        rows = self.rows(user, window)
        return rows if employer_id is None else rows.filter(**{self.employer: employer_id})

    def counts(self, user: User, window: Window, employer_id: int | None = None) -> dict[int, int]:
        """{employer id: count} in one grouped query."""
        if self.holders is not None:
            ids = self.holders(user, window)
            ids = ids if employer_id is None else ids.filter(employer_id=employer_id)
            return dict.fromkeys(ids.values_list("employer_id", flat=True), 1)
        grouped = (
            self.rows_of(user, window, employer_id)
            .order_by()
            .values(self.employer)
            .annotate(n=Count("pk"))
            .values_list(self.employer, "n")
        )
        return {pk: (1 if self.holds else n) for pk, n in grouped if pk is not None}

    def records_of(self, user: User, window: Window, employer_id: int) -> QuerySet:
        """The records behind the employer's count (its drill-down)."""
        rows = self.rows_of(user, window, employer_id)
        return self.records(rows) if self.records else rows


# --- the records of each signal ---------------------------------------------------------------------


def _cases(user: User, window: Window) -> QuerySet:
    """Mediation cases against an employer (its 被申请单位), received (申请日期) in the window."""
    return Case.objects.visible_to(user).filter(
        respondent_employer__isnull=False, **window.on("applied_on")
    )


def _collective(user: User, window: Window) -> QuerySet:
    return _cases(user, window).filter(people__gte=COLLECTIVE_PEOPLE)


def _individual(user: User, window: Window) -> QuerySet:
    return _cases(user, window).filter(Q(people__lt=COLLECTIVE_PEOPLE) | Q(people__isnull=True))


def _inspections(user: User, window: Window) -> InspectionQuerySet:
    """Inspections of an employer (its 被检查单位), held (检查日期) in the window."""
    return Inspection.objects.visible_to(user).filter(
        employer__isnull=False, **window.on("inspected_on")
    )


def _overdue(user: User, window: Window) -> QuerySet:
    return _inspections(user, window).overdue(window.end)


def _not_rectified(user: User, window: Window) -> QuerySet:
    return (
        _inspections(user, window)
        .filter(result=RectificationResult.NOT_DONE)
        .not_overdue(window.end)
    )


def _lapsed(user: User, window: Window) -> QuerySet:
    """An employer's latest 综合性/区域性/行业性集体合同 or 工资专项集体协议 signed by D (SPEC §5's
    latest: the later 签订日期, then the higher 合同编号) ran out in the window, and none of those
    is in force at D. The rows are the employers' links to that contract."""
    day = window.end
    contracts = Contract.objects.visible_to(user).covering()
    signed = contracts.filter(signed_on__lte=day)
    latest = (
        ContractParty.objects.filter(contract__in=signed)
        .annotate(
            rank=Over(
                RowNumber(),
                partition_by=[F("employer_id")],
                order_by=[F("contract__signed_on").desc(), *higher_number("contract__")],
            )
        )
        .filter(rank=1)
        .values("pk")
    )
    in_force = ContractParty.objects.filter(contract__in=contracts.in_force_at(day)).values(
        "employer_id"
    )
    return ContractParty.objects.filter(pk__in=latest, **window.on("contract__expires_on")).exclude(
        employer_id__in=in_force
    )


def _lapsed_contracts(rows: QuerySet) -> QuerySet:
    return Contract.objects.filter(pk__in=rows.values("contract_id")).order_by(
        "-signed_on", *higher_number()
    )


def _employed(user: User) -> QuerySet:
    return Worker.objects.visible_to(user).employed()


def _low_rate(user: User, window: Window) -> QuerySet:
    """Employers whose 在职 workers' signing rate (已签订 ÷ 已签订 and 未签订) is below 90 %, when at
    least 10 of them are 已签订 or 未签订; the register as it stands."""
    counted = (LabourContract.SIGNED, LabourContract.UNSIGNED)
    return (
        _employed(user)
        .filter(labour_contract__in=counted)
        .order_by()
        .values("employer_id")
        .annotate(
            base=Count("pk"), signed=Count("pk", filter=Q(labour_contract=LabourContract.SIGNED))
        )
        .filter(
            LessThan(F("signed") * 100, F("base") * SIGNING_RATE_FLOOR),
            base__gte=SIGNING_RATE_MIN_WORKERS,
        )
        .values("employer_id")
    )


def _low_signing(user: User, window: Window) -> QuerySet:
    """The 未签订 在职 workers of the employers of `_low_rate`."""
    return _employed(user).filter(
        labour_contract=LabourContract.UNSIGNED, employer_id__in=_low_rate(user, window)
    )


def _unions_due(user: User, window: Window) -> QuerySet:
    """Employers with no 所属工会 and 25 or more 在职 workers in the register."""
    return (
        _employed(user)
        .filter(employer__union__isnull=True)
        .order_by()
        .values("employer_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=UNION_DUE_WORKERS)
        .values("employer_id")
    )


def _no_union(user: User, window: Window) -> QuerySet:
    """The 在职 workers of the employers of `_unions_due`."""
    return _employed(user).filter(employer_id__in=_unions_due(user, window))


def _emergency(user: User, window: Window) -> QuerySet:
    """职工急难救助 applications (any state) made in the window by one of the employer's workers:
    the worker register holds their 身份证号."""
    worker = (
        Worker.objects.visible_to(user)
        .filter(id_number=OuterRef("id_number"))
        .values("employer_id")[:1]
    )
    return (
        Application.objects.visible_to(user)
        .filter(kind=AssistanceType.EMERGENCY, **window.on("applied_on"))
        .annotate(radar_employer=Subquery(worker))
        .filter(radar_employer__isnull=False)
    )


def _leads(user: User, window: Window) -> QuerySet:
    return Lead.objects.visible_to(user).standing().filter(**window.on("found_on"))


def _minor_leads(user: User, window: Window) -> QuerySet:
    return _leads(user, window).filter(Q(people__lt=COLLECTIVE_PEOPLE) | Q(people__isnull=True))


def _major_leads(user: User, window: Window) -> QuerySet:
    return _leads(user, window).filter(people__gte=COLLECTIVE_PEOPLE)


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "集体争议",
        30,
        f"以该单位为被申请单位、涉及{COLLECTIVE_PEOPLE}人及以上的调解案件（按申请日期）",
        "cases",
        _collective,
        "respondent_employer_id",
    ),
    Signal(
        "劳动争议",
        5,
        f"以该单位为被申请单位的其他调解案件（涉及人数不足{COLLECTIVE_PEOPLE}人或未填）",
        "cases",
        _individual,
        "respondent_employer_id",
    ),
    Signal(
        "整改逾期",
        15,
        "期内检查的该单位的发现问题，到评估日已过整改期限而未整改完毕",
        "inspections",
        _overdue,
        "employer_id",
    ),
    Signal(
        "未整改",
        10,
        "期内检查的该单位、整改结果为“未整改”且尚未逾期的检查",
        "inspections",
        _not_rectified,
        "employer_id",
    ),
    Signal(
        "集体合同断签",
        10,
        "最近一份综合性/区域性/行业性集体合同或工资专项集体协议在期内到期，评估日已无有效合同",
        "contracts",
        _lapsed,
        "employer_id",
        holds=True,
        records=_lapsed_contracts,
    ),
    Signal(
        "劳动合同签订率低",
        10,
        f"在职职工劳动合同签订率低于{SIGNING_RATE_FLOOR}%（已签订和未签订的至少{SIGNING_RATE_MIN_WORKERS}人）；列出未签订的职工",
        "workers",
        _low_signing,
        "employer_id",
        holds=True,
        holders=_low_rate,
    ),
    Signal(
        "未建会",
        5,
        f"没有所属工会，职工名册中在职职工{UNION_DUE_WORKERS}人及以上（工会法第十条）",
        "workers",
        _no_union,
        "employer_id",
        holds=True,
        holders=_unions_due,
    ),
    Signal(
        "急难救助",
        3,
        "该单位职工（按身份证号）在期内提出的职工急难救助申请，不论状态",
        "assistance",
        _emergency,
        "radar_employer",
    ),
    Signal(
        "风险线索",
        20,
        f"期内发现、核实结果不是“不属实”、涉及人数不足{COLLECTIVE_PEOPLE}人或未填的风险线索",
        "leads",
        _minor_leads,
        "employer_id",
    ),
    Signal(
        "重大风险线索",
        40,
        f"期内发现、核实结果不是“不属实”、涉及{COLLECTIVE_PEOPLE}人及以上的风险线索",
        "leads",
        _major_leads,
        "employer_id",
    ),
)

BY_NAME = {signal.name: signal for signal in SIGNALS}
