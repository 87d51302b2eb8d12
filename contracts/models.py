"""协商指导员 (instructors) and 集体合同 (collective contracts), SPEC §2, §4, §5.

A contract's status (草拟 / 已签订待报送 / 审查中 / 生效 / 即将到期 / 已到期) is never stored: it is
computed from its dates and a given `today`, in Python (`rules.contract_status`) and in the query
(`ContractQuerySet.with_status`), so it cannot go stale. What is stored is `stage`, the step of
the review procedure the dates record (草拟 → 已签订 → 已报送 → 审查通过), so that each step taken
later is one audited move (workflows.services.move) with who, when and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_id_number, validate_not_before, validate_not_future
from orgs.models import Employer, Org
from orgs.parties import EmployerOrOrg
from workers.models import Worker
from workflows.flows import Workflow

from . import rules
from .choices import SigningMode, Stage, Status
from .rules import (
    EXPIRY_WARNING_DAYS,
    beyond_parties,
    contract_errors,
    contract_requirements,
    in_review_since,
    stage_of,
)

# 集体合同规定 §38: a term of one to three years (the review periods are in rules.py)
MIN_TERM, MAX_TERM = 1, 3
TERM_MESSAGE = "期限应为1至3年（《集体合同规定》第三十八条）"


# --- instructors --------------------------------------------------------------------------------

class InstructorQuerySet(ScopedQuerySet):
    def active_at(self, day: dt.date) -> Self:
        """Appointed on or before `day` and not dismissed on or before it (SPEC §5)."""
        return self.filter(appointed_on__lte=day).exclude(dismissed_on__lte=day)


class Instructor(models.Model):
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, unique=True, validators=[validate_id_number])
    # the worker register's record of this person, when it holds them (SPEC §2)
    worker = models.ForeignKey(Worker, verbose_name="职工", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    appointed_on = models.DateField("聘任日期", validators=[validate_not_future])
    dismissed_on = models.DateField("解聘日期", null=True, blank=True, validators=[validate_not_future])
    # 联系单位: an employer or an org (SPEC §2), at most one of the two
    liaison_employer = models.ForeignKey(Employer, verbose_name="联系单位（单位）", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    liaison_org = models.ForeignKey(Org, verbose_name="联系单位", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    # The owning node (SPEC §2): the 联系单位's, else the node of whoever recorded the instructor.
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = InstructorQuerySet.as_manager()

    class Meta:
        verbose_name = "协商指导员"
        verbose_name_plural = "协商指导员"
        constraints = [
            models.CheckConstraint(condition=~Q(liaison_employer__isnull=False, liaison_org__isnull=False),
                                   name="instructor_one_liaison"),
        ]

    def __str__(self) -> str:
        return self.name

    liaison = EmployerOrOrg("liaison_")

    def is_active(self, day: dt.date) -> bool:
        return self.appointed_on <= day and not (self.dismissed_on and self.dismissed_on <= day)

    def clean(self) -> None:
        try:
            validate_not_before(self.dismissed_on, self.appointed_on, end_label="解聘日期", start_label="聘任日期")
        except ValidationError as error:
            raise ValidationError({"dismissed_on": error.messages}) from None


# --- collective contracts ----------------------------------------------------------------------

class ContractType(models.TextChoices):
    COMPREHENSIVE = "综合性集体合同", "综合性集体合同"
    WAGE = "工资专项集体协议", "工资专项集体协议"
    FEMALE = "女职工特殊保护专项集体合同", "女职工特殊保护专项集体合同"
    REGIONAL = "区域性集体合同", "区域性集体合同"
    INDUSTRY = "行业性集体合同", "行业性集体合同"


#: the contracts that make an employer "covered" (SPEC §5 contracts.units_total)
COVERING_TYPES = (ContractType.COMPREHENSIVE, ContractType.REGIONAL, ContractType.INDUSTRY, ContractType.WAGE)


CONTRACT_WORKFLOW = Workflow(
    field="stage",
    edges={
        Stage.DRAFT: (Stage.SIGNED,),
        # a file may bring the submission and the bureau's approval at once
        Stage.SIGNED: (Stage.SUBMITTED, Stage.APPROVED),
        Stage.SUBMITTED: (Stage.APPROVED,),
    },
    needs={
        Stage.SIGNED: ("signed_on",),
        Stage.SUBMITTED: ("submitted_on",),
        Stage.APPROVED: ("submitted_on", "approved_on"),
    },
    final=(Stage.APPROVED,),
)


class ContractQuerySet(ScopedQuerySet):
    def signed(self) -> Self:
        return self.filter(signed_on__isnull=False)

    def signed_in(self, year: int) -> Self:
        return self.filter(signed_on__gte=dt.date(year, 1, 1), signed_on__lte=dt.date(year, 12, 31))

    def in_force_at(self, day: dt.date) -> Self:
        """SPEC §5: 签订日期 ≤ day < 签订日期 + 期限."""
        return self.filter(signed_on__lte=day, expires_on__gt=day)

    def covering(self) -> Self:
        """The types that count for units_total and covered_workers (综合性/区域性/行业性, 工资专项)."""
        return self.filter(contract_type__in=COVERING_TYPES)

    def renewed(self) -> Self:
        return self.filter(Exists(Contract.objects.filter(renews=OuterRef("pk"))))

    def not_renewed(self) -> Self:
        return self.exclude(Exists(Contract.objects.filter(renews=OuterRef("pk"))))

    def with_status(self, today: dt.date) -> Self:
        """Annotate `status` as `rules.contract_status` computes it, in the query (lists and the
        to-do page filter and sort by it without loading every contract)."""
        review_over = in_review_since(today)
        return self.annotate(status=Case(
            When(signed_on__isnull=True, then=Value(Status.DRAFT)),
            When(expires_on__lte=today, then=Value(Status.EXPIRED)),
            When(submitted_on__isnull=True, then=Value(Status.TO_SUBMIT)),
            When(Q(submitted_on__gte=review_over) & (Q(approved_on__isnull=True) | Q(approved_on__gt=today)),
                 then=Value(Status.IN_REVIEW)),
            When(expires_on__lte=today + dt.timedelta(days=EXPIRY_WARNING_DAYS), then=Value(Status.EXPIRING)),
            default=Value(Status.IN_FORCE),
            output_field=models.CharField(),
        ))

    def with_status_of(self, status: str, today: dt.date) -> Self:
        return self.with_status(today).filter(status=status)


class Contract(models.Model):
    number = models.CharField("合同编号", max_length=50, unique=True)
    contract_type = models.CharField("合同类型", max_length=16, choices=ContractType.choices)
    signing_mode = models.CharField("签订方式", max_length=2, choices=SigningMode.choices)
    # 签约单位 (a regional or industry contract covers several employers), in the order written;
    # the first one gives the owning node (SPEC §2)
    parties = models.ManyToManyField(Employer, through="ContractParty", verbose_name="签约单位",
                                     related_name="collective_contracts")
    # 签约单位 as recorded (their 信用代码 joined by “；”): the register's cell, and so an import or
    # the history sees a change of parties like a change of any other field
    party_codes = models.TextField("签约单位", editable=False)
    signed_on = models.DateField("签订日期", null=True, blank=True, validators=[validate_not_future])
    term_years = models.PositiveSmallIntegerField("期限(年)", validators=[
        MinValueValidator(MIN_TERM, TERM_MESSAGE), MaxValueValidator(MAX_TERM, TERM_MESSAGE)])
    covered_workers = models.PositiveIntegerField("覆盖职工人数")
    female_workers = models.PositiveIntegerField("女职工人数", null=True, blank=True)
    congress_passed_on = models.DateField("职代会通过日期", null=True, blank=True, validators=[validate_not_future])
    submitted_on = models.DateField("报送审查日期", null=True, blank=True, validators=[validate_not_future])
    approved_on = models.DateField("审查通过日期", null=True, blank=True, validators=[validate_not_future])
    renews = models.ForeignKey("self", verbose_name="原合同编号", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="renewals")
    instructor = models.ForeignKey(Instructor, verbose_name="指导员", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="contracts")
    # derived from 签订日期 and 期限, never typed (SPEC §5: in force while 签订日期 ≤ d < 到期日)
    expires_on = models.DateField("到期日", null=True, blank=True, editable=False,
                                  help_text="签订日期加期限：自这一天起不再有效")
    stage = models.CharField("办理环节", max_length=4, choices=Stage.choices, default=Stage.SIGNED, editable=False)
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = ContractQuerySet.as_manager()

    WORKFLOW = CONTRACT_WORKFLOW

    class Meta:
        verbose_name = "集体合同"
        verbose_name_plural = "集体合同"
        indexes = [models.Index(fields=["node", "signed_on"]), models.Index(fields=["expires_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(term_years__gte=MIN_TERM, term_years__lte=MAX_TERM),
                                   name="contract_term_1_to_3", violation_error_message=TERM_MESSAGE),
            # the stage is what the dates say, whoever writes the row
            models.CheckConstraint(
                condition=(Q(stage=Stage.DRAFT, signed_on__isnull=True, submitted_on__isnull=True, approved_on__isnull=True)
                           | Q(stage=Stage.SIGNED, signed_on__isnull=False, submitted_on__isnull=True, approved_on__isnull=True)
                           | Q(stage=Stage.SUBMITTED, signed_on__isnull=False, submitted_on__isnull=False, approved_on__isnull=True)
                           | Q(stage=Stage.APPROVED, signed_on__isnull=False, submitted_on__isnull=False, approved_on__isnull=False)),
                name="contract_stage_matches_dates", violation_error_message="办理环节与签订、报送、审查日期不一致"),
        ]

    def __str__(self) -> str:
        return self.number

    def derive(self) -> None:
        """What is never typed: the expiry date and the stage the dates record."""
        self.expires_on = rules.expires_on(self)
        self.stage = stage_of(self)

    def clean(self) -> None:
        self.derive()
        raise_errors(self, contract_errors(self), contract_requirements(self))

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices), and 逻辑检查 contract.covers_more on the 签约单位 the
        row names (a regional contract may cover more: a form takes it too)."""
        found = contract_requirements(self)
        if notice := beyond_parties(self, getattr(self, "party_list", None) or []):
            found.setdefault("covered_workers", notice)
        return found


class ContractParty(models.Model):
    """One 签约单位 of a contract, in the order the 签约单位 cell lists them."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="party_links")
    employer = models.ForeignKey(Employer, verbose_name="签约单位", on_delete=models.PROTECT, related_name="contract_links")
    position = models.PositiveSmallIntegerField("顺序")

    class Meta:
        verbose_name = "签约单位"
        verbose_name_plural = "签约单位"
        ordering = ["contract", "position"]
        constraints = [models.UniqueConstraint(fields=["contract", "employer"], name="contract_party_once")]

    def __str__(self) -> str:
        return f"{self.contract} · {self.employer}"
