"""创建劳动关系和谐企业 (SPEC §9): the year's scoring table, the assessments of employers and the
review steps that froze their scores.

An assessment is owned by its employer's node. The scoring table of a year belongs to the root
and is frozen once an assessment of that year has been scored; each scored step keeps the values
of its computed items and the score as they were, so later changes to the registers never move a
score already given.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_not_future, validate_year
from honours.models import Honour
from orgs.models import Employer, Org
from workflows.flows import Workflow

from .choices import Level, Source, Status
from .rules import EDGES, assessment_problems, level_refusal

_score: dict[str, Any] = {"max_digits": 6, "decimal_places": 1, "null": True, "blank": True}


def _on_move(assessment: Assessment, *, old: str, to: str, user: Any, reason: str, **move: Any) -> None:
    """The workflow's on_move: what each step writes beyond the state (services.step_effects)."""
    from .services import step_effects

    step_effects(assessment, old, to, user, reason)


ASSESSMENT_WORKFLOW = Workflow(
    field="status",
    edges=EDGES,
    needs={
        Status.NAMED: ("named_on", "named_doc"),
        Status.REVOKED: ("revoked_on", "revoke_reason"),
    },
    needs_reason=(Status.FAILED,),
    final=(Status.FAILED, Status.REVOKED),
    guard=level_refusal,
    on_move=_on_move,
)


class ScoringTable(models.Model):
    """The year's scoring table (评分标准), entered by the root's admin."""

    year = models.PositiveSmallIntegerField("年度", unique=True, validators=[validate_year])
    pass_mark = models.DecimalField(
        "合格分", max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )
    node = models.ForeignKey(
        Org, verbose_name="制定组织", on_delete=models.PROTECT, related_name="+"
    )

    history = RecordHistory()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "和谐企业评分表"
        verbose_name_plural = "和谐企业评分表"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度和谐企业评分表"

    @property
    def frozen(self) -> bool:
        """Once an assessment of its year has been scored, the table no longer changes."""
        return ReviewStep.objects.filter(assessment__year=self.year).exists()


class ScoringItem(models.Model):
    table = models.ForeignKey(
        ScoringTable, verbose_name="评分表", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField("序号", default=0)
    name = models.CharField("评分项目", max_length=100)
    source = models.CharField("计分方式", max_length=10, choices=Source.choices)
    # the points of the item; for a deduction, the points taken off per record
    points = models.DecimalField(
        "分值", max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )
    threshold = models.DecimalField(
        "达标线(%)", max_digits=5, decimal_places=1, null=True, blank=True
    )

    history = RecordHistory()

    class Meta:
        verbose_name = "评分项目"
        verbose_name_plural = "评分项目"
        ordering = ["table", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["table", "name"], name="harmony_item_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class AssessmentQuerySet(ScopedQuerySet):
    pass


class Assessment(models.Model):
    WORKFLOW = ASSESSMENT_WORKFLOW

    employer = models.ForeignKey(
        Employer, verbose_name="单位", on_delete=models.PROTECT, related_name="harmony_assessments"
    )
    year = models.PositiveSmallIntegerField("年度", validators=[validate_year])
    level = models.CharField("申报级别", max_length=2, choices=Level.choices)
    self_score = models.DecimalField("自评分", **_score)
    street_score = models.DecimalField("街道初审分", **_score)
    district_score = models.DecimalField("区总评审分", **_score)
    status = models.CharField("状态", max_length=4, choices=Status.choices, default=Status.APPLIED)
    named_on = models.DateField("命名日期", null=True, blank=True, validators=[validate_not_future])
    named_doc = models.CharField("命名文号", max_length=60, blank=True)
    revoked_on = models.DateField(
        "撤销日期", null=True, blank=True, validators=[validate_not_future]
    )
    revoke_reason = models.CharField("撤销原因", max_length=200, blank=True)
    # the 命名表彰 record the name wrote or an imported 已命名 row linked to (one record)
    # (two assessments of one employer and level named in one calendar year name the same honour)
    honour = models.ForeignKey(
        Honour,
        verbose_name="命名表彰",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="harmony_assessments",
    )
    # the employer's node (SPEC §9)
    node = models.ForeignKey(
        Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+"
    )

    history = RecordHistory()
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "和谐企业评价"
        verbose_name_plural = "和谐企业评价"
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "year", "level"], name="harmony_assessment_key"
            )
        ]
        indexes = [
            models.Index(fields=["node", "year", "status"]),
            models.Index(fields=["year", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度{self.level}和谐企业评价：{getattr(self.employer, 'name', '')}"

    def clean(self) -> None:
        raise_errors(self, assessment_problems(self), {})


class ReviewStep(models.Model):
    """A step of an assessment's review, with the computed items and the score frozen as they were."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="评价", on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField("评审步骤", max_length=4, choices=Status.choices)
    at = models.DateTimeField("评审时间")
    as_of = models.DateField("计分依据日期")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评审人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField("评审人用户名", max_length=150, blank=True)
    score = models.DecimalField("得分", max_digits=6, decimal_places=1)
    pass_mark = models.DecimalField("合格分", max_digits=6, decimal_places=1)
    # [{"name", "source", "points", "threshold", "value", "shown", "score"}], in the table's order
    items = models.JSONField("评分明细", default=list)

    class Meta:
        verbose_name = "评审记录"
        verbose_name_plural = "评审记录"
        ordering = ["assessment", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.step} {self.score}"


class ManualMark(models.Model):
    """The points a reviewer gives a manual item, with its evidence (stored in the database, as the
    public forms store their attachments); frozen into the next review step."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="评价", on_delete=models.CASCADE, related_name="marks"
    )
    item = models.CharField("评分项目", max_length=100)
    points = models.DecimalField(
        "给分", max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )
    evidence = models.BinaryField("证明材料", blank=True, default=b"")
    evidence_name = models.CharField("证明材料文件名", max_length=120, blank=True)
    evidence_type = models.CharField("证明材料类型", max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评分人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField("评分时间")

    class Meta:
        verbose_name = "人工评分"
        verbose_name_plural = "人工评分"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="harmony_mark_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.points}"
