"""What every response passes through on its way out.

- Nothing a signed-in user is served (pages, exports, the API, attachments) is kept by a browser
  or a proxy: `Cache-Control: no-store, private`. Static assets keep their own caching.
- A request that reached for a record outside the user's subtree (the 404 that visible_to makes)
  or that the API refused (403) leaves one audit entry: who, which address, what kind of record
  and its id, never what the record holds. The user still sees only the 404 or the 403.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, NoReturn

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

#: the records this request asked for by a lookup its user's scope refused (core.scoping)
_reached: ContextVar[list[tuple[Any, dict[str, Any]]] | None] = ContextVar("reached_outside_scope", default=None)

#: lookups whose value names a record without saying anything about it
_ID_LOOKUPS = ("pk", "id", "pk__exact", "id__exact")


def collecting_overreach() -> bool:
    return _reached.get() is not None


def note_overreach(model: Any, lookup: dict[str, Any]) -> None:
    reached = _reached.get()
    if reached is not None:
        reached.append((model, lookup))


def not_found(elsewhere: Any, pk: Any) -> NoReturn:
    """404; when the record is there but outside what the user may open (`elsewhere` finds it),
    the request is an overreach and is audited as one, as with any record of another subtree."""
    if elsewhere.filter(pk=pk).exists():
        note_overreach(elsewhere.model, {"pk": pk})
    raise Http404("未找到或不在管辖范围内")


class PrivacyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reached.set([])
        try:
            response = self.get_response(request)
            reached = _reached.get() or []
        finally:
            _reached.reset(token)
        if response.status_code == 404 and reached:
            _audit_overreach(request, *reached[0])
        elif response.status_code == 403 and _is_api(request):
            _audit_api_refusal(request, response)
        if not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _is_api(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "api" in match.namespaces


def _audit_overreach(request: HttpRequest, model: Any, lookup: dict[str, Any]) -> None:
    from audit.models import Action, Result
    from audit.services import audit_record

    ids = {key: str(value) for key, value in lookup.items() if key in _ID_LOOKUPS}
    audit_record(
        action=Action.DENIED, request=request, result=Result.REFUSED,
        object_type=str(model._meta.verbose_name), object_repr=request.path[:200],
        detail={"原因": "记录不在本人范围内", "方法": request.method, **({"编号": next(iter(ids.values()))} if ids else {})},
    )


def _audit_api_refusal(request: HttpRequest, response: HttpResponse) -> None:
    from audit.models import Action, Result
    from audit.services import audit_record

    try:
        said = str(json.loads(response.content).get("detail", ""))[:200]
    except (ValueError, AttributeError):
        said = ""
    audit_record(
        action=Action.DENIED, request=request, result=Result.REFUSED, object_type="API",
        object_repr=request.path[:200], detail={"方法": request.method, **({"原因": said} if said else {})},
    )
