"""Mediation's vocabulary, which the models and the rules both speak."""

from django.db import models


class MediationLevel(models.TextChoices):
    DISTRICT = "区级调解委员会", "区级调解委员会"
    STREET = "街道调解委员会", "街道调解委员会"
    ENTERPRISE = "企业调解小组", "企业调解小组"
    PEOPLE = "人民调解组织", "人民调解组织"


class CaseStatus(models.TextChoices):
    APPLIED = "已申请", "已申请"
    ACCEPTED = "已受理", "已受理"
    MEDIATING = "调解中", "调解中"
    SUCCEEDED = "调解成功", "调解成功"
    FAILED = "调解不成功", "调解不成功"
    WITHDRAWN = "已撤回", "已撤回"


OPEN_STATES = (CaseStatus.APPLIED, CaseStatus.ACCEPTED, CaseStatus.MEDIATING)
CLOSED_STATES = (CaseStatus.SUCCEEDED, CaseStatus.FAILED, CaseStatus.WITHDRAWN)
