"""Writes to the worker register; each audited, with personal data masked in the log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.models import Action
from audit.services import audit_record
from core.records import changes_between, locked_at_version, save_with_history, snapshot
from core.scoping import may_reach
from core.signals import workers_joined
from orgs.models import Employer

from .importing import member_states
from .models import Worker

if TYPE_CHECKING:
    from accounts.models import User  # accounts stands above the tree (a user's org)


def _require_writer(user: User) -> None:
    if not user.writes_business_data:
        raise PermissionDenied("您的角色无权修改业务数据。")


def _require_employer(user: User, employer: Employer) -> None:
    if not may_reach(user, employer.node):
        raise ValidationError(f"单位“{employer.name}”不在您的管辖范围内")


@transaction.atomic
def worker_create(*, user: User, request: Any = None, **fields: Any) -> Worker:
    _require_writer(user)
    worker = Worker(**fields)
    _require_employer(user, worker.employer)
    worker.node = worker.employer.node
    if worker.id_number:
        worker.id_number = worker.id_number.strip().upper()
    worker.full_clean(exclude=["gender", "birth_date", "node"])
    worker.derive_from_id()
    _follow_membership(worker, was_member=False)
    save_with_history(worker, user=user)
    audit_record(action=Action.CREATE, request=request, user=user, obj=worker)
    _join(worker, user)
    return worker


def _follow_membership(worker: Worker, *, was_member: bool) -> None:
    """是否会员 is the members register's (SPEC §7); a 是 with no membership yet creates one (_join)."""
    held = member_states([worker.id_number]).get(worker.id_number)
    worker._joins = held is None and worker.is_member and not was_member  # type: ignore[attr-defined]
    if held is not None:
        worker.is_member = held


def _join(worker: Worker, user: User) -> None:
    if getattr(worker, "_joins", False):
        workers_joined.send(sender=Worker, joined=[(worker.id_number, worker.joined_on)], user=user)


@transaction.atomic
def worker_update(*, user: User, worker: Worker, version: str = "", request: Any = None, **fields: Any) -> Worker:
    """Edit a worker; a stale edit form's `version` is refused with Conflict (core.records)."""
    _require_writer(user)
    _require_employer(user, worker.employer)
    worker = locked_at_version(worker, version)
    before = snapshot(worker)
    for name, value in fields.items():
        setattr(worker, name, value)
    _require_employer(user, worker.employer)
    worker.node = worker.employer.node
    worker.id_number = worker.id_number.strip().upper()
    worker.full_clean(exclude=["gender", "birth_date", "node"])
    worker.derive_from_id()
    _follow_membership(worker, was_member=bool(before.get("is_member")))
    save_with_history(worker, user=user)
    if changes := changes_between(before, worker):
        audit_record(action=Action.UPDATE, request=request, user=user, obj=worker, detail=changes)
    _join(worker, user)
    return worker


@transaction.atomic
def worker_delete(*, user: User, worker: Worker, request: Any = None) -> None:
    _require_writer(user)
    _require_employer(user, worker.employer)
    audit_record(action=Action.DELETE, request=request, user=user, obj=worker)
    worker._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    worker.delete()


def worker_reveal(*, user: User, worker: Worker, reason: str, request: Any = None) -> dict[str, str]:
    """An admin sees one worker's full 身份证号 and 手机号, giving a reason; the reveal is audited."""
    if not user.may_reveal_personal_data:
        audit_record(action=Action.REVEAL, request=request, user=user, obj=worker, result="拒绝")
        raise PermissionDenied("您的角色无权查看完整个人信息。")
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError("请填写查看原因")
    audit_record(action=Action.REVEAL, request=request, user=user, obj=worker, detail={"原因": reason})
    return {"id_number": worker.id_number, "mobile": worker.mobile}
