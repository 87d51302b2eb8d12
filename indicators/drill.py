"""Which year and subtree a page or an export asks for, and the records an indicator counted there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.params import int_param
from core.validators import FIRST_YEAR, year_param
from orgs.models import Org

from .catalog import BY_KEY
from .scope import Scope

if TYPE_CHECKING:
    from accounts.models import User


def scope_of(user: User, params: Any) -> tuple[Scope, Org]:
    """?year=Y&org=ID within the user's subtree (default: last year, the user's own org); an org
    outside it is not found, as any other record of another subtree."""
    year = year_param(params.get("year"), timezone.localdate().year - 1)
    org = user.org
    if chosen := params.get("org"):
        org = get_object_or_404(Org.objects.visible_to(user), pk=int_param(chosen) or 0)
    # Y−1 is read too (the change on last year): the first year the registers hold has none before it
    return Scope(max(year, FIRST_YEAR + 1), org.path, user), org


def drill_down(user: User, params: Any) -> Any:
    """The records an indicator counted for ?indicator=KEY&year=Y&org=ID, in the user's scope."""
    indicator = BY_KEY.get(params.get("indicator", ""))
    if indicator is None:
        raise Http404("没有这个指标")
    scope, _ = scope_of(user, params)
    return indicator.records(scope)
