"""The assistance register (SPEC §2: assistance 帮扶救助)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number

from .filters import ApplicationFilter
from .importing import after_write, prepare_application
from .models import Application, AssistanceType, Status
from .rules import page_notices


def _links(application: Application) -> list[tuple[str, Any]]:
    return [("审批队列", reverse("assistance:queue"))] if application.is_open else []


ASSISTANCE = Register(
    slug="assistance",
    label="帮扶救助",
    key="申请编号",
    columns=(
        Column("申请编号", "number", required=True, kind="code"),
        Column("申请人", "applicant", required=True),
        Column("身份证号", "id_number", required=True, kind="code", mask=mask_id_number),
        Column("救助类型", "kind", required=True, choices=tuple(AssistanceType.values)),
        Column("申请日期", "applied_on", required=True, kind="date"),
        Column("申请金额(元)", "requested_amount", kind="decimal"),
        Column("状态", "status", required=True, choices=tuple(Status.values),
               note="已申请→街道审核→区总审批→已发放，或不予救助；已有记录的状态只能按流程变更"),
        Column("批准金额(元)", "approved_amount", kind="decimal", note="不能大于申请金额"),
        Column("发放日期", "paid_on", kind="date", note="状态为“已发放”时必填"),
    ),
    queryset=lambda user: Application.objects.visible_to(user).order_by("-applied_on", "number"),
    filterset=ApplicationFilter,
    list_url="",
    model=Application,
    key_fields=("number",),
    prepare=prepare_application,
    after_write=after_write,
    list_headers=("申请编号", "申请人", "救助类型", "申请日期", "申请金额(元)", "状态"),
    notices=page_notices,
    links=_links,
    # what an application filed through the public form says beyond the register's columns
    more_fields=("summary", "situation"),
    area="relations",
    follows=(Follow("worker__employer"),),  # its worker's employer's node
)

REGISTERS = [ASSISTANCE]
