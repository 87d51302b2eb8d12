"""The case workflow (SPEC §4): every legal move recorded with who, when and why; every other refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import Action, AuditEntry
from mediation.models import Case, CaseStatus
from workflows.models import Transition, Via
from workflows.services import move, transitions_of

from .conftest import make_case

S = CaseStatus
LEGAL = {
    (S.APPLIED, S.ACCEPTED), (S.APPLIED, S.WITHDRAWN),
    (S.ACCEPTED, S.MEDIATING), (S.ACCEPTED, S.WITHDRAWN),
    (S.MEDIATING, S.SUCCEEDED), (S.MEDIATING, S.FAILED), (S.MEDIATING, S.WITHDRAWN),
}
PAIRS = [(old, new) for old, new in product(S.values, S.values) if old != new]

# what a case needs to be in each state, and what a move into it fills
IN_STATE = {
    S.APPLIED: {},
    S.ACCEPTED: {"accepted_on": dt.date(2024, 3, 2)},
    S.MEDIATING: {"accepted_on": dt.date(2024, 3, 2)},
    S.SUCCEEDED: {"accepted_on": dt.date(2024, 3, 2), "closed_on": dt.date(2024, 3, 9), "agreed_amount": Decimal("5000"),
                  "matters": "拖欠工资", "terms": "一次性支付"},
    S.FAILED: {"accepted_on": dt.date(2024, 3, 2), "closed_on": dt.date(2024, 3, 9)},
    S.WITHDRAWN: {"closed_on": dt.date(2024, 3, 9)},
}
FILLS = {
    S.APPLIED: {}, S.MEDIATING: {}, S.ACCEPTED: {"accepted_on": dt.date(2024, 3, 2)},
    S.SUCCEEDED: {"closed_on": dt.date(2024, 3, 9), "agreed_amount": Decimal("0"), "matters": "拖欠工资", "terms": "一次性支付"},
    S.FAILED: {"closed_on": dt.date(2024, 3, 9)}, S.WITHDRAWN: {"closed_on": dt.date(2024, 3, 9)},
}


@pytest.fixture
def case_in(district, mediation):
    def build(state: str) -> Case:
        return make_case(mediation.qingbo, district.qingbo_employer, status=state, **IN_STATE[state])

    return build


def test_the_workflow_is_declared_on_the_model_with_its_final_states():
    flow = Case.WORKFLOW
    assert flow.field == "status" and set(flow.states) == set(S.values)
    assert {(old, new) for old in S.values for new in flow.next_states(old)} == LEGAL
    assert set(flow.final) == {S.SUCCEEDED, S.FAILED, S.WITHDRAWN}
    assert not any(flow.is_open(s) for s in flow.final)


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"{o}-{n}" for o, n in PAIRS])
def test_each_move_is_made_with_actor_and_reason_or_refused(case_in, personas, old, new):
    case = case_in(old)
    admin = personas["qingbo_admin"]
    if (old, new) in LEGAL:
        moved = move(case, new, user=admin, reason=f"测试{old}到{new}", changes=FILLS[new])
        assert Case.objects.get(pk=case.pk).status == new == moved.status
        [transition] = transitions_of(case)
        assert (transition.from_state, transition.to_state, transition.user, transition.reason, transition.via) == (
            old, new, admin, f"测试{old}到{new}", Via.PAGE)
        assert transition.actor == "qingbo_admin"
        assert moved.history.first().history_change_reason == f"{old}→{new}：测试{old}到{new}"
        entry = AuditEntry.objects.get(action=Action.TRANSITION)
        assert entry.detail == {"原状态": old, "新状态": new, "原因": f"测试{old}到{new}"}
    else:
        with pytest.raises(ValidationError) as refusal:
            move(case, new, user=admin, reason="不该发生", changes=FILLS[new])
        assert refusal.value.message_dict["status"][0].startswith(f"状态不能从“{old}”直接变为“{new}”：")
        assert Case.objects.get(pk=case.pk).status == old
        assert not Transition.objects.exists()


def test_a_closed_case_says_it_is_closed(case_in, personas):
    with pytest.raises(ValidationError) as refusal:
        move(case_in(S.SUCCEEDED), S.MEDIATING, user=personas["qingbo_admin"])
    assert refusal.value.message_dict["status"] == ["状态不能从“调解成功”直接变为“调解中”：“调解成功”已办结，不能再变更"]


def test_the_moves_walk_a_case_to_an_agreement(case_in, personas):
    admin = personas["qingbo_admin"]
    case = move(case_in(S.APPLIED), S.ACCEPTED, user=admin, reason="材料齐全", changes={"accepted_on": dt.date(2024, 3, 2)})
    case = move(case, S.MEDIATING, user=admin)
    case = move(case, S.SUCCEEDED, user=admin, changes={
        "closed_on": dt.date(2024, 3, 12), "agreed_amount": Decimal("0"), "matters": "确认劳动关系", "terms": "双方确认存在劳动关系"})
    case.refresh_from_db()
    assert (case.status, case.accepted_on, case.closed_on, case.agreed_amount, case.matters) == (
        S.SUCCEEDED, dt.date(2024, 3, 2), dt.date(2024, 3, 12), Decimal("0"), "确认劳动关系")
    assert [(t.from_state, t.to_state, t.reason) for t in transitions_of(case)] == [
        ("已申请", "已受理", "材料齐全"), ("已受理", "调解中", ""), ("调解中", "调解成功", "")]


def test_a_move_asks_for_what_the_new_state_needs(case_in, personas):
    admin = personas["qingbo_admin"]
    with pytest.raises(ValidationError) as refusal:
        move(case_in(S.MEDIATING), S.SUCCEEDED, user=admin, changes={"closed_on": dt.date(2024, 3, 9)})
    assert refusal.value.messages == ["变为“调解成功”需要填写：协议金额(元)、争议事项、协议内容"]
    with pytest.raises(ValidationError) as refusal:
        move(Case.objects.get(), S.SUCCEEDED, user=admin, changes={
            "closed_on": dt.date(2024, 3, 9), "agreed_amount": Decimal(1), "matters": "", "terms": ""})
    assert refusal.value.messages == ["变为“调解成功”需要填写：争议事项、协议内容"]


@pytest.mark.parametrize("to", [S.FAILED, S.WITHDRAWN])
def test_ending_without_agreement_needs_a_reason(case_in, personas, to):
    changes = {"closed_on": dt.date(2024, 3, 9)}
    with pytest.raises(ValidationError) as refusal:
        move(case_in(S.MEDIATING), to, user=personas["qingbo_admin"], reason=" ", changes=changes)
    assert refusal.value.messages == [f"变为“{to}”须填写原因"]
    case = move(Case.objects.get(), to, user=personas["qingbo_admin"], reason="被申请单位拒绝调解", changes=changes)
    assert transitions_of(case)[0].reason == "被申请单位拒绝调解"


def test_a_move_keeps_the_dates_in_order(case_in, personas):
    with pytest.raises(ValidationError) as refusal:
        move(case_in(S.APPLIED), S.ACCEPTED, user=personas["qingbo_admin"], changes={"accepted_on": dt.date(2024, 2, 28)})
    assert refusal.value.message_dict["accepted_on"] == ["受理日期不能早于申请日期"]
    assert Case.objects.get().status == S.APPLIED and not Transition.objects.exists()


def test_a_viewer_cannot_move_a_case(case_in, personas):
    with pytest.raises(PermissionDenied):
        move(case_in(S.ACCEPTED), S.MEDIATING, user=personas["qingbo_viewer"])
