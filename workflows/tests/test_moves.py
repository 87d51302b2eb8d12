"""The one move function: legal paths only, what a state needs, a reason where one is owed, and
the guard of who may act."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mediation.models import Case, MediationLevel, MediationOrg
from workflows.models import Transition
from workflows.services import move


@pytest.fixture
def case(district):
    org = MediationOrg.objects.create(name="清波街道劳动争议调解委员会", level=MediationLevel.STREET, org=district.qingbo,
                                      node=district.qingbo, founded_on=dt.date(2015, 1, 1))
    return Case.objects.create(number="2026劳调1", applicant="张清波", respondent_employer=district.qingbo_employer,
                               dispute_type="劳动报酬", applied_on=dt.date(2026, 1, 5), mediation_org=org, status="已申请",
                               node=district.qingbo)


def test_a_skipped_step_is_refused_naming_the_allowed_ones(case, personas):
    with pytest.raises(ValidationError) as refused:
        move(case, "调解成功", user=personas["qingbo_admin"])
    assert refused.value.message_dict["status"] == ["状态不能从“已申请”直接变为“调解成功”：“已申请”只能变为“已受理”、“已撤回”"]
    assert not Transition.objects.exists()


def test_a_withdrawal_owes_a_reason_and_a_closing_date(case, personas):
    admin = personas["qingbo_admin"]
    with pytest.raises(ValidationError, match="须填写原因"):
        move(case, "已撤回", user=admin, changes={"closed_on": dt.date(2026, 1, 6)})
    with pytest.raises(ValidationError, match="需要填写：结案日期"):
        move(case, "已撤回", user=admin, reason="申请人撤回")
    moved = move(case, "已撤回", user=admin, reason="申请人撤回", changes={"closed_on": dt.date(2026, 1, 6)})
    assert moved.status == "已撤回"
    with pytest.raises(ValidationError, match="已办结，不能再变更"):
        move(moved, "已受理", user=admin)


def test_a_viewer_cannot_move_and_the_assistance_guard_keeps_the_district_step(district, personas):
    from assistance.models import Application

    application = Application.objects.create(number="WS1", applicant="张清波", id_number=district.qingbo_worker.id_number,
                                             kind="医疗救助", applied_on=dt.date(2026, 1, 5), status="街道审核",
                                             node=district.qingbo_union, worker=district.qingbo_worker)
    with pytest.raises(PermissionDenied):
        move(application, "区总审批", user=personas["qingbo_viewer"])
    with pytest.raises(PermissionDenied):
        move(application, "区总审批", user=personas["qingbo_admin"])  # the district's step
    assert move(application, "区总审批", user=personas["district_admin"], reason="同意").status == "区总审批"


def test_a_long_reason_is_kept_whole_in_the_step_and_shortened_in_the_history(case, personas):
    """A reason typed on the page may be 500 characters; the history column holds 100, which
    PostgreSQL enforces (a 500 otherwise)."""
    reason = "申请人已与单位达成和解并书面撤回申请，" * 15  # 285 characters
    move(case, "已撤回", user=personas["qingbo_admin"], reason=reason, changes={"closed_on": dt.date(2026, 1, 8)})
    assert Transition.objects.get(to_state="已撤回").reason == reason
    last = Case.history.filter(id=case.pk).latest("history_date")
    assert len(last.history_change_reason) == 100 and last.history_change_reason.endswith("…")
