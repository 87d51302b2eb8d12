"""A filed (定稿) annual report: the figures of a year for a subtree and the records behind each,
frozen when an admin files it, so later views can show what changed since."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from orgs.models import Org


class FiledReport(models.Model):
    org = models.ForeignKey(Org, verbose_name="组织", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    filed_at = models.DateTimeField("定稿时间")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="定稿人", null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    figures = models.JSONField("指标")  # {key: number}
    records = models.JSONField("计入的记录")  # {key: [record ids]}

    class Meta:
        verbose_name = "年度报告定稿"
        verbose_name_plural = "年度报告定稿"
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="one_filed_report_per_org_and_year")]

    def __str__(self) -> str:
        return f"{self.org}{self.year}年报告定稿"
