"""Writing to and checking the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import Action, AuditEntry, Result

GENESIS = "0" * 64
_PG_LOCK_KEY = 7_420_031  # one advisory lock serialises appends, so the chain never forks


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def audit_record(
    *,
    action: Action | str,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    org: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_repr: str = "",
    result: Result | str = Result.OK,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. `user` defaults to the request's user; `org` to the user's org."""
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    if org is None and user is not None:
        org = getattr(user, "org", None)
    if obj is not None:
        object_type = object_type or obj._meta.verbose_name
        object_repr = object_repr or str(obj)[:200]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            at=timezone.now(),
            user_id_value=getattr(user, "pk", None),
            username=getattr(user, "username", "") or username,
            org=org,
            ip=client_ip(request),
            action=action,
            object_type=object_type,
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=object_repr,
            result=result,
            detail=detail or {},
            prev_hash=last or GENESIS,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


@dataclass
class ChainCheck:
    checked: int
    broken_id: int | None

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_chain(*, batch: int = 2000) -> ChainCheck:
    """Walk the whole log in id order; report the first entry whose seal or link is wrong."""
    prev = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch):
        if entry.prev_hash != prev or entry.compute_hash() != entry.hash:
            return ChainCheck(checked=checked, broken_id=entry.id)
        prev = entry.hash
        checked += 1
    return ChainCheck(checked=checked, broken_id=None)
