"""Filing from the public pages without an account, and reading it back with the code only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from conftest import make_id_number
from proposals.models import Proposal
from public.models import Ticket
from workflows.models import Transition, Via
from workflows.services import move

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"


def answer(page) -> dict[str, str]:
    """Solve the page's challenge the way a person does: read the question, add."""
    a, b = map(int, re.search(r"(\d) 加 (\d) 等于几", page.content.decode()).groups())
    return {"answer": str(a + b), "token": page.context["form"].initial["token"]}


def file(client, slug: str, /, **fields):
    page = client.get(reverse("public:submit", args=[slug]))
    return client.post(reverse("public:submit", args=[slug]), {**answer(page), **fields}, follow=True)


def proposal_fields(employer, **extra):
    return {"name": "赵小店", "mobile": "139-0000-1111", "employer": employer.pk, "employer_search": employer.name,
            "title": "食堂延长供餐时间", "content": "夜班职工<script>alert(1)</script>下班后没有热饭。", **extra}


def code_of(response) -> str:
    return re.search(r'id="tracking-code">([A-Z0-9]+)<', response.content.decode()).group(1)


def test_a_worker_files_a_proposal_and_reads_its_status_and_reply_by_code(client, district, personas):
    done = file(client, "proposal", **proposal_fields(district.qingbo_no_union))
    code = code_of(done)
    assert len(code) >= 12
    proposal = Proposal.objects.get()
    # the employer has no union: it lands at its street, in the inbox of 清波's admin
    assert (proposal.node, proposal.status, proposal.proposer) == (district.qingbo, "已提交", "赵小店")
    ticket = Ticket.objects.get()
    assert ticket.mobile == "13900001111" and ticket.code == code
    first = Transition.objects.get(object_id=proposal.pk)
    assert (first.from_state, first.to_state, first.via) == ("", "已提交", Via.PUBLIC)
    assert AuditEntry.objects.filter(username="公开表单", object_repr=str(proposal)).exists()
    # the code is shown once: reloading the page does not show it again
    assert code not in client.get(reverse("public:done"), follow=True).content.decode()

    admin = personas["qingbo_admin"]
    move(proposal, "审核中", user=admin, reason="转车间核实")
    ticket.reply = "已安排食堂夜班窗口，感谢建议。"
    ticket.save()
    result = client.post(reverse("public:track"), {"code": code.lower()}).content.decode()
    assert "审核中" in result and "已安排食堂夜班窗口" in result
    # nothing else: not the content, the phone, the employer, nor the reviewer's reason
    assert "夜班职工" not in result and "1390000" not in result and "转车间核实" not in result
    assert district.qingbo_no_union.name not in result


def test_an_unknown_code_shows_nothing(client, district):
    page = client.post(reverse("public:track"), {"code": "AAAABBBBCCCCDDDD"})
    assert "没有找到这个查询码" in page.content.decode() and "办理状态" not in page.content.decode()


def test_typed_html_is_shown_as_text_to_the_reviewer(login, client, district):
    file(client, "proposal", **proposal_fields(district.qingbo_no_union))
    proposal = Proposal.objects.get()
    page = login("qingbo_admin").get(reverse("registers:record-detail", args=["proposals", proposal.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_attachments_are_checked_by_content_and_served_only_in_scope(client, login, district):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("说明.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = file(client, "proposal", **proposal_fields(district.qingbo_no_union), attachment=fake)
    assert "附件只能是 PDF、PNG 或 JPEG 文件" in refused.content.decode() and not Proposal.objects.exists()
    real = SimpleUploadedFile("说明.pdf", PDF, content_type="application/pdf")
    file(client, "proposal", **proposal_fields(district.qingbo_no_union), attachment=real)
    ticket = Ticket.objects.get()
    url = reverse("public:attachment", args=[ticket.pk])
    assert login("hubin_admin").get(url).status_code == 404
    response = login("qingbo_viewer").get(url)
    assert response.status_code == 200 and b"".join(response) == PDF


def test_a_wrong_answer_or_a_filled_trap_files_nothing(client, district):
    page = client.get(reverse("public:submit", args=["proposal"]))
    wrong = {**answer(page), "answer": "99"}
    response = client.post(reverse("public:submit", args=["proposal"]), {**wrong, **proposal_fields(district.qingbo_no_union)})
    assert "验证问题的答案不对" in response.content.decode()
    trapped = file(client, "proposal", **proposal_fields(district.qingbo_no_union), website="http://spam")
    assert "提交未通过校验" in trapped.content.decode() and not Proposal.objects.exists()


def test_an_address_files_five_times_an_hour(client, district):
    for n in range(5):
        file(client, "proposal", **proposal_fields(district.qingbo_no_union, title=f"建议{n}"))
    sixth = file(client, "proposal", **proposal_fields(district.qingbo_no_union, title="建议6"))
    assert sixth.status_code == 429 and "提交过于频繁" in sixth.content.decode()
    assert Proposal.objects.count() == 5


def test_employer_search_lists_open_employers_by_name_only(client, district):
    page = client.get(reverse("public:employers"), {"employer_search": "清波"}).content.decode()
    assert district.qingbo_employer.name in page and district.qingbo_employer.credit_code not in page
    assert client.get(reverse("public:employers"), {"employer_search": "清"}).content.decode().strip() == ""


def test_mediation_goes_to_the_nearest_committee_and_assistance_to_the_workers_node(client, district):
    from mediation.models import Case, MediationLevel, MediationOrg

    MediationOrg.objects.create(name="清波街道劳动争议调解委员会", level=MediationLevel.STREET, org=district.qingbo,
                                node=district.qingbo, founded_on=dt.date(2015, 1, 1))
    worker = district.qingbo_worker
    done = file(client, "mediation", **proposal_fields(district.qingbo_employer, title="拖欠工资", content="三个月工资未发"),
                dispute_type="劳动报酬", amount="12000", id_number=worker.id_number)
    assert code_of(done)
    case = Case.objects.get()
    assert (case.mediation_org.name, case.node, case.status, case.applied_on) == (
        "清波街道劳动争议调解委员会", district.qingbo, "已申请", timezone.localdate())
    assert (case.applicant_id_number, case.worker) == (worker.id_number, worker)  # linked as an import links it

    from assistance.models import Application

    fields = proposal_fields(district.qingbo_employer, name=worker.name, title="医疗救助", content="住院费用")
    first = file(client, "assistance", **fields, id_number=worker.id_number, kind="医疗救助", requested_amount="5000")
    application = Application.objects.get()
    assert (application.worker, application.node, application.status) == (worker, worker.node, "已申请")
    # a second filing while the first is open is answered as any filing is: a refusal would tell
    # whoever types a 身份证号 that this person has an open application (the street sorts it out)
    again = file(client, "assistance", **fields, id_number=worker.id_number, kind="医疗救助", requested_amount="5000")
    assert Application.objects.count() == 2 and "errorlist" not in again.content.decode()
    assert again.content.decode().replace(code_of(again), "") == first.content.decode().replace(code_of(first), "")


@pytest.mark.parametrize("kind", ["proposal", "mediation", "assistance"])
def test_every_public_form_opens_without_an_account(client, db, kind):
    page = client.get(reverse("public:submit", args=[kind]))
    assert page.status_code == 200 and "验证问题" in page.content.decode()


@pytest.mark.parametrize("kind", ["proposal", "mediation", "assistance"])
def test_a_form_sent_empty_asks_once_for_each_missing_value_in_its_own_words(client, db, kind):
    """Each required field says once what to fill, naming it; an unanswered question is not called wrong."""
    url = reverse("public:submit", args=[kind])
    page = client.post(url, {"token": client.get(url).context["form"].initial["token"]})  # as the browser sends it
    form = page.context["form"]
    required = [name for name, field in form.fields.items() if field.required and not field.widget.is_hidden]
    assert "answer" in required and "name" in required
    for name in required:
        said = form.errors.get(name, [])
        assert len(said) == 1, (name, said)
        assert "这个字段是必填项" not in said[0] and said[0].startswith(("请填写", "请选择", "请回答")), (name, said)
    assert form.errors["answer"] == ["请回答验证问题"]
    assert "这个字段是必填项" not in page.content.decode()


def test_an_id_number_outside_the_register_still_files(client, district):
    from assistance.models import Application

    outsider = make_id_number(region="110101", born="19800101", seq="555")
    fields = proposal_fields(district.qingbo_employer, name="外区职工", title="急难救助", content="火灾")
    file(client, "assistance", **fields, id_number=outsider, kind="职工急难救助")
    application = Application.objects.get()
    assert application.worker is None and application.node == district.qingbo_employer.node


def test_a_solved_challenge_files_once(client, district):
    page = client.get(reverse("public:submit", args=["proposal"]))
    solved = answer(page)
    url = reverse("public:submit", args=["proposal"])
    first = client.post(url, {**solved, **proposal_fields(district.qingbo_no_union, title="建议一")}, follow=True)
    assert code_of(first)
    for title in ("建议二", "建议三"):  # the same token and answer sent again
        again = client.post(url, {**solved, **proposal_fields(district.qingbo_no_union, title=title)})
        assert "验证问题已经用过" in again.content.decode()
    assert list(Proposal.objects.values_list("title", flat=True)) == ["建议一"]


def test_refused_attempts_do_not_use_up_the_submissions_of_an_address(client, district):
    url = reverse("public:submit", args=["proposal"])
    for _ in range(8):  # neighbours behind the same address who answer wrongly
        page = client.get(url)
        client.post(url, {**answer(page), "answer": "99", **proposal_fields(district.qingbo_no_union)})
    done = file(client, "proposal", **proposal_fields(district.qingbo_no_union))
    assert code_of(done) and Proposal.objects.count() == 1


def test_attempts_have_their_own_higher_limit(client, district, settings):
    settings.PUBLIC_ATTEMPTS_PER_HOUR = 7
    url = reverse("public:submit", args=["proposal"])
    statuses = [client.post(url, {"answer": "99", "token": "x", **proposal_fields(district.qingbo_no_union)}).status_code
                for _ in range(8)]
    assert statuses == [200] * 7 + [429]
    refused = file(client, "proposal", **proposal_fields(district.qingbo_no_union))
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode() and not Proposal.objects.exists()


def test_employer_search_is_limited_per_address(client, district, settings):
    settings.PUBLIC_SEARCHES_PER_10_MINUTES = 3
    url = reverse("public:employers")
    statuses = [client.get(url, {"employer_search": "清波"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    last = client.get(url, {"employer_search": "清波"}).content.decode()
    assert "查询过于频繁" in last and district.qingbo_employer.name not in last


@pytest.mark.parametrize("url", ["/p/", "/p/proposal/", "/p/mediation/", "/p/assistance/", "/p/track/"])
def test_public_pages_speak_for_the_federation_not_the_staff_tool(client, district, settings, url):
    settings.OTP_REQUIRED = False  # a demo: the staff pages say so in a banner, the public ones do not
    page = client.get(url).content.decode()
    assert district.root.name in page
    for internal in ("工会工作台", "数据仅限本组织及下级组织可见", "演示模式", "mainnav"):
        assert internal not in page


def test_a_public_address_that_fails_answers_in_the_public_frame(client, login, district, settings):
    """A mistyped /p/ address, or a form sent from a page open too long, speaks for the federation
    and leads back to the services, not to the staff tool's home and its 管辖范围."""
    from django.test import Client

    settings.OTP_REQUIRED = False
    missing = client.get("/p/no-such-service/")
    stale = Client(enforce_csrf_checks=True).post(reverse("public:submit", args=["proposal"]), {"name": "王小明"})
    for response, status, says in ((missing, 404, "找不到这个页面"), (stale, 403, "页面已过期")):
        page = response.content.decode()
        assert response.status_code == status and says in page and district.root.name in page
        assert 'href="/p/"' in page
        for internal in ("工会工作台", "数据仅限本组织及下级组织可见", "管辖范围", "演示模式"):
            assert internal not in page, (status, internal)
    # a ticket's attachment is a staff page: its 404 stays in the staff tool's frame
    staff = login("qingbo_admin").get(reverse("public:attachment", args=[999999]))
    assert staff.status_code == 404 and "管辖范围" in staff.content.decode()


def test_the_index_shows_each_service_whole(client, district):
    from public.kinds import kinds

    page = client.get(reverse("public:index")).content.decode()
    for kind in kinds().values():
        assert kind.intro in page  # "…申请之日起 15 日内未达成调解协议的…", not cut mid-sentence


def test_employer_search_runs_as_the_field_changes_by_typing_or_pasting(client, district):
    page = client.get(reverse("public:submit", args=["proposal"])).content.decode()
    field = re.search(r'<input[^>]*name="employer_search"[^>]*>', page).group(0)
    assert 'hx-trigger="input changed' in field


def test_a_public_proposal_takes_the_next_number_of_the_register(client, district):
    year = timezone.localdate().year
    for number in (f"JY{year}-0378", f"JY{year}-0379", f"JY{year - 1}-0900"):  # typed or imported
        Proposal.objects.create(number=number, title="已登记", proposer="甲", employer=district.qingbo_no_union,
                                submitted_on=timezone.localdate(), node=district.qingbo)
    Proposal.objects.filter(number=f"JY{year}-0378").delete()  # a gap does not make it draw a taken number
    file(client, "proposal", **proposal_fields(district.qingbo_no_union))
    assert Proposal.objects.filter(number=f"JY{year}-0380", proposer="赵小店").exists()
