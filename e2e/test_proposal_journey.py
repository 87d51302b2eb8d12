"""A worker files a proposal on the public page without an account; the street admin reviews it, adopts
it, records it as implemented and writes a reply; the worker reads the state and the reply by code."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import shot
from e2e.steps import answer_challenge, log_in, move_to

pytestmark = pytest.mark.browser

TITLE = "夜班食堂延长供餐时间"
CONTENT = "夜班职工晚上十点下班后没有热饭，建议食堂夜班窗口延长到十点半。"
REPLY = "已安排食堂夜班窗口延长至22:30，感谢您的建议。"


def test_a_worker_files_a_proposal_the_street_adopts_it_and_the_worker_reads_the_reply(
    live_server, personas, district, browser_page,
):
    from proposals.models import Proposal

    page, base = browser_page, live_server.url
    browser = page.context.browser
    employer = district.qingbo_no_union
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    # 1. the worker, without an account, files the proposal
    page.goto(f"{base}/p/proposal/")
    expect(page.locator("h1")).to_have_text("合理化建议")
    page.get_by_label("姓名").fill("赵小店")
    page.get_by_label("手机号（选填，便于回访）").fill("13900001111")
    search = page.locator("#id_employer_search")
    search.press_sequentially("未建会", delay=50)
    search.press("End")  # a keyup after the text is in: htmx asks for the matching employers
    choice = page.get_by_role("radio", name=employer.name)
    expect(choice).to_be_visible()
    assert page.locator("#employer-results input[type=radio]").count() == 1
    choice.check()
    page.get_by_label("建议标题").fill(TITLE)
    page.get_by_label("建议内容（现状、改进办法、预期效果）").fill(CONTENT)
    answer_challenge(page)
    shot(page, "proposal-public-form")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(f"{base}/p/done/")
    expect(page.locator("h1")).to_have_text("提交成功")
    assert "您的合理化建议已提交" in page.inner_text("main")
    code = page.inner_text("#tracking-code").strip()
    assert re.fullmatch(r"[A-Z2-9]{16}", code), code
    shot(page, "proposal-public-done")

    proposal = Proposal.objects.get(title=TITLE)
    assert (proposal.node_id, proposal.employer_id, proposal.status) == (district.qingbo.pk, employer.pk, "已提交")

    # 2. 清波街道's admin, in her own browser, finds it in the inbox and handles it on the record page
    admin_context = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
    admin = admin_context.new_page()
    admin.set_default_timeout(15_000)
    admin.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(admin, base, "qingbo_admin")
    admin.goto(f"{base}/proposals/inbox/")
    row = admin.locator("table.list tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[0] == proposal.number and cells[1:5] == [TITLE, "赵小店", employer.name, "清波街道总工会"]
    assert cells[6] == "已提交"
    row.get_by_role("link", name="办理").click()
    admin.wait_for_url(f"{base}/registers/proposals/{proposal.pk}/")
    expect(admin.locator("h1 .tag")).to_have_text("已提交")
    assert CONTENT in admin.inner_text(".card dl.fields")
    ticket = admin.locator("#public-ticket")
    assert "139****1111" in ticket.inner_text() and "13900001111" not in admin.content()

    move_to(admin, "审核中", reason="转后勤部门核实")
    move_to(admin, "已采纳")
    admin.get_by_role("link", name="变更为“已实施”").click()
    expect(admin.get_by_label("经济效益(万元)")).to_be_visible()
    admin.get_by_role("button", name="确认变更为“已实施”").click()  # without the benefit: refused
    expect(admin.locator("main form.card .errorlist")).to_have_text("已实施的建议须填写经济效益(万元)")
    assert admin.locator("h1").inner_text().endswith("→ 已实施")
    admin.fill("[name=benefit]", "12.5")
    admin.get_by_role("button", name="确认变更为“已实施”").click()
    expect(admin.locator("h1 .tag")).to_have_text("已实施")
    assert "已办结" in admin.inner_text(".card:has(h2:text('办理流程'))")
    assert admin.locator("ol.timeline li strong").all_inner_texts() == ["已提交", "审核中", "已采纳", "已实施"]
    timeline = admin.locator("ol.timeline li").all_inner_texts()
    assert "公开表单" in timeline[0] and "qingbo_admin" in timeline[1] and "转后勤部门核实" in timeline[1]
    assert "12.50" in admin.inner_text(".card dl.fields")

    admin.get_by_label("给提交人的答复").fill(REPLY)
    with admin.expect_response(re.compile(r"/p/tickets/\d+/reply/$")) as saved:
        admin.get_by_role("button", name="保存答复").click()
    assert saved.value.status == 302
    admin.wait_for_url(f"{base}/registers/proposals/{proposal.pk}/")
    admin.wait_for_load_state()
    expect(admin.get_by_label("给提交人的答复")).to_have_value(REPLY)
    shot(admin, "proposal-record-implemented")
    admin_context.close()

    proposal.refresh_from_db()
    assert (proposal.status, str(proposal.benefit)) == ("已实施", "12.50")

    # 3. the worker, in a fresh browser with nothing but the code, reads the state and the reply
    worker_context = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900})
    worker = worker_context.new_page()
    worker.set_default_timeout(15_000)
    worker.goto(f"{base}/p/track/")
    worker.fill("input[name=code]", code.lower())
    worker.get_by_role("button", name="查询").click()
    result = worker.locator("#track-result")
    expect(result).to_be_visible()
    facts = dict(zip(result.locator("dt").all_inner_texts(), result.locator("dd").all_inner_texts(), strict=True))
    assert facts["事项"] == "合理化建议" and facts["办理状态"] == "已实施"
    assert facts["答复"].startswith(REPLY)
    text = result.inner_text()
    assert CONTENT not in text and "转后勤部门核实" not in text and employer.name not in text
    shot(worker, "proposal-public-track")
    worker_context.close()
    assert not csp_errors, csp_errors
