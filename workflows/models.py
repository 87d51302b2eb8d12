"""Every state change of every workflow: who, when, from what to what, and why (SPEC §4)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Via(models.TextChoices):
    PAGE = "页面", "页面"
    IMPORT = "导入", "导入"
    API = "接口", "接口"
    PUBLIC = "公开表单", "公开表单"
    SYSTEM = "系统", "系统"


class Transition(models.Model):
    # a step log like the audit log: one row per record an import creates, so no foreign key check
    # per row (content types are never deleted; deleting an account still empties `user` in Django)
    # (indexed by the composite index below, which begins with it)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, db_constraint=False, db_index=False)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    from_state = models.CharField("原状态", max_length=10, blank=True)  # blank: the record was created in to_state
    to_state = models.CharField("新状态", max_length=10)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", db_constraint=False, db_index=False)
    username = models.CharField("操作人账号", max_length=150, blank=True)  # kept when the account goes
    at = models.DateTimeField("时间")
    reason = models.CharField("原因", max_length=500, blank=True)
    via = models.CharField("途径", max_length=4, choices=Via.choices, default=Via.PAGE)

    class Meta:
        verbose_name = "状态变更"
        verbose_name_plural = "状态变更"
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state or '新建'} → {self.to_state}"

    @property
    def actor(self) -> str:
        if self.user_id:
            return str(self.user)
        return self.username or ("公开表单提交人" if self.via == Via.PUBLIC else "系统")
