"""The due date a parent sets for its children's filing of a year (SPEC §8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from orgs.models import Org


class FilingDue(models.Model):
    org = models.ForeignKey(
        Org, verbose_name="上级组织", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    due_on = models.DateField("上报截止日期")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="设置人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField("设置时间", auto_now=True)

    class Meta:
        verbose_name = "上报截止日期"
        verbose_name_plural = "上报截止日期"
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="one_filing_due_per_org_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.org}{self.year}年下级上报截止{self.due_on:%Y-%m-%d}"
