"""The home page's charts of counts step by whole numbers, even when the counts are small."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from e2e.conftest import shot
from e2e.test_reveal_journey import log_in

pytestmark = pytest.mark.browser

#: for each chart on the page: its description, its series and its value axis' ticks
TICKS = """[...document.querySelectorAll('[data-trend], [data-breakdown]')].map(el => {
  const chart = echarts.getInstanceByDom(el);
  const axis = chart.getModel().getComponent(el.dataset.breakdown !== undefined ? 'xAxis' : 'yAxis').axis;
  const series = chart.getOption().series.map(s => s.name);
  return [el.getAttribute('aria-label'), series, axis.scale.getTicks().map(t => t.value)];
})"""


def test_count_charts_tick_in_whole_numbers(live_server, personas, district, browser_page):
    from proposals.models import Proposal

    for number, year in (("Q1", 2023), ("Q2", 2024)):
        Proposal.objects.create(number=number, title=number, proposer="张三", employer=district.qingbo_employer,
                                submitted_on=dt.date(year, 3, 1), node=district.qingbo_union)
    page, base = browser_page, live_server.url
    log_in(page, base, "qingbo_admin")
    page.goto(base + reverse("core:home") + "?year=2024")
    page.wait_for_function("document.querySelector('[data-trend] svg')")
    shot(page, "dashboard-small-counts")
    charts = page.evaluate(TICKS)
    proposals = next(ticks for _, series, ticks in charts if "提出合理化建议" in series)
    assert proposals[-1] >= 1
    assert all(float(t).is_integer() for label, _, ticks in charts for t in ticks), charts
