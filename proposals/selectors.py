"""Reads of the proposal register: the reviewer's inbox and the year's figures (SPEC §5).

Each figure is an aggregate over a QuerySet that a function here returns, so the figure and its
drill-down (the same QuerySet, paginated) always agree. `proposals` is the scoped starting set:
`Proposal.objects.visible_to(user)` for a page, `Proposal.objects.in_subtree(org.path)` for a report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Proposal, ProposalQuerySet

if TYPE_CHECKING:
    from accounts.models import User


def inbox(*, user: User) -> ProposalQuerySet:
    """Proposals waiting for review (已提交/审核中) in the user's subtree, oldest first."""
    return (Proposal.objects.visible_to(user).waiting().select_related("employer", "org", "node")
            .order_by("submitted_on", "id"))


def submitted(proposals: ProposalQuerySet, year: int) -> ProposalQuerySet:
    """proposals.submitted: 提出日期 in `year` (records owned through a unit closed by its end left out)."""
    return proposals.submitted_in(year).open_at_end_of(year)


def adopted(proposals: ProposalQuerySet, year: int) -> ProposalQuerySet:
    """proposals.adopted: of those submitted in `year`, the ones now 已采纳 or 已实施."""
    return submitted(proposals, year).adopted()
