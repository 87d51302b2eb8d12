"""Import rules of the proposal register: what a row never types, and its workflow (SPEC §2, §4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from registers.importing import ImportContext, Plan
from workflows.services import check_import_move, record_import_moves

from .models import Proposal


def link_worker(proposal: Proposal, before: Proposal | None, ctx: ImportContext) -> None:
    """The proposer's worker record, when the register holds their 身份证号 in the user's subtree;
    a link made by someone who sees further is kept while the number stays the same."""
    found = ctx.lookups.worker_ids.get(proposal.id_number) if proposal.id_number else None
    if found is not None:
        proposal.worker_id = found[0]
    elif before is None or before.id_number != proposal.id_number:
        proposal.worker_id = None


def prepare_proposal(proposal: Proposal, before: Proposal | None, ctx: ImportContext) -> None:
    proposal.node_id = proposal.owning_node_id()
    link_worker(proposal, before, ctx)
    # a new row may arrive in any state (historical records); a change of state must be a legal move
    check_import_move(proposal, before, ctx)


def record_moves(plan: Plan, user: Any, tag: str, when: dt.datetime) -> None:
    """Register.after_write: one workflow transition per proposal created and per state moved."""
    record_import_moves(plan.register, plan, user, tag, when)
