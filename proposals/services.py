"""Writes to the proposal register beyond the generic record pages: its workflow moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from workflows.models import Via
from workflows.services import move

from .models import Proposal

if TYPE_CHECKING:
    from accounts.models import User


def proposal_move(
    *, proposal: Proposal, to: str, user: User, reason: str = "", benefit: Decimal | None = None,
    adopted_on: dt.date | None = None, via: str = Via.PAGE, request: Any = None,
) -> Proposal:
    """Move a proposal along its workflow (workflows.services.move records who, when and why).

    `benefit` is the 经济效益(万元) a move to 已实施 needs; `adopted_on` dates a move to 已采纳
    (blank: the day of the move). Illegal moves are refused with a Chinese ValidationError."""
    changes: dict[str, Any] = {}
    if benefit is not None:
        changes["benefit"] = benefit
    if adopted_on is not None:
        changes["adopted_on"] = adopted_on
    return move(proposal, to, user=user, reason=reason, via=via, request=request, changes=changes)
