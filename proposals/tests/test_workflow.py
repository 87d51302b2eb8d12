"""The proposal workflow (SPEC §4): every legal move recorded with who, when and why; every
illegal one refused in Chinese; 已采纳 dates the adoption; 已实施 needs its 经济效益."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import Action, AuditEntry
from proposals.models import PROPOSAL_FLOW, Proposal, ProposalStatus
from workflows.models import Via
from workflows.services import move, transitions_of

S = ProposalStatus
LEGAL = [
    (S.SUBMITTED, S.REVIEWING),
    (S.REVIEWING, S.ADOPTED),
    (S.REVIEWING, S.REJECTED),
    (S.ADOPTED, S.IMPLEMENTED),
]
ILLEGAL = [(old, new) for old in S.values for new in S.values if old != new and (old, new) not in LEGAL]


def proposal_move(*, proposal: Proposal, to: str, user, reason: str = "", benefit: Decimal | None = None,
                  adopted_on: dt.date | None = None) -> Proposal:
    """A move as the record page and the API make it: what the new state needs given as changes."""
    changes = {name: value for name, value in (("benefit", benefit), ("adopted_on", adopted_on)) if value is not None}
    return move(proposal, to, user=user, reason=reason, changes=changes)


def test_the_declared_workflow_is_the_specs():
    assert set(LEGAL) == {(old, new) for old, targets in PROPOSAL_FLOW.edges.items() for new in targets}
    assert set(PROPOSAL_FLOW.states) == set(S.values)
    assert Proposal.WORKFLOW is PROPOSAL_FLOW


@pytest.mark.parametrize(("old", "new"), LEGAL)
def test_a_legal_move_is_made_and_records_who_when_and_why(make_proposal, personas, old, new):
    proposal = make_proposal("JY-1", status=old)
    admin = personas["qingbo_admin"]
    before = timezone.now()
    moved = proposal_move(proposal=proposal, to=new, user=admin, reason="经评审小组讨论",
                          benefit=Decimal("8.30") if new == S.IMPLEMENTED else None)
    assert moved.status == new and Proposal.objects.get(pk=proposal.pk).status == new
    [transition] = transitions_of(proposal)
    assert (transition.from_state, transition.to_state) == (old, new)
    assert (transition.user, transition.username, transition.reason, transition.via) == (admin, "qingbo_admin", "经评审小组讨论", Via.PAGE)
    assert transition.at >= before
    last = proposal.history.latest()
    assert (last.history_user, last.history_change_reason) == (admin, f"{old}→{new}：经评审小组讨论")
    assert AuditEntry.objects.get(action=Action.TRANSITION).detail == {"原状态": old, "新状态": new, "原因": "经评审小组讨论"}


@pytest.mark.parametrize(("old", "new"), ILLEGAL)
def test_an_illegal_move_is_refused_in_chinese_and_changes_nothing(make_proposal, personas, old, new):
    proposal = make_proposal("JY-1", status=old)
    with pytest.raises(ValidationError) as refused:
        proposal_move(proposal=proposal, to=new, user=personas["qingbo_admin"], benefit=Decimal(1))
    targets = PROPOSAL_FLOW.next_states(old)
    then = "只能变为" + "、".join(f"“{s}”" for s in targets) if targets else "已办结，不能再变更"
    assert refused.value.message_dict == {"status": [f"状态不能从“{old}”直接变为“{new}”：“{old}”{then}"]}
    assert Proposal.objects.get(pk=proposal.pk).status == old and transitions_of(proposal) == []


def test_a_move_to_the_same_state_is_refused(make_proposal, personas):
    proposal = make_proposal("JY-1", status=S.REVIEWING)
    with pytest.raises(ValidationError, match="该记录已是“审核中”状态"):
        proposal_move(proposal=proposal, to=S.REVIEWING, user=personas["qingbo_admin"])


def test_implemented_needs_the_benefit(make_proposal, personas):
    proposal = make_proposal("JY-1", status=S.ADOPTED)
    with pytest.raises(ValidationError, match=r"变为“已实施”需要填写：经济效益\(万元\)"):
        proposal_move(proposal=proposal, to=S.IMPLEMENTED, user=personas["qingbo_admin"])
    with pytest.raises(ValidationError) as refused:
        proposal_move(proposal=proposal, to=S.IMPLEMENTED, user=personas["qingbo_admin"], benefit=Decimal("-1"))
    assert refused.value.message_dict["benefit"] == ["经济效益不能为负数"]
    moved = proposal_move(proposal=proposal, to=S.IMPLEMENTED, user=personas["qingbo_admin"], benefit=Decimal("120.5"))
    assert moved.benefit == Decimal("120.50")


def test_adopting_dates_the_adoption_when_no_date_is_given(make_proposal, personas):
    first = make_proposal("JY-1", status=S.REVIEWING)
    assert proposal_move(proposal=first, to=S.ADOPTED, user=personas["qingbo_admin"]).adopted_on == timezone.localdate()
    second = make_proposal("JY-2", status=S.REVIEWING, submitted_on=dt.date(2024, 3, 1))
    moved = proposal_move(proposal=second, to=S.ADOPTED, user=personas["qingbo_admin"], adopted_on=dt.date(2024, 4, 2))
    assert Proposal.objects.get(pk=moved.pk).adopted_on == dt.date(2024, 4, 2)
    # and implementing keeps the date of adoption
    done = proposal_move(proposal=moved, to=S.IMPLEMENTED, user=personas["qingbo_admin"], benefit=Decimal(3))
    assert done.adopted_on == dt.date(2024, 4, 2)


def test_an_adoption_date_before_the_proposal_is_refused(make_proposal, personas):
    proposal = make_proposal("JY-1", status=S.REVIEWING, submitted_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError) as refused:
        proposal_move(proposal=proposal, to=S.ADOPTED, user=personas["qingbo_admin"], adopted_on=dt.date(2024, 2, 1))
    assert refused.value.message_dict["adopted_on"] == ["采纳日期不能早于提出日期"]


def test_a_read_only_role_cannot_move_a_proposal(make_proposal, personas):
    proposal = make_proposal("JY-1")
    with pytest.raises(PermissionDenied):
        proposal_move(proposal=proposal, to=S.REVIEWING, user=personas["qingbo_viewer"])
    assert Proposal.objects.get(pk=proposal.pk).status == S.SUBMITTED


def test_the_whole_path_is_kept_in_order(make_proposal, personas):
    proposal = make_proposal("JY-1")
    admin, district = personas["union_admin"], personas["district_admin"]
    proposal_move(proposal=proposal, to=S.REVIEWING, user=admin, reason="转技术部评估")
    proposal_move(proposal=proposal, to=S.ADOPTED, user=district, reason="采纳")
    proposal_move(proposal=proposal, to=S.IMPLEMENTED, user=admin, reason="已在二车间推广", benefit=Decimal("35.2"))
    assert [(t.from_state, t.to_state, t.username, t.reason) for t in transitions_of(proposal)] == [
        (S.SUBMITTED, S.REVIEWING, "union_admin", "转技术部评估"),
        (S.REVIEWING, S.ADOPTED, "district_admin", "采纳"),
        (S.ADOPTED, S.IMPLEMENTED, "union_admin", "已在二车间推广"),
    ]
