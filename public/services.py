"""Filing a public submission and reading it back by its code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from workflows.models import Via
from workflows.services import record_created, state_of

from .guards import new_code
from .kinds import PublicKind, Repeat, kinds
from .models import Ticket

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def file_submission(kind: PublicKind, data: dict[str, Any], *, request: Any = None) -> Ticket:
    """Create the kind's record from the form and a ticket with a fresh tracking code. A repeat
    filing (the record exists) gets its ticket the same way, on the record, which it leaves as it is."""
    made = kind.create(data, data["employer_obj"])
    repeat = made if isinstance(made, Repeat) else None
    record = repeat.record if repeat is not None else made
    if repeat is None:
        record_created(record, user=None, via=Via.PUBLIC, reason="公开表单提交")
    attachment = data.get("attachment") or {}
    for _ in range(5):  # a collision of 80-bit codes does not happen; if it did, draw again
        try:
            with transaction.atomic():
                ticket = Ticket.objects.create(
                    code=new_code(), kind=kind.slug, mobile=data.get("mobile") or "", content_type=ContentType.objects.get_for_model(type(record)),
                    object_id=record.pk, attachment=attachment.get("data", b""),
                    attachment_name=attachment.get("name", ""), attachment_type=attachment.get("type", ""),
                    standing=repeat.standing if repeat else "", note=repeat.note if repeat else "",
                )
            break
        except IntegrityError:
            continue
    detail = {"途径": "公开表单", "附件": attachment.get("name", "无")} | ({"重复提交": repeat.note} if repeat else {})
    audit_record(action=Action.UPDATE if repeat else Action.CREATE, request=request, user=None, username="公开表单",
                 org=record.node, obj=record, detail=detail)
    return ticket


def tracked(code: str) -> dict[str, Any] | None:
    """What the code shows: the kind, when, the state and the reply. Nothing else."""
    ticket = Ticket.objects.filter(code=code).first()
    if ticket is None or ticket.record is None:
        return None
    kind = kinds().get(ticket.kind)
    if ticket.standing:  # a repeat filing: the record is someone's, only the union's reply is the filer's
        return {"kind": ticket.kind, "created_at": ticket.created_at, "state": ticket.standing,
                "reply": ticket.reply, "replied_at": ticket.replied_at, "links": []}
    return {"kind": ticket.kind, "created_at": ticket.created_at, "state": state_of(ticket.record),
            "reply": ticket.reply, "replied_at": ticket.replied_at,
            "links": kind.links(ticket.record) if kind is not None else []}


def tickets_of(record: Any) -> list[Ticket]:
    """The record's public filings, oldest first: the one that created it, then any repeats."""
    return list(Ticket.objects.filter(content_type=ContentType.objects.get_for_model(type(record)),
                                      object_id=record.pk).order_by("created_at", "pk"))


def set_reply(ticket: Ticket, text: str, *, user: User, request: Any = None) -> Ticket:
    if not user.writes_business_data:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("您的角色无权修改业务数据。")
    ticket.reply = text.strip()[:2000]
    ticket.replied_at = timezone.now()
    ticket.save(update_fields=["reply", "replied_at"])
    audit_record(action=Action.UPDATE, request=request, user=user, obj=ticket.record,
                 detail={"答复提交人": ticket.reply[:200]})
    return ticket
