"""Telling an import step still running from one whose worker died.

A worker killed mid-step (out of memory, kill -9, a reboot) leaves its import 检查中 or 写入中 and
its task RUNNING for ever: the database backend never gives a claimed task to another worker, and
a killed write has rolled back. Each step records the process running it (host, pid and the
process's start time, so a reused pid is not taken for it) and beats while it checks. A step is
abandoned when that process is gone from this host, or when it has not beaten for
IMPORT_TASK_TIMEOUT seconds (a worker on another machine). An abandoned import is 失败, with a
retry; a write that died wrote nothing.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from .models import RUNNING, ImportLog, ImportStatus

ABANDONED = "后台处理进程已中断（进程已退出），本次未写入任何数据。可以点“重试”重新检查该文件。"


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot; None when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:  # no /proc: whether the pid exists is all we can know
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return ""
    return stat.rsplit(")", 1)[1].split()[19]  # field 22, after the command name in brackets


def _place() -> str:
    """Where a pid means this process table: the host and its pid namespace (a container on
    the same host has its own)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()}/{namespace}"


def identity(pid: int | None = None) -> str:
    pid = os.getpid() if pid is None else pid
    return f"{_place()}:{pid}:{_start_time(pid) or ''}"


def gone(worker: str) -> bool:
    """The recorded process no longer runs (only a process of this process table can be looked at)."""
    place, pid, started = worker.rsplit(":", 2)
    if place != _place() or not pid.isdigit():
        return False
    now = _start_time(int(pid))
    return now is None or (bool(started) and bool(now) and now != started)


def timeout() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "IMPORT_TASK_TIMEOUT", 3600)))


def _queued(log_id: int) -> bool:
    """A task for this import waits in the queue (a worker has yet to take it)."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path__startswith="registers.tasks.", args_kwargs__args__0=log_id).exists()


def abandoned(log: ImportLog) -> bool:
    if not log.running:
        return False
    if not log.worker:
        # no step has started: still queued (the page says when no worker takes it), or taken by
        # a worker that died before it could say so, or left from before steps said so
        return timezone.now() - log.uploaded_at > timeout() and not _queued(log.pk)
    if log.worker.rsplit(":", 2)[0] == _place():
        return gone(log.worker)  # a process of this host is looked at, however long it writes
    return log.beat_at is None or timezone.now() - log.beat_at > timeout()


def fail_abandoned(logs: QuerySet[ImportLog]) -> None:
    """Mark the abandoned imports among these 失败. A row locked by a running write is skipped
    (its worker is alive), and the update only takes a log still as it was seen."""
    for log in logs.filter(status__in=RUNNING).only("pk", "status", "worker", "beat_at", "uploaded_at"):
        if not abandoned(log):
            continue
        with transaction.atomic():
            current = ImportLog.objects.select_for_update(skip_locked=True).filter(
                pk=log.pk, status=log.status, worker=log.worker, beat_at=log.beat_at).first()
            if current is not None:
                ImportLog.objects.filter(pk=log.pk).update(status=ImportStatus.FAILED, message=ABANDONED, progress=0)
                # the queue says so too, rather than a task RUNNING for ever
                DBTaskResult.objects.filter(
                    status=TaskResultStatus.RUNNING, task_path__startswith="registers.tasks.", args_kwargs__args__0=log.pk,
                ).update(status=TaskResultStatus.FAILED, finished_at=timezone.now())


def started(log_id: int, worker: str | None = None) -> None:
    """A worker takes up an import's step."""
    ImportLog.objects.filter(pk=log_id).update(worker=worker or identity(), beat_at=timezone.now())
