"""The audit entries of what core reports through core.signals (core stands below the log)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.dispatch import receiver
from django.http import HttpRequest

from core.masking import mask_id_number, mask_text
from core.signals import access_refused, personal_data_searched

from .models import Action, Result
from .services import audit_record

if TYPE_CHECKING:
    from accounts.models import User


@receiver(access_refused, dispatch_uid="audit-access-refused")
def record_refusal(sender: Any, *, request: HttpRequest, needed: str, **kwargs: Any) -> None:
    audit_record(
        action=Action.DENIED, request=request, result=Result.REFUSED,
        object_repr=request.path[:200], detail={"需要": needed, "方法": request.method},
    )


@receiver(personal_data_searched, dispatch_uid="audit-personal-data-searched")
def record_person_search(
    sender: Any, *, request: HttpRequest | None, user: User | None, id_number: str, reason: str, **kwargs: Any,
) -> None:
    """Audited like a reveal, the number masked."""
    audit_record(
        action=Action.REVEAL, request=request, user=user,
        object_type=str(sender._meta.verbose_name), object_repr=f"按身份证号查询 {mask_id_number(id_number)}",
        detail={"原因": mask_text(reason[:200]), "查询": mask_id_number(id_number)},
    )
