"""The training pages in the URL × persona matrix (core/tests/test_permission_matrix.py).

The course is hosted by 清波示范科技有限公司, so it belongs to 清波示范企业工会: 湖滨街道's admin
gets 404 and 清波's union admin may read and write it."""

from __future__ import annotations

import datetime as dt

from core.tests.matrix import READ_QINGBO, WRITE_QINGBO_POST


def qingbo_course(d) -> int:
    from training.models import Attendance, Course

    course = Course.objects.create(
        name="数控车床操作培训", category="技术培训", organisers=d.qingbo_employer.name,
        host_employer=d.qingbo_employer, node=d.qingbo_union, start_date=dt.date(2024, 3, 1))
    worker = d.qingbo_worker
    Attendance.objects.create(course=course, name=worker.name, id_number=worker.id_number, worker=worker,
                              node=d.qingbo_union)
    return course.pk


MATRIX = {
    "training:course": ("get", lambda d: ({"pk": qingbo_course(d)}, ""), READ_QINGBO),
    "training:complete": ("post", lambda d: ({"pk": qingbo_course(d)}, ""), WRITE_QINGBO_POST),
}
