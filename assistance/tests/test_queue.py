"""What waits at each level: the due list, the approval queue page and its POSTs, and the public form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from assistance.due import due_items
from assistance.models import Application, Status
from assistance.rules import DUPLICATE_OPEN
from conftest import make_id_number
from registers.pages import record_url
from workflows.models import Transition, Via

TODAY = dt.date(2024, 6, 15)
OUTSIDER = make_id_number(region="330106", born="19780512", seq="331")


def application(number: str, status: str, node, applied_on: dt.date, *, entered: dt.datetime | None = None,
                id_number: str = "", **extra) -> Application:
    record = Application.objects.create(
        number=number, applicant=f"申请人{number}", id_number=id_number or make_id_number(born="19800101", seq=f"{ord(number[-1]):03d}"),
        kind="医疗救助", applied_on=applied_on, requested_amount=Decimal("5000"), status=status, node=node, **extra)
    if entered is not None:
        Transition.objects.create(content_type=ContentType.objects.get_for_model(Application), object_id=record.pk,
                                  from_state="", to_state=status, at=entered, via=Via.PAGE)
    return record


@pytest.fixture
def waiting(district):
    zone = timezone.get_current_timezone()
    return {
        "A": application("JZ-A", Status.APPLIED, district.qingbo_union, dt.date(2024, 6, 1)),
        "B": application("JZ-B", Status.STREET_REVIEWED, district.qingbo_union, dt.date(2024, 5, 20),
                         entered=dt.datetime(2024, 6, 10, 10, 0, tzinfo=zone)),
        "C": application("JZ-C", Status.DISTRICT_APPROVED, district.hubin_union, dt.date(2024, 5, 1)),
        "D": application("JZ-D", Status.APPLIED, district.root, dt.date(2024, 6, 12)),
        "E": application("JZ-E", Status.PAID, district.qingbo_union, dt.date(2024, 3, 1),
                         approved_amount=Decimal("4000"), paid_on=dt.date(2024, 3, 9)),
        "F": application("JZ-F", Status.APPLIED, district.hubin, dt.date(2024, 6, 14)),
    }


def test_each_level_sees_what_waits_for_it_due_seven_days_after_it_arrived(district, personas, waiting):
    def listed(persona):
        return [(i.title.split()[0], i.kind, i.due, i.days_left) for i in due_items(personas[persona], TODAY)]

    assert listed("qingbo_admin") == [("JZ-A", "救助申请待街道审核", dt.date(2024, 6, 8), -7)]
    assert listed("hubin_admin") == [("JZ-F", "救助申请待街道审核", dt.date(2024, 6, 21), 6)]
    assert listed("district_admin") == [
        ("JZ-C", "救助待发放", dt.date(2024, 5, 8), -38),  # no move recorded: waiting since 申请日期
        ("JZ-B", "救助申请待区总审批", dt.date(2024, 6, 17), 2),  # reached the district on 6-10
        ("JZ-D", "救助申请待街道审核", dt.date(2024, 6, 19), 4),  # the district's own: no street above it
    ]
    assert listed("union_admin") == []
    item = next(iter(due_items(personas["qingbo_admin"], TODAY)))
    assert item.url == record_url("assistance", waiting["A"].pk) and item.node == "清波示范企业工会"
    assert item.key == f"assistance:{waiting['A'].pk}:已申请" and item.note == "申请日期 2024-06-01，申请金额 5000.00元"


def test_the_queue_shows_the_steps_the_user_may_take(district, login, waiting):
    page = login("qingbo_admin").get(reverse("assistance:queue")).content.decode()
    assert "JZ-A" in page and "审核通过" in page and "确认不予救助" in page
    assert "JZ-B" not in page and "JZ-F" not in page and "确认发放" not in page
    assert waiting["A"].id_number not in page  # masked
    page = login("district_admin").get(reverse("assistance:queue")).content.decode()
    assert all(n in page for n in ("JZ-B", "JZ-C", "JZ-D")) and "JZ-A" not in page
    assert "审批通过" in page and "确认发放" in page
    page = login("qingbo_viewer").get(reverse("assistance:queue")).content.decode()
    assert "JZ-A" in page and "审核通过" not in page and "确认不予救助" not in page


def test_approving_refusing_and_paying_from_the_queue(district, login, waiting):
    client = login("qingbo_admin")
    act = lambda key: reverse("assistance:act", args=[waiting[key].pk])  # noqa: E731
    response = client.post(act("A"), {"to": "街道审核", "reason": "情况属实"})
    assert response.status_code == 302 and response.url == reverse("assistance:queue")
    assert Application.objects.get(number="JZ-A").status == Status.STREET_REVIEWED
    assert Transition.objects.filter(object_id=waiting["A"].pk, to_state="街道审核").values_list(
        "user__username", "reason").get() == ("qingbo_admin", "情况属实")
    # the district's step is refused to the street, with the reason on the next page
    page = client.post(act("B"), {"to": "区总审批"}, follow=True).content.decode()
    assert "区总审批只能由区总工会的管理员办理" in page and Application.objects.get(number="JZ-B").status == Status.STREET_REVIEWED

    client = login("district_admin")
    page = client.post(act("B"), {"to": "不予救助", "reason": ""}, follow=True).content.decode()
    assert "不予救助须填写原因" in page and Application.objects.get(number="JZ-B").status == Status.STREET_REVIEWED
    client.post(act("B"), {"to": "不予救助", "reason": "已享受其他救助"})
    assert Application.objects.get(number="JZ-B").status == Status.REFUSED
    paid = {"to": "已发放", "approved_amount": "4500", "paid_on": "2024-05-10", "reason": "转账"}
    page = client.post(act("C"), paid, follow=True).content.decode()
    assert "已办理为“已发放”" in page
    page = client.post(act("C"), {**paid, "approved_amount": "5000"}, follow=True).content.decode()
    assert "已发放，不能重复发放" in page
    assert Application.objects.filter(number="JZ-C").values_list("approved_amount", "paid_on").get() == (
        Decimal("4500"), dt.date(2024, 5, 10))


def test_a_sibling_street_gets_404_on_qingbos_application(district, login, waiting):
    response = login("hubin_admin").post(reverse("assistance:act", args=[waiting["A"].pk]), {"to": "街道审核"})
    assert response.status_code == 404
    assert Application.objects.get(number="JZ-A").status == Status.APPLIED


# --- the public form ------------------------------------------------------------------------------

def public_data(district, **extra) -> dict:
    return {"name": "张清波", "mobile": "13900001111", "title": "住院治疗费用", "content": "本人住院两周，自付费用较高。",
            "id_number": district.qingbo_worker.id_number.lower(), "kind": "医疗救助", "requested_amount": Decimal("8000"),
            "employer_obj": district.qingbo_employer, **extra}


def test_a_public_submission_becomes_an_application_waiting_for_the_street(district):
    from assistance.public import KIND as kind
    from public.services import file_submission

    ticket = file_submission(kind, public_data(district))
    record = ticket.record
    assert record.number == f"WS{timezone.localdate():%Y%m%d}-001" and record.status == Status.APPLIED
    assert (record.worker, record.node, record.mobile, record.summary) == (
        district.qingbo_worker, district.qingbo_union, "13900001111", "住院治疗费用")
    assert list(Transition.objects.filter(object_id=record.pk).values_list("to_state", "via")) == [("已申请", Via.PUBLIC)]
    other = file_submission(kind, public_data(district, name="外区职工", id_number=OUTSIDER, employer_obj=district.hubin_employer))
    assert (other.record.number[-3:], other.record.worker, other.record.node) == ("002", None, district.hubin_union)


# --- the register's generic pages -------------------------------------------------------------------

def test_the_record_pages_create_an_application_and_move_it_only_at_the_users_level(district, login):
    client = login("qingbo_admin")
    cells = ["JZ-P1", "张清波", district.qingbo_worker.id_number, "医疗救助", "2024-03-01", "5000", "已申请", "", ""]
    response = client.post(reverse("registers:record-create", args=["assistance"]), {f"c{i}": v for i, v in enumerate(cells)})
    record = Application.objects.get()
    assert response.status_code == 302 and (record.worker, record.node) == (district.qingbo_worker, district.qingbo_union)
    assert list(Transition.objects.filter(object_id=record.pk).values_list("to_state", "user__username")) == [
        ("已申请", "qingbo_admin")]
    assert "办理中：等待街道审核" in client.get(record_url("assistance", record.pk)).content.decode()
    response = client.post(reverse("registers:record-create", args=["assistance"]),
                           {f"c{i}": v for i, v in enumerate(["JZ-P2", *cells[1:]])})
    assert DUPLICATE_OPEN.format(kind="医疗救助") in response.content.decode()
    move = reverse("registers:record-move", args=["assistance", record.pk])
    assert client.post(move, {"to": "街道审核", "reason": "属实"}).status_code == 302
    page = client.post(move, {"to": "区总审批", "reason": "越级"}).content.decode()
    assert "区总审批只能由区总工会的管理员办理" in page and Application.objects.get().status == Status.STREET_REVIEWED


def test_the_public_form_answers_a_second_filing_of_the_same_person_as_any_other(district, login):
    """Refusing it would tell whoever types a 身份证号 that this person has an open application:
    the filing waits at 已申请 like any other, the street sees why on its page, and the rule stops
    it going further while the first is open."""
    from assistance.public import KIND as kind
    from public.services import file_submission, tracked

    first = file_submission(kind, public_data(district))
    second = file_submission(kind, public_data(district))
    assert tracked(second.code)["state"] == tracked(first.code)["state"] == Status.APPLIED
    assert second.code != first.code and second.record.status == Status.APPLIED

    client = login("qingbo_admin")
    page = client.get(record_url("assistance", second.record.pk)).content.decode()
    assert DUPLICATE_OPEN.format(kind="医疗救助") in page and "请核实后对其中一份作出不予救助决定" in page
    move = reverse("registers:record-move", args=["assistance", second.record.pk])
    page = client.post(move, {"to": "街道审核", "reason": "属实"}).content.decode()
    assert DUPLICATE_OPEN.format(kind="医疗救助") in page
    assert Application.objects.get(pk=second.record.pk).status == Status.APPLIED
    assert client.post(move, {"to": "不予救助", "reason": "与前一份申请重复"}).status_code == 302
    assert Application.objects.get(pk=second.record.pk).status == Status.REFUSED
    assert DUPLICATE_OPEN.format(kind="医疗救助") not in client.get(record_url("assistance", first.record.pk)).content.decode()
    first_move = reverse("registers:record-move", args=["assistance", first.record.pk])
    assert client.post(first_move, {"to": "街道审核", "reason": "属实"}).status_code == 302

