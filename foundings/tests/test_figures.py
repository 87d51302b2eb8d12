"""The founding figures (SPEC §7 unions.founded, unions.founding_units): what they count, their
drill-downs, the JSON report, the dashboard and the narrative."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from foundings.tests.test_foundings import establish, founding, shop
from indicators.catalog import BY_KEY, figure, figures_by_year
from indicators.documents.annual import build, to_docx
from indicators.report import annual
from indicators.scope import Scope
from indicators.tests.test_documents import narrative
from orgs.models import Org, OrgType

Y = 2024


@pytest.fixture
def founded(district, personas):
    """清波: a 单独建会 and a 联合建会 of two employers approved in Y, one approved the year before,
    one 筹建中 and one 已中止; 湖滨: one approved in Y. A union entered in the orgs register is
    no founding."""
    admin = personas["district_admin"]
    a, b, c, d = (shop(district.qingbo, n) for n in range(11, 15))
    establish(founding(district, "ZJ-1"), admin)
    establish(founding(district, "ZJ-2", units=[a, b], form="联合建会", name="清波联合工会"), admin)
    establish(
        founding(district, "ZJ-3", units=[c], name="清波早年工会", started_on=dt.date(2023, 1, 5)),
        admin,
        congress_on=dt.date(2023, 5, 1),
        approved_on=dt.date(2023, 6, 1),
    )
    founding(district, "ZJ-4", units=[d], name="清波筹建工会")
    founding(district, "ZJ-5", units=[d], name="清波中止工会", status="已中止")
    hubin = shop(district.hubin, 16)
    establish(
        founding(district, "ZJ-6", units=[hubin], name="湖滨新工会", street=district.hubin), admin
    )
    Org.objects.add_child(
        district.qingbo,
        instance=Org(name="清波登记工会", org_type=OrgType.GRASSROOTS, founded_on=dt.date(Y, 3, 1)),
    )
    return district


def test_the_figures_count_established_foundings_approved_in_the_year(founded):
    whole = Scope(Y)
    assert figure(BY_KEY["unions.founded"], whole) == 3
    assert figure(BY_KEY["unions.founding_units"], whole) == 4
    assert figure(BY_KEY["unions.founded"], Scope(Y - 1)) == 1
    qingbo = Scope(Y, founded.qingbo.path)
    assert (
        figure(BY_KEY["unions.founded"], qingbo) == 2
        and figure(BY_KEY["unions.founding_units"], qingbo) == 3
    )
    assert figures_by_year(BY_KEY["unions.founded"], whole, [Y - 1, Y]) == {Y - 1: 1, Y: 3}


def test_a_sibling_street_counts_only_its_own(founded, personas):
    hubin = Scope(Y, founded.hubin.path, personas["hubin_admin"])
    assert (
        figure(BY_KEY["unions.founded"], hubin) == 1
        and figure(BY_KEY["unions.founding_units"], hubin) == 1
    )
    union = Scope(Y, founded.qingbo_union.path, personas["union_admin"])
    assert figure(BY_KEY["unions.founded"], union) == 0


def test_the_drill_downs_list_the_records_counted(founded, login):
    client = login("qingbo_admin")
    page = client.get(reverse("indicators:detail", args=["unions.founded"]), {"year": Y})
    assert page.context["value"] == page.context["page"].paginator.count == 2
    text = page.content.decode()
    assert "清波未建会商店工会" in text and "清波联合工会" in text and "清波早年工会" not in text
    page = client.get(reverse("indicators:detail", args=["unions.founding_units"]), {"year": Y})
    assert page.context["value"] == page.context["page"].paginator.count == 3
    assert (
        "清波街道小店11" in page.content.decode() and "清波街道小店13" not in page.content.decode()
    )


def test_the_json_report_the_dashboard_and_the_narrative_carry_them(founded, login):
    figures = annual(Y)["indicators"]
    assert figures["unions.founded"] == 3 and figures["unions.founding_units"] == 4
    assert annual(Y, founded.qingbo)["indicators"]["unions.founded"] == 2
    page = login("qingbo_admin").get(reverse("indicators:dashboard"), {"year": Y}).content.decode()
    assert "新建工会" in page and "新建会单位" in page
    text = narrative(to_docx(build(Y)))
    assert "二、基层工会建设" in text  # numbered after the sections that have sentences
    assert f"{Y}年，全区推进工会组建工作，新建工会3个，4家单位新建立了工会组织。" in text
    assert "基层工会建设" not in narrative(to_docx(build(2019)))
