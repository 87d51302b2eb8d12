"""In-app notifications: what `uniondesk remind` found newly due for each user."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField("事项标识", max_length=120)  # DueItem.key: one notice per item and user
    kind = models.CharField("类型", max_length=40)
    title = models.CharField("事项", max_length=200)
    url = models.CharField("链接", max_length=200)
    due = models.DateField("期限")
    created_at = models.DateTimeField("提醒时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "提醒"
        verbose_name_plural = "提醒"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notice_per_item")]
        indexes = [models.Index(fields=["user", "read_at"])]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind}：{self.title}"
