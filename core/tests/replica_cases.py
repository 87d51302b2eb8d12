"""Where reads and writes go with DATABASE_REPLICA_URL set (SPEC §10). Run by test_replica.py in a
process of its own with the variable set: the replica alias is then Django's test mirror of the
default database, and each query shows which alias (connection) ran it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, router
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.replica import replica_reads
from registers.tests.files import WORKER_HEADERS, xlsx
from registers.tests.test_import import worker_row
from registers.tests.test_record_pages import ORG_CELLS, form_data
from reporting.tests.flow import union_accepted

pytestmark = [
    pytest.mark.skipif("replica" not in settings.DATABASES, reason="只在设置 DATABASE_REPLICA_URL 时运行"),
    # committed data: the replica's connection sees only what the primary's has committed
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]

# what the primary may read around a replica view: the session, the user, their rights and org (the
# login middleware's and the permission decorator's), and the audit chain's head an export appends to
PRIMARY_TABLES = ("django_session", "accounts_", "orgs_org", "axes_", "otp_", "audit_auditentry")
REPLICA_PAGES = (
    "/", "/indicators/dashboard/", "/indicators/", "/indicators/?year=2024",
    "/indicators/labour_contracts.signed/?year=2024", "/indicators/area/quality/", "/indicators/area/relations/",
    "/registers/workers/export/", "/registers/honours/export/?indicator=honours.learning_orgs&year=2024",
)


@contextmanager
def both() -> Iterator[tuple[CaptureQueriesContext, CaptureQueriesContext]]:
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as replica:
        yield primary, replica


TABLE = re.compile(r'(?:FROM|JOIN) "([a-z0-9_]+)"')
WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE")


def reads(captured: CaptureQueriesContext) -> list[str]:
    """Every statement but a write: a SELECT, or a cursor DECLAREd over one (PostgreSQL's exports)."""
    return [q["sql"] for q in captured.captured_queries if not q["sql"].lstrip().upper().startswith(WRITES)]


def business_reads(captured: CaptureQueriesContext) -> list[str]:
    """The reads naming any table beyond the login's."""
    return [sql for sql in reads(captured) if any(not t.startswith(PRIMARY_TABLES) for t in TABLE.findall(sql))]


def test_figures_drill_downs_area_pages_and_exports_read_the_replica(login, district):
    client = login("qingbo_admin")
    for url in REPLICA_PAGES:
        with both() as (primary, replica):
            response = client.get(url)
        assert response.status_code == 200, url
        assert business_reads(replica), f"{url}: the figures are read on the replica"
        assert business_reads(primary) == [], f"{url}: the primary reads only the session and the user"
        assert reads(replica) == [q["sql"] for q in replica.captured_queries], f"{url}: the replica is only read"


def test_an_export_appends_to_the_audit_chain_read_on_the_primary(login, district):
    client = login("qingbo_admin")
    with both() as (primary, replica):
        assert client.get("/registers/workers/export/").status_code == 200
    assert any('"audit_auditentry"' in sql for sql in reads(primary))  # the chain's head, inside the write
    assert not any('"audit_auditentry"' in sql for sql in reads(replica))


def test_writes_filing_imports_and_workflow_moves_never_touch_the_replica(login, district, personas):
    client = login("qingbo_admin")
    union_accepted(personas, district, 2024)  # a street files after its unions are received (SPEC §8)
    with both() as (primary, replica):
        created = client.post(reverse("registers:record-create", args=["mediation_orgs"]), form_data("mediation_orgs", ORG_CELLS))
        filed = client.post(reverse("indicators:file"), {"year": 2024})
        upload = client.post(reverse("registers:import", args=["workers"]), {"file": SimpleUploadedFile(
            "职工.xlsx", xlsx([WORKER_HEADERS, worker_row(district)]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
        confirmed = client.post(upload.url.rstrip("/") + "/confirm/")
        case = client.post(reverse("registers:record-create", args=["cases"]), form_data("cases", {
            "案件编号": "2026劳调0001", "申请人": "张清波", "被申请单位": district.qingbo_employer.name,
            "争议类型": "劳动报酬", "申请日期": "2026-01-05", "调解组织": ORG_CELLS["名称"], "状态": "已申请"}))
        from mediation.models import Case

        pk = Case.objects.get(number="2026劳调0001").pk
        moved = client.post(reverse("registers:record-move", args=["cases", pk]),
                            {"to": "已受理", "reason": "材料齐全", "accepted_on": "2026-01-06"})
    assert [r.status_code for r in (created, filed, upload, confirmed, case, moved)] == [302] * 6
    from indicators.models import FiledReport
    from registers.models import ImportLog, ImportStatus

    assert FiledReport.objects.filter(org=district.qingbo, year=2024).exists()
    assert ImportLog.objects.get().status == ImportStatus.DONE
    assert Case.objects.get(pk=pk).status == "已受理"
    assert replica.captured_queries == []
    assert business_reads(primary)


def test_a_session_that_wrote_reads_the_primary_for_the_pin_then_the_replica(login, personas, settings):
    writer = login("qingbo_admin")
    assert writer.post(reverse("registers:record-create", args=["mediation_orgs"]),
                       form_data("mediation_orgs", ORG_CELLS)).status_code == 302
    with both() as (primary, replica):
        assert writer.get("/indicators/dashboard/").status_code == 200
    assert replica.captured_queries == [] and business_reads(primary)
    other = Client()  # another user, who wrote nothing, reads the replica meanwhile
    other.force_login(personas["qingbo_viewer"])
    with both() as (primary, replica):
        assert other.get("/indicators/dashboard/").status_code == 200
    assert business_reads(replica) and business_reads(primary) == []
    settings.REPLICA_PIN_SECONDS = 0  # the pin has run out
    with both() as (primary, replica):
        assert writer.get("/indicators/dashboard/").status_code == 200
    assert business_reads(replica) and business_reads(primary) == []


def test_a_refused_post_does_not_pin(login, district):
    viewer = login("qingbo_viewer")
    assert viewer.post(reverse("indicators:file"), {"year": 2024}).status_code == 403
    with both() as (_, replica):
        viewer.get("/indicators/dashboard/")
    assert business_reads(replica)


def test_a_background_report_reads_its_figures_on_the_replica(login, district):
    from indicators.models import ReportJob

    client = login("qingbo_admin")
    with both() as (primary, replica):
        assert client.post(reverse("indicators:report-start"), {"year": 2025, "fmt": "xlsx"}).status_code == 302
    assert ReportJob.objects.get().status == ReportJob.Status.DONE
    assert business_reads(replica), "the report's figures"
    assert any('INSERT INTO "indicators_reportjob"' in q["sql"] for q in primary.captured_queries)
    assert reads(replica) == [q["sql"] for q in replica.captured_queries]


def test_the_router_writes_and_migrates_on_the_primary_only(district):
    from workers.models import Worker

    with replica_reads():
        assert router.db_for_read(Worker) == "replica"
        assert router.db_for_write(Worker) == "default"
    assert router.db_for_read(Worker) == "default"
    assert router.allow_migrate("default", "workers") and not router.allow_migrate("replica", "workers")
