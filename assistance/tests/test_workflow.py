"""The assistance workflow through its services: every legal and illegal move with actor and reason,
the levels that may act, one open application per person and type, and a payment made once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from assistance.models import Application, Status
from assistance.rules import ALREADY_PAID, DUPLICATE_OPEN, may_move, move_refusal
from assistance.services import advance
from audit.models import Action, AuditEntry
from conftest import make_id_number
from workflows.models import Transition, Via

TODAY = dt.date(2024, 6, 15)
OUTSIDER = make_id_number(region="330106", born="19780512", seq="331")


def application(district, status: str = Status.APPLIED, *, number: str = "JZ-1", node=None, **extra) -> Application:
    worker = district.qingbo_worker
    fields = {"applicant": worker.name, "id_number": worker.id_number, "worker": worker, "kind": "医疗救助",
              "applied_on": dt.date(2024, 3, 1), "requested_amount": Decimal("5000"), "node": node or district.qingbo_union,
              **extra}
    if status == Status.PAID:
        fields.update(approved_amount=Decimal("4000"), paid_on=dt.date(2024, 3, 20))
    return Application.objects.create(number=number, status=status, **fields)


def moves(record: Application) -> list[tuple]:
    return list(Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(Application), object_id=record.pk,
    ).values_list("from_state", "to_state", "user__username", "reason", "via"))


# from, to, who, reason
LEGAL = [
    (Status.APPLIED, Status.STREET_REVIEWED, "qingbo_admin", "家庭困难属实"),
    (Status.APPLIED, Status.STREET_REVIEWED, "district_admin", "代街道审核"),  # a level above may act for it
    (Status.APPLIED, Status.REFUSED, "qingbo_admin", "不符合救助条件"),
    (Status.STREET_REVIEWED, Status.DISTRICT_APPROVED, "district_admin", "同意救助"),
    (Status.STREET_REVIEWED, Status.REFUSED, "district_admin", "已享受其他救助"),
    (Status.DISTRICT_APPROVED, Status.PAID, "district_admin", "银行转账"),
    (Status.DISTRICT_APPROVED, Status.REFUSED, "district_admin", "申请人已撤回"),
]


@pytest.mark.parametrize(("old", "new", "persona", "reason"), LEGAL)
def test_each_legal_move_is_recorded_with_actor_reason_history_and_audit(district, personas, old, new, persona, reason):
    record = application(district, old)
    user = personas[persona]
    assert may_move(user, record, new)
    extra = {"approved_amount": Decimal("4500"), "paid_on": dt.date(2024, 3, 20)} if new == Status.PAID else {}
    saved = advance(user=user, application=record, to=new, reason=reason, today=TODAY, **extra)
    assert saved.status == new and Application.objects.get().status == new
    assert moves(record) == [(old, new, persona, reason, Via.PAGE)]
    latest = saved.history.order_by("-history_date").first()
    assert latest.history_user == user and latest.history_change_reason == f"{old}→{new}：{reason}"
    entry = AuditEntry.objects.get(action=Action.TRANSITION)
    assert entry.username == persona and entry.detail == {"原状态": old, "新状态": new, "原因": reason}
    if new == Status.PAID:
        assert (saved.approved_amount, saved.paid_on) == (Decimal("4500"), dt.date(2024, 3, 20))


ILLEGAL = [
    (Status.APPLIED, Status.DISTRICT_APPROVED, "状态不能从“已申请”直接变为“区总审批”：“已申请”只能变为“街道审核”、“不予救助”"),
    (Status.APPLIED, Status.PAID, "状态不能从“已申请”直接变为“已发放”：“已申请”只能变为“街道审核”、“不予救助”"),
    (Status.STREET_REVIEWED, Status.PAID, "状态不能从“街道审核”直接变为“已发放”：“街道审核”只能变为“区总审批”、“不予救助”"),
    (Status.STREET_REVIEWED, Status.APPLIED, "状态不能从“街道审核”直接变为“已申请”：“街道审核”只能变为“区总审批”、“不予救助”"),
    (Status.DISTRICT_APPROVED, Status.STREET_REVIEWED, "状态不能从“区总审批”直接变为“街道审核”：“区总审批”只能变为“已发放”、“不予救助”"),
    (Status.PAID, Status.REFUSED, "状态不能从“已发放”直接变为“不予救助”：“已发放”已办结，不能再变更"),
    (Status.REFUSED, Status.APPLIED, "状态不能从“不予救助”直接变为“已申请”：“不予救助”已办结，不能再变更"),
    (Status.REFUSED, Status.STREET_REVIEWED, "状态不能从“不予救助”直接变为“街道审核”：“不予救助”已办结，不能再变更"),
]


@pytest.mark.parametrize(("old", "new", "message"), ILLEGAL)
def test_each_illegal_move_is_refused_and_changes_nothing(district, personas, old, new, message):
    record = application(district, old)
    user = personas["district_admin"]
    assert not may_move(user, record, new) and move_refusal(user, record, new) == message
    with pytest.raises(ValidationError) as raised:
        advance(user=user, application=record, to=new, reason="试一下", approved_amount=Decimal("100"),
                paid_on=dt.date(2024, 3, 20), today=TODAY)
    assert raised.value.messages == [message]
    assert Application.objects.get().status == old and moves(record) == []


LEVELS = [
    ("qingbo_admin", Status.STREET_REVIEWED, Status.DISTRICT_APPROVED, "区总审批只能由区总工会的管理员办理"),
    ("qingbo_admin", Status.DISTRICT_APPROVED, Status.PAID, "救助发放只能由区总工会的管理员办理"),
    ("qingbo_admin", Status.STREET_REVIEWED, Status.REFUSED, "在“街道审核”阶段作出不予救助决定只能由区总工会的管理员办理"),
    ("union_admin", Status.APPLIED, Status.STREET_REVIEWED, "街道审核只能由街道（系统）工会或区总工会的管理员办理"),
    ("union_admin", Status.APPLIED, Status.REFUSED,
     "在“已申请”阶段作出不予救助决定只能由街道（系统）工会或区总工会的管理员办理"),
    ("hubin_admin", Status.APPLIED, Status.STREET_REVIEWED, "该申请不在您的管辖范围内"),
    ("qingbo_viewer", Status.APPLIED, Status.STREET_REVIEWED, "您的角色无权办理救助审批。"),
]


@pytest.mark.parametrize(("persona", "old", "new", "message"), LEVELS)
def test_a_step_above_the_users_level_is_refused_in_chinese(district, personas, persona, old, new, message):
    record = application(district, old)
    user = personas[persona]
    assert not may_move(user, record, new)
    with pytest.raises(PermissionDenied) as raised:
        advance(user=user, application=record, to=new, reason="越级办理", approved_amount=Decimal("100"),
                paid_on=dt.date(2024, 3, 20), today=TODAY)
    assert str(raised.value) == message
    assert Application.objects.get().status == old and moves(record) == []


def test_the_workflow_guard_holds_for_any_caller_of_move(district, personas):
    """A page calling workflows.services.move directly meets the same level rule."""
    from workflows.services import move

    record = application(district, Status.STREET_REVIEWED)
    with pytest.raises(PermissionDenied, match="区总审批只能由区总工会的管理员办理"):
        move(record, Status.DISTRICT_APPROVED, user=personas["qingbo_admin"], reason="越级")
    move(record, Status.DISTRICT_APPROVED, user=personas["district_admin"], reason="同意")
    assert Application.objects.get().status == Status.DISTRICT_APPROVED


def test_a_refusal_needs_a_reason(district, personas):
    record = application(district)
    with pytest.raises(ValidationError) as raised:
        advance(user=personas["qingbo_admin"], application=record, to=Status.REFUSED, reason="  ")
    assert raised.value.message_dict == {"reason": ["不予救助须填写原因"]}
    assert Application.objects.get().status == Status.APPLIED


def test_a_district_step_on_an_application_owned_by_the_district_itself(district, personas):
    """An application with no linked employer recorded by the district: the district reviews it too."""
    record = application(district, node=district.root, worker=None, id_number=OUTSIDER)
    assert not may_move(personas["qingbo_admin"], record, Status.STREET_REVIEWED)  # not in 清波's subtree
    advance(user=personas["district_admin"], application=record, to=Status.STREET_REVIEWED)
    assert Application.objects.get().status == Status.STREET_REVIEWED


# --- paying ---------------------------------------------------------------------------------------

def test_paying_twice_is_refused_and_one_payment_is_recorded(district, personas):
    record = application(district, Status.DISTRICT_APPROVED)
    user = personas["district_admin"]
    advance(user=user, application=record, to=Status.PAID, approved_amount=Decimal("4500"), paid_on=dt.date(2024, 3, 20),
            today=TODAY)
    with pytest.raises(ValidationError) as raised:
        advance(user=user, application=record, to=Status.PAID, approved_amount=Decimal("5000"),
                paid_on=dt.date(2024, 3, 21), today=TODAY)
    assert raised.value.messages == [ALREADY_PAID] == ["已发放，不能重复发放"]
    saved = Application.objects.get()
    assert (saved.status, saved.approved_amount, saved.paid_on) == (Status.PAID, Decimal("4500"), dt.date(2024, 3, 20))
    assert [m[:2] for m in moves(record)] == [(Status.DISTRICT_APPROVED, Status.PAID)]
    assert AuditEntry.objects.filter(action=Action.TRANSITION).count() == 1
    assert move_refusal(user, saved, Status.PAID) == ALREADY_PAID


@pytest.mark.parametrize(("amount", "paid_on", "errors"), [
    (Decimal("6000"), dt.date(2024, 3, 20), ["批准金额不能大于申请金额（5,000.00元）"]),
    (Decimal("4000"), dt.date(2024, 6, 16), ["发放日期不能晚于今天"]),  # the day after TODAY
    (Decimal("4000"), dt.date(2024, 2, 29), ["发放日期不能早于申请日期"]),
    (None, dt.date(2024, 3, 20), ["发放须填写：批准金额"]),
    (Decimal("4000"), None, ["发放须填写：发放日期"]),
])
def test_a_payment_needs_an_amount_within_the_request_and_a_date_that_has_been(district, personas, amount, paid_on, errors):
    record = application(district, Status.DISTRICT_APPROVED)
    with pytest.raises(ValidationError) as raised:
        advance(user=personas["district_admin"], application=record, to=Status.PAID, approved_amount=amount,
                paid_on=paid_on, today=TODAY)
    assert raised.value.messages == errors
    assert Application.objects.get().status == Status.DISTRICT_APPROVED and moves(record) == []


# --- one open application per person and type ------------------------------------------------------

def test_a_second_open_application_of_the_same_type_is_refused(district, personas):
    """Model.clean asks it, so the record form, the import and the public form all refuse it (the
    import's own check of a whole file: test_register)."""
    first = application(district)

    def second(kind: str = "医疗救助") -> Application:
        worker = district.qingbo_worker
        return Application(number="JZ-2", applicant=worker.name, id_number=worker.id_number, kind=kind,
                           applied_on=dt.date(2024, 3, 2), node=district.qingbo_union)

    with pytest.raises(ValidationError) as raised:
        second().full_clean()
    assert raised.value.message_dict == {"id_number": [DUPLICATE_OPEN.format(kind="医疗救助")]}
    # another type is another matter; the same type again once the first is closed
    second(kind="金秋助学").full_clean()
    advance(user=personas["qingbo_admin"], application=first, to=Status.REFUSED, reason="重复申请")
    second().full_clean()


def test_the_duplicate_rule_counts_the_whole_tree(district, personas):
    """A person is one person whichever street files for them."""
    application(district, number="JZ-HB", node=district.hubin_union, worker=None)
    mine = Application(number="JZ-QB", applicant="张清波", id_number=district.qingbo_worker.id_number, kind="医疗救助",
                       applied_on=dt.date(2024, 3, 2), node=district.qingbo_union)
    assert "未办结的“医疗救助”申请" in mine.duplicate_refusal()
