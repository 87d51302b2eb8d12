"""The list filters (which exports follow) and what a case's page says and links to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from mediation.models import CaseStatus, DisputeType
from registers.catalog import get_register
from registers.pages import record_url
from registers.services import export_queryset

from .conftest import make_case


@pytest.fixture
def cases(district, mediation):
    today = timezone.localdate()
    return {
        "late": make_case(mediation.qingbo, district.qingbo_employer, number="2024劳调00001",
                          applied_on=today - dt.timedelta(days=20)),
        "fresh": make_case(mediation.qingbo_group, district.qingbo_employer, number="2024劳调00002", applicant="李晓梅",
                           applied_on=today - dt.timedelta(days=3), dispute_type=DisputeType.INJURY),
        "old": make_case(mediation.qingbo, district.qingbo_no_union, number="2023劳调00003", applied_on=dt.date(2023, 5, 1),
                         status=CaseStatus.WITHDRAWN, closed_on=dt.date(2023, 5, 2)),
        "hubin": make_case(mediation.hubin, district.hubin_employer, number="2024劳调00004",
                           applied_on=today - dt.timedelta(days=30)),
    }


def filtered(user, slug: str, query: str) -> list[str]:
    key = "number" if slug == "cases" else "name"
    queryset = export_queryset(user=user, register=get_register(slug), params=QueryDict(query))
    return sorted(queryset.values_list(key, flat=True))


def test_case_filters(district, personas, cases):
    admin = personas["district_admin"]
    assert filtered(admin, "cases", "overdue=1") == ["2024劳调00001", "2024劳调00004"]
    assert filtered(admin, "cases", "overdue=0") == ["2023劳调00003", "2024劳调00002"]
    assert filtered(admin, "cases", "year=2023") == ["2023劳调00003"]
    assert filtered(admin, "cases", "status=已撤回") == ["2023劳调00003"]
    assert filtered(admin, "cases", "dispute_type=工伤待遇") == ["2024劳调00002"]
    assert filtered(admin, "cases", f"street={district.qingbo.pk}") == ["2023劳调00003", "2024劳调00001", "2024劳调00002"]
    assert filtered(admin, "cases", f"union={district.qingbo_union.pk}") == ["2024劳调00002"]
    assert filtered(admin, "cases", "q=李晓") == ["2024劳调00002"]
    assert filtered(admin, "cases", "q=2023劳调") == ["2023劳调00003"]
    assert filtered(admin, "cases", "q=未建会") == ["2023劳调00003"]


def test_a_street_cannot_filter_its_way_into_a_sibling(district, personas, cases):
    # 湖滨 is not one of 清波's choices: the filter is ignored, the scope stays
    assert filtered(personas["qingbo_admin"], "cases", f"street={district.hubin.pk}") == [
        "2023劳调00003", "2024劳调00001", "2024劳调00002"]


def test_mediation_org_filters(district, personas, mediation):
    admin = personas["district_admin"]
    assert filtered(admin, "mediation_orgs", "level=企业调解小组") == ["清波示范科技有限公司劳动争议调解小组"]
    assert filtered(admin, "mediation_orgs", f"street={district.hubin.pk}") == ["湖滨街道劳动争议调解委员会"]
    assert filtered(admin, "mediation_orgs", f"union={district.qingbo_union.pk}") == ["清波示范科技有限公司劳动争议调解小组"]
    assert filtered(admin, "mediation_orgs", "q=示范科技") == ["清波示范科技有限公司劳动争议调解小组"]
    type(mediation.hubin).objects.filter(pk=mediation.hubin.pk).update(closed_on=dt.date(2024, 1, 1))
    assert filtered(admin, "mediation_orgs", "state=closed") == ["湖滨街道劳动争议调解委员会"]


def test_an_overdue_cases_page_says_the_applicant_may_go_to_arbitration(login, cases):
    page = login("qingbo_admin").get(record_url("cases", cases["late"].pk)).content.decode()
    assert "已超期" in page and "申请人可以依法向劳动人事争议仲裁委员会申请仲裁" in page
    page = login("qingbo_admin").get(record_url("cases", cases["fresh"].pk)).content.decode()
    assert "申请仲裁" not in page


def test_a_succeeded_cases_page_links_its_agreement_and_shows_its_terms(login, succeeded_case):
    page = login("qingbo_admin").get(record_url("cases", succeeded_case.pk)).content.decode()
    assert reverse("mediation:agreement", kwargs={"pk": succeeded_case.pk, "fmt": "pdf"}) in page
    assert "协议内容" in page and "一次性支付申请人工资10,005.50元" in page


def test_the_list_pages_answer(login, cases, mediation):
    client = login("qingbo_admin")
    for slug in ("cases", "mediation_orgs"):
        response = client.get(reverse("registers:record-list", args=[slug]), {"overdue": "1"} if slug == "cases" else {})
        assert response.status_code == 200
    assert "2024劳调00001" in client.get(reverse("registers:record-list", args=["cases"]), {"overdue": "1"}).content.decode()


def test_a_case_made_and_moved_on_the_pages_gets_its_node_link_and_history(login, district, mediation):
    from mediation.models import Case
    from workflows.models import Via
    from workflows.services import transitions_of

    client = login("qingbo_admin")
    cells = ["2024劳调00100", "张清波", district.qingbo_worker.id_number, "清波示范科技有限公司", "劳动报酬", "1", "6000",
             "2024-03-01", "", "清波示范科技有限公司劳动争议调解小组", "已申请", "", ""]
    response = client.post(reverse("registers:record-create", args=["cases"]), {f"c{i}": v for i, v in enumerate(cells)})
    case = Case.objects.get(number="2024劳调00100")
    assert response.status_code == 302 and response["Location"] == record_url("cases", case.pk)
    assert (case.node, case.worker, case.respondent_employer) == (district.qingbo_union, district.qingbo_worker, district.qingbo_employer)
    move_url = reverse("registers:record-move", args=["cases", case.pk]) + "?to=已受理"
    response = client.post(move_url, {"reason": "材料齐全", "accepted_on": "2024-02-28"})
    assert response.status_code == 200 and "受理日期不能早于申请日期" in response.content.decode()
    response = client.post(move_url, {"reason": "材料齐全", "accepted_on": "2024-03-02"})
    assert response.status_code == 302
    assert [(t.from_state, t.to_state, t.via, t.reason) for t in transitions_of(case)] == [
        ("", "已申请", Via.PAGE, ""), ("已申请", "已受理", Via.PAGE, "材料齐全")]
