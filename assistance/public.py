"""Filing an assistance application through the public form (诉求表达, no account, SPEC §1)."""

from __future__ import annotations

from django import forms

from public.kinds import PublicKind

from .models import AssistanceType
from .services import application_submit_public


def _fields() -> dict[str, forms.Field]:
    return {
        "id_number": forms.CharField(label="身份证号", max_length=18, min_length=18,
                                     help_text="用于核对身份，同一人同一救助类型同时只能有一份办理中的申请"),
        "kind": forms.ChoiceField(label="救助类型", choices=AssistanceType.choices),
        "requested_amount": forms.DecimalField(label="申请金额（元，选填）", required=False, max_digits=12,
                                               decimal_places=2, min_value=0),
    }


KIND = PublicKind(
    slug="assistance",
    label="帮扶救助申请",
    intro="职工本人或家庭遇到突发困难、重大疾病、子女上学困难等，可以在这里提出帮扶救助申请。"
          "所在街道工会审核、区总工会审批后发放救助金；凭查询码可以随时查看办理进度。",
    fields=_fields,
    create=lambda data, employer: application_submit_public(data, employer),
    title_label="申请事由",
    content_label="困难情况说明",
)
