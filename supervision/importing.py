"""Import rules of the inspection register (SPEC §2): the owning node and the 监督组织."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from core.scoping import contains
from orgs.refs import PARTY, Lookups, Ref, node_id_of

from .models import Inspection


def _supervisor(lookups: Lookups, text: str) -> list[Any]:
    """An employer or org of the subtree, as 被检查单位; else a union above the importing user's
    node (the district's 劳动法律监督委员会 inspects in a street): above is not another subtree."""
    found = PARTY.find(lookups, text)
    if found:
        return found
    above = [org for org in lookups.orgs.values()
             if org.name == text and contains(org.path, lookups.scope_path)]
    return above


SUPERVISOR = Ref("监督组织", _supervisor, "请改填统一社会信用代码")


def prepare_inspection(inspection: Inspection, before: Inspection | None, ctx: Any) -> None:
    """The record belongs to the 被检查单位's node: the finding and its deadline concern the unit
    that has to put it right, and the admins above that unit follow it up."""
    node_id = node_id_of(inspection.party)
    if node_id is None:
        raise ValidationError({"employer": "被检查单位必填"})
    inspection.node_id = node_id
