"""Writes to the inspection register beyond the generic record pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.models import Action
from audit.services import audit_record
from core.records import save_with_history

from .models import Inspection, RectificationResult

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def inspection_record_result(*, user: User, inspection: Inspection, result: str, reason: str, request: Any = None) -> Inspection:
    """Record the 整改结果 of a finding (e.g. 已整改 after a follow-up visit), saying why: the
    history row carries who and why, the audit log the change."""
    if not getattr(user, "writes_business_data", False):
        raise PermissionDenied("您的角色无权修改业务数据。")
    locked = Inspection.objects.visible_to(user).select_for_update(of=("self",)).filter(pk=inspection.pk).first()
    if locked is None:
        raise PermissionDenied("该检查记录不在您的管辖范围内")
    if result not in RectificationResult.values:
        raise ValidationError({"result": f"整改结果应为：{'/'.join(RectificationResult.values)}"})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写原因（如复查情况）"})
    if not locked.findings.strip():
        raise ValidationError({"result": "该次检查未记录发现问题，无需填写整改结果"})
    old = locked.result
    if result == old:
        raise ValidationError({"result": f"整改结果已是“{result}”"})
    locked.result = result
    save_with_history(locked, user=user, reason=f"整改结果：{old or '未填写'}→{result}：{reason}")
    audit_record(action=Action.UPDATE, request=request, user=user, obj=locked,
                 detail={"整改结果": [old, result], "原因": reason})
    return locked
