"""A worker applies for mediation on the public page; the street's committee takes the case through to
调解成功 and downloads the 调解协议书 as PDF and Word, which name the parties and the agreed amount."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pypdf
import pypdfium2
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import ARTIFACTS, shot
from e2e.steps import answer_challenge, log_in, move_to

pytestmark = pytest.mark.browser

APPLICANT = "赵小店"
SUMMARY = "拖欠三个月工资"
FACTS = "2025年8月至10月的工资共8,600元至今未发，请求单位一次性支付。"
TERMS = "一、被申请单位于本月底前一次性支付申请人工资7,800.50元。\n二、双方就本争议再无其他纠纷。"
AGREED = "7,800.50"
WORDS = "柒仟捌佰元伍角"


def download(page, link: str, tmp_path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    got = info.value
    path = tmp_path / got.suggested_filename
    got.save_as(str(path))
    return got.suggested_filename, path.read_bytes()


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_worker_applies_for_mediation_and_the_street_committee_prints_the_agreement(
    live_server, personas, district, browser_page, tmp_path,
):
    from mediation.models import Case, MediationLevel, MediationOrg

    page, base = browser_page, live_server.url
    employer = district.qingbo_no_union  # no 调解小组 of its own: the street's committee takes it
    committee = MediationOrg.objects.create(
        name="清波街道劳动争议调解委员会", level=MediationLevel.STREET, node=district.qingbo, org=district.qingbo,
        founded_on=dt.date(2015, 1, 1),
    )
    today = timezone.localdate().isoformat()  # as the list shows dates and as they are typed
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    # 1. the worker applies on the public page and gets a code
    page.goto(f"{base}/p/mediation/")
    expect(page.locator("h1")).to_have_text("劳动争议调解申请")
    page.get_by_label("姓名").fill(APPLICANT)
    page.get_by_label("手机号（选填，便于回访）").fill("13900002222")
    page.get_by_label("争议类型").select_option("劳动报酬")
    page.get_by_label("涉及金额（元，选填）").fill("8600")
    search = page.locator("#id_employer_search")
    search.press_sequentially("清波未建", delay=50)
    search.press("End")  # a keyup after the text is in: htmx asks for the matching employers
    choice = page.get_by_role("radio", name=employer.name)
    expect(choice).to_be_visible()
    choice.check()
    page.get_by_label("争议概要").fill(SUMMARY)
    page.get_by_label("请求事项与事实经过").fill(FACTS)
    answer_challenge(page)
    shot(page, "mediation-public-form")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(f"{base}/p/done/")
    assert "您的劳动争议调解申请已提交" in page.inner_text("main")
    code = page.inner_text("#tracking-code").strip()
    assert re.fullmatch(r"[A-Z2-9]{16}", code), code

    case = Case.objects.get(applicant=APPLICANT)
    assert (case.mediation_org_id, case.node_id, case.status) == (committee.pk, district.qingbo.pk, "已申请")

    # 2. 清波街道's admin finds the case in the list and opens it
    admin_context = page.context.browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
    admin = admin_context.new_page()
    admin.set_default_timeout(15_000)
    admin.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(admin, base, "qingbo_admin")
    admin.goto(f"{base}/registers/cases/")
    admin.fill("form.filters input[name=q]", APPLICANT)
    admin.click("form.filters button.btn")
    row = admin.locator("table.list tbody tr", has_text=APPLICANT)
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells == [case.number, APPLICANT, employer.name, "劳动报酬", today, committee.name, "已申请"]
    shot(admin, "mediation-case-list")
    row.get_by_role("link", name=case.number).click()
    admin.wait_for_url(f"{base}/registers/cases/{case.pk}/")
    expect(admin.locator("h1 .tag")).to_have_text("已申请")
    assert not admin.get_by_role("link", name=re.compile("调解协议书")).count()  # only once it has succeeded

    # 3. accepted, mediating, succeeded: each move asks for what its state needs
    move_to(admin, "已受理", accepted_on=today)
    move_to(admin, "调解中")
    admin.get_by_role("link", name="变更为“调解成功”").click()
    expect(admin.locator("h1")).to_contain_text("→ 调解成功")
    assert admin.input_value("[name=matters]") == f"{SUMMARY}\n{FACTS}"  # what the worker wrote
    admin.fill("[name=closed_on]", today)
    admin.fill("[name=agreed_amount]", "7800.50")
    admin.fill("[name=matters]", f"申请人称{employer.name}拖欠其{FACTS}")
    admin.fill("[name=terms]", TERMS)
    shot(admin, "mediation-move-succeeded")
    admin.get_by_role("button", name="确认变更为“调解成功”").click()
    expect(admin.locator("h1 .tag")).to_have_text("调解成功")
    assert admin.locator("ol.timeline li strong").all_inner_texts() == ["已申请", "已受理", "调解中", "调解成功"]
    fields = admin.inner_text(".card dl.fields")
    assert "7800.50" in fields.replace(",", "") and TERMS.splitlines()[0] in fields
    shot(admin, "mediation-case-succeeded")

    # 4. the agreement, as Word and as PDF, read back
    name, content = download(admin, "调解协议书（Word）", tmp_path)
    assert name == f"劳动争议调解协议书-{case.number}.docx"
    text = docx_text(content)
    for expected in ("劳动争议调解协议书", f"案件编号：{case.number}", APPLICANT, employer.name, employer.credit_code,
                     committee.name, TERMS.splitlines()[0], f"人民币{AGREED}元（大写：人民币{WORDS}）"):
        assert expected in text, expected

    name, content = download(admin, "调解协议书（PDF）", tmp_path)
    assert name == f"劳动争议调解协议书-{case.number}.pdf" and content.startswith(b"%PDF-")
    text = pdf_text(content).replace(" ", "")
    for expected in ("劳动争议调解协议书", case.number, APPLICANT, employer.name, committee.name, AGREED, WORDS):
        assert expected in text, expected
    # the first page as a picture, to look at
    pypdfium2.PdfDocument(content)[0].render(scale=1.5).to_pil().save(ARTIFACTS / "mediation-journey-agreement.png")
    admin_context.close()

    # 5. the worker's code shows the outcome
    page.goto(f"{base}/p/track/")
    page.fill("input[name=code]", code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#track-result")).to_contain_text("调解成功")
    assert "劳动争议调解申请" in page.inner_text("#track-result")
    assert not csp_errors, csp_errors
