"""The meeting register through the import engine, its figures and its year page (SPEC §2, §5)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from core.declarations import CellError
from meetings import selectors
from meetings.importing import parse_session
from meetings.models import Meeting, MeetingType
from registers.catalog import get_register
from registers.imports import import_file
from registers.services import register_export
from registers.tests.files import xlsx

HEADERS = ["会议类型", "届次", "召开日期", "召集组织", "议题", "形成文件"]


def run(user, rows: list[list]):
    return import_file(user=user, register=get_register("meetings"), file_name="会议.xlsx", data=xlsx(rows))


def export_rows(user, **params) -> list[list]:
    from django.http import QueryDict

    buffer = io.BytesIO()
    query = QueryDict(mutable=True)
    query.update(params)
    register_export(user=user, register=get_register("meetings"), target=buffer, params=query)
    return CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue())).get_sheet_by_index(0).to_python()


def meeting(convener, meeting_type: str = MeetingType.STREET_TRIPARTITE, session: int = 1,
            held_on: dt.date = dt.date(2024, 3, 5), **extra) -> Meeting:
    m = Meeting(meeting_type=meeting_type, session=session, held_on=held_on, convener=convener,
                node=convener if not hasattr(convener, "credit_code") else convener.node,
                topics=extra.pop("topics", "排查劳动关系隐患"), **extra)
    m.full_clean()
    m.save()
    return m


def test_the_register_has_the_spec_headers():
    register = get_register("meetings")
    assert register.headers == HEADERS
    assert [c.name for c in register.columns if c.required] == ["会议类型", "届次", "召开日期", "召集组织", "议题"]


@pytest.mark.parametrize(("text", "number"), [("3", 3), ("第3次", 3), ("第 12 次", 12), ("第三次", 3),
                                               ("第十次", 10), ("第二十一届", 21), ("7次", 7)])
def test_a_session_is_read_as_people_write_it(text, number):
    assert parse_session(text) == number


@pytest.mark.parametrize("text", ["0", "第0次", "三点五", "-1", "第3.5次", "abc"])
def test_a_session_that_is_no_positive_number_is_refused(text):
    with pytest.raises(CellError, match="届次应为正整数"):
        parse_session(text)


def test_a_good_file_creates_meetings_owned_by_their_conveners_node(district, personas):
    log, problems = run(personas["qingbo_admin"], [
        HEADERS,
        ["街道三方协调会议", "第3次", "2024-05-14", "清波街道总工会", "排查欠薪隐患；推进小微企业集体协商", "会议纪要"],
        ["区域性职代会", 1, "2024/6/1", district.qingbo_employer.credit_code, "审议工资专项集体协议草案", ""],
        ["区域性职代会", "2", "2024年9月1日", "清波未建会商店", "审议集体合同履行情况;选举代表团团长 ", "《决议》；会议纪要"],
    ])
    assert problems == [] and (log.created, log.updated) == (3, 0)
    street = Meeting.objects.get(meeting_type="街道三方协调会议")
    assert (street.session, street.convener, street.node, street.held_on) == (3, district.qingbo, district.qingbo, dt.date(2024, 5, 14))
    assert street.topic_list == ["排查欠薪隐患", "推进小微企业集体协商"]
    by_employer = Meeting.objects.get(meeting_type="区域性职代会", session=1)
    assert (by_employer.convener, by_employer.convener_org, by_employer.node) == (
        district.qingbo_employer, None, district.qingbo_union)
    shop = Meeting.objects.get(meeting_type="区域性职代会", session=2)
    assert shop.node == district.qingbo and shop.topics == "审议集体合同履行情况；选举代表团团长"
    assert shop.document_list == ["《决议》", "会议纪要"]
    assert street.history.get().history_change_reason == log.tag


def test_the_key_is_convener_type_and_session_whatever_the_session_looks_like(district, personas):
    meeting(district.qingbo, session=3)
    log, problems = run(personas["qingbo_admin"], [
        HEADERS, ["街道三方协调会议", "第三次", "2024-03-05", "清波街道", "新议题", ""]])
    assert [str(p) for p in problems] == ["第 2 行「召集组织」清波街道：在您的管辖范围内找不到这个单位或组织"]
    log, problems = run(personas["qingbo_admin"], [
        HEADERS, ["街道三方协调会议", "第三次", "2024-03-05", "清波街道总工会", "新议题", ""]])
    assert problems == [] and (log.created, log.updated) == (0, 1)
    assert Meeting.objects.get().topics == "新议题"
    # the same session of another convener or another type is another meeting
    log, problems = run(personas["qingbo_admin"], [
        HEADERS, ["街道三方协调会议", 3, "2024-03-05", "清波示范企业工会", "议题", ""],
        ["区域性职代会", 3, "2024-03-05", "清波街道总工会", "议题", ""]])
    assert problems == [] and log.created == 2


def test_an_admins_export_imports_back_unchanged(district, personas):
    meeting(district.qingbo, session=1, topics="甲；乙", documents="=纪要")
    meeting(district.qingbo_employer, meeting_type=MeetingType.REGIONAL_CONGRESS, session=2)
    meeting(district.root, meeting_type=MeetingType.JOINT, session=7)
    admin = personas["district_admin"]
    rows = export_rows(admin)
    assert rows[0] == HEADERS and len(rows) == 4
    log, problems = run(admin, rows)
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 3)


def test_bad_rows_are_reported_by_row_and_column_in_chinese(district, personas):
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    log, problems = run(personas["qingbo_admin"], [
        HEADERS,
        ["三方会", "1", "2024-01-01", "清波街道总工会", "议题", ""],
        ["街道三方协调会议", "第零次", "2024-01-01", "清波街道总工会", "议题", ""],
        ["街道三方协调会议", "2", future, "清波街道总工会", "议题", ""],
        ["街道三方协调会议", "3", "2024-01-01", "不存在的组织", "议题", ""],
        ["街道三方协调会议", "4", "2024-01-01", "清波街道总工会", "；；", ""],
        ["街道三方协调会议", "5", "2024-01-01", "清波街道总工会", "", ""],
    ])
    lines = [str(p) for p in problems]
    assert lines[0].startswith("第 2 行「会议类型」三方会：不是允许的值")
    assert "第 3 行「届次」第零次：届次应为正整数，如 3 或 第3次" in lines
    assert f"第 4 行「召开日期」{future}：日期不能晚于今天" in lines
    assert "第 5 行「召集组织」不存在的组织：在您的管辖范围内找不到这个单位或组织" in lines
    assert "第 6 行「议题」；；：至少填写一个议题" in lines
    assert "第 7 行「议题」：必填，不能为空" in lines
    assert not Meeting.objects.exists()


def test_a_sibling_street_cannot_touch_or_see_qingbos_meetings(district, personas):
    meeting(district.qingbo, session=1)
    hubin = personas["hubin_admin"]
    log, problems = run(hubin, [HEADERS, ["街道三方协调会议", "1", "2024-03-05", "清波街道总工会", "改", ""]])
    assert [str(p) for p in problems] == ["第 2 行「召集组织」清波街道总工会：在您的管辖范围内找不到这个单位或组织"]
    # the key the sibling cannot name is not theirs either way: their own convener makes another meeting
    log, problems = run(hubin, [HEADERS, ["街道三方协调会议", "1", "2024-03-05", "湖滨街道总工会", "湖滨议题", ""]])
    assert problems == [] and log.created == 1
    assert Meeting.objects.get(convener_org=district.qingbo).topics == "排查劳动关系隐患"
    assert [r[3] for r in export_rows(hubin)[1:]] == ["湖滨街道总工会"]
    assert len(export_rows(personas["qingbo_admin"])) == 2


def test_the_export_follows_the_list_filters(district, personas):
    meeting(district.qingbo, session=1, held_on=dt.date(2023, 4, 1))
    meeting(district.qingbo, session=2, held_on=dt.date(2024, 4, 1), topics="推进集体协商")
    meeting(district.hubin, session=1, held_on=dt.date(2024, 4, 1))
    admin = personas["district_admin"]
    assert [r[1] for r in export_rows(admin, year="2024", street=str(district.qingbo.pk))[1:]] == ["2"]
    assert [r[2] for r in export_rows(admin, q="集体协商")[1:]] == [dt.date(2024, 4, 1)]


def test_joint_and_tripartite_totals_count_meetings_held_up_to_the_end_of_the_year(district):
    for session, year in enumerate(range(2018, 2025), start=1):
        meeting(district.root, MeetingType.JOINT, session, dt.date(year, 12, 31 if year == 2024 else 3))
    meeting(district.root, MeetingType.JOINT, 8, dt.date(2025, 1, 1))
    for session in range(1, 4):
        meeting(district.root, MeetingType.TRIPARTITE, session, dt.date(2023 + session // 2, 6, 1))
    meeting(district.qingbo, MeetingType.STREET_TRIPARTITE, 1, dt.date(2024, 6, 1))
    assert selectors.joint_total(2024).count() == 7
    assert selectors.joint_total(2023).count() == 6
    assert selectors.tripartite_total(2023).count() == 1 and selectors.tripartite_total(2024).count() == 3
    assert selectors.joint_total(2024, org=district.qingbo).count() == 0
    assert [m.meeting_type for m in selectors.meetings_in(2024, org=district.qingbo)] == [MeetingType.STREET_TRIPARTITE]
    assert len(selectors.meetings_in(2024)) == 4


def test_a_closed_conveners_meetings_drop_out_of_that_years_figures(district):
    from orgs.models import Org

    meeting(district.qingbo, MeetingType.TRIPARTITE, 1, dt.date(2022, 6, 1))
    Org.objects.filter(pk=district.qingbo.pk).update(closed_on=dt.date(2024, 3, 1))
    assert selectors.tripartite_total(2023).count() == 1
    assert selectors.tripartite_total(2024).count() == 0


def test_the_year_page_lists_the_years_meetings_with_topics_and_documents(district, login):
    meeting(district.qingbo, session=1, held_on=dt.date(2024, 3, 5), topics="推进集体协商；排查欠薪", documents="会议纪要")
    meeting(district.hubin, session=1, held_on=dt.date(2024, 4, 5), topics="湖滨议题")
    meeting(district.qingbo, session=2, held_on=dt.date(2023, 4, 5), topics="上年议题")
    page = login("qingbo_admin").get(reverse("meetings:by-year") + "?year=2024").content.decode()
    assert "推进集体协商" in page and "排查欠薪" in page and "会议纪要" in page
    assert "湖滨议题" not in page and "上年议题" not in page
    assert login("qingbo_admin").get(reverse("meetings:by-year") + "?year=abc").status_code == 200


def test_the_year_page_queries_the_same_number_of_times_however_many_meetings(district, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("district_admin")
    url = reverse("meetings:by-year") + "?year=2024"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    meeting(district.qingbo, session=1)
    few = queries()
    for session in range(2, 6):
        meeting(district.qingbo_employer if session % 2 else district.qingbo, session=session)
    assert queries() == few
