"""Which year and subtree a page or an export asks for, and the records an indicator counted there."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone

from orgs.models import Org

from .catalog import BY_KEY
from .scope import Scope


def scope_of(user: Any, params: Any) -> tuple[Scope, Org]:
    """?year=Y&org=ID within the user's subtree (default: last year, the user's own org)."""
    try:
        year = int(params.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    org = user.org
    if chosen := params.get("org"):
        org = Org.objects.visible_to(user).filter(pk=chosen).first() or org
    return Scope(year, org.path, user), org


def drill_down(user: Any, params: Any) -> Any:
    """The records an indicator counted for ?indicator=KEY&year=Y&org=ID, in the user's scope."""
    indicator = BY_KEY.get(params.get("indicator", ""))
    if indicator is None:
        raise Http404("没有这个指标")
    scope, _ = scope_of(user, params)
    return indicator.records(scope)
