"""The home page and the two area front pages show indicators of the catalogue: each figure is
figure() over the user's scope and links to that indicator's drill-down, so a figure reads the same
on every page and its drill-down lists what it counted."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from contracts.tests.conftest import make_contract
from indicators.areas import AREAS, drill_url
from indicators.catalog import BY_KEY, INDICATORS, SUMMARY, figure
from indicators.scope import Scope
from proposals.models import Proposal

Y = 2024


@pytest.fixture
def records(district):
    """A year of work in both streets: proposals decided either way, an assistance paid in Y that was
    applied for in Y−1, cases and inspections, a contract covering 清波's employers."""
    from assistance.models import Application
    from mediation.models import Case, MediationLevel, MediationOrg
    from supervision.models import Inspection

    def proposal(number: str, employer, node, submitted: dt.date, **extra) -> Proposal:
        return Proposal.objects.create(number=number, title=number, proposer="张三", employer=employer,
                                       submitted_on=submitted, node=node, **extra)

    proposal("Q1", district.qingbo_employer, district.qingbo_union, dt.date(Y, 3, 1), status="已实施",
             adopted_on=dt.date(Y, 4, 1), benefit="12.50")
    proposal("Q2", district.qingbo_no_union, district.qingbo, dt.date(Y, 5, 1), status="未采纳")
    proposal("Q3", district.qingbo_no_union, district.qingbo, dt.date(Y, 5, 2))
    proposal("H1", district.hubin_employer, district.hubin_union, dt.date(Y, 6, 1), status="已采纳",
             adopted_on=dt.date(Y, 7, 1), benefit="3")
    proposal("Q0", district.qingbo_employer, district.qingbo_union, dt.date(Y - 1, 6, 1))
    worker = district.qingbo_worker
    for number, applied, status, paid in (("JZ1", dt.date(Y - 1, 12, 1), "已发放", dt.date(Y, 1, 10)),
                                          ("JZ2", dt.date(Y, 3, 1), "已发放", dt.date(Y, 3, 20)),
                                          ("JZ3", dt.date(Y, 4, 1), "已申请", None)):
        Application.objects.create(number=number, applicant=worker.name, id_number=worker.id_number, worker=worker,
                                   kind="医疗救助", applied_on=applied, status=status, paid_on=paid,
                                   approved_amount=Decimal("3000") if paid else None, node=district.qingbo_union)
    committee = MediationOrg.objects.create(name="清波街道劳动争议调解委员会", level=MediationLevel.STREET,
                                            org=district.qingbo, node=district.qingbo, founded_on=dt.date(2015, 1, 1))
    for number, status in (("C1", "调解成功"), ("C2", "已申请")):
        Case.objects.create(number=number, applicant="张清波", respondent_employer=district.qingbo_employer,
                            dispute_type="劳动报酬", applied_on=dt.date(Y, 2, 5), mediation_org=committee,
                            status=status, node=district.qingbo)
    Inspection.objects.create(number="JC1", inspected_on=dt.date(Y, 6, 1), employer=district.qingbo_employer,
                              supervisor_org=district.qingbo, matters="劳动合同", findings="两人未签劳动合同",
                              deadline=dt.date(Y, 8, 1), result="整改中", node=district.qingbo_union)
    make_contract("JT-1", [district.qingbo_employer, district.qingbo_no_union], signed_on=dt.date(Y, 3, 1), covered=40)
    make_contract("JT-H", [district.hubin_employer], signed_on=dt.date(Y - 1, 3, 1), covered=20)


def shown(page, css_class: str) -> dict[str, tuple[str, str]]:
    """{indicator key: (the value a reader sees, the figure's link)} of a page's figure cards."""
    found = re.findall(rf'<a class="card {css_class}" href="([^"]+)"[^>]*data-key="([^"]+)">(.*?)</a>',
                       page.content.decode(), re.S)
    value = "stat" if css_class == "figure" else "value"
    out = {}
    for href, key, body in found:
        number = re.search(rf'<(?:div|span) class="{value}">([^<]*)', body).group(1).strip()
        out[key] = (number, html.unescape(href))
    return out


def summary(page) -> dict[str, tuple[str, str]]:
    """The home page's line on the subtree (组织概况): {key: (value, link)}."""
    found = re.findall(r'<a class="summary-figure" href="([^"]+)"[^>]*data-key="([^"]+)">([^<]*)</a>', page.content.decode())
    return {key: (value.strip(), html.unescape(href)) for href, key, value in found}


def as_shown(value) -> str:
    return "—" if value is None else str(value)


AREA_FIGURES = [(area.slug, key) for area in AREAS for key in area.figures]


@pytest.mark.parametrize(("slug", "key"), AREA_FIGURES)
@pytest.mark.parametrize("persona", ["qingbo_admin", "district_admin"])
def test_an_area_figure_is_the_catalogues_and_links_to_its_drill_down(login, personas, records, slug, key, persona):
    client = login(persona)
    page = client.get(reverse("indicators:area", args=[slug]) + f"?year={Y}")
    user = personas[persona]
    expected = figure(BY_KEY[key], Scope(Y, user.org.path, user))
    assert shown(page, "figure")[key] == (as_shown(expected), drill_url(key, Y))
    drill = client.get(drill_url(key, Y))
    assert drill.context["value"] == (float(expected) if isinstance(expected, Decimal) and expected % 1 else expected)
    if BY_KEY[key].is_count:  # the drill-down lists exactly the records counted
        assert drill.context["page"].paginator.count == expected


@pytest.mark.parametrize("persona", ["qingbo_admin", "district_admin", "qingbo_viewer"])
def test_every_home_figure_is_the_catalogues_and_links_to_its_drill_down(login, personas, records, persona):
    page = login(persona).get(reverse("core:home") + f"?year={Y}")
    user = personas[persona]
    scope = Scope(Y, user.org.path, user)
    assert shown(page, "tile") == {
        i.key: (as_shown(figure(i, scope)), drill_url(i.key, Y)) for i in INDICATORS}
    assert summary(page) == {key: (as_shown(figure(BY_KEY[key], scope)), drill_url(key, Y)) for key in SUMMARY}
    client = login(persona)
    for key in SUMMARY:  # each lists exactly the records it counted
        assert client.get(drill_url(key, Y)).context["page"].paginator.count == figure(BY_KEY[key], scope), key


def test_the_areas_adopted_figure_lists_the_adopted_proposals_only(login, records):
    client = login("qingbo_admin")
    page = client.get(reverse("indicators:area", args=["quality"]) + f"?year={Y}")
    value, link = shown(page, "figure")["proposals.adopted"]
    listed = client.get(link)
    assert value == "1" and [row.number for row, _ in listed.context["rows"]] == ["Q1"]


def test_assistance_paid_counts_the_day_it_was_paid_on_the_area_page_and_in_the_report(login, records, district):
    from indicators.documents.annual import build

    page = login("qingbo_admin").get(reverse("indicators:area", args=["relations"]) + f"?year={Y}")
    report = build(Y, district.qingbo)
    # JZ1 was applied for in Y−1 and paid in Y: both count it, in 万元
    assert shown(page, "figure")["assistance.paid_wan"][0] == "0.60" and report.figures["assistance.paid_wan"] == 0.6


def test_the_area_page_opens_on_the_latest_year_held_and_follows_the_old_address(login, records):
    client = login("qingbo_admin")
    page = client.get(reverse("core:area", args=["quality"]), follow=True)
    assert page.context["year"] == Y and page.context["years"] == [Y, Y - 1]
    assert client.get(reverse("indicators:area", args=["quality"]) + "?year=10000").context["year"] == Y


def test_the_relations_page_opens_on_an_empty_district(login, district):
    page = login("qingbo_admin").get(reverse("indicators:area", args=["relations"]))
    assert page.status_code == 200 and shown(page, "figure")["mediation.cases"][0] == "0"


def test_an_unknown_area_is_404(login, district):
    assert login("qingbo_admin").get(reverse("indicators:area", args=["nothing"])).status_code == 404


def test_the_home_page_counts_whats_due(login, district):
    from django.utils import timezone

    Proposal.objects.create(number="OLD", title="旧建议", proposer="张三", employer=district.qingbo_employer,
                            submitted_on=timezone.localdate() - dt.timedelta(days=30), node=district.qingbo_union)
    page = login("qingbo_admin").get(reverse("core:home"), follow=True)
    assert (page.context["due"]["total"], page.context["due"]["overdue"]) == (1, 1)
    assert login("hubin_admin").get(reverse("core:home"), follow=True).context["due"]["total"] == 0


def test_a_filed_year_shows_no_changes_for_a_figure_that_is_not_filed(login, personas, records, district):
    from indicators.filing import file_report
    from mediation.models import Case
    from reporting.tests.flow import union_accepted

    union_accepted(personas, district, Y)
    # 逻辑检查 case.settled_without_date: the settled case gets its 结案日期 before the street files
    Case.objects.filter(number="C1").update(closed_on=dt.date(Y, 2, 18))
    file_report(user=personas["qingbo_admin"], org=district.qingbo, year=Y,
                explanations={"contract.covers_more": "合同覆盖了派遣职工"})
    client = login("qingbo_admin")
    assert client.get(drill_url("proposals.submitted", Y)).context["changes"] is not None
    page = client.get(drill_url("assistance.applications", Y))
    assert page.context["changes"] is None and page.context["page"].paginator.count == 2
