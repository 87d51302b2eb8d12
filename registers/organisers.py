"""主办单位 cells (SPEC §2) of the competitions and the courses: several employers or orgs in one cell, kept as one canonical text.

A competition or course is identified partly by its 主办单位 (the course key), so the text stored is
the same however the user typed each name: an org by its name, an employer by its name, or by its
信用代码 when another employer (anywhere in the tree) or an org shares that name. Re-importing an
export therefore finds the same record. The records named are found again from that text when the
row is prepared (`parties_of`), to set the host and the owning node.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from core.declarations import CellError
from orgs.models import Employer, Org
from orgs.refs import PARTY, Lookups, Refs, node_id_of

SEPARATOR = "；"
MAX_LENGTH = 500  # the field's max_length
_SHARED = "_contests_shared_employer_names"  # cached on the import's Lookups, once per import


def _shared_names(lookups: Lookups) -> set[str]:
    """Employer names that do not identify one employer in the whole tree."""
    names = lookups.__dict__.get(_SHARED)
    if names is None:
        names = set(Employer.objects.values("name").annotate(n=Count("id")).filter(n__gt=1).values_list("name", flat=True))
        names |= set(Org.objects.filter(name__in=Employer.objects.values("name")).values_list("name", flat=True))
        lookups.__dict__[_SHARED] = names
    return names


def party_text(lookups: Lookups, party: Any) -> str:
    if isinstance(party, Employer):
        return party.credit_code if party.name in _shared_names(lookups) else party.name
    if isinstance(party, Org):
        return party.name
    return str(party)  # a name outside the tree, kept as typed


@dataclass(frozen=True)
class Organisers:
    """A Column.ref for 主办单位: resolves every name in the user's subtree and returns the canonical
    text. With `keep_unknown`, a name that matches nothing is kept (the caller decides whether the
    record may have such organisers)."""

    keep_unknown: bool = False
    label: str = "单位或组织"

    def resolve(self, lookups: Lookups, text: str) -> str:
        parties = Refs(PARTY, keep_unknown=self.keep_unknown).resolve(lookups, text)
        seen: dict[str, None] = {}
        for party in parties:
            seen.setdefault(party_text(lookups, party), None)
        text = SEPARATOR.join(seen)
        if len(text) > MAX_LENGTH:
            raise CellError(f"主办单位合计不能超过{MAX_LENGTH}个字")
        return text


def parties_of(lookups: Lookups, text: str) -> list[Any]:
    """The records (Employer or Org) a canonical text names, in order; unknown names as text."""
    return Refs(PARTY, keep_unknown=True).resolve(lookups, text) if text.strip() else []


@dataclass
class Host:
    employer: Employer | None
    org: Org | None
    node_id: int | None
    unknown: list[str]


def host_of(lookups: Lookups, text: str) -> Host:
    """The first 主办单位 that resolves (the record's host and owning node) and the names that did not."""
    parties = parties_of(lookups, text)
    unknown = [p for p in parties if isinstance(p, str)]
    first = next((p for p in parties if not isinstance(p, str)), None)
    return Host(
        employer=first if isinstance(first, Employer) else None,
        org=first if isinstance(first, Org) else None,
        node_id=node_id_of(first) if first is not None else None,
        unknown=unknown,
    )


def fallback_node_id(ctx: Any, before: Any) -> int | None:
    """A record none of whose names resolves keeps its node, or takes the importing user's."""
    if before is not None and before.node_id:
        return before.node_id
    org = getattr(ctx.user, "org", None)
    if org is not None:
        return org.pk
    return next((o.pk for o in ctx.lookups.orgs.values() if o.depth == 1), None)
