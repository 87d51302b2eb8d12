"""The vocabulary of union founding (工会组建, SPEC §7), which the models and the rules both speak."""

from django.db import models


class Status(models.TextChoices):
    PREPARING = "筹建中", "筹建中"
    ESTABLISHED = "已成立", "已成立"
    STOPPED = "已中止", "已中止"


class FoundingForm(models.TextChoices):
    SINGLE = "单独建会", "单独建会"  # one employer founds its own 基层工会
    JOINT = "联合建会", "联合建会"  # several small employers found one 联合基层工会
