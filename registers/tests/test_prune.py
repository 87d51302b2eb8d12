"""`uniondesk prune`: the files of imports left unfinished are deleted after N days (they hold
personal data in clear); the import log stays and says what happened."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registers.models import ImportLog, ImportStatus

from .files import WORKER_HEADERS, xlsx
from .test_import import worker_row
from .test_import_pages import upload


def test_prune_deletes_the_files_of_imports_left_unfinished_for_days(login, district):
    client = login("qingbo_admin")
    ready = ImportLog.objects.get(pk=upload(client, xlsx([WORKER_HEADERS, worker_row(district)])).url.split("/")[-2])
    bad_row = worker_row(district, 姓名="另一人", 身份证号="330102199001011235")
    invalid = ImportLog.objects.get(pk=upload(client, xlsx([WORKER_HEADERS, bad_row]), "错.xlsx").url.split("/")[-2])
    fresh = ImportLog.objects.get(pk=upload(client, xlsx([WORKER_HEADERS, worker_row(district, 姓名="新")]), "新.xlsx").url.split("/")[-2])
    assert (ready.status, invalid.status, fresh.status) == (ImportStatus.READY, ImportStatus.INVALID, ImportStatus.READY)
    ImportLog.objects.filter(pk__in=[ready.pk, invalid.pk]).update(uploaded_at=timezone.now() - timedelta(days=8))

    out = io.StringIO()
    call_command("prune", days=7, stdout=out)
    assert "已删除 2 个超过 7 天未完成导入的上传文件" in out.getvalue()

    ready.refresh_from_db(), invalid.refresh_from_db(), fresh.refresh_from_db()
    assert not ready.data and not invalid.data and bytes(fresh.data)
    assert (ready.status, invalid.status, fresh.status) == (ImportStatus.FAILED, ImportStatus.INVALID, ImportStatus.READY)

    page = client.get(reverse("registers:import-detail", args=[ready.pk])).text
    assert "7 天内未完成导入，文件已删除" in page and "确认导入" not in page and "重试" not in page
    page = client.get(reverse("registers:import-detail", args=[invalid.pk])).text
    assert "身份证号校验位错误" in page and "文件已过保留期限删除" in page
    assert reverse("registers:import-marked", args=[invalid.pk]) not in page
    assert client.get(reverse("registers:import-marked", args=[invalid.pk])).status_code == 404
    client.post(reverse("registers:import-confirm", args=[ready.pk]))
    assert ImportLog.objects.get(pk=ready.pk).status == ImportStatus.FAILED  # nothing left to write
