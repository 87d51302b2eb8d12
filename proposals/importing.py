"""Import rules of the proposal register: what a row never types, and its workflow (SPEC §2, §4)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from core.declarations import Plan
from registers.importing import ImportContext
from workers.refs import link_worker
from workflows.services import check_import_move, record_import_moves

from .models import Proposal

if TYPE_CHECKING:
    from accounts.models import User


def prepare_proposal(proposal: Proposal, before: Proposal | None, ctx: ImportContext) -> None:
    proposal.node_id = proposal.owning_node_id()
    link_worker(proposal, before, ctx.lookups)
    # a new row may arrive in any state (historical records); a change of state must be a legal move
    check_import_move(proposal, before, ctx)


def record_moves(plan: Plan, user: User, tag: str, when: dt.datetime) -> None:
    """Register.after_write: one workflow transition per proposal created and per state moved."""
    record_import_moves(plan.register, plan, user, tag, when)
