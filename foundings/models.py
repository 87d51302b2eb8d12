"""Union foundings (工会组建, SPEC §7): a street's work of founding a 基层工会 for one employer or a
联合基层工会 for several, 筹建中 → 已成立 (the union is created and the employers put under it, in one
transaction: establishing.py) / 已中止 (with a reason)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_not_future
from orgs.models import Employer, Org, OrgType
from workflows.flows import Workflow

from .choices import FoundingForm, Status
from .establishing import establish
from .rules import founding_problems, founding_requirements, latest_due_start


def _on_move(founding: Founding, *, to: str, user: Any, request: Any = None, **move: Any) -> None:
    """What 筹建中 → 已成立 does beyond its state (workflows.services.move): the union and its employers."""
    if to == Status.ESTABLISHED:
        establish(founding, user=user, request=request)


FOUNDING_WORKFLOW = Workflow(
    field="status",
    edges={Status.PREPARING: (Status.ESTABLISHED, Status.STOPPED)},
    needs={Status.ESTABLISHED: ("congress_on", "approved_on")},
    needs_reason=(Status.STOPPED,),
    final=(Status.ESTABLISHED, Status.STOPPED),
    on_move=_on_move,
)


class FoundingQuerySet(ScopedQuerySet):
    def established(self) -> Self:
        return self.filter(status=Status.ESTABLISHED)

    def established_in(self, year: int) -> Self:
        """已成立 with a 批复日期 in `year` (SPEC §7 unions.founded)."""
        return self.established().filter(
            approved_on__gte=dt.date(year, 1, 1), approved_on__lte=dt.date(year, 12, 31)
        )

    def preparing(self) -> Self:
        return self.filter(status=Status.PREPARING)

    def due(self, today: dt.date) -> Self:
        """Still 筹建中 FOUNDING_WARN_DAYS or more after the 启动日期 (rules.due_on)."""
        return self.preparing().filter(started_on__lte=latest_due_start(today))


class Founding(models.Model):
    WORKFLOW = FOUNDING_WORKFLOW

    number = models.CharField("组建编号", max_length=40, unique=True)
    name = models.CharField("拟建工会名称", max_length=100)
    form = models.CharField("组建形式", max_length=4, choices=FoundingForm.choices)
    # 涉及单位 (a 联合建会 names several), in the order written; `unit_codes` is the cell as recorded
    # (their 信用代码 joined by “；”), so an import or the history sees a change of them like any other
    units = models.ManyToManyField(
        Employer, through="FoundingUnit", verbose_name="涉及单位", related_name="foundings"
    )
    unit_codes = models.TextField("涉及单位", editable=False)
    street = models.ForeignKey(
        Org,
        verbose_name="所属街道",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"org_type": OrgType.STREET},
    )
    started_on = models.DateField("启动日期", validators=[validate_not_future])
    congress_on = models.DateField(
        "会员大会日期", null=True, blank=True, validators=[validate_not_future]
    )
    approved_on = models.DateField(
        "批复日期", null=True, blank=True, validators=[validate_not_future]
    )
    approval_number = models.CharField("批复文号", max_length=60, blank=True)
    status = models.CharField(
        "状态", max_length=3, choices=Status.choices, default=Status.PREPARING
    )
    # the union it founded (已成立), never typed
    union = models.ForeignKey(
        Org,
        verbose_name="成立的工会",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="foundings",
    )
    # The owning node (SPEC §7): the 所属街道.
    node = models.ForeignKey(
        Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+"
    )

    history = RecordHistory()
    objects = FoundingQuerySet.as_manager()

    class Meta:
        verbose_name = "工会组建"
        verbose_name_plural = "工会组建"
        indexes = [
            models.Index(fields=["node", "status", "approved_on"]),
            models.Index(fields=["status", "started_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=Status.ESTABLISHED)
                | models.Q(congress_on__isnull=False, approved_on__isnull=False),
                name="founding_established_has_dates",
                violation_error_message="状态为“已成立”时须填写会员大会日期和批复日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        # an established union's founding is where it came from: its figure and its link stay
        if self.status == Status.ESTABLISHED:
            raise ValidationError(f"组建“{self}”已成立工会“{self.union or self.name}”，不能删除。")
        return super().delete(*args, **kwargs)

    def unit_ids(self) -> list[int]:
        """The 涉及单位 as stored (the many-to-many follows `unit_codes`)."""
        codes = [c for c in self.unit_codes.split("；") if c]
        return list(Employer.objects.filter(credit_code__in=codes).values_list("pk", flat=True))

    def clean(self) -> None:
        raise_errors(self, founding_problems(self), founding_requirements(self))

    def import_notices(self) -> dict[str, list[str]]:
        """Rules beyond SPEC's (core.notices)."""
        return founding_requirements(self)


class FoundingUnit(models.Model):
    """One 涉及单位 of a founding."""

    founding = models.ForeignKey(Founding, on_delete=models.CASCADE, related_name="unit_links")
    employer = models.ForeignKey(
        Employer, verbose_name="涉及单位", on_delete=models.PROTECT, related_name="founding_links"
    )

    class Meta:
        verbose_name = "涉及单位"
        verbose_name_plural = "涉及单位"
        constraints = [
            models.UniqueConstraint(fields=["founding", "employer"], name="founding_unit_once")
        ]

    def __str__(self) -> str:
        return f"{self.founding} · {self.employer}"
