"""The electronic member card and the public application to join (SPEC §7)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from conftest import make_id_number
from members import cards, services
from members.choices import State
from members.models import Member
from public.tests.test_public_pages import code_of, file
from todo.due import collect
from workflows.services import move

from .helpers import member_of


def test_the_card_shows_the_masked_name_union_number_and_a_qr_to_the_verification_page(
    login, district, client
):
    member = member_of(district, card_number="HY00000042")
    page = login("union_admin").get(reverse("members:card", args=[member.pk]))
    assert page.status_code == 200
    text = page.text
    assert (
        "张**" in text
        and "清波示范企业工会" in text
        and "HY00000042" in text
        and "2024-03-01" in text
    )
    assert "data:image/svg+xml" in text and district.qingbo_worker.id_number not in text
    assert login("hubin_admin").get(reverse("members:card", args=[member.pk])).status_code == 404
    client.logout()
    shown = client.get(cards.verify_url(member))
    assert shown.status_code == 200
    assert "张**" in shown.text and "清波示范企业工会" in shown.text and "在籍" in shown.text
    assert "张清波" not in shown.text and district.qingbo_worker.id_number not in shown.text
    assert (
        "HY00000042" not in shown.text and "13812345678" not in shown.text
    )  # nothing more than it needs


def test_a_forged_or_voided_link_is_refused(client, district, personas):
    member = member_of(district, card_number="HY00000043")
    good = cards.verify_url(member)
    forged = good.replace(good.split("/")[-2], good.split("/")[-2][:-3] + "abc")
    assert client.get(forged).status_code == 404
    other = member_of(
        district, worker=district.hubin_worker, node=district.hubin_union, card_number="HY00000044"
    )
    assert (
        cards.member_of_token(cards.token(other), cards.VERIFY) is None
    )  # a card link is no verification link
    move(
        member,
        State.TRANSFERRING,
        user=personas["qingbo_admin"],
        changes={"transfer_to": district.hubin_union, "state_date": dt.date(2024, 6, 1)},
    )
    assert client.get(good).status_code == 200  # a transfer voids the link when it is done
    services.transfer_accept(user=personas["hubin_admin"], pk=member.pk, on=dt.date(2024, 6, 3))
    old = client.get(good)
    assert old.status_code == 404 and "已失效" in old.text
    fresh = client.get(cards.verify_url(Member.objects.get(pk=member.pk)))
    assert fresh.status_code == 200 and "湖滨示范企业工会" in fresh.text
    member = Member.objects.get(pk=member.pk)
    card = cards.card_url(member)
    move(
        member,
        State.LEFT,
        user=personas["hubin_admin"],
        changes={"state_date": dt.date(2024, 7, 1), "change_reason": "本人申请"},
    )
    assert client.get(card).status_code == 404


def test_a_new_form_worker_applies_at_the_street_and_tracks_the_card_after_approval(
    client, login, district, personas
):
    number = make_id_number(born="19950505", seq="733")
    done = file(
        client,
        "join",
        name="骑手小王",
        mobile="13900002222",
        id_number=number,
        employment="新就业形态",
        street=str(district.hubin.pk),
        title="申请入会",
        content="外卖送餐两年",
    )
    code = code_of(done)
    member = Member.objects.get(id_number=number)
    assert (member.status, member.node, member.employment, member.name) == (
        "申请中",
        district.hubin,
        "新就业形态",
        "骑手小王",
    )
    assert "入会申请待审批" in [
        i.kind for i in collect(personas["hubin_admin"], timezone.localdate())
    ]
    tracked = client.post(reverse("public:track"), {"code": code}).text
    assert "申请中" in tracked and "电子会员证" not in tracked
    admin = login("hubin_admin")
    moved = admin.post(
        reverse("registers:record-move", args=["members", member.pk]),
        {"to": "在籍", "state_date": "2024-06-20"},
    )
    assert moved.status_code == 302
    client.logout()
    tracked = client.post(reverse("public:track"), {"code": code}).text
    found = re.search(r'href="(/members/card/[^"]+)"', tracked)
    assert found, tracked[tracked.find("track-result") :][:800]
    link = found.group(1)
    card = client.get(link)
    assert (
        card.status_code == 200
        and "骑*" in card.text
        and Member.objects.get(pk=member.pk).card_number in card.text
    )


def test_an_employees_application_lands_at_the_employers_union_else_the_street(client, district):
    for seq, employer, node in (
        ("741", district.qingbo_employer, district.qingbo_union),
        ("742", district.qingbo_no_union, district.qingbo),
    ):
        number = make_id_number(born="19960606", seq=seq)
        file(
            client,
            "join",
            name="店员",
            id_number=number,
            employment="单位职工",
            employer=employer.pk,
            employer_search=employer.name,
            title="申请入会",
            content="在店工作",
        )
        assert Member.objects.get(id_number=number).node == node


def test_a_bad_id_number_or_a_missing_street_is_said_in_chinese(client, district):
    good = make_id_number(seq="761")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    said = file(
        client,
        "join",
        name="甲",
        id_number=bad,
        employment="单位职工",
        employer=district.qingbo_employer.pk,
        employer_search=district.qingbo_employer.name,
        title="申请",
        content="说明",
    ).text
    assert "身份证号" in said and "校验" in said
    said = file(
        client,
        "join",
        name="乙",
        id_number=make_id_number(seq="751"),
        employment="新就业形态",
        title="申请",
        content="说明",
    ).text
    assert "新就业形态劳动者请选择居住或工作所在街道" in said, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", said
    )
    assert not Member.objects.exists()


def test_a_registered_number_is_filed_like_any_other_and_waits_for_its_unions_reply(
    client, login, district, personas
):
    """The form must not tell whoever types a 身份证号 whether that person is a member: a repeat
    filing gets a tracking code like a first one, shows 申请中, never the member's own state or card,
    leaves the membership as it is and lands on the member's page for its union to answer."""
    member = member_of(district)
    fields = dict(
        name="冒名者",
        mobile="13900003333",
        employment="单位职工",
        employer=district.hubin_employer.pk,
        employer_search=district.hubin_employer.name,
        title="申请入会",
        content="想入会",
    )
    fresh_number = make_id_number(born="19970707", seq="771")
    fresh = file(client, "join", id_number=fresh_number, **fields)
    repeat = file(client, "join", id_number=member.id_number, **fields)

    def shape(response):
        return re.sub(r'id="tracking-code">[A-Z0-9]+<', "", response.text)

    assert repeat.status_code == fresh.status_code == 200 and shape(repeat) == shape(fresh)
    untouched = Member.objects.get(pk=member.pk)
    assert (untouched.status, untouched.node, untouched.card_version) == (
        "在籍",
        district.qingbo_union,
        member.card_version,
    )
    tracked = client.post(reverse("public:track"), {"code": code_of(repeat)}).text
    assert "申请中" in tracked and "在籍" not in tracked and "电子会员证" not in tracked

    today = timezone.localdate()
    waiting = [i for i in collect(personas["qingbo_admin"], today) if i.kind == "入会申请待答复"]
    assert len(waiting) == 1 and waiting[0].url.startswith(f"/registers/members/{member.pk}/")
    assert "入会申请待答复" not in [i.kind for i in collect(personas["hubin_admin"], today)]

    admin = login("qingbo_admin")
    page = admin.get(waiting[0].url).text
    assert "重复提交" in page and "姓名：冒名者" in page and "139****3333" in page
    ticket_id = re.findall(r'action="/p/tickets/(\d+)/reply/"', page)[-1]
    admin.post(reverse("public:reply", args=[ticket_id]), {"reply": "请本人到工会核实身份。"})
    client.logout()
    tracked = client.post(reverse("public:track"), {"code": code_of(repeat)}).text
    assert "请本人到工会核实身份" in tracked and "在籍" not in tracked
    assert "入会申请待答复" not in [i.kind for i in collect(personas["qingbo_admin"], today)]


def test_an_employee_naming_no_employer_is_asked_for_it_whether_or_not_the_registers_know_them(
    client, district
):
    member_of(district)
    known, unknown = district.qingbo_worker.id_number, make_id_number(seq="781")
    answers = [
        file(client, "join", name="甲", id_number=number, employment="单位职工", title="申请", content="说明").text
        for number in (known, unknown)
    ]
    assert all("请填写所在单位" in said for said in answers)
    assert Member.objects.count() == 1
