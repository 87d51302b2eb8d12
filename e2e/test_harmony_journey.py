"""创建劳动关系和谐企业 in the browser: the district enters the year's scoring table, the street marks
the manual item with its evidence and makes its review, the district reviews and names the
employer; the record shows each frozen score, the honour is written and the table is frozen."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import shot
from e2e.steps import log_in, move_to

pytestmark = pytest.mark.browser


def test_the_district_names_a_harmonious_employer_the_street_reviewed(live_server, personas, district, browser_page, tmp_path):
    from harmony.models import Assessment
    from honours.models import Honour

    page, base = browser_page, live_server.url
    today = timezone.localdate()
    year = today.year - 1
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    # 1. the district's admin enters the year's table: a pass mark, a computed item and a manual one
    log_in(page, base, "district_admin")
    page.goto(f"{base}/harmony/tables/{year}/")
    page.fill("input[name=pass_mark]", "60")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("ul.messages")).to_contain_text("已保存合格分")
    for name, source in (("依法建立工会", "已建工会"), ("职工满意度测评", "人工评分")):
        page.fill("input[name=name]", name)
        page.select_option("select[name=source]", source)
        page.fill("input[name=points]", "50")
        page.get_by_role("button", name="增加").click()
        expect(page.locator("ul.messages")).to_contain_text(f"已增加评分项目“{name}”")
    expect(page.locator("table.list tbody tr")).to_have_count(2)
    shot(page, "harmony-scoring-table")

    # 2. 清波's employer has declared; the street marks the manual item with its evidence and reviews
    record = Assessment.objects.create(employer=district.qingbo_employer, year=year, level="区级", self_score=95,
                                       node=district.qingbo_union)
    evidence = tmp_path / "满意度测评表.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% survey\n")
    street = page.context.browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900}).new_page()
    street.set_default_timeout(15_000)
    log_in(street, base, "qingbo_admin")
    street.goto(f"{base}/harmony/{record.pk}/")
    street.fill("input[name=points]", "45")
    street.set_input_files("input[name=evidence]", str(evidence))
    street.get_by_role("button", name="保存").click()
    expect(street.locator("ul.messages")).to_contain_text("已为“职工满意度测评”给分")
    expect(street.get_by_role("link", name="满意度测评表.pdf")).to_be_visible()
    expect(street.locator("main")).to_contain_text("按今日台账试算：95.0 分（合格分 60.0）")
    street.goto(f"{base}/registers/assessments/{record.pk}/")
    move_to(street, "街道初审")
    expect(street.locator("main")).to_contain_text("得分 95.0，合格分 60.0，达到合格分")
    shot(street, "harmony-street-reviewed")

    # 3. the district reviews and names it; the honour is written and linked
    page.goto(f"{base}/registers/assessments/{record.pk}/")
    move_to(page, "区总评审")
    move_to(page, "已命名", named_on=today.isoformat(), named_doc=f"上总〔{today.year}〕9号")
    shot(page, "harmony-named")
    page.get_by_role("link", name="命名表彰记录").click()
    expect(page.locator("main")).to_contain_text("劳动关系和谐企业")
    honour = Honour.objects.get()
    assert (honour.honour_type, honour.level, honour.year, honour.employer_id) == (
        "劳动关系和谐企业", "区级", today.year, district.qingbo_employer.pk)

    # 4. the table, once used, is frozen
    page.goto(f"{base}/harmony/tables/{year}/")
    expect(page.locator("main")).to_contain_text("已冻结")
    assert not page.get_by_role("button", name="增加").count()
    assert not csp_errors, csp_errors
