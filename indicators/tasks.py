"""The annual report made in the background (a district's PDF takes seconds; the page polls)."""

from __future__ import annotations

import logging

from django.tasks import task

from core.replica import replica_holds, replica_reads

from .documents.annual import render
from .models import ReportJob

logger = logging.getLogger(__name__)


@task
def make_report(job_id: int, site: str | None = None) -> None:
    job = ReportJob.objects.select_related("org", "user").get(pk=job_id)
    try:
        # the figures are read on the replica once it holds this job, and so every write made
        # before the report was asked for; while it lags behind that, on the primary
        with replica_reads(when=replica_holds(job)):
            job.content = render(job.year, job.org, job.fmt, user=job.user, site=site)
        job.status = ReportJob.Status.DONE
    except Exception:
        logger.exception("报告 %s 生成失败", job_id)
        job.status = ReportJob.Status.FAILED
        raise
    finally:
        job.save(update_fields=["content", "status"])
