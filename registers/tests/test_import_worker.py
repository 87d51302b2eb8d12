"""An import whose background worker died is shown as failed with a retry, never pending for ever."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registers.catalog import registers
from registers.liveness import identity, started
from registers.models import ImportLog, ImportStatus

from .files import WORKER_HEADERS, xlsx
from .test_import import worker_row
from .test_import_pages import upload


def killed_process() -> str:
    """The identity of a process that ran and was killed (kill -9), as a worker would be."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # noqa: S603
    worker = identity(child.pid)
    child.kill()
    child.wait()
    return worker


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("status", [ImportStatus.CHECKING, ImportStatus.WRITING])
def test_an_import_whose_worker_was_killed_is_failed_with_a_retry(settings, district, personas, client, status):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(personas["qingbo_admin"])
    response = upload(client, xlsx([WORKER_HEADERS, worker_row(district)]))
    log = ImportLog.objects.get()
    # a worker claims the task, starts the step and is killed: the task stays RUNNING
    task = DBTaskResult.objects.get()
    task.claim("killed-worker")
    ImportLog.objects.filter(pk=log.pk).update(status=status)
    started(log.pk, killed_process())
    run_worker()  # a restarted worker does not take a RUNNING task
    assert DBTaskResult.objects.get().status == "RUNNING"

    page = client.get(response.url).text
    assert "失败" in page and "后台处理进程已中断" in page and "未写入任何数据" in page
    assert 'hx-trigger="every 1s"' not in page and reverse("registers:import-retry", args=[log.pk]) in page
    assert "失败" in client.get(reverse("registers:import-list")).text
    assert DBTaskResult.objects.get().status == "FAILED"

    client.post(reverse("registers:import-retry", args=[log.pk]))
    assert ImportLog.objects.get().status == ImportStatus.CHECKING
    run_worker()
    assert ImportLog.objects.get().status == ImportStatus.READY


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_is_left_alone_however_long_it_takes(settings, district, personas, client):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(personas["qingbo_admin"])
    response = upload(client, xlsx([WORKER_HEADERS, worker_row(district)]))
    started(ImportLog.objects.get().pk)  # this very process, alive
    ImportLog.objects.update(beat_at=timezone.now() - dt.timedelta(days=1))
    assert "检查中" in client.get(response.url).text
    assert ImportLog.objects.get().status == ImportStatus.CHECKING


def test_a_worker_on_another_machine_is_given_up_after_the_timeout(settings, district, personas, client):
    settings.IMPORT_TASK_TIMEOUT = 600
    client.force_login(personas["qingbo_admin"])
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = upload(client, xlsx([WORKER_HEADERS, worker_row(district)]))
    started(ImportLog.objects.get().pk, "another-host:4242:99")
    assert "检查中" in client.get(response.url).text  # it beat just now
    ImportLog.objects.update(beat_at=timezone.now() - dt.timedelta(seconds=601))
    assert "后台处理进程已中断" in client.get(response.url).text


def test_only_a_failed_import_may_be_retried_by_whoever_may_act(district, personas, client):
    client.force_login(personas["qingbo_admin"])
    response = upload(client, xlsx([WORKER_HEADERS, worker_row(district)]))
    log = ImportLog.objects.get()
    assert log.status == ImportStatus.READY
    client.post(reverse("registers:import-retry", args=[log.pk]))
    assert ImportLog.objects.get().status == ImportStatus.READY
    ImportLog.objects.update(status=ImportStatus.FAILED)
    client.force_login(personas["hubin_admin"])
    assert client.post(reverse("registers:import-retry", args=[log.pk])).status_code == 404
    assert response.status_code == 302


@pytest.mark.parametrize("slug", list(registers()))
def test_every_registers_import_page_shows_done_and_failed(district, personas, client, slug):
    """After the write it links to the register's list; after a failure it offers the retry."""
    client.force_login(personas["qingbo_admin"])
    user = personas["qingbo_admin"]
    done = ImportLog.objects.create(register=slug, user=user, username=user.username, node=user.org, file_name="a.xlsx",
                                    sha256="0" * 64, size=1, data=b"", status=ImportStatus.DONE)
    page = client.get(reverse("registers:import-detail", args=[done.pk]))
    assert page.status_code == 200 and f"查看{registers()[slug].label}" in page.text
    failed = ImportLog.objects.create(register=slug, user=user, username=user.username, node=user.org, file_name="b.xlsx",
                                      sha256="1" * 64, size=1, data=b"x", status=ImportStatus.FAILED)
    page = client.get(reverse("registers:import-detail", args=[failed.pk])).text
    assert reverse("registers:import-retry", args=[failed.pk]) in page


@pytest.mark.django_db(transaction=True)
def test_an_import_left_running_before_its_step_said_who_runs_it_fails_after_the_timeout(settings, district, personas, client):
    """A task claimed by a worker that died before the step began (or left from before steps
    recorded their process): given up once IMPORT_TASK_TIMEOUT has passed, unless still queued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.IMPORT_TASK_TIMEOUT = 600
    client.force_login(personas["qingbo_admin"])
    response = upload(client, xlsx([WORKER_HEADERS, worker_row(district)]))
    ImportLog.objects.update(uploaded_at=timezone.now() - dt.timedelta(hours=2))
    assert "检查中" in client.get(response.url).text  # queued: a worker will take it
    DBTaskResult.objects.get().claim("killed-worker")
    assert "后台处理进程已中断" in client.get(response.url).text
