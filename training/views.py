"""The course page: its roster, the bulk 结业 form, and the certificates that came from it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.params import int_param
from core.permissions import business_reader, business_writer
from registers.pages import record_url

from . import services
from .models import Attendance, Certificate, Course


def _course(request: HttpRequest, pk: int) -> Course:
    return get_object_or_404(
        Course.objects.visible_to(request.user).select_related("node", "host_employer", "host_org"), pk=pk)


@business_reader
def course_page(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course(request, pk)
    roster = list(Attendance.objects.visible_to(request.user).filter(course=course).order_by("name", "id"))
    certificates = list(Certificate.objects.visible_to(request.user).filter(course=course).order_by("issued_on", "number"))
    return render(request, "training/course.html", {
        "course": course, "roster": roster, "certificates": certificates,
        "completed": sum(1 for a in roster if a.completed), "open": [a for a in roster if not a.completed],
        "person_times": course.person_times_value(), "record_url": record_url("courses", course.pk),
        "nav": "courses", "title": str(course),
    })


@business_writer
@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the ticked trainees 结业."""
    course = _course(request, pk)
    ids = [pk for v in request.POST.getlist("attendance") if (pk := int_param(v)) is not None]
    if not ids:
        messages.warning(request, "请先勾选要标记结业的学员。")
    else:
        changed = services.attendance_complete(user=request.user, course=course, ids=ids, request=request)
        messages.success(request, f"已将 {changed} 人标记为结业。")
    return redirect("training:course", pk=course.pk)
