"""Labour dispute mediation (劳动争议调解): the mediation organisations and their cases (SPEC §2, §4).

A case's time limit (劳动争议调解仲裁法 §14) is never stored: it is computed from 申请日期, in
Python by `rules.deadline` / `rules.is_overdue` and in the query by `CaseQuerySet.overdue` through
`rules.applied_for_deadline`, so the two cannot disagree and nothing goes stale overnight.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_id_number, validate_not_before, validate_not_future
from orgs.models import Employer, Org
from orgs.parties import EmployerOrOrg
from workers.models import Worker
from workflows.flows import Workflow

from .choices import CLOSED_STATES, OPEN_STATES, CaseStatus, MediationLevel
from .rules import (
    TIME_LIMIT_DAYS,
    applied_for_deadline,
    case_problems,
    case_requirements,
    contradictions,
    level_refusal,
)


class MediationOrgQuerySet(ScopedQuerySet):
    def in_being_at(self, day: dt.date) -> MediationOrgQuerySet:
        """Founded on or before `day` and not ended on or before it (SPEC §5 "at the end of Y"): not
        revoked, and the employer or org it belongs to not closed either (a closed employer's
        records drop out with it)."""
        return self.filter(founded_on__lte=day).exclude(closed_on__lte=day).exclude(
            employer__closed_on__lte=day).exclude(org__closed_on__lte=day)

    def at_end_of(self, year: int) -> MediationOrgQuerySet:
        return self.in_being_at(dt.date(year, 12, 31))


class MediationOrg(models.Model):
    name = models.CharField("名称", max_length=120, unique=True)
    level = models.CharField("层级", max_length=8, choices=MediationLevel.choices)
    # 所属组织或单位 (SPEC §2): an employer or an org, exactly one of the two
    employer = models.ForeignKey(Employer, verbose_name="所属单位", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="mediation_orgs")
    org = models.ForeignKey(Org, verbose_name="所属组织", on_delete=models.PROTECT, null=True, blank=True,
                            related_name="mediation_orgs")
    founded_on = models.DateField("成立日期", validators=[validate_not_future])
    closed_on = models.DateField("撤销日期", null=True, blank=True, validators=[validate_not_future])
    # The owning node (SPEC §2): the org it belongs to, or its employer's node.
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = MediationOrgQuerySet.as_manager()

    class Meta:
        verbose_name = "调解组织"
        verbose_name_plural = "调解组织"
        indexes = [models.Index(fields=["node", "level"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employer__isnull=True, org__isnull=False) | models.Q(employer__isnull=False, org__isnull=True),
                name="mediation_org_one_party",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    party = EmployerOrOrg()
    owner = party  # 所属组织或单位, as the register's column reads and sets it

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices): the 层级 that suits the organisation's owner."""
        return {"owner": refusal} if (refusal := self._level_refusal()) else {}

    def _level_refusal(self) -> str:
        return level_refusal(self.level, self.party) if self.level and self.party is not None else ""

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            validate_not_before(self.closed_on, self.founded_on, end_label="撤销日期", start_label="成立日期")
        except ValidationError as error:
            errors["closed_on"] = error.messages[0]
        refusal = self._level_refusal()
        raise_errors(self, errors, {"employer" if self.employer_id else "org": refusal} if refusal else {})


class DisputeType(models.TextChoices):
    """The kinds of labour dispute of 劳动争议调解仲裁法 §2, as a mediation office tallies them."""

    PAY = "劳动报酬", "劳动报酬"
    COMPENSATION = "经济补偿或赔偿金", "经济补偿或赔偿金"
    INSURANCE = "社会保险", "社会保险"
    INJURY = "工伤待遇", "工伤待遇"
    CONTRACT = "劳动合同", "劳动合同"
    HOURS = "工作时间和休息休假", "工作时间和休息休假"
    RELATIONSHIP = "确认劳动关系", "确认劳动关系"
    OTHER = "其他", "其他"


class CaseQuerySet(ScopedQuerySet):
    def open(self) -> CaseQuerySet:
        return self.filter(status__in=OPEN_STATES)

    def overdue(self, today: dt.date) -> CaseQuerySet:
        """Open cases whose limit (rules.deadline) has passed: the limit is before today."""
        return self.open().filter(applied_on__lt=applied_for_deadline(today))

    def not_overdue(self, today: dt.date) -> CaseQuerySet:
        return self.exclude(status__in=OPEN_STATES, applied_on__lt=applied_for_deadline(today))

    def due_within(self, days: int, today: dt.date) -> CaseQuerySet:
        """Open cases whose limit falls from today to `days` days ahead (not yet overdue)."""
        return self.open().filter(applied_on__gte=applied_for_deadline(today),
                                  applied_on__lte=applied_for_deadline(today + dt.timedelta(days=days)))


CASE_WORKFLOW = Workflow(
    field="status",
    edges={
        CaseStatus.APPLIED: (CaseStatus.ACCEPTED, CaseStatus.WITHDRAWN),
        CaseStatus.ACCEPTED: (CaseStatus.MEDIATING, CaseStatus.WITHDRAWN),
        # an applicant may withdraw at any point before the mediation ends
        CaseStatus.MEDIATING: (CaseStatus.SUCCEEDED, CaseStatus.FAILED, CaseStatus.WITHDRAWN),
    },
    needs={
        CaseStatus.ACCEPTED: ("accepted_on",),
        CaseStatus.SUCCEEDED: ("closed_on", "agreed_amount", "matters", "terms"),
        CaseStatus.FAILED: ("closed_on",),
        CaseStatus.WITHDRAWN: ("closed_on",),
    },
    needs_reason=(CaseStatus.FAILED, CaseStatus.WITHDRAWN),
    final=CLOSED_STATES,
)

_amount = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True,
           "validators": [MinValueValidator(0, message="金额不能为负数")]}


class Case(models.Model):
    WORKFLOW = CASE_WORKFLOW

    number = models.CharField("案件编号", max_length=40, unique=True)
    applicant = models.CharField("申请人", max_length=50)
    applicant_id_number = models.CharField("申请人身份证号", max_length=18, blank=True, validators=[validate_id_number])
    # the worker the 身份证号 names, when the worker register holds them (SPEC §2)
    worker = models.ForeignKey(Worker, verbose_name="申请人（职工）", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="mediation_cases")
    # 被申请单位: an employer, or an org (a union as employer of its own staff)
    respondent_employer = models.ForeignKey(Employer, verbose_name="被申请单位", on_delete=models.PROTECT,
                                            null=True, blank=True, related_name="mediation_cases")
    respondent_org = models.ForeignKey(Org, verbose_name="被申请组织", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="mediation_cases")
    # free text in the register (SPEC §2 lists no values); DisputeType is what forms and filters offer
    dispute_type = models.CharField("争议类型", max_length=50)
    people = models.PositiveIntegerField("涉及人数", null=True, blank=True, validators=[MinValueValidator(1, message="涉及人数至少为1")])
    amount = models.DecimalField("涉及金额(元)", **_amount)
    applied_on = models.DateField("申请日期", validators=[validate_not_future],
                                  help_text=f"调解组织收到申请之日，{TIME_LIMIT_DAYS}日调解期限自此起算")
    accepted_on = models.DateField("受理日期", null=True, blank=True, validators=[validate_not_future])
    mediation_org = models.ForeignKey(MediationOrg, verbose_name="调解组织", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField("状态", max_length=5, choices=CaseStatus.choices, default=CaseStatus.APPLIED)
    closed_on = models.DateField("结案日期", null=True, blank=True, validators=[validate_not_future])
    agreed_amount = models.DecimalField("协议金额(元)", **_amount)
    # what the printable 调解协议书 says beyond the register's columns
    matters = models.TextField("争议事项", blank=True)
    terms = models.TextField("协议内容", blank=True)
    # The owning node (SPEC §2): its 调解组织's node.
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "调解案件"
        verbose_name_plural = "调解案件"
        indexes = [models.Index(fields=["node", "status", "applied_on"]), models.Index(fields=["status", "applied_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(respondent_employer__isnull=True, respondent_org__isnull=False)
                | models.Q(respondent_employer__isnull=False, respondent_org__isnull=True),
                name="mediation_case_one_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant}"

    respondent = EmployerOrOrg("respondent_")
    respondent_party = respondent  # 被申请单位, as the register's column reads and sets it

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    def clean(self) -> None:
        raise_errors(self, case_problems(self), case_requirements(self))

    def import_notices(self) -> dict[str, list[str]]:
        """Rules beyond SPEC's (core.notices): what a state needs, what it contradicts."""
        found = case_requirements(self)
        for field, messages in contradictions(self).items():
            found.setdefault(field, []).extend(messages)
        return found
