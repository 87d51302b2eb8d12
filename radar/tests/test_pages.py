"""The radar page, the records behind a signal and the employer page's panel, as each persona."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from audit.models import Action, AuditEntry

from . import builders as b

D = dt.date(2025, 6, 30)
PAGE = reverse("radar:radar")


@pytest.fixture
def risky(district):
    """清波's employer 红 (a major lead and a dispute), 湖滨's 橙 (a lead), both on D."""
    b.lead(district.qingbo_employer, D, people=12)
    b.case(district.qingbo_employer, D)
    b.lead(district.hubin_employer, D)
    return district


def test_the_district_sees_every_employer_with_a_score_highest_first(login, risky):
    page = login("district_admin").get(PAGE, {"date": "2025-06-30"}).content.decode()
    assert page.index(risky.qingbo_employer.name) < page.index(risky.hubin_employer.name)
    assert risky.qingbo_no_union.name not in page  # score 0: only with 等级 = 全部单位
    assert "红 1" in page and "橙 1" in page


def test_a_street_sees_its_own_employers_only(login, risky):
    page = login("qingbo_admin").get(PAGE, {"date": "2025-06-30", "level": "all"}).content.decode()
    assert risky.qingbo_employer.name in page and risky.qingbo_no_union.name in page
    assert risky.hubin_employer.name not in page
    hubin = login("hubin_admin").get(PAGE, {"date": "2025-06-30", "level": "all"}).content.decode()
    assert risky.qingbo_employer.name not in hubin and risky.hubin_employer.name in hubin


def test_a_street_outside_the_subtree_is_refused_in_chinese(login, risky):
    page = (
        login("hubin_admin")
        .get(PAGE, {"date": "2025-06-30", "street": risky.qingbo.pk})
        .content.decode()
    )
    assert f"所属街道“{risky.qingbo.pk}”不在可选范围内" in page
    assert risky.qingbo_employer.name not in page


def test_filters_by_street_level_and_signal(login, risky):
    client = login("district_admin")
    by_street = client.get(PAGE, {"date": "2025-06-30", "street": risky.hubin.pk}).content.decode()
    assert risky.hubin_employer.name in by_street and risky.qingbo_employer.name not in by_street
    red = client.get(PAGE, {"date": "2025-06-30", "level": "红"}).content.decode()
    assert risky.qingbo_employer.name in red and risky.hubin_employer.name not in red
    by_signal = client.get(PAGE, {"date": "2025-06-30", "signal": "劳动争议"}).content.decode()
    assert risky.qingbo_employer.name in by_signal and risky.hubin_employer.name not in by_signal


def test_change_since_a_date_shows_the_level_then(login, risky):
    page = (
        login("district_admin")
        .get(PAGE, {"date": "2025-06-30", "since": "2025-06-01"})
        .content.decode()
    )
    assert "2025-06-01" in page and "升级" in page


def test_each_count_links_to_its_records(login, risky):
    page = login("district_admin").get(PAGE, {"date": "2025-06-30"}).content.decode()
    url = (
        reverse("radar:signal-records", args=[risky.qingbo_employer.pk, "重大风险线索"])
        + "?date=2025-06-30"
    )
    assert url in page
    records = login("district_admin").get(url).content.decode()
    assert risky.qingbo_employer.name in records and "XS" in records and "欠薪" in records


def test_the_records_of_a_signal_are_the_ones_it_counted(login, district):
    kept = b.lead(district.qingbo_employer, D, people=3)
    untrue = b.lead(district.qingbo_employer, D, people=3, verdict="不属实")
    url = reverse("radar:signal-records", args=[district.qingbo_employer.pk, "风险线索"])
    page = login("qingbo_admin").get(url, {"date": "2025-06-30"}).content.decode()
    assert kept.number in page and untrue.number not in page
    assert reverse("registers:record-detail", args=["leads", kept.pk]) in page


def test_the_sibling_street_gets_404_for_a_signal_of_an_employer_not_its_own(login, risky):
    url = reverse("radar:signal-records", args=[risky.qingbo_employer.pk, "风险线索"])
    assert login("hubin_admin").get(url).status_code == 404
    assert (
        login("qingbo_admin")
        .get(reverse("radar:signal-records", args=[risky.qingbo_employer.pk, "无此信号"]))
        .status_code
        == 404
    )


def test_the_export_is_the_list_as_filtered(login, risky):
    response = login("qingbo_admin").get(PAGE, {"date": "2025-06-30", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[1][:5] == ["单位名称", "统一社会信用代码", "所属街道", "得分", "等级"]
    assert [r[0] for r in rows[2:]] == [risky.qingbo_employer.name]
    assert rows[2][3:5] == [45, "红"]
    entry = AuditEntry.objects.filter(action=Action.EXPORT).latest("id")
    assert (entry.username, entry.object_type, entry.detail) == ("qingbo_admin", "劳动关系风险雷达", {"单位数": 1})


def test_the_employer_page_shows_its_level_and_reasons(login, district, today):
    b.lead(district.qingbo_employer, today, people=15)
    page = (
        login("qingbo_admin")
        .get(reverse("orgs:employer-detail", args=[district.qingbo_employer.pk]))
        .content.decode()
    )
    assert 'id="radar-panel"' in page and "重大风险线索" in page
    assert (
        reverse("radar:signal-records", args=[district.qingbo_employer.pk, "重大风险线索"]) in page
    )
    viewer = login("qingbo_viewer").get(
        reverse("orgs:employer-detail", args=[district.qingbo_employer.pk])
    )
    assert "重大风险线索" in viewer.content.decode()


def test_the_panel_counts_what_the_viewer_may_open(login, district, today):
    """A dispute the district's committee handles is the district's record: the street's admin
    does not see it in the panel, the district's admin does."""
    b.case(district.qingbo_employer, today, people=30, by=district.root)
    url = reverse("orgs:employer-detail", args=[district.qingbo_employer.pk])
    assert "集体争议" not in login("qingbo_admin").get(url).content.decode()
    assert "集体争议" in login("district_admin").get(url).content.decode()


def test_the_area_front_page_links_the_radar(login, district):
    page = (
        login("qingbo_admin").get(reverse("indicators:area", args=["relations"])).content.decode()
    )
    assert PAGE in page


def test_the_page_asks_as_many_queries_for_many_employers_as_for_few(login, risky):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from orgs.models import Employer

    client = login("district_admin")
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE, {"date": "2025-06-30", "level": "all"})
    made = Employer.objects.bulk_create(
        [
            Employer(
                name=f"新单位{i}",
                credit_code=f"X{i:017d}",
                employer_type="企业",
                street=risky.qingbo,
                node=risky.qingbo,
            )
            for i in range(60)
        ]
    )
    for employer in made[:20]:
        b.lead(employer, D)
    with CaptureQueriesContext(connection) as many:
        page = client.get(PAGE, {"date": "2025-06-30", "level": "all"}).content.decode()
    assert "共 63 条" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_bad_date_is_named_and_the_other_filters_still_apply(login, risky):
    page = (
        login("district_admin")
        .get(PAGE, {"date": "2025-06-30", "since": "2025-02-30", "level": "红"})
        .content.decode()
    )
    assert "对比日：对比日应写作 YYYY-MM-DD" in page
    assert risky.qingbo_employer.name in page and risky.hubin_employer.name not in page
