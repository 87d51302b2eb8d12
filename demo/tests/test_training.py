"""The demo's courses, attendance and certificates: three years, valid, owned as SPEC §2 says, and
an export of them imports back unchanged."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.tests.test_contests import plan_of_export
from training.models import Attendance, Certificate, Course


@pytest.mark.django_db
def test_demo_training_is_valid_and_imports_back_unchanged():
    call_command("demo", size="tiny", seed=5, stdout=io.StringIO())
    year = timezone.localdate().year
    assert {c.start_date.year for c in Course.objects.all()} == {year - 2, year - 1, year}
    assert set(Course.objects.values_list("category", flat=True)) == {"技术培训", "免费培训", "其他"}
    assert Course.objects.hosted_by_enterprises().filter(category="技术培训").exists()
    for c in Course.objects.select_related("host_employer"):
        assert c.node_id == (c.host_employer.node_id if c.host_employer else c.host_org_id)
    assert Attendance.objects.exists() and Certificate.objects.filter(course__isnull=True).exists()
    for a in Attendance.objects.select_related("course"):
        assert a.node_id == a.course.node_id
    for cert in Certificate.objects.select_related("course", "worker"):
        expected = cert.worker.node_id if cert.worker else (cert.course.node_id if cert.course else cert.node_id)
        assert cert.node_id == expected
        assert cert.issued_on <= timezone.localdate() and (cert.course is None or cert.issued_on >= cert.course.start_date)
    assert Certificate.objects.filter(course__category="免费培训").exists()
    for slug in ("courses", "attendance", "certificates"):
        plan = plan_of_export(slug)
        assert plan.problems == [] and plan.counts()["unchanged"] == plan.rows > 0, slug
