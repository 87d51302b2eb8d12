"""Filing a proposal from the public page (诉求表达, no account): it lands, 已提交, in the inbox
of the employer's union (the employer's node: its union, else its street)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from orgs.models import Employer
from public.kinds import PublicKind
from public.numbering import save_numbered, taken_in_series

from .models import Proposal, ProposalStatus, number_series


def _create(data: dict[str, Any], employer: Employer) -> Proposal:
    today = timezone.localdate()
    series = number_series(today.year)

    def make(seq: int) -> Proposal:
        return Proposal(
            number=f"{series}{seq:04d}", title=data["title"], proposer=data["name"], employer=employer,
            submitted_on=today, status=ProposalStatus.SUBMITTED, content=data["content"], node_id=employer.node_id,
        )

    return save_numbered(make, taken_in_series(Proposal.objects.all(), "number", series))


KIND = PublicKind(
    slug="proposal",
    label="合理化建议",
    intro="对生产经营、技术革新、安全生产、管理服务等方面的改进建议，提交后由所在单位工会（未建会的单位由所在街道总工会）审核办理。",
    create=_create,
    title_label="建议标题",
    content_label="建议内容（现状、改进办法、预期效果）",
)
