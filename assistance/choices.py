"""Assistance's vocabulary, which the models and the rules both speak."""

from django.db import models


class Status(models.TextChoices):
    APPLIED = "已申请", "已申请"
    STREET_REVIEWED = "街道审核", "街道审核"  # the street has reviewed it: it waits for the district
    DISTRICT_APPROVED = "区总审批", "区总审批"  # the district has approved it: it waits for payment
    PAID = "已发放", "已发放"
    REFUSED = "不予救助", "不予救助"


OPEN_STATES = (Status.APPLIED, Status.STREET_REVIEWED, Status.DISTRICT_APPROVED)
