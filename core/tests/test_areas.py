"""The two area front pages: the year's figures of the user's subtree, linked to their lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from proposals.models import Proposal


@pytest.fixture
def proposals(district):
    def proposal(number: str, employer, node, submitted: dt.date, **extra) -> Proposal:
        return Proposal.objects.create(number=number, title=number, proposer="张三", employer=employer,
                                       submitted_on=submitted, node=node, **extra)

    proposal("Q1", district.qingbo_employer, district.qingbo_union, dt.date(2024, 3, 1), status="已实施",
             adopted_on=dt.date(2024, 4, 1), benefit="12.50")
    proposal("Q2", district.qingbo_no_union, district.qingbo, dt.date(2024, 5, 1), status="未采纳")
    proposal("H1", district.hubin_employer, district.hubin_union, dt.date(2024, 6, 1), status="已采纳",
             adopted_on=dt.date(2024, 7, 1), benefit="3")
    proposal("Q0", district.qingbo_employer, district.qingbo_union, dt.date(2023, 6, 1))


def figure(page, label: str):
    return next(f.value for f in page.context["figures"] if f.label == label)


def test_the_figures_count_the_users_subtree_in_the_latest_year_held(login, proposals):
    page = login("qingbo_admin").get(reverse("core:area", args=["quality"]))
    assert page.context["year"] == 2024 and page.context["years"] == [2024, 2023]
    assert (figure(page, "提出合理化建议"), figure(page, "已采纳"), figure(page, "创造经济效益")) == (2, 1, "12.50")
    district = login("district_admin").get(reverse("core:area", args=["quality"]))
    assert (figure(district, "提出合理化建议"), figure(district, "创造经济效益")) == (3, "15.50")
    earlier = login("district_admin").get(reverse("core:area", args=["quality"]) + "?year=2023")
    assert figure(earlier, "提出合理化建议") == 1


def test_each_figure_links_to_the_list_it_counts(login, proposals):
    client = login("qingbo_admin")
    page = client.get(reverse("core:area", args=["quality"]))
    url = next(f.url for f in page.context["figures"] if f.label == "提出合理化建议")
    listed = client.get(url)
    assert listed.context["page"].paginator.count == 2


def test_the_relations_page_opens_on_an_empty_district(login, district):
    page = login("qingbo_admin").get(reverse("core:area", args=["relations"]))
    assert page.status_code == 200 and figure(page, "受理调解案件") == 0


def test_an_unknown_area_is_404(login, district):
    assert login("qingbo_admin").get(reverse("core:area", args=["nothing"])).status_code == 404


def test_the_home_page_counts_whats_due(login, district):
    from django.utils import timezone

    Proposal.objects.create(number="OLD", title="旧建议", proposer="张三", employer=district.qingbo_employer,
                            submitted_on=timezone.localdate() - dt.timedelta(days=30), node=district.qingbo_union)
    page = login("qingbo_admin").get(reverse("core:home"), follow=True)
    assert (page.context["due"]["total"], page.context["due"]["overdue"]) == (1, 1)
    assert login("hubin_admin").get(reverse("core:home"), follow=True).context["due"]["total"] == 0


def test_a_year_out_of_range_falls_back_to_the_latest_year_held(login, proposals):
    page = login("qingbo_admin").get(reverse("core:area", args=["quality"]) + "?year=10000")
    assert page.status_code == 200 and page.context["year"] == 2024
