"""The annual report's figures (SPEC §5, §6): every indicator of a year for a subtree."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from orgs.models import Org

from .catalog import INDICATORS, Number, figure
from .scope import Scope

if TYPE_CHECKING:
    from accounts.models import User


def json_number(value: Number) -> int | float | None:
    """96.1, not "96.1%" or Decimal('96.1'); an empty denominator's rate is null."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() and value.as_tuple().exponent >= 0 else float(value)
    return value


def annual(year: int, org: Org | None = None, *, user: User | None = None) -> dict[str, Any]:
    """{"year": Y, "org": NAME, "indicators": {KEY: number}} exactly as SPEC §6 prints it. On an
    empty org tree (a freshly migrated database) NAME is null and every figure its empty value."""
    org = org or Org.objects.filter(depth=1).first()
    scope = Scope(year, org.path if org else "", user)
    return {"year": year, "org": org.name if org else None,
            "indicators": {i.key: json_number(figure(i, scope)) for i in INDICATORS}}


def breakdown(year: int, org: Org, *, user: User | None = None) -> list[tuple[Org, dict[str, Any]]]:
    """Every indicator of the year for each node directly under `org` still open at the end of
    the year, as the dashboard lists them (SPEC §5: a breakdown by second-level node), in the JSON
    number form."""
    children = Org.objects.get_children(org).exclude(closed_on__lte=Scope(year).end).order_by("name")
    parts = [(part, Scope(year, part.path, user)) for part in children]
    return [(part, {i.key: json_number(figure(i, scope)) for i in INDICATORS}) for part, scope in parts]
