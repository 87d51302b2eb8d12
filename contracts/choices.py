"""The collective contract's vocabulary, which the models and the rules both speak."""

from django.db import models


class SigningMode(models.TextChoices):
    NEW = "新签", "新签"
    RENEWAL = "续签", "续签"


class Stage(models.TextChoices):
    """The review procedure's step, as the recorded dates say it."""

    DRAFT = "草拟", "草拟"  # recorded before it is signed: no 签订日期 yet
    SIGNED = "已签订", "已签订"
    SUBMITTED = "已报送", "已报送"
    APPROVED = "审查通过", "审查通过"


class Status(models.TextChoices):
    """What a contract is on a given day (computed, never stored)."""

    DRAFT = "草拟", "草拟"
    TO_SUBMIT = "已签订待报送", "已签订待报送"
    IN_REVIEW = "审查中", "审查中"
    IN_FORCE = "生效", "生效"
    EXPIRING = "即将到期", "即将到期"
    EXPIRED = "已到期", "已到期"
