"""A long list of unions is searched by typing part of a name, on a list's filter as in a form."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import shot
from e2e.test_reveal_journey import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def many_unions(district):
    from orgs.models import Org, OrgType

    for i in range(40):
        Org.objects.add_child(district.qingbo, instance=Org(name=f"清波第{i:02d}联合工会", org_type=OrgType.JOINT))
    return Org.objects.add_child(district.qingbo, instance=Org(name="清波望江门外社区联合工会", org_type=OrgType.JOINT))


def test_the_union_filter_finds_a_union_by_part_of_its_name(live_server, personas, many_unions, browser_page):
    page, base = browser_page, live_server.url
    log_in(page, base, "qingbo_admin")
    page.goto(base + reverse("workers:worker-list"))
    page.locator(".ts-control").filter(has=page.locator("#id_union-ts-control")).click()
    page.keyboard.type("望江门")
    options = page.locator("#id_union-ts-dropdown .option")
    expect(options).to_have_count(1)
    assert options.all_inner_texts() == ["清波望江门外社区联合工会"]
    shot(page, "union-filter-search")
    options.first.click()
    page.click("form.filters button.btn")
    page.wait_for_load_state("networkidle")
    assert f"union={many_unions.pk}" in page.url
    # a short list stays a plain select
    assert page.locator("select#id_labour_contract").is_visible()
