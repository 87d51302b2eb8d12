"""Workers (职工) of the employers in the tree, and whether they are union members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from core.history import RecordHistory
from core.scoping import ScopedQuerySet
from core.validators import (
    id_birth_date,
    id_gender,
    validate_id_number,
    validate_mobile,
    validate_not_future,
)
from orgs.models import Employer, Org


class LabourContract(models.TextChoices):
    SIGNED = "已签订", "已签订"
    UNSIGNED = "未签订", "未签订"
    NOT_REQUIRED = "无需签订", "无需签订"


class ModelWorkerLevel(models.TextChoices):
    DISTRICT = "区级", "区级"
    CITY = "市级", "市级"
    PROVINCE = "省级", "省级"
    NATIONAL = "全国", "全国"


class WorkStatus(models.TextChoices):
    EMPLOYED = "在职", "在职"
    LEFT = "离职", "离职"
    RETIRED = "退休", "退休"


class WorkerQuerySet(ScopedQuerySet):
    def employed(self) -> WorkerQuerySet:
        return self.filter(status=WorkStatus.EMPLOYED)


class Worker(models.Model):
    name = models.CharField("姓名", max_length=50, db_index=True)
    id_number = models.CharField("身份证号", max_length=18, unique=True, validators=[validate_id_number])
    gender = models.CharField("性别", max_length=1, editable=False)
    birth_date = models.DateField("出生日期", editable=False)
    employer = models.ForeignKey(Employer, verbose_name="所在单位", on_delete=models.PROTECT, related_name="workers")
    mobile = models.CharField("手机号", max_length=11, blank=True, validators=[validate_mobile])
    is_member = models.BooleanField("是否会员", default=False)
    joined_on = models.DateField("入会日期", null=True, blank=True, validators=[validate_not_future])
    labour_contract = models.CharField("劳动合同", max_length=4, choices=LabourContract.choices)
    contract_start = models.DateField("合同起始日期", null=True, blank=True)
    contract_end = models.DateField("合同终止日期", null=True, blank=True, help_text="留空表示无固定期限")
    post = models.CharField("岗位", max_length=50, blank=True)
    model_worker_level = models.CharField("劳模级别", max_length=2, choices=ModelWorkerLevel.choices, blank=True)
    status = models.CharField("在职状态", max_length=2, choices=WorkStatus.choices, default=WorkStatus.EMPLOYED)
    # The employer's owning node, kept here so scoping is one join (SPEC §2).
    node = models.ForeignKey(Org, verbose_name="所属节点", on_delete=models.PROTECT, related_name="+")

    history = RecordHistory()
    objects = WorkerQuerySet.as_manager()

    class Meta:
        verbose_name = "职工"
        verbose_name_plural = "职工"
        indexes = [models.Index(fields=["node", "status"]), models.Index(fields=["employer", "status"])]

    def __str__(self) -> str:
        return self.name

    def derive_from_id(self) -> None:
        """Gender and birth date come from the 身份证号, never typed twice (SPEC §3)."""
        self.gender = id_gender(self.id_number)
        self.birth_date = id_birth_date(self.id_number)

    def import_notices(self) -> dict[str, str]:
        """Rules beyond SPEC's (core.notices): a 是否会员 that differs from the members register."""
        notice = getattr(self, "_member_notice", "")
        return {"is_member": notice} if notice else {}

    def clean(self) -> None:
        errors = {}
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = "合同终止日期不能早于合同起始日期"
        if errors:
            raise ValidationError(errors)
