"""Importing and exporting the course, attendance and certificate registers (SPEC §2, §3, §5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone

from conftest import make_id_number
from contests.tests.helpers import export_rows, lines, reimport, run
from registers.catalog import get_register
from registers.models import ImportStatus
from training.models import Attendance, Certificate, Course, person_times_total

COURSE_HEADERS = ["项目名称", "培训类别", "主办单位", "开始日期", "结束日期", "培训人次"]
ATTENDANCE_HEADERS = ["项目名称", "开始日期", "姓名", "身份证号", "是否结业"]
CERTIFICATE_HEADERS = ["证书编号", "姓名", "身份证号", "证书名称", "等级", "发证日期", "培训项目", "培训开始日期"]
OUTSIDER = make_id_number(region="330106", born="19880303", seq="771")  # not in the worker register
ZHANG = make_id_number(born="19900101", seq="123")  # 张清波 of 清波示范科技有限公司
CHEN = make_id_number(born="19900101", seq="517")  # 陈湖滨 of 湖滨


def course_row(**overrides):
    row = {"项目名称": "数控车床操作培训", "培训类别": "技术培训", "主办单位": "清波示范科技有限公司", "开始日期": "2024-03-01",
           "结束日期": "2024-03-05", "培训人次": 40}
    row.update(overrides)
    return [row[h] for h in COURSE_HEADERS]


def attendance_row(**overrides):
    row = {"项目名称": "数控车床操作培训", "开始日期": "2024-03-01", "姓名": "张清波", "身份证号": ZHANG, "是否结业": "是"}
    row.update(overrides)
    return [row[h] for h in ATTENDANCE_HEADERS]


def certificate_row(**overrides):
    row = {"证书编号": "ZS2024-0001", "姓名": "张清波", "身份证号": ZHANG, "证书名称": "车工职业技能等级证书", "等级": "四级",
           "发证日期": "2024-04-10", "培训项目": "数控车床操作培训", "培训开始日期": "2024-03-01"}
    row.update(overrides)
    return [row[h] for h in CERTIFICATE_HEADERS]


@pytest.fixture
def courses(district, personas):
    """An employer's own technical course, a street's free course (with a co-host), and a district one."""
    code = district.qingbo_employer.credit_code
    rows = [COURSE_HEADERS,
            course_row(主办单位=code),
            course_row(项目名称="家政服务员免费培训", 培训类别="免费培训", 主办单位="清波街道总工会；清波示范企业工会", 培训人次=60),
            course_row(项目名称="湖滨酒店服务技能培训", 主办单位="湖滨示范酒店有限公司", 培训人次=25)]
    log, problems = run(personas["district_admin"], "courses", rows)
    assert problems == [], lines(problems)
    return log


# --- courses ------------------------------------------------------------------------------------

def test_courses_record_their_host_employer_or_org_and_node(district, courses):
    assert courses.created == 3
    own = Course.objects.get(name="数控车床操作培训")
    assert own.organisers == "清波示范科技有限公司"
    assert (own.host_employer, own.host_org, own.node) == (district.qingbo_employer, None, district.qingbo_union)
    assert (own.start_date, own.end_date, own.person_times) == (dt.date(2024, 3, 1), dt.date(2024, 3, 5), 40)
    free = Course.objects.get(name="家政服务员免费培训")
    assert (free.host_employer, free.host_org, free.node) == (None, district.qingbo, district.qingbo)
    assert free.organisers == "清波街道总工会；清波示范企业工会"
    assert set(Course.objects.hosted_by_enterprises().values_list("name", flat=True)) == {"数控车床操作培训", "湖滨酒店服务技能培训"}


def test_course_row_errors_name_row_and_column(district, personas):
    rows = [COURSE_HEADERS,
            course_row(主办单位="某某培训学校"),
            course_row(项目名称="未来课程", 开始日期="2099-01-01", 结束日期=None),
            course_row(项目名称="倒序", 结束日期="2024-02-01"),
            course_row(项目名称="类别", 培训类别="学历教育", 培训人次="很多"),
            course_row(项目名称="越界", 主办单位="湖滨示范酒店有限公司")]
    log, problems = run(personas["qingbo_admin"], "courses", rows)
    assert lines(problems) == [
        "第 2 行「主办单位」某某培训学校：“某某培训学校”：在您的管辖范围内找不到这个单位或组织",
        "第 3 行「开始日期」2099-01-01：开始日期不能晚于今天",
        "第 4 行「结束日期」2024-02-01：结束日期不能早于开始日期",
        "第 5 行「培训类别」学历教育：不是允许的值，应为：技术培训/免费培训/其他",
        "第 5 行「培训人次」很多：应为整数",
        "第 6 行「主办单位」湖滨示范酒店有限公司：“湖滨示范酒店有限公司”：在您的管辖范围内找不到这个单位或组织",
    ]
    assert log.status == ImportStatus.INVALID and not Course.objects.exists()


def test_courses_export_and_import_back_unchanged_and_siblings_see_none_of_qingbo(district, personas, courses):
    log, problems = reimport(personas["district_admin"], "courses")
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 3)
    hubin_rows = export_rows(personas["hubin_admin"], "courses")
    assert [r[0] for r in hubin_rows] == ["项目名称", "湖滨酒店服务技能培训"]
    # 湖滨 cannot name 清波's host, so it cannot reach 清波's course
    _, problems = run(personas["hubin_admin"], "courses", [COURSE_HEADERS, course_row(培训人次=1)])
    assert [p.column for p in problems] == ["主办单位"]
    assert Course.objects.get(name="数控车床操作培训").person_times == 40


def test_course_filters(district, personas, courses):
    admin = personas["district_admin"]
    assert [r[0] for r in export_rows(admin, "courses", QueryDict("category=免费培训"))[1:]] == ["家政服务员免费培训"]
    assert len(export_rows(admin, "courses", QueryDict(f"street={district.qingbo.pk}&year=2024"))) == 3
    assert len(export_rows(admin, "courses", QueryDict("year=2023"))) == 1


# --- attendance ---------------------------------------------------------------------------------

def test_attendance_takes_its_course_node_and_links_workers(district, personas, courses):
    rows = [ATTENDANCE_HEADERS, attendance_row(), attendance_row(姓名="外区学员", 身份证号=OUTSIDER, 是否结业="否"),
            attendance_row(项目名称="家政服务员免费培训", 是否结业="")]
    log, problems = run(personas["qingbo_admin"], "attendance", rows)
    assert problems == [] and log.created == 3
    own = Course.objects.get(name="数控车床操作培训")
    zhang = Attendance.objects.get(course=own, id_number=ZHANG)
    assert (zhang.node, zhang.worker, zhang.completed) == (district.qingbo_union, district.qingbo_worker, True)
    outsider = Attendance.objects.get(id_number=OUTSIDER)
    assert (outsider.worker, outsider.completed, outsider.node) == (None, False, district.qingbo_union)
    assert Attendance.objects.get(course__name="家政服务员免费培训").node == district.qingbo
    log, problems = reimport(personas["district_admin"], "attendance")
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 3)


def test_attendance_row_errors_and_a_course_name_and_date_shared_by_two_hosts(district, personas, courses):
    rows = [COURSE_HEADERS, course_row(主办单位="清波示范企业工会")]  # the union runs one of the same name and day
    assert run(personas["qingbo_admin"], "courses", rows)[1] == []
    rows = [ATTENDANCE_HEADERS, attendance_row(), attendance_row(项目名称="不存在的培训"),
            attendance_row(项目名称="家政服务员免费培训", 开始日期="2024-03-02", 身份证号="12345"),
            attendance_row(项目名称="家政服务员免费培训", 是否结业="已结业")]
    _, problems = run(personas["qingbo_admin"], "attendance", rows)
    assert lines(problems) == [
        "第 2 行「项目名称」数控车床操作培训：您的管辖范围内有 2 个开始日期为2024-03-01的培训项目“数控车床操作培训”（主办单位不同），"
        "无法确定是哪一个；请由主办单位所属组织的管理员导入",
        "第 3 行「项目名称」不存在的培训：在您的管辖范围内找不到开始日期为2024-03-01的培训项目“不存在的培训”，请先导入培训项目",
        "第 4 行「身份证号」12345：身份证号应为18位，现为5位",
        "第 5 行「是否结业」已结业：应填“是”或“否”",
    ]
    # 清波示范科技's own union sees both hosts too (the employer is under it); 湖滨 sees neither
    _, problems = run(personas["hubin_admin"], "attendance", [ATTENDANCE_HEADERS, attendance_row()])
    assert lines(problems) == ["第 2 行「项目名称」数控车床操作培训：在您的管辖范围内找不到开始日期为2024-03-01的培训项目“数控车床操作培训”，"
                               "请先导入培训项目"]
    assert not Attendance.objects.exists()


def test_a_sibling_street_cannot_change_or_see_qingbos_attendance(district, personas, courses):
    assert run(personas["qingbo_admin"], "attendance", [ATTENDANCE_HEADERS, attendance_row()])[1] == []
    hubin = personas["hubin_admin"]
    rows = [ATTENDANCE_HEADERS, attendance_row(项目名称="湖滨酒店服务技能培训"), attendance_row(是否结业="否")]
    _, problems = run(hubin, "attendance", rows)
    assert [p.row for p in problems] == [3]
    assert export_rows(hubin, "attendance") == [ATTENDANCE_HEADERS]
    assert Attendance.objects.get().completed


# --- certificates -------------------------------------------------------------------------------

def test_certificates_link_courses_and_take_the_node_of_worker_course_or_importer(district, personas, courses):
    rows = [CERTIFICATE_HEADERS,
            certificate_row(),  # a worker of 清波示范科技: its union's node
            certificate_row(证书编号="ZS2024-0002", 姓名="外区学员", 身份证号=OUTSIDER, 培训项目="家政服务员免费培训", 培训开始日期=None),
            certificate_row(证书编号="zs2024-0003", 姓名="外区学员", 身份证号=OUTSIDER, 培训项目=None, 培训开始日期=None, 等级="")]
    log, problems = run(personas["qingbo_admin"], "certificates", rows)
    assert problems == [] and log.created == 3
    first = Certificate.objects.get(number="ZS2024-0001")
    assert (first.course.name, first.worker, first.node) == ("数控车床操作培训", district.qingbo_worker, district.qingbo_union)
    by_name = Certificate.objects.get(number="ZS2024-0002")
    assert (by_name.course.name, by_name.worker, by_name.node) == ("家政服务员免费培训", None, district.qingbo)
    alone = Certificate.objects.get(number="ZS2024-0003")
    assert (alone.course, alone.node, alone.grade) == (None, district.qingbo, "")
    log, problems = reimport(personas["district_admin"], "certificates")
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 3)


def test_a_street_imports_certificates_of_a_district_course_and_its_export_imports_back(district, personas):
    rows = [COURSE_HEADERS, course_row(项目名称="全区电工技能提升培训", 主办单位=district.root.name, 开始日期="2024-02-01", 结束日期="2024-02-05")]
    assert run(personas["district_admin"], "courses", rows)[1] == []
    qingbo = personas["qingbo_admin"]
    rows = [CERTIFICATE_HEADERS,
            certificate_row(培训项目="全区电工技能提升培训", 培训开始日期="2024-02-01"),
            certificate_row(证书编号="ZS2024-0009", 姓名="外区学员", 身份证号=OUTSIDER, 培训项目="全区电工技能提升培训",
                            培训开始日期=None)]
    log, problems = run(qingbo, "certificates", rows)
    assert problems == [] and log.created == 2
    worker = Certificate.objects.get(number="ZS2024-0001")
    assert (worker.course.node, worker.node) == (district.root, district.qingbo_union)
    # without a worker the certificate stays in the importer's subtree, not at the course's node above it
    assert Certificate.objects.get(number="ZS2024-0009").node == district.qingbo
    log, problems = reimport(qingbo, "certificates")
    assert problems == [] and log.unchanged == 2
    # the street's own course of the same name and day is the one meant: the subtree is searched first
    rows = [COURSE_HEADERS, course_row(项目名称="全区电工技能提升培训", 主办单位="清波街道总工会", 开始日期="2024-02-01",
                                       结束日期="2024-02-05")]
    assert run(qingbo, "courses", rows)[1] == []
    rows = [CERTIFICATE_HEADERS, certificate_row(证书编号="ZS2024-0010", 培训项目="全区电工技能提升培训", 培训开始日期=None)]
    assert run(qingbo, "certificates", rows)[1] == []
    assert Certificate.objects.get(number="ZS2024-0010").course.node == district.qingbo
    # a sibling street's course is not found
    rows = [CERTIFICATE_HEADERS, certificate_row(证书编号="HB-002", 姓名="陈湖滨", 身份证号=CHEN, 培训项目="数控车床操作培训")]
    assert run(personas["district_admin"], "courses", [COURSE_HEADERS, course_row()])[1] == []
    _, problems = run(personas["hubin_admin"], "certificates", rows)
    assert "在您的管辖范围内和上级组织中都找不到开始日期为2024-03-01的培训项目“数控车床操作培训”" in lines(problems)[0]


def test_certificate_row_errors_name_row_and_column(district, personas, courses):
    rows = [COURSE_HEADERS, course_row(开始日期="2024-06-01", 结束日期=None)]  # a second 数控车床操作培训
    assert run(personas["qingbo_admin"], "courses", rows)[1] == []
    rows = [CERTIFICATE_HEADERS,
            certificate_row(培训开始日期=None),
            certificate_row(证书编号="B", 培训项目="不存在的培训"),
            certificate_row(证书编号="C", 发证日期="2024-02-01"),
            certificate_row(证书编号="D", 发证日期="2099-01-01"),
            certificate_row(证书编号="E", 培训项目=None),
            certificate_row(证书编号="F", 证书名称=""),
            certificate_row(证书编号="c")]
    log, problems = run(personas["qingbo_admin"], "certificates", rows)
    assert lines(problems) == [
        "第 2 行「培训项目」数控车床操作培训：您的管辖范围内有 2 个名为“数控车床操作培训”的培训项目，请同时填写培训开始日期",
        "第 3 行「培训项目」不存在的培训：在您的管辖范围内和上级组织中都找不到开始日期为2024-03-01的培训项目“不存在的培训”，请先导入培训项目",
        "第 5 行「发证日期」2099-01-01：发证日期不能晚于今天",
        "第 6 行「培训开始日期」2024-03-01：填写了培训开始日期，请同时填写培训项目",
        "第 7 行「证书名称」：必填，不能为空",
        "第 8 行「证书编号」C：与第 4 行重复：同一条记录在文件中出现了两次",
    ]
    assert not Certificate.objects.exists()
    # beyond SPEC's rules: a notice, not a refusal (core.notices)
    assert "第 4 行「发证日期」：发证日期早于培训项目的开始日期（2024-03-01），仍按原样导入。" in log.notes


def test_a_sibling_street_cannot_change_or_see_qingbos_certificates(district, personas, courses):
    assert run(personas["qingbo_admin"], "certificates", [CERTIFICATE_HEADERS, certificate_row()])[1] == []
    hubin = personas["hubin_admin"]
    rows = [CERTIFICATE_HEADERS, certificate_row(姓名="陈湖滨", 身份证号=CHEN, 培训项目=None, 培训开始日期=None)]
    _, problems = run(hubin, "certificates", rows)
    assert lines(problems) == ["第 2 行「证书编号」ZS2024-0001：该记录不在您的管辖范围内，不能导入或修改"]
    assert export_rows(hubin, "certificates") == [CERTIFICATE_HEADERS]
    rows[1][0] = "HB-001"
    assert run(hubin, "certificates", rows)[1] == []
    assert Certificate.objects.get(number="HB-001").node == district.hubin_union  # 陈湖滨's employer's


def test_columns_left_out_keep_the_course_link(district, personas, courses):
    assert run(personas["qingbo_admin"], "certificates", [CERTIFICATE_HEADERS, certificate_row()])[1] == []
    rows = [["证书编号", "姓名", "身份证号", "证书名称", "发证日期"],
            ["ZS2024-0001", "张清波", ZHANG, "车工职业技能等级证书（四级）", "2024-04-10"]]
    log, problems = run(personas["qingbo_admin"], "certificates", rows)
    assert problems == [] and log.updated == 1
    assert Certificate.objects.get().course.name == "数控车床操作培训"


# --- figures and moves --------------------------------------------------------------------------

def test_person_times_are_attendance_records_else_the_typed_number(district, personas, courses):
    rows = [ATTENDANCE_HEADERS, attendance_row(), attendance_row(姓名="外区学员", 身份证号=OUTSIDER)]
    assert run(personas["qingbo_admin"], "attendance", rows)[1] == []
    own = Course.objects.get(name="数控车床操作培训")
    free = Course.objects.get(name="家政服务员免费培训")
    assert (own.person_times_value(), free.person_times_value()) == (2, 60)
    assert person_times_total(Course.objects.all()) == 2 + 60 + 25
    assert person_times_total(Course.objects.starting_in(2024).hosted_by_enterprises()) == 2 + 25
    assert person_times_total(Course.objects.none()) == 0


def test_a_course_is_known_by_all_its_hosts_name_and_start(district, personas, courses):
    admin = personas["district_admin"]
    log, problems = run(admin, "courses", [COURSE_HEADERS, course_row(主办单位="清波示范科技有限公司；清波街道总工会")])
    assert problems == [] and (log.created, log.updated) == (1, 0)
    assert Course.objects.filter(name="数控车床操作培训").count() == 2


def test_a_course_that_changes_node_takes_its_attendance_and_unlinked_certificates(district, personas, courses):
    from core.declarations import Plan
    from training.importing import after_courses

    admin = personas["district_admin"]
    assert run(admin, "attendance", [ATTENDANCE_HEADERS, attendance_row()])[1] == []
    rows = [CERTIFICATE_HEADERS, certificate_row(), certificate_row(证书编号="X2", 姓名="外区学员", 身份证号=OUTSIDER)]
    assert run(admin, "certificates", rows)[1] == []
    own = Course.objects.get(name="数控车床操作培训")
    # what an edit of the course's host notes for after_write (an import cannot: the host is in the key)
    plan = Plan(get_register("courses"), events=[("node", own.pk, district.qingbo.pk)])
    after_courses(plan, admin, "编辑#1", timezone.now())
    assert Attendance.objects.get().node == district.qingbo
    assert Certificate.objects.get(number="X2").node == district.qingbo
    assert Certificate.objects.get(number="ZS2024-0001").node == district.qingbo_union  # its worker's employer's
    assert Attendance.objects.get().history.latest("history_date").history_change_reason == "编辑#1"


def test_registers_are_declared_in_dependency_order_with_the_spec_headers():
    from training.registers import REGISTERS

    assert [r.slug for r in REGISTERS] == ["courses", "attendance", "certificates"]
    assert [get_register(s).headers for s in ("courses", "attendance", "certificates")] == [
        COURSE_HEADERS, ATTENDANCE_HEADERS, CERTIFICATE_HEADERS]


def test_the_selections_behind_the_training_indicators(district, personas, courses):
    from training.selectors import (
        certificate_people,
        enterprise_technical_courses,
        free_courses,
        hosting_enterprises,
        person_times_total,
    )

    admin = personas["district_admin"]
    assert run(admin, "attendance", [ATTENDANCE_HEADERS, attendance_row(), attendance_row(身份证号=OUTSIDER, 姓名="外区学员")])[1] == []
    rows = [CERTIFICATE_HEADERS, certificate_row(证书编号="A1", 培训项目="家政服务员免费培训", 培训开始日期=None),
            certificate_row(证书编号="A2", 培训项目="家政服务员免费培训", 培训开始日期=None, 证书名称="家政服务员证"),
            certificate_row(证书编号="A3", 身份证号=OUTSIDER, 姓名="外区学员", 培训项目=None, 培训开始日期=None),
            certificate_row(证书编号="A4", 身份证号=CHEN, 姓名="陈湖滨", 发证日期="2023-12-31", 培训项目=None, 培训开始日期=None)]
    assert run(admin, "certificates", rows)[1] == []
    everything = Course.objects.visible_to(admin)
    technical = enterprise_technical_courses(everything, 2024)
    assert (hosting_enterprises(technical), person_times_total(technical)) == (2, 2 + 25)
    assert hosting_enterprises(enterprise_technical_courses(everything, 2023)) == 0
    free = free_courses(everything, 2024)
    assert (free.count(), person_times_total(free)) == (1, 60)
    certificates = Certificate.objects.visible_to(admin)
    assert certificate_people(certificates, 2024) == 2 and certificate_people(certificates, 2023) == 1
    assert certificate_people(certificates, 2024, courses=free) == 1
    qingbo = Course.objects.visible_to(personas["qingbo_admin"])
    assert hosting_enterprises(enterprise_technical_courses(qingbo, 2024)) == 1
