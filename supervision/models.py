"""Labour-law supervision inspections (法律监督检查, SPEC §2) and their rectification deadlines (§4)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_not_before, validate_not_future
from orgs.models import Employer, Org
from orgs.parties import EmployerOrOrg

from .choices import RectificationResult
from .rules import due_soon_q, is_overdue, overdue_q


class Matter(models.TextChoices):
    LABOUR_CONTRACT = "劳动合同", "劳动合同"
    WAGES = "工资支付", "工资支付"
    WORKING_TIME = "工作时间", "工作时间"
    SOCIAL_INSURANCE = "社会保险", "社会保险"
    WOMEN = "女职工保护", "女职工保护"
    SAFETY = "安全生产", "安全生产"


MATTERS: tuple[str, ...] = tuple(Matter.values)


def validate_matters(value: str) -> str:
    """检查事项: one or more of the fixed list, separated by ；(or ; 、，), stored in the list's order
    and joined by ；, so the same matters always read the same and an export re-imports unchanged."""
    names = [part.strip() for part in re.split(r"[；;、，,]", value or "") if part.strip()]
    if not names:
        raise ValidationError("至少填写一项检查事项", code="required")
    unknown = [n for n in names if n not in MATTERS]
    if unknown:
        raise ValidationError(
            "检查事项“%(bad)s”不是允许的值，应为：%(allowed)s（多项用“；”分隔）",
            params={"bad": "、".join(unknown), "allowed": "/".join(MATTERS)}, code="choice")
    return "；".join(m for m in MATTERS if m in names)


class InspectionQuerySet(ScopedQuerySet):
    def overdue(self, today: dt.date) -> InspectionQuerySet:
        """Findings whose 整改期限 has passed without 已整改 (逾期, SPEC §4)."""
        return self.filter(overdue_q(today))

    def not_overdue(self, today: dt.date) -> InspectionQuerySet:
        return self.exclude(overdue_q(today))

    def due_within(self, today: dt.date, days: int) -> InspectionQuerySet:
        """Open findings whose deadline falls between today and `days` days from now."""
        return self.filter(due_soon_q(today, days))


class Inspection(models.Model):
    number = models.CharField("检查编号", max_length=50, unique=True)
    inspected_on = models.DateField("检查日期", validators=[validate_not_future])
    # 被检查单位: an employer or an org (SPEC §2); exactly one of the two is set.
    employer = models.ForeignKey(Employer, verbose_name="被检查单位", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="inspections")
    org = models.ForeignKey(Org, verbose_name="被检查单位（组织）", on_delete=models.PROTECT,
                            null=True, blank=True, related_name="inspections")
    # 监督组织: usually a union's 劳动法律监督委员会, sometimes named by its employer.
    supervisor_org = models.ForeignKey(Org, verbose_name="监督组织", on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="supervised_inspections")
    supervisor_employer = models.ForeignKey(Employer, verbose_name="监督组织（单位）", on_delete=models.PROTECT,
                                            null=True, blank=True, related_name="supervised_inspections")
    matters = models.CharField("检查事项", max_length=100, validators=[validate_matters],
                               help_text="可选：" + "、".join(MATTERS) + "；多项用“；”分隔")
    findings = models.TextField("发现问题", blank=True)
    deadline = models.DateField("整改期限", null=True, blank=True)
    result = models.CharField("整改结果", max_length=3, choices=RectificationResult.choices, blank=True)
    # The 被检查单位's owning node (SPEC §2): the finding belongs with the unit that must fix it.
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = "法律监督检查"
        verbose_name_plural = "法律监督检查"
        indexes = [models.Index(fields=["node", "inspected_on"]), models.Index(fields=["deadline", "result"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employer__isnull=True) | models.Q(org__isnull=True), name="inspection_one_party"),
        ]

    def __str__(self) -> str:
        return self.number

    # The register's 被检查单位 and 监督组织 columns write an Employer or an Org here.
    party = EmployerOrOrg()
    supervisor = EmployerOrOrg("supervisor_")

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(deadline=self.deadline, result=self.result, today=today)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.matters:
            try:
                self.matters = validate_matters(self.matters)
            except ValidationError as error:
                errors["matters"] = error.messages
        try:
            validate_not_before(self.deadline, self.inspected_on, end_label="整改期限", start_label="检查日期")
        except ValidationError as error:
            errors["deadline"] = error.messages
        if self.employer_id is None and self.org_id is None:
            errors["employer"] = "被检查单位必填"
        if self.supervisor_employer_id is None and self.supervisor_org_id is None:
            errors["supervisor_org"] = "监督组织必填"
        raise_errors(self, errors, self.import_notices())

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices)."""
        if (self.deadline or self.result) and not self.findings.strip():
            return {"deadline" if self.deadline else "result": "填写了整改期限或整改结果，但没有写明发现问题"}
        return {}
