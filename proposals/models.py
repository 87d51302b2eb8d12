"""Rationalisation proposals (合理化建议, SPEC §2) and their workflow (SPEC §4).

已提交 → 审核中 → 已采纳 / 未采纳; 已采纳 → 已实施 with its 经济效益. Every state change goes
through `workflows.services.move` (pages, imports, the public form), which records who, when and why.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import (
    validate_id_number,
    validate_not_before,
    validate_not_future,
)
from orgs.models import Employer, Org
from orgs.parties import EmployerOrOrg
from workers.models import Worker
from workflows.flows import Workflow


class ProposalStatus(models.TextChoices):
    SUBMITTED = "已提交", "已提交"
    REVIEWING = "审核中", "审核中"
    ADOPTED = "已采纳", "已采纳"
    REJECTED = "未采纳", "未采纳"
    IMPLEMENTED = "已实施", "已实施"


#: states a reviewer still has to act on (the inbox, the reminder of rules.WAIT_DAYS)
WAITING = (ProposalStatus.SUBMITTED, ProposalStatus.REVIEWING)
#: states that count as adopted (SPEC §5 proposals.adopted); only they carry 采纳日期 and 经济效益
ADOPTED = (ProposalStatus.ADOPTED, ProposalStatus.IMPLEMENTED)

PROPOSAL_FLOW = Workflow(
    field="status",
    edges={
        ProposalStatus.SUBMITTED: (ProposalStatus.REVIEWING,),
        ProposalStatus.REVIEWING: (ProposalStatus.ADOPTED, ProposalStatus.REJECTED),
        ProposalStatus.ADOPTED: (ProposalStatus.IMPLEMENTED,),
    },
    needs={ProposalStatus.IMPLEMENTED: ("benefit",)},
    final=(ProposalStatus.REJECTED, ProposalStatus.IMPLEMENTED),
)


class ProposalQuerySet(ScopedQuerySet):
    def waiting(self) -> ProposalQuerySet:
        return self.filter(status__in=WAITING)

    def adopted(self) -> ProposalQuerySet:
        return self.filter(status__in=ADOPTED)

    def submitted_in(self, year: int) -> ProposalQuerySet:
        # a date range rather than __year, so an index on 提出日期 serves it
        return self.filter(submitted_on__gte=dt.date(year, 1, 1), submitted_on__lte=dt.date(year, 12, 31))

    def open_at_end_of(self, year: int) -> ProposalQuerySet:
        """Without the proposals owned through an employer or org closed by 31 Dec of `year`
        (SPEC §5: they drop out of that year's figures)."""
        end = dt.date(year, 12, 31)
        return self.exclude(employer__closed_on__lte=end).exclude(org__closed_on__lte=end).exclude(
            node__closed_on__lte=end)


def number_series(year: int) -> str:
    """The register's 建议编号 of a year, JY{year}-{seq:04d} (JY2026-0379): a proposal filed on the
    public page takes the next one, as those typed or imported count up."""
    return f"JY{year}-"


class Proposal(models.Model):
    number = models.CharField("建议编号", max_length=50, unique=True)
    title = models.CharField("标题", max_length=200)
    proposer = models.CharField("提出人", max_length=50)
    id_number = models.CharField("提出人身份证号", max_length=18, blank=True, validators=[validate_id_number])
    # 所在单位: an employer, or an org (a union's own proposal); exactly one is set
    employer = models.ForeignKey(Employer, verbose_name="所在单位（单位）", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    org = models.ForeignKey(Org, verbose_name="所在单位（组织）", on_delete=models.PROTECT,
                            null=True, blank=True, related_name="+")
    submitted_on = models.DateField("提出日期", validators=[validate_not_future])
    status = models.CharField("状态", max_length=3, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED)
    adopted_on = models.DateField("采纳日期", null=True, blank=True, validators=[validate_not_future])
    benefit = models.DecimalField(
        "经济效益(万元)", max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0), message="经济效益不能为负数")],
    )
    # what is proposed, as the public form takes it (not a register column)
    content = models.TextField("内容", blank=True)
    # the worker register's record of the proposer, when it holds them (SPEC §2)
    worker = models.ForeignKey(Worker, verbose_name="职工", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    # 所在单位's node: the employer's, or the org itself (SPEC §2)
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = ProposalQuerySet.as_manager()

    WORKFLOW = PROPOSAL_FLOW

    class Meta:
        verbose_name = "合理化建议"
        verbose_name_plural = "合理化建议"
        # id_number: a person's records are found by it (registers.person, 自动退会建议名单)
        indexes = [models.Index(fields=["node", "status"]), models.Index(fields=["submitted_on"]),
                   models.Index(fields=["id_number"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(employer__isnull=False, org__isnull=True) | Q(employer__isnull=True, org__isnull=False),
                name="proposal_one_unit",
                violation_error_message="所在单位必须是一个单位或一个组织",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, *, fetch_mode: Any = None) -> Proposal:
        record = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # the state as stored: clean() tells a move into 已采纳 from a record that arrived there
        record._stored_status = record.__dict__.get("status")
        return record

    party = EmployerOrOrg()  # 所在单位 as the import sets it (orgs.refs.PARTY)

    def owning_node_id(self) -> int | None:
        if self.employer_id:
            return self.employer.node_id
        return self.org_id

    def days_waiting(self, today: dt.date) -> int:
        return (today - self.submitted_on).days

    def clean(self) -> None:
        status = self.status
        moved_into_adopted = (
            status == ProposalStatus.ADOPTED
            and getattr(self, "_stored_status", None) not in (None, ProposalStatus.ADOPTED)
        )
        if moved_into_adopted and self.adopted_on is None:
            # a move into 已采纳 dates the adoption; a historical record arriving adopted keeps what it says
            self.adopted_on = timezone.localdate()
        errors: dict[str, Any] = {}
        if self.adopted_on is not None and status in ADOPTED:
            try:
                validate_not_before(self.adopted_on, self.submitted_on, end_label="采纳日期", start_label="提出日期")
            except ValidationError as error:
                errors["adopted_on"] = error
        if self.benefit is None and status == ProposalStatus.IMPLEMENTED:
            errors["benefit"] = "已实施的建议须填写经济效益(万元)"  # SPEC §4: 已实施 with benefit
        raise_errors(self, errors, self.import_notices())

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices)."""
        said = {}
        if self.adopted_on is not None and self.status not in ADOPTED:
            said["adopted_on"] = f"状态为“{self.status}”的建议填写了采纳日期（建议采纳后才有采纳日期）"
        if self.benefit is not None and self.status not in ADOPTED:
            said["benefit"] = f"状态为“{self.status}”的建议填写了经济效益（建议采纳后才计入经济效益合计）"
        return said
