"""A record whose owning node changes in an import takes along the records that inherit its node
(a competition its entries, a course its attendance): the import notes the change as an event of
its plan, and the register's `after_write` moves the followers."""

from __future__ import annotations

from typing import Any

from core.declarations import Plan

from .importing import ImportContext


def note_node_change(instance: Any, before: Any, ctx: ImportContext) -> None:
    """A record whose owning node changes takes the records that inherit its node along
    (`after_write`); the plan's events say which."""
    if before is not None and before.node_id != instance.node_id:
        ctx.events.append(("node", before.pk, instance.node_id))


def moved_nodes(plan: Plan) -> dict[int, int]:
    return {event[1]: event[2] for event in plan.events if event[0] == "node"}
