"""JSON API of every declared register: its rows as its export writes them (personal data always
masked here), one record with its workflow, and the workflow's moves (refused as on the page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from core.api import require_reader
from core.declarations import Register
from core.http import AuthedRequest
from core.params import PageNumber
from workflows.models import Via
from workflows.services import move, transitions_of

from .catalog import get_register
from .services import export_queryset, export_rows

if TYPE_CHECKING:
    from accounts.models import User

router = Router(tags=["台账"])
PAGE_SIZE = 100


def _register(slug: str) -> Register:
    register = get_register(slug)
    if register.model is None:
        raise Http404
    return register


def _rows(register: Register, queryset: Any) -> list[dict[str, Any]]:
    """{id, header: cell…} per row; the register's order ends on the id, so both reads agree."""
    ids = list(queryset.values_list("pk", flat=True))
    return [{"id": pk, **dict(zip(register.headers, values, strict=True))}
            for pk, values in zip(ids, export_rows(register, queryset, masked=True), strict=True)]


class Page(Schema):
    count: int
    page: int
    results: list[dict[str, Any]]


@router.get("/registers/{slug}", response=Page, url_name="register-rows")
def register_rows(request: AuthedRequest, slug: str, page: PageNumber = 1) -> dict[str, Any]:
    """The rows the user may see, filtered by the list page's parameters, 100 a page."""
    require_reader(request)
    register = _register(slug)
    queryset = export_queryset(user=request.user, register=register, params=request.GET, request=request)
    start = (page - 1) * PAGE_SIZE
    return {"count": queryset.count(), "page": page, "results": _rows(register, queryset[start:start + PAGE_SIZE])}


class Step(Schema):
    from_state: str
    to_state: str
    at: Any
    actor: str
    reason: str
    via: str


class RecordOut(Schema):
    id: int
    fields: dict[str, Any]
    state: str | None = None
    next_states: list[str] = []
    steps: list[Step] = []


def _record_out(register: Register, record: Any, user: User) -> dict[str, Any]:
    flow = getattr(register.model, "WORKFLOW", None)
    # read as the export reads it: the register's queryset may annotate what a column shows
    out: dict[str, Any] = {"id": record.pk, "fields": _rows(register, register.queryset(user).filter(pk=record.pk))[0]}
    out["fields"].pop("id")
    if flow is not None:
        state = getattr(record, flow.field)
        out |= {"state": state, "next_states": list(flow.next_states(state)), "steps": [
            {"from_state": t.from_state, "to_state": t.to_state, "at": t.at, "actor": t.actor, "reason": t.reason,
             "via": t.via} for t in transitions_of(record)]}
    return out


@router.get("/registers/{slug}/{pk}", response=RecordOut, url_name="register-record")
def register_record(request: AuthedRequest, slug: str, pk: int) -> dict[str, Any]:
    require_reader(request)
    register = _register(slug)
    return _record_out(register, get_object_or_404(register.queryset(request.user), pk=pk), request.user)


class MoveIn(Schema):
    to: str
    reason: str = ""
    changes: dict[str, Any] = {}  # what the new state needs, by model field name (e.g. benefit, closed_on)


@router.post("/registers/{slug}/{pk}/move", response=RecordOut, url_name="register-move")
def register_move(request: AuthedRequest, slug: str, pk: int, body: MoveIn) -> dict[str, Any]:
    """Move the record along its workflow: the same rules, refusals and records as the page."""
    require_reader(request)
    if not request.user.writes_business_data:
        raise HttpError(403, "您的角色无权修改业务数据。")
    register = _register(slug)
    record = get_object_or_404(register.queryset(request.user), pk=pk)
    flow = getattr(register.model, "WORKFLOW", None)
    if flow is None:
        raise HttpError(400, f"{register.label}没有办理流程")
    changes = {}
    try:
        for name, value in body.changes.items():
            if name not in flow.needs.get(body.to, ()):
                raise ValidationError(f"变为“{body.to}”时不能修改字段 {name}")
            changes[name] = register.model._meta.get_field(name).clean(value, record)
        moved = move(record, body.to, user=request.user, reason=body.reason, via=Via.API, request=request, changes=changes)
    except PermissionDenied as refusal:
        raise HttpError(403, str(refusal)) from None
    except ValidationError as refusal:
        raise HttpError(400, "；".join(refusal.messages)) from None
    return _record_out(register, moved, request.user)
