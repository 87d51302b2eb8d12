"""Each persona's main pages keep to the window, on a desk screen (1,360 px) and on a phone
(390 px): nothing wider than the window, and the menu wraps between its items, never inside one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from e2e.conftest import shot
from e2e.test_reveal_journey import log_in
from registers.models import ImportLog

pytestmark = pytest.mark.browser

WIDTHS = (1360, 390)

#: persona → its main pages (URL names with their arguments)
PAGES = {
    "qingbo_admin": [("core:home", ()), ("indicators:area", ("quality",)), ("indicators:area", ("relations",)),
                     ("workers:worker-list", ()), ("orgs:employer-list", ()), ("assistance:queue", ()),
                     ("proposals:inbox", ()), ("registers:record-list", ("cases",)),
                     ("registers:record-list", ("assistance",)), ("indicators:list", ()), ("todo:due-list", ()),
                     ("registers:import-list", ()), ("registers:import-detail", ("{import}",)), ("radar:radar", ())],
    "district_admin": [("core:home", ()), ("assistance:queue", ()), ("orgs:tree", ())],
    "qingbo_viewer": [("core:home", ()), ("workers:worker-list", ())],
    "district_auditor": [("audit:entry-list", ())],
    "sysadmin": [("accounts:account-list", ())],
}

#: the menu entries, their text lines counted as the browser laid them out
MENU_LINES = """[...document.querySelectorAll('.mainnav a, .who a, .who button, .who span')].map(a => {
  const range = document.createRange(); range.selectNodeContents(a);
  return [a.textContent.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
})"""


@pytest.fixture
def long_rows(district, personas):
    """Rows that used to widen pages: an audit entry with a file's SHA-256, an import's page with
    its SHA-256, applications waiting at 清波 and at the district with a long union name."""
    from assistance.models import Application
    from audit.services import audit_record
    from registers.catalog import get_register
    from registers.imports import start_import

    district.qingbo_union.name = "清波街道复兴社区联合工会委员会杭州东德置业有限公司分会"
    district.qingbo_union.save()
    audit_record(action="import", user=personas["qingbo_admin"], object_type="职工", object_repr="导入#1：职工.xlsx",
                 detail={"文件": "职工2024年度全部基层工会汇总表（最终版）.xlsx", "SHA-256": "9" * 64, "行数": 64000})
    start_import(user=personas["qingbo_admin"], register=get_register("cases"), file_name="调解案件.csv",
                 data="案件编号\n2024劳调0001\n".encode())
    worker = district.qingbo_worker
    for number, status in (("JZ2024-0001", "已申请"), ("JZ2024-0002", "街道审核")):
        Application.objects.create(number=number, applicant=worker.name, id_number=worker.id_number, worker=worker,
                                   kind="职工急难救助", applied_on=dt.date(2024, 3, 1), requested_amount=5000,
                                   status=status, node=district.qingbo_union)


def test_the_main_pages_keep_to_the_window(live_server, personas, long_rows, browser_page):
    page, base = browser_page, live_server.url
    too_wide, wrapped = [], []
    for persona, pages in PAGES.items():
        page.context.clear_cookies()
        log_in(page, base, persona)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, args in pages:
                url = reverse(name, args=[ImportLog.objects.latest("pk").pk if a == "{import}" else a for a in args])
                answer = page.goto(base + url)
                assert answer is not None and answer.ok and "/accounts/login" not in page.url, (persona, url)
                page.wait_for_load_state("networkidle")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    too_wide.append((persona, width, url, scroll))
                    shot(page, f"too-wide-{persona}-{width}-{name.replace(':', '-')}")
                menu = page.evaluate(MENU_LINES)
                assert menu, (persona, url)  # the menu's items were found and measured
                wrapped += [(persona, width, url, text) for text, lines in menu if lines > 1]
    shot(page, "layout-last-page")
    assert not too_wide, too_wide
    assert not wrapped, wrapped


def test_the_approval_queues_numbers_open_the_application(live_server, personas, long_rows, browser_page):
    page, base = browser_page, live_server.url
    log_in(page, base, "qingbo_admin")
    page.goto(base + reverse("assistance:queue"))
    page.get_by_role("link", name="JZ2024-0001").click()
    page.wait_for_load_state("networkidle")
    assert "/registers/assistance/" in page.url and "JZ2024-0001" in page.inner_text("main")
