"""The course, attendance and certificate registers (SPEC §2: courses 培训项目, attendance 参训,
certificates 证书)."""

from __future__ import annotations

from django.urls import reverse

from core.declarations import Column, Follow, Register
from core.masking import mask_id_number
from registers.organisers import Organisers

from .filters import AttendanceFilter, CertificateFilter, CourseFilter
from .importing import after_courses, prepare_attendance, prepare_certificate, prepare_course
from .models import Attendance, Certificate, Course, CourseCategory


def course_page(pk: int) -> str:
    return reverse("training:course", args=[pk])


COURSES = Register(
    slug="courses",
    label="培训项目",
    key="主办单位+项目名称+开始日期",
    columns=(
        Column("项目名称", "name", required=True),
        Column("培训类别", "category", required=True, choices=tuple(CourseCategory.values)),
        Column("主办单位", "organisers", required=True, ref=Organisers(),
               note="单位（信用代码或完整名称）或组织名称；多个用“；”分隔，第一个为主办方"),
        Column("开始日期", "start_date", required=True, kind="date"),
        Column("结束日期", "end_date", kind="date"),
        Column("培训人次", "person_times", kind="int", note="无逐人参训名单时填写"),
    ),
    queryset=lambda user: Course.objects.visible_to(user).order_by("-start_date", "name", "id"),
    filterset=CourseFilter,
    list_url="",
    model=Course,
    key_fields=("name", "organisers", "start_date"),
    prepare=prepare_course,
    after_write=after_courses,
    list_headers=("项目名称", "培训类别", "主办单位", "开始日期", "培训人次"),
    links=lambda course: [("参训名单与证书", course_page(course.pk))],
    area="quality",
    follows=(Follow("host_employer"),),  # the first 主办单位
)

ATTENDANCE = Register(
    slug="attendance",
    label="参训",
    key="项目名称+开始日期+身份证号",
    columns=(
        Column("项目名称", "course__name", required=True, field="course_name"),
        Column("开始日期", "course__start_date", required=True, kind="date", field="course_start"),
        Column("姓名", "name", required=True),
        Column("身份证号", "id_number", required=True, kind="code", mask=mask_id_number),
        Column("是否结业", "completed", kind="bool"),
    ),
    queryset=lambda user: Attendance.objects.visible_to(user).order_by("-course__start_date", "course__name", "name", "id"),
    filterset=AttendanceFilter,
    list_url="",
    model=Attendance,
    key_fields=("id_number", "course_name", "course_start"),
    prepare=prepare_attendance,
    links=lambda attendance: [("培训项目页面", course_page(attendance.course_id))],
    area="quality",
    person_field="id_number",
    follows=(Follow("course"),),  # its course's node
)

CERTIFICATES = Register(
    slug="certificates",
    label="证书",
    key="证书编号",
    columns=(
        Column("证书编号", "number", required=True, kind="code"),
        Column("姓名", "name", required=True),
        Column("身份证号", "id_number", required=True, kind="code", mask=mask_id_number),
        Column("证书名称", "title", required=True),
        Column("等级", "grade"),
        Column("发证日期", "issued_on", required=True, kind="date"),
        Column("培训项目", "course__name", field="course_name", note="项目名称，证书来自本系统登记的培训项目时填写"),
        Column("培训开始日期", "course__start_date", kind="date", field="course_start",
               note="同名培训项目不止一个时填写"),
    ),
    queryset=lambda user: Certificate.objects.visible_to(user).order_by("-issued_on", "number", "id"),
    filterset=CertificateFilter,
    list_url="",
    model=Certificate,
    key_fields=("number",),
    prepare=prepare_certificate,
    list_headers=("证书编号", "姓名", "身份证号", "证书名称", "发证日期", "培训项目"),
    links=lambda certificate: [("培训项目页面", course_page(certificate.course_id))] if certificate.course_id else [],
    area="quality",
    person_field="id_number",
    # its worker's employer's node, else its course's
    follows=(Follow("worker__employer"), Follow("course", {"worker__isnull": True})),
)

REGISTERS = [COURSES, ATTENDANCE, CERTIFICATES]
