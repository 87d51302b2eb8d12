"""The import log: every uploaded register file, what checking it found, what writing it did."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.scoping import ScopedQuerySet
from orgs.models import Org

from .catalog import registers


class ImportStatus(models.TextChoices):
    CHECKING = "检查中", "检查中"
    INVALID = "有错误", "有错误"
    READY = "待确认", "待确认"
    WRITING = "写入中", "写入中"
    DONE = "已导入", "已导入"
    FAILED = "失败", "失败"
    UNDONE = "已撤销", "已撤销"


#: statuses in which a background task is still to report
RUNNING = (ImportStatus.CHECKING, ImportStatus.WRITING)


class ImportLog(models.Model):
    register = models.CharField("台账", max_length=30)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT,
                             null=True, blank=True, related_name="+")
    username = models.CharField("导入人", max_length=150)  # also for the command line, which has no account
    # the importer's node: who else sees this entry (their subtree's admins, SPEC §1)
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, null=True, related_name="+")
    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("文件 SHA-256", max_length=64, db_index=True)
    size = models.PositiveIntegerField("文件大小")
    # kept to re-check at confirm time and to mark problems; emptied once the rows are written
    data = models.BinaryField("文件内容")
    status = models.CharField("状态", max_length=4, choices=ImportStatus.choices, default=ImportStatus.CHECKING)
    progress = models.PositiveSmallIntegerField("进度", default=0)  # percent
    rows = models.PositiveIntegerField("数据行数", default=0)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    unchanged = models.PositiveIntegerField("未变化", default=0)
    problems = models.JSONField("问题", default=list)  # [[row, column, value, reason], …]
    notes = models.JSONField("提示", default=list)
    message = models.TextField("说明", blank=True)  # a refusal of the whole file, or a failure
    # the process running the background step ("host:pid:start") and its last sign of life:
    # how the page tells a step still running from one whose worker died
    worker = models.CharField("后台进程", max_length=200, blank=True)
    beat_at = models.DateTimeField("最近心跳", null=True, blank=True)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    written_at = models.DateTimeField("写入时间", null=True, blank=True)  # the import's history timestamp
    undone_at = models.DateTimeField("撤销时间", null=True, blank=True)
    undone_by = models.CharField("撤销人", max_length=150, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        ordering = ["-id"]
        indexes = [models.Index(fields=["register", "sha256"])]

    def __str__(self) -> str:
        return f"导入#{self.pk}"

    @property
    def tag(self) -> str:
        """The history change reason of every row this import wrote: how undo finds them."""
        return f"导入#{self.pk}"

    @property
    def running(self) -> bool:
        return self.status in RUNNING

    @property
    def status_class(self) -> str:
        classes: dict[str, str] = {ImportStatus.DONE: "", ImportStatus.READY: "warn", ImportStatus.INVALID: "bad",
                                   ImportStatus.FAILED: "bad"}
        return classes.get(self.status, "muted")

    @property
    def register_label(self) -> str:
        found = registers().get(self.register)
        return found.label if found else self.register
