"""A worker on a phone (390 px wide) files a proposal, pasting the employer's name into the search."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.conftest import shot
from e2e.steps import answer_challenge

pytestmark = pytest.mark.browser


def test_a_worker_on_a_phone_pastes_the_employer_and_files(live_server, district, browser_page):
    from proposals.models import Proposal

    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/p/")
    expect(page.locator(".public-head")).to_contain_text(district.root.name)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    shot(page, "public-phone-index")

    page.get_by_role("link", name="合理化建议").first.click()
    page.get_by_label("姓名").fill("赵小店")
    page.locator("#id_employer_search").fill("未建会")  # what a paste does: the value changes at once, no key is typed
    choice = page.get_by_role("radio", name=district.qingbo_no_union.name)
    expect(choice).to_be_visible()
    choice.check()
    page.get_by_label("建议标题").fill("夜班食堂延长供餐时间")
    page.get_by_label("建议内容（现状、改进办法、预期效果）").fill("夜班职工下班后没有热饭。")
    answer_challenge(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "public-phone-form")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(f"{base}/p/done/")
    expect(page.locator("#tracking-code")).to_be_visible()
    assert Proposal.objects.get(title="夜班食堂延长供餐时间").employer == district.qingbo_no_union
