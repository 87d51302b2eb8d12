"""A street's admin opens the risk radar from the 劳动关系 area, sees its employer 红 for a
collective dispute and a major lead, follows the count to the case and back to the employer page,
whose panel says the same; the sibling street's admin sees none of it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import shot
from e2e.steps import log_in
from radar.tests import builders as b

pytestmark = pytest.mark.browser


def test_street_admin_follows_a_red_employer_to_the_records_behind_it(
    live_server, personas, district, browser_page
):
    page, base = browser_page, live_server.url
    today = timezone.localdate()
    case = b.case(district.qingbo_employer, today, people=18)
    b.lead(district.qingbo_employer, today, people=18)

    log_in(page, base, "qingbo_admin")
    page.goto(f"{base}/indicators/area/relations/")
    page.get_by_role("link", name="风险雷达").first.click()
    row = page.locator("table.radar tbody tr").filter(has_text=district.qingbo_employer.name)
    expect(row).to_contain_text("70")
    expect(row).to_contain_text("红")
    shot(page, "radar-page")

    row.locator("td.sig a").first.click()  # 集体争议: 1
    expect(page.locator("h1")).to_contain_text("集体争议")
    page.get_by_role("link", name=case.number).click()
    expect(page.locator("h1")).to_contain_text(case.number)

    page.goto(f"{base}/orgs/employers/{district.qingbo_employer.pk}/")
    panel = page.locator("#radar-panel")
    expect(panel).to_contain_text("红")
    expect(panel).to_contain_text("重大风险线索")
    shot(page, "radar-employer-panel")

    page.context.clear_cookies()
    log_in(page, base, "hubin_admin")
    page.goto(f"{base}/radar/?level=all")
    page.wait_for_load_state("networkidle")
    expect(page.locator("table.radar")).not_to_contain_text(district.qingbo_employer.name)
