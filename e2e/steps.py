"""Steps the browser journeys share: signing in, the public form's challenge, a workflow move."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from conftest import PASSWORD


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click(".login button")
    page.wait_for_load_state("networkidle")


def answer_challenge(page) -> None:
    """Read the arithmetic question the way a person does, and add."""
    question = page.inner_text("label[for=id_answer]")
    a, b = map(int, re.search(r"(\d+) 加 (\d+) 等于几？", question).groups())
    page.fill("#id_answer", str(a + b))


def move_to(page, state: str, **needs: str) -> None:
    """On the record page: 变更为“state”, fill what the state needs, confirm."""
    page.get_by_role("link", name=f"变更为“{state}”").click()
    expect(page.locator("h1")).to_contain_text(f"→ {state}")
    for name, value in needs.items():
        page.fill(f"[name={name}]", value)
    page.get_by_role("button", name=f"确认变更为“{state}”").click()
    expect(page.locator("ul.messages")).to_contain_text(f"已变更为“{state}”")
    expect(page.locator("h1 .tag")).to_have_text(state)
