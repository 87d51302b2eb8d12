"""A street admin finds an employer without a union on the 未建会 list, starts a founding from it,
and records it as 已成立: the union appears under the street and the employer is under it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.conftest import shot
from e2e.steps import log_in, move_to

pytestmark = pytest.mark.browser


def test_a_street_starts_a_founding_from_the_unionless_list_and_founds_the_union(
    live_server,
    personas,
    district,
    browser_page,
):
    from foundings.models import Founding
    from orgs.models import Employer, Org

    page, base = browser_page, live_server.url
    employer = district.qingbo_no_union
    log_in(page, base, "qingbo_admin")
    page.goto(f"{base}/orgs/employers/?has_union=0")
    row = page.locator("table.list tbody tr", has_text=employer.name)
    row.get_by_role("link", name="启动组建").click()
    expect(page.locator("h1")).to_have_text("新增工会组建")
    assert page.get_by_label("涉及单位").input_value() == employer.credit_code
    assert page.get_by_label("所属街道").input_value() == "清波街道"
    assert page.get_by_label("拟建工会名称").input_value() == f"{employer.name}工会"
    page.get_by_label("组建编号").fill("ZJ2026-001")
    page.get_by_label("启动日期").fill("2024-03-01")
    shot(page, "founding-form")
    page.get_by_role("button", name="保存").click()
    founding = Founding.objects.get(number="ZJ2026-001")
    page.wait_for_url(f"{base}/registers/foundings/{founding.pk}/")
    expect(page.locator("h1 .tag")).to_have_text("筹建中")

    move_to(page, "已成立", congress_on="2024-05-10", approved_on="2024-06-01")
    union = Org.objects.get(name=f"{employer.name}工会")
    assert Org.objects.get_parent(union) == district.qingbo
    assert Employer.objects.get(pk=employer.pk).union == union
    page.get_by_role("link", name="成立的工会").click()
    expect(page.locator("h1")).to_contain_text(union.name)
    shot(page, "founding-union")
