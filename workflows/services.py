"""Moving a record through its workflow: the one function every page, import and form calls."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from core.bulk import field_values, insert_rows
from core.records import save_with_history

from .flows import Workflow
from .models import Transition, Via

if TYPE_CHECKING:
    from accounts.models import User


def workflow_of(record: models.Model) -> Workflow:
    return type(record).WORKFLOW  # type: ignore[attr-defined]  # declared by each model with a workflow


def state_of(record: models.Model) -> str:
    return getattr(record, workflow_of(record).field)


@transaction.atomic
def move[M: models.Model](
    record: M, to: str, *, user: User | None, reason: str = "", via: str = Via.PAGE, request: Any = None,
    changes: dict[str, Any] | None = None, at: dt.datetime | None = None,
) -> M:
    """Move `record` to state `to`, filling `changes` (e.g. 经济效益 on 已实施), or refuse in Chinese.

    The row is locked and read again, so two people acting at once cannot both move it (the second
    sees the state the first left). Returns the saved record."""
    if user is not None and getattr(user, "pk", None) and not user.writes_business_data:
        raise PermissionDenied("您的角色无权修改业务数据。")
    flow = workflow_of(record)
    model = type(record)
    locked = model._default_manager.select_for_update().get(pk=record.pk)
    old = getattr(locked, flow.field)
    if to == old:
        raise ValidationError(f"该记录已是“{old}”状态")
    flow.check(old, to)
    if flow.guard is not None and user is not None and (refusal := flow.guard(user, locked, to)):
        raise PermissionDenied(refusal)
    reason = (reason or "").strip()
    if to in flow.needs_reason and not reason:
        raise ValidationError(f"变为“{to}”须填写原因")
    # what the new state needs, as it will be: a blank value given is as missing as one not given
    missing = [name for name in flow.needs.get(to, ()) if (changes or {}).get(name, getattr(locked, name)) in (None, "")]
    if missing:
        labels = "、".join(str(model._meta.get_field(n).verbose_name) for n in missing)  # type: ignore[union-attr]  # own fields
        raise ValidationError(f"变为“{to}”需要填写：{labels}")
    for name, value in (changes or {}).items():
        setattr(locked, name, value)
    setattr(locked, flow.field, to)
    if flow.on_move is not None:
        flow.on_move(locked, old=old, to=to, user=user, reason=reason, request=request)
    actor = user if getattr(user, "pk", None) else None
    save_with_history(locked, user=actor, reason=f"{old}→{to}" + (f"：{reason}" if reason else ""))
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(model), object_id=locked.pk, from_state=old, to_state=to,
        user=actor, username=getattr(user, "username", "") or "", at=at or timezone.now(), reason=reason[:500], via=via,
    )
    if actor is not None:
        audit_record(action=Action.TRANSITION, request=request, user=actor, obj=locked,
                     detail={"原状态": old, "新状态": to, "原因": reason, **({"途径": via} if via != Via.PAGE else {})})
    return locked


def record_created(record: models.Model, *, user: User | None, via: str = Via.PAGE, reason: str = "", at: dt.datetime | None = None) -> Transition:
    """The first line of a record's workflow history: it came into being in its current state."""
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk, from_state="",
        to_state=state_of(record), user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "", at=at or timezone.now(), reason=reason[:500], via=via,
    )


def transitions_of(record: models.Model) -> list[Transition]:
    return list(Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk,
    ).select_related("user"))


# Imports (SPEC §2): a new row may arrive in any state; a row that changes an existing record's
# state must follow a legal move, and the move is recorded as an import transition.

def check_import_move(instance: models.Model, before: models.Model | None, ctx: Any) -> None:
    """Called from a register's `prepare`: refuse an illegal move, note a legal one for the writer."""
    flow = workflow_of(instance)
    new = getattr(instance, flow.field)
    old = getattr(before, flow.field) if before is not None else ""
    if before is not None and old != new:
        flow.check(old, new)
        ctx.events.append(("move", before.pk, old, new))
    elif before is None:
        ctx.events.append(("new", getattr(instance, ctx.register.key_fields[0]), "", new))


TRANSITION_COLUMNS = ("content_type_id", "object_id", "from_state", "to_state", "user_id", "username", "at", "reason",
                      "via")


def record_import_moves(register: Any, plan: Any, user: User, tag: str, when: dt.datetime) -> None:
    """After an import (or a page form, tag "页面") wrote its rows: one Transition per created
    record and per state it moved."""
    model = register.model
    key = register.key_fields[0]  # the workflow registers have one-field keys (编号)
    content_type = ContentType.objects.get_for_model(model)
    new_keys = {key: state for kind, key, _, state in plan.events if kind == "new"}
    ids = dict(field_values(model, plan.creates, key, model._meta.pk.attname))  # written ones have their ids
    wanted = [k for k in new_keys if ids.get(k) is None]
    for start in range(0, len(wanted), 5000):  # SQLite takes at most 32,766 parameters a statement
        ids.update(model._default_manager.filter(**{f"{key}__in": wanted[start:start + 5000]}).values_list(key, "pk"))
    actor = user if getattr(user, "pk", None) else None
    via = Via.IMPORT if tag.startswith("导入") else Via.PAGE
    reason = tag if via == Via.IMPORT else ""
    # many rows at once (an import of 100,000 members): as plain tuples, COPY on PostgreSQL
    at = when if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(when)
    head = (content_type.pk,)
    tail = (actor.pk if actor is not None else None, user.username, at, reason, via)
    rows = [
        (*head, ids[k], "", state, *tail) for k, state in new_keys.items() if k in ids
    ] + [
        (*head, pk, old, new, *tail) for kind, pk, old, new in plan.events if kind == "move"
    ]
    insert_rows(Transition._meta.db_table, TRANSITION_COLUMNS, rows)
