"""Import rules of the leads register (SPEC §9): the owning node."""

from __future__ import annotations

from typing import Any

from .models import Lead


def prepare_lead(lead: Lead, before: Lead | None, ctx: Any) -> None:
    """A lead belongs to its employer's node: the admins above that employer follow it up."""
    lead.node_id = lead.employer.node_id
