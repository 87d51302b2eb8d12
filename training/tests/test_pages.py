"""The course page (roster with masked 身份证号, person-times, certificates) and the bulk 结业 form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from conftest import make_id_number
from training.models import Attendance, Certificate, Course

OUTSIDER = make_id_number(region="330106", born="19880303", seq="771")


@pytest.fixture
def course(district):
    course = Course.objects.create(
        name="数控车床操作培训", category="技术培训", organisers=district.qingbo_employer.name,
        host_employer=district.qingbo_employer, node=district.qingbo_union, start_date=dt.date(2024, 3, 1), person_times=40)
    worker = district.qingbo_worker
    Attendance.objects.create(course=course, name=worker.name, id_number=worker.id_number, worker=worker,
                              node=district.qingbo_union, completed=True)
    Attendance.objects.create(course=course, name="外区学员", id_number=OUTSIDER, node=district.qingbo_union)
    Attendance.objects.create(course=course, name="李晓梅", id_number=make_id_number(seq="224"), node=district.qingbo_union)
    Certificate.objects.create(number="ZS-1", name=worker.name, id_number=worker.id_number, title="车工证",
                               issued_on=dt.date(2024, 4, 1), course=course, worker=worker, node=district.qingbo_union)
    Certificate.objects.create(number="HB-1", name="陈湖滨", id_number=district.hubin_worker.id_number, title="车工证",
                               issued_on=dt.date(2024, 4, 1), course=course, node=district.hubin_union)
    return course


def test_the_course_page_shows_the_roster_masked_and_the_person_times(login, course, district):
    page = login("union_admin").get(reverse("training:course", args=[course.pk])).content.decode()
    assert "外区学员" in page and "张清波" in page
    assert OUTSIDER not in page and f"{OUTSIDER[:6]}********{OUTSIDER[-4:]}" in page
    assert '<div class="stat">3</div>' in page  # the attendance records, not the 40 typed
    assert "ZS-1" in page and "车工证" in page
    assert "HB-1" not in page  # a certificate of 湖滨's worker is not the union's to see
    assert page.count('type="checkbox" name="attendance"') == 2  # the two not yet 结业


def test_a_viewer_sees_no_completion_form(login, course):
    page = login("qingbo_viewer").get(reverse("training:course", args=[course.pk])).content.decode()
    assert 'name="attendance"' not in page and "标记为结业" not in page


def test_bulk_completion_marks_the_selected_rows_with_history_and_audit(login, course):
    client = login("qingbo_admin")
    outsider = Attendance.objects.get(id_number=OUTSIDER)
    other = Attendance.objects.get(name="李晓梅")
    response = client.post(reverse("training:complete", args=[course.pk]), {"attendance": [outsider.pk, "x"]})
    assert response.status_code == 302 and response.url == reverse("training:course", args=[course.pk])
    outsider.refresh_from_db()
    other.refresh_from_db()
    assert outsider.completed and not other.completed
    assert outsider.history.latest("history_date").history_change_reason == "批量结业"
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.username == "qingbo_admin" and entry.detail == {"是否结业": [False, True]}
    assert "已将 1 人标记为结业" in client.get(response.url).content.decode()


def test_completion_ignores_rows_of_other_courses_and_says_when_none_is_ticked(login, course, district):
    other_course = Course.objects.create(name="另一个", category="其他", organisers="清波街道总工会", host_org=district.qingbo,
                                         node=district.qingbo, start_date=dt.date(2024, 1, 1))
    stranger = Attendance.objects.create(course=other_course, name="路人", id_number=make_id_number(seq="901"), node=district.qingbo)
    client = login("qingbo_admin")
    client.post(reverse("training:complete", args=[course.pk]), {"attendance": [stranger.pk]})
    stranger.refresh_from_db()
    assert not stranger.completed
    response = client.post(reverse("training:complete", args=[course.pk]), {}, follow=True)
    assert "请先勾选要标记结业的学员" in response.content.decode()


def test_a_form_creates_attendance_for_a_course_named_by_name_and_start(login, course, district):
    from registers.catalog import get_register

    headers = get_register("attendance").headers
    cells = {"项目名称": "数控车床操作培训", "开始日期": "2024-03-01", "姓名": "王建国",
             "身份证号": make_id_number(seq="315"), "是否结业": "否"}
    client = login("union_admin")
    response = client.post(reverse("registers:record-create", args=["attendance"]),
                           {f"c{headers.index(h)}": v for h, v in cells.items()})
    assert response.status_code == 302, response.content.decode()
    created = Attendance.objects.get(name="王建国")
    assert (created.course, created.node, created.worker.name) == (course, district.qingbo_union, "王建国")
    page = client.get(response.url).content.decode()
    assert reverse("training:course", args=[course.pk]) in page


def test_the_course_page_reads_a_fixed_number_of_queries(login, course, district):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("qingbo_admin")
    url = reverse("training:course", args=[course.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(15):
        number = make_id_number(seq=f"{600 + i * 2}")
        Attendance.objects.create(course=course, name=f"学员{i}", id_number=number, node=district.qingbo_union)
        Certificate.objects.create(number=f"N{i}", name=f"学员{i}", id_number=number, title="证", issued_on=dt.date(2024, 5, 1),
                                   course=course, node=district.qingbo_union)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_a_ticked_row_that_is_no_number_is_left_out(login, course):
    client = login("qingbo_admin")
    response = client.post(reverse("training:complete", args=[course.pk]), {"attendance": ["²", "99999999999999999999"]}, follow=True)
    assert response.status_code == 200 and "请先勾选要标记结业的学员" in response.content.decode()
