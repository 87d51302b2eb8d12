"""Assistance applications (帮扶救助, SPEC §2) and their approval workflow (§4):
已申请 → 街道审核 → 区总审批 → 已发放, or 不予救助 at any level before payment."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_id_number, validate_mobile, validate_not_future
from orgs.models import Org
from workers.models import Worker

from .choices import OPEN_STATES, Status
from .rules import (
    APPLICATION_WORKFLOW,
    application_problems,
    application_requirements,
    open_duplicate_refusal,
)


class AssistanceType(models.TextChoices):
    EMERGENCY = "职工急难救助", "职工急难救助"
    MODEL_WORKER = "困难劳模帮扶", "困难劳模帮扶"
    SCHOOLING = "金秋助学", "金秋助学"
    MEDICAL = "医疗救助", "医疗救助"
    OTHER = "其他", "其他"


class ApplicationQuerySet(ScopedQuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATES)


_amount: dict[str, Any] = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}


class Application(models.Model):
    WORKFLOW = APPLICATION_WORKFLOW

    number = models.CharField("申请编号", max_length=40, unique=True)
    applicant = models.CharField("申请人", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, db_index=True, validators=[validate_id_number])
    # the worker the 身份证号 names, when the worker register holds them (SPEC §2)
    worker = models.ForeignKey(Worker, verbose_name="申请人（职工）", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="assistance_applications")
    kind = models.CharField("救助类型", max_length=6, choices=AssistanceType.choices)
    applied_on = models.DateField("申请日期", validators=[validate_not_future])
    requested_amount = models.DecimalField("申请金额(元)", **_amount)
    status = models.CharField("状态", max_length=4, choices=Status.choices, default=Status.APPLIED)
    approved_amount = models.DecimalField("批准金额(元)", **_amount)
    paid_on = models.DateField("发放日期", null=True, blank=True, validators=[validate_not_future])
    # what an application filed through the public form says beyond the register's columns
    mobile = models.CharField("联系电话", max_length=11, blank=True, validators=[validate_mobile])
    summary = models.CharField("申请事由", max_length=100, blank=True)
    situation = models.TextField("困难情况", blank=True)
    # The owning node (SPEC §2): the linked worker's employer's node, else the node of whoever
    # recorded the application.
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "帮扶救助"
        verbose_name_plural = "帮扶救助"
        indexes = [models.Index(fields=["node", "status", "applied_on"]), models.Index(fields=["id_number", "kind", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(requested_amount__gte=0) | models.Q(requested_amount__isnull=True),
                                   name="assistance_requested_not_negative"),
            models.CheckConstraint(condition=models.Q(approved_amount__gt=0) | models.Q(approved_amount__isnull=True),
                                   name="assistance_approved_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    def duplicate_refusal(self) -> str:
        """rules.open_duplicate_refusal asked of the whole tree's open applications."""
        return open_duplicate_refusal(self, Application.objects.open())

    def clean(self) -> None:
        errors = application_problems(self)
        # an import checks the whole file against one load of the open applications (prepare);
        # the public form lets a duplicate wait for the street (services.application_submit_public);
        # everything else asks the database here
        if not getattr(self, "_duplicates_checked", False) and "id_number" not in errors and (
                refusal := self.duplicate_refusal()):
            errors.setdefault("id_number", []).append(refusal)
        raise_errors(self, errors, application_requirements(self))

    def import_notices(self) -> dict[str, list[str]]:
        """Rules beyond SPEC's (core.notices)."""
        return application_requirements(self)
