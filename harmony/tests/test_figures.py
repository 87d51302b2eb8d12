"""harmony.named and harmony.named_total: honours 劳动关系和谐企业 whether the workflow named them or
an import brought them, revocations, the subtree, the drill-down, the JSON and the report's sentence."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from harmony.choices import Status
from honours.models import Honour
from indicators.catalog import BY_KEY, figure
from indicators.documents.annual import build, to_docx
from indicators.scope import Scope
from workflows.services import move

from .factories import assessment, reach, scoring_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(district, personas):
    """2023: two imported (区级 in 清波, 市级 in 湖滨) and another type; 2025: one named by the workflow
    (区级, 清波) and revoked in 2026, and one imported and revoked in 2025."""

    def honour(name, employer, level, year, revoked=None, honour_type="劳动关系和谐企业"):
        record = Honour(
            honour_type=honour_type, name=name, level=level, year=year, revoked_year=revoked
        )
        record.set_unit(employer)
        record.save()
        return record

    honour("清波示范科技", district.qingbo_employer, "区级", 2023)
    honour("湖滨示范酒店", district.hubin_employer, "市级", 2023)
    honour("清波示范科技", district.qingbo_employer, "区级", 2023, honour_type="模范职工之家")
    honour("清波未建会商店", district.qingbo_no_union, "区级", 2025, revoked=2025)
    scoring_table(district, year=2024)
    record = reach(
        assessment(district, year=2024), Status.NAMED, personas["district_admin"]
    )  # named 2025-01-20
    move(
        record,
        Status.REVOKED,
        user=personas["district_admin"],
        changes={"revoked_on": dt.date(2026, 3, 1), "revoke_reason": "发生集体劳动争议"},
    )
    return record


def _figures(year: int, path: str = "") -> tuple[int, int]:
    scope = Scope(year, path)
    return figure(BY_KEY["harmony.named"], scope), figure(BY_KEY["harmony.named_total"], scope)


def test_named_counts_the_years_names_and_named_total_those_in_force_at_its_end(district, named):
    assert _figures(2022) == (0, 0)
    assert _figures(2023) == (2, 2)
    assert _figures(2024) == (0, 2)
    assert _figures(2025) == (
        2,
        3,
    )  # the workflow's name and the imported one revoked within its year
    assert _figures(2026) == (0, 2)  # the workflow's name revoked in 2026


def test_a_street_counts_its_own_subtree_only(district, named):
    assert _figures(2025, district.qingbo.path) == (2, 2)
    assert _figures(2025, district.hubin.path) == (0, 1)


def test_the_drill_down_is_the_same_records_and_a_sibling_street_sees_none(district, named, login):
    url = reverse("indicators:detail", args=["harmony.named_total"]) + "?year=2025"
    page = login("qingbo_admin").get(url)
    assert page.context["value"] == page.context["page"].paginator.count == 2
    assert "清波示范科技" in page.text
    other = login("hubin_admin").get(url)
    assert other.context["value"] == 1 and "清波示范科技" not in other.text


def test_the_json_and_the_relations_area_carry_both_figures(district, named, login, capsys):
    call_command("report", "annual", "--year", "2025", "--format", "json")
    figures = json.loads(capsys.readouterr().out)["indicators"]
    assert (figures["harmony.named"], figures["harmony.named_total"]) == (2, 3)
    area = login("district_admin").get(
        reverse("indicators:area", args=["relations"]) + "?year=2025"
    )
    assert "命名劳动关系和谐企业" in area.text and "和谐企业评分表" in area.text
    dashboard = login("district_admin").get(reverse("indicators:dashboard") + "?year=2025")
    assert "劳动关系和谐企业（累计）" in dashboard.text


def _narrative(year: int) -> str:
    document = docx.Document(io.BytesIO(to_docx(build(year))))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_report_says_the_years_names_and_leaves_out_a_clause_of_0(district, named):
    assert (
        "全区深入开展创建劳动关系和谐企业活动，2025年新命名劳动关系和谐企业2家，到2025年底共有劳动关系和谐企业3家。"
        in _narrative(2025)
    )
    assert (
        "全区深入开展创建劳动关系和谐企业活动，到2024年底共有劳动关系和谐企业2家。"
        in _narrative(2024)
    )
    assert "和谐企业" not in _narrative(2022)
