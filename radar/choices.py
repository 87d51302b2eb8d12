"""The vocabulary of risk leads and of the radar (SPEC §9), which models and rules both speak."""

from django.db import models


class LeadKind(models.TextChoices):
    UNPAID_WAGES = "欠薪", "欠薪"
    UNPAID_INSURANCE = "欠缴社保", "欠缴社保"
    STOPPAGE = "停工", "停工"
    LAYOFFS = "裁员", "裁员"
    OTHER = "其他", "其他"


class Verdict(models.TextChoices):
    PENDING = "待核实", "待核实"
    TRUE = "属实", "属实"
    FALSE = "不属实", "不属实"


class Level(models.TextChoices):
    RED = "红", "红"
    ORANGE = "橙", "橙"
    YELLOW = "黄", "黄"
    NONE = "无", "无"
