"""A filed (定稿) annual report: the figures of a year for a subtree and the records behind each,
frozen when an admin files it, so later views can show what changed since. Filing is reporting
up (上报, SPEC §8): versioned, each version 已上报 to the parent, then 已接收 or 已退回; the root,
which has no parent, files 已定稿."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from orgs.models import Org


class FilingState(models.TextChoices):
    FILED = "已上报", "已上报"
    ACCEPTED = "已接收", "已接收"
    RETURNED = "已退回", "已退回"
    FINAL = "已定稿", "已定稿"  # the root's: it has no parent to file to


NOT_FILED = "未上报"  # a year with no version yet (no row)
#: the states of a version that stands: the latest such version is the year's current filing
STANDING = (FilingState.FILED, FilingState.ACCEPTED, FilingState.FINAL)


class FiledReport(models.Model):
    org = models.ForeignKey(Org, verbose_name="组织", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    filed_at = models.DateTimeField("定稿时间")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="定稿人", null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    figures = models.JSONField("指标")  # {key: number}
    # {key: [record ids]}, or {key: other key} when a figure counts the very records another does
    # (training.enterprises and .person_times; the four worker figures share two lists)
    records = models.JSONField("计入的记录")
    version = models.PositiveSmallIntegerField("版本", default=1)
    state = models.CharField("状态", max_length=3, choices=FilingState.choices, default=FilingState.FILED)
    on_behalf = models.BooleanField("代报", default=False)  # filed by the parent for a child without an admin
    explanations = models.JSONField("提示说明", default=dict, blank=True)  # {rule key: text} (逻辑检查 提示)
    decided_at = models.DateTimeField("接收/退回时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收/退回人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("退回原因", blank=True)

    class Meta:
        verbose_name = "年度报告定稿"
        verbose_name_plural = "年度报告定稿"
        constraints = [models.UniqueConstraint(fields=["org", "year", "version"],
                                               name="one_filed_report_version_per_org_and_year")]
        indexes = [models.Index(fields=["year", "org", "version"])]

    def __str__(self) -> str:
        return f"{self.org}{self.year}年报告（第{self.version}版，{self.state}）"

    @property
    def stands(self) -> bool:
        return self.state in STANDING

    def records_of(self, key: str) -> list[int]:
        """The ids of the records the figure `key` counted when filed."""
        ids = self.records.get(key, [])
        return self.records.get(ids, []) if isinstance(ids, str) else ids


class ReportJob(models.Model):
    """An annual report a user asked for on the report page, made in the background."""

    class Status(models.TextChoices):
        WAITING = "生成中", "生成中"
        DONE = "已完成", "已完成"
        FAILED = "失败", "失败"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(Org, verbose_name="组织", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    fmt = models.CharField("格式", max_length=4)
    status = models.CharField("状态", max_length=3, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    content = models.BinaryField("文件", default=b"")

    class Meta:
        verbose_name = "报告生成"
        verbose_name_plural = "报告生成"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.org}{self.year}年工作总结.{self.fmt}"
