"""Supervision's vocabulary, which the models and the rules both speak."""

from django.db import models


class RectificationResult(models.TextChoices):
    DONE = "已整改", "已整改"
    NOT_DONE = "未整改", "未整改"
    IN_PROGRESS = "整改中", "整改中"
