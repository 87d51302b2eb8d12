"""A request that reached for a record outside the user's subtree (the 404 that visible_to makes,
noted by core.overreach) or that the API refused (403) leaves one audit entry: who, which address,
what kind of record and its id, never what the record holds. The user still sees only the 404 or
the 403."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from core.overreach import noting_overreach

from .models import Action, Result
from .services import audit_record

#: lookups whose value names a record without saying anything about it
_ID_LOOKUPS = ("pk", "id", "pk__exact", "id__exact")


class OverreachMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with noting_overreach() as reached:
            response = self.get_response(request)
        if response.status_code == 404 and reached:
            _audit_overreach(request, *reached[0])
        elif response.status_code == 403 and _is_api(request):
            _audit_api_refusal(request, response)
        return response


def _is_api(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "api" in match.namespaces


def _audit_overreach(request: HttpRequest, model: Any, lookup: dict[str, Any]) -> None:
    ids = {key: str(value) for key, value in lookup.items() if key in _ID_LOOKUPS}
    audit_record(
        action=Action.DENIED, request=request, result=Result.REFUSED,
        object_type=str(model._meta.verbose_name), object_repr=request.path[:200],
        detail={"原因": "记录不在本人范围内", "方法": request.method, **({"编号": next(iter(ids.values()))} if ids else {})},
    )


def _audit_api_refusal(request: HttpRequest, response: HttpResponse) -> None:
    try:
        said = str(json.loads(response.content).get("detail", ""))[:200]
    except (ValueError, AttributeError):
        said = ""
    audit_record(
        action=Action.DENIED, request=request, result=Result.REFUSED, object_type="API",
        object_repr=request.path[:200], detail={"方法": request.method, **({"原因": said} if said else {})},
    )
