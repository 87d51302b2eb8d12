"""Applying for mediation from the public page (no account): the case goes to the mediation body
nearest the employer (its own 调解小组, else its street's committee, else the district's)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.validators import validate_id_number
from orgs.models import Employer, OrgType
from public.kinds import PublicKind
from public.numbering import save_numbered, taken_in_series
from workers.models import Worker

from .models import Case, CaseStatus, DisputeType, MediationLevel, MediationOrg


def mediation_org_for(employer: Employer, today: Any) -> MediationOrg | None:
    """The body that receives an application against this employer, nearest first."""
    in_being = MediationOrg.objects.in_being_at(today)
    own = in_being.filter(employer=employer, level=MediationLevel.ENTERPRISE).order_by("pk").first()
    if own:
        return own
    street = in_being.filter(org=employer.street, level=MediationLevel.STREET).order_by("pk").first()
    if street:
        return street
    return in_being.filter(level=MediationLevel.DISTRICT, org__org_type=OrgType.DISTRICT).order_by("pk").first()


def _fields() -> dict[str, forms.Field]:
    return {
        "id_number": forms.CharField(label="身份证号（选填）", max_length=18, required=False, validators=[validate_id_number]),
        "dispute_type": forms.ChoiceField(label="争议类型", choices=DisputeType.choices),
        "amount": forms.DecimalField(label="涉及金额（元，选填）", required=False, min_value=0, max_digits=12, decimal_places=2),
    }


def _create(data: dict[str, Any], employer: Employer) -> Case:
    today = timezone.localdate()
    org = mediation_org_for(employer, today)
    if org is None:
        raise ValidationError("暂时无法受理：该单位所在街道还没有登记调解组织，请直接联系街道总工会。")
    series = f"{today:%Y}网申"  # 网申 numbers count up per year
    id_number = (data.get("id_number") or "").upper()
    # the worker register's record of the applicant, wherever it is held (SPEC §2), as assistance does
    worker = Worker.objects.filter(id_number=id_number).only("pk").first() if id_number else None

    def make(seq: int) -> Case:
        return Case(
            number=f"{series}{seq:05d}", applicant=data["name"], applicant_id_number=id_number, worker=worker,
            respondent_employer=employer, dispute_type=data["dispute_type"], amount=data.get("amount"),
            applied_on=today, mediation_org=org, status=CaseStatus.APPLIED, node_id=org.node_id,
            matters=f"{data['title']}\n{data['content']}",
        )

    return save_numbered(make, taken_in_series(Case.objects.all(), "number", series))


KIND = PublicKind(
    slug="mediation",
    label="劳动争议调解申请",
    intro="与用人单位发生劳动争议（如拖欠工资、经济补偿、社会保险等），可以申请工会调解组织调解。"
          "调解组织收到申请之日起 15 日内未达成调解协议的，可以依法申请劳动争议仲裁。",
    fields=_fields,
    create=_create,
    title_label="争议概要",
    content_label="请求事项与事实经过",
)
