"""The report page: ask for a year's report, made in the background, then download it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record
from core.overreach import not_found
from core.permissions import business_reader

from .documents.annual import FORMATS
from .drill import scope_of
from .models import ReportJob
from .tasks import make_report

TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


@business_reader
def report_page(request: HttpRequest) -> HttpResponse:
    jobs = ReportJob.objects.filter(user=request.user).select_related("org").defer("content")[:10]
    return render(request, "indicators/report_page.html", {
        "jobs": jobs, "year": timezone.localdate().year - 1, "formats": FORMATS, "title": "年度报告", "nav": "indicators",
    })


@business_reader
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    scope, org = scope_of(request.user, request.POST)
    fmt = request.POST.get("fmt") if request.POST.get("fmt") in FORMATS else "docx"
    job = ReportJob.objects.create(user=request.user, org=org, year=scope.year, fmt=fmt)
    # the figures link to their drill-down pages at the address this page was opened at
    make_report.enqueue(job.pk, request.build_absolute_uri("/").rstrip("/"))
    return redirect("indicators:report-job", pk=job.pk)


@business_reader
def report_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = ReportJob.objects.select_related("org").defer("content").filter(pk=pk, user=request.user).first()
    if job is None:
        not_found(ReportJob.objects.all(), pk)  # another user's report: audited as an overreach
    template = "indicators/_report_job.html" if request.htmx else "indicators/report_job.html"
    return render(request, template, {"job": job, "title": str(job), "nav": "indicators"})


@business_reader
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = ReportJob.objects.select_related("org").filter(pk=pk, user=request.user, status=ReportJob.Status.DONE).first()
    if job is None:
        not_found(ReportJob.objects.exclude(user=request.user), pk)
    audit_record(action=Action.EXPORT, request=request, object_type="年度报告", object_repr=str(job),
                 detail={"年度": job.year, "组织": job.org.name, "格式": job.fmt})
    response = HttpResponse(bytes(job.content), content_type=TYPES[job.fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{job.org.name}{job.year}年工会工作总结.{job.fmt}")
    return response
