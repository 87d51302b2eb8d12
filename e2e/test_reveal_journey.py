"""A street admin finds a worker, sees masked data, reveals it with a reason; the auditor sees it."""

from __future__ import annotations

import pytest

from conftest import PASSWORD
from e2e.conftest import shot

pytestmark = pytest.mark.browser


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click(".login button")
    page.wait_for_load_state("networkidle")


def test_street_admin_reveals_a_worker_and_the_auditor_sees_it(live_server, personas, district, browser_page):
    page, base = browser_page, live_server.url
    worker = district.qingbo_worker
    masked = f"{worker.id_number[:6]}********{worker.id_number[-4:]}"
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    log_in(page, base, "qingbo_admin")
    page.goto(f"{base}/workers/")
    page.fill("input[name=q]", "张清波")
    page.click("form.filters button.btn")
    row = page.locator("table.list tbody tr", has_text="张清波")
    assert row.count() == 1
    assert masked in row.inner_text() and worker.id_number not in page.content()
    shot(page, "workers-search-masked")

    row.get_by_role("link", name="张清波").click()
    assert "138****5678" in page.inner_text("#personal")
    page.fill("#personal input[name=reason]", "核实困难职工帮扶身份")
    page.click("#personal button")
    page.wait_for_selector(f"#personal >> text={worker.id_number}")
    assert "13812345678" in page.inner_text("#personal")
    shot(page, "worker-revealed")

    page.click("header form button")  # 退出
    log_in(page, base, "qingbo_auditor")
    page.goto(f"{base}/audit/?action=reveal")
    entry = page.locator("table.list tbody tr", has_text="查看个人信息")
    assert entry.count() == 1
    text = entry.inner_text()
    assert "qingbo_admin" in text and "张清波" in text and "核实困难职工帮扶身份" in text
    shot(page, "audit-reveal-entry")
    assert not csp_errors, csp_errors
