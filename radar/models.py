"""Risk leads (风险线索, SPEC §9): what the product cannot see itself — 欠薪, 欠缴社保, 停工, 裁员 —
written down by whoever heard of it, so the radar can weigh it beside the records it does hold."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models

from core.history import RecordHistory
from core.scoping import ScopedQuerySet
from core.validators import validate_not_future
from orgs.models import Employer, Org

from .choices import LeadKind, Verdict


class LeadQuerySet(ScopedQuerySet):
    def standing(self) -> LeadQuerySet:
        """Leads the radar weighs: not found untrue (待核实 or 属实)."""
        return self.exclude(verdict=Verdict.FALSE)


class Lead(models.Model):
    number = models.CharField("线索编号", max_length=40, unique=True)
    employer = models.ForeignKey(
        Employer, verbose_name="单位", on_delete=models.PROTECT, related_name="risk_leads"
    )
    kind = models.CharField("类型", max_length=4, choices=LeadKind.choices)
    source = models.CharField(
        "来源", max_length=100, help_text="如：职工来信、12345 转办、街道走访"
    )
    found_on = models.DateField("发现日期", validators=[validate_not_future])
    people = models.PositiveIntegerField(
        "涉及人数",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message="涉及人数至少为1")],
    )
    verdict = models.CharField(
        "核实结果", max_length=3, choices=Verdict.choices, default=Verdict.PENDING
    )
    # The employer's owning node (SPEC §9: owned by the employer's node).
    node = models.ForeignKey(
        Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+"
    )

    history = RecordHistory()
    objects = LeadQuerySet.as_manager()

    class Meta:
        verbose_name = "风险线索"
        verbose_name_plural = "风险线索"
        indexes = [
            models.Index(fields=["node", "found_on"]),
            models.Index(fields=["employer", "found_on"]),
        ]

    def __str__(self) -> str:
        return self.number
