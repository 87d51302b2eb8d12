"""Background work of imports (Django's tasks framework; `uniondesk db_worker` runs them).

Each task takes the import log's id and does what the page asked; the page polls the log."""

from __future__ import annotations

import logging

from django.tasks import task

from .imports import check_import, write_import
from .liveness import started
from .models import ImportLog, ImportStatus

logger = logging.getLogger(__name__)


def _run(log_id: int, step, failure_status: str) -> None:
    started(log_id)
    log = ImportLog.objects.get(pk=log_id)
    try:
        step(log)
    except Exception:
        # the page must not spin for ever: the log says it failed, the worker's log says why
        logger.exception("导入#%s 失败", log_id)
        ImportLog.objects.filter(pk=log_id).update(
            status=failure_status, message="处理过程中发生意外错误，未写入任何数据；请联系系统管理员。")
        raise


@task
def check_uploaded_file(log_id: int) -> None:
    _run(log_id, check_import, ImportStatus.FAILED)


@task
def write_checked_file(log_id: int) -> None:
    _run(log_id, write_import, ImportStatus.FAILED)
