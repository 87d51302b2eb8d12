"""The data's version: one row whose token changes after every commit that wrote business data,
so a figure computed from the data can be kept until the data changes (core/freshness.py)."""

from django.db import models


class DataVersion(models.Model):
    token = models.CharField("版本", max_length=32)

    class Meta:
        verbose_name = "数据版本"
        verbose_name_plural = "数据版本"

    def __str__(self) -> str:
        return self.token
