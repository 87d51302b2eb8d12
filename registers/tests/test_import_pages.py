"""The import pages: upload, preview with problems, marked copy, confirm, undo, background work."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from audit.models import Action, AuditEntry
from registers.models import ImportLog, ImportStatus
from workers.models import Worker

from .files import WORKER_HEADERS, xlsx
from .test_import import NEW_ID, worker_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, data: bytes, name: str = "职工.xlsx"):
    return client.post(reverse("registers:import", args=["workers"]), {"file": SimpleUploadedFile(name, data, XLSX)})


def test_list_pages_offer_import_to_admins_only(login, district):
    assert "导入 Excel" in login("qingbo_admin").get(reverse("workers:worker-list")).text
    assert "导入 Excel" not in login("qingbo_viewer").get(reverse("workers:worker-list")).text
    page = login("qingbo_admin").get(reverse("registers:import", args=["workers"])).text
    assert "必填列：姓名、身份证号、所在单位、劳动合同" in page and 'accept=".xlsx,.xls,.csv"' in page


def test_a_good_file_is_previewed_then_written_on_confirm(login, district):
    client = login("qingbo_admin")
    data = xlsx([WORKER_HEADERS, worker_row(district)])
    response = upload(client, data)
    log = ImportLog.objects.get()
    assert response.url == reverse("registers:import-detail", args=[log.pk])
    page = client.get(response.url).text
    assert "待确认" in page and "新增 <span data-count=\"created\">1</span>" in page
    assert not Worker.objects.filter(id_number=NEW_ID).exists()  # nothing before the user confirms
    client.post(reverse("registers:import-confirm", args=[log.pk]))
    page = client.get(response.url).text
    assert "已导入" in page and "撤销本次导入" in page
    assert Worker.objects.filter(id_number=NEW_ID).exists()
    # the same file again: said, not written twice
    response = upload(client, data)
    assert response.url == reverse("registers:import-detail", args=[log.pk])
    assert "本次未做任何修改" in client.get(response.url).text
    assert ImportLog.objects.count() == 1
    client.post(reverse("registers:import-undo", args=[log.pk]))
    assert "已撤销" in client.get(response.url).text and not Worker.objects.filter(id_number=NEW_ID).exists()


def test_a_bad_file_lists_its_problems_and_offers_the_marked_copy(login, district):
    client = login("qingbo_admin")
    response = upload(client, xlsx([WORKER_HEADERS, worker_row(district), worker_row(district, 身份证号="330102199001011235")]))
    page = client.get(response.url).text
    assert "发现 1 处问题，未写入任何数据" in page
    assert "330102199001011235" in page and "身份证号校验位错误" in page
    assert "确认导入" not in page
    log = ImportLog.objects.get()
    marked = client.get(reverse("registers:import-marked", args=[log.pk]))
    from urllib.parse import unquote

    assert unquote(marked["Content-Disposition"]).endswith("职工-问题标注.xlsx")
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.username == "qingbo_admin" and entry.detail["问题行数"] == 1
    # nobody may confirm a file with problems, even by posting directly
    client.post(reverse("registers:import-confirm", args=[log.pk]))
    assert ImportLog.objects.get().status == ImportStatus.INVALID and not Worker.objects.filter(id_number=NEW_ID).exists()


def test_every_problem_is_listed_page_by_page(login, district):
    client = login("qingbo_admin")
    rows = [worker_row(district, 姓名=f"职工{i}", 身份证号=f"33010219901399{i:04d}") for i in range(250)]
    response = upload(client, xlsx([WORKER_HEADERS, *rows]))
    first = client.get(response.url).text
    assert "发现 250 处问题" in first and "第 1–200 处，共 250 处" in first and "?problems=2" in first
    assert "330102199013990199" in first and "330102199013990200" not in first
    second = client.get(response.url + "?problems=2").text
    assert "第 201–250 处，共 250 处" in second and "330102199013990200" in second and "330102199013990249" in second


def test_a_refused_file_is_said_on_the_upload_page_and_not_kept(login, district):
    response = upload(login("qingbo_admin"), b"just text, renamed", "职工.xlsx")
    assert response.status_code == 200 and "可能只是改了扩展名" in response.text
    assert not ImportLog.objects.exists()


def test_the_import_log_lists_imports_of_the_subtree(login, district):
    upload(login("union_admin"), xlsx([WORKER_HEADERS, worker_row(district)]))
    assert "职工.xlsx" in login("qingbo_admin").get(reverse("registers:import-list")).text
    assert "职工.xlsx" not in login("hubin_admin").get(reverse("registers:import-list")).text


@pytest.mark.django_db(transaction=True)
def test_a_file_is_checked_and_written_by_the_database_worker(settings, district, personas, client):
    """With the database backend the request only queues the work; `uniondesk db_worker` does it
    and the page, polled by htmx, shows the progress and then the outcome."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(personas["qingbo_admin"])
    response = upload(client, xlsx([WORKER_HEADERS, worker_row(district)]))
    log = ImportLog.objects.get()
    assert log.status == ImportStatus.CHECKING
    page = client.get(response.url).text
    assert "<progress" in page and 'hx-trigger="every 1s"' in page
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    partial = client.get(response.url, headers={"HX-Request": "true"}).text
    assert partial.startswith('<section id="import-status"') and "待确认" in partial and "every 1s" not in partial
    client.post(reverse("registers:import-confirm", args=[log.pk]))
    assert ImportLog.objects.get().status == ImportStatus.WRITING
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert ImportLog.objects.get().status == ImportStatus.DONE
    assert Worker.objects.filter(id_number=NEW_ID, node=district.qingbo_union).exists()
