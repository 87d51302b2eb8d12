"""The application's own database role may read and append to the audit log, nothing more."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import Action, AuditEntry
from audit.services import audit_record

pytestmark = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="数据库角色仅在 PostgreSQL 上")


@pytest.fixture
def as_app_role(db):
    """Create the role, grant it what `dbroles` grants and act as it, all inside the test's
    transaction (roles are created and dropped transactionally, so nothing outlives the test)."""
    role = f"{connection.settings_dict['NAME']}_app"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {connection.ops.quote_name(role)} NOLOGIN")
    call_command("dbroles", role, "--apply", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(role)}")
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == role
    return role


def _refused(sql: str, params: list | None = None) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    return str(error.value)


def test_the_app_role_cannot_change_empty_or_unguard_the_audit_log(district, as_app_role):
    entry = audit_record(action=Action.CREATE, username="qingbo_admin", org=district.qingbo, object_repr="清波记录")
    assert "permission denied" in _refused("UPDATE audit_auditentry SET username = 'mallory' WHERE id = %s", [entry.pk])
    assert "permission denied" in _refused("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert "permission denied" in _refused("TRUNCATE audit_auditentry")  # the right itself, not the trigger
    assert "must be owner" in _refused("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
    assert "must be owner" in _refused("DROP TRIGGER audit_entry_append_only ON audit_auditentry")
    assert "permission denied" in _refused("CREATE TABLE shadow_log (id int)")
    assert AuditEntry.objects.filter(pk=entry.pk, username="qingbo_admin").exists()


def test_the_app_works_under_the_app_role(login, district, as_app_role):
    client = login("qingbo_admin")
    before = AuditEntry.objects.count()
    response = client.post(reverse("orgs:org-edit", args=[district.qingbo_union.pk]),
                           {"name": "清波示范企业工会", "org_type": "基层工会", "chairman": "甲"})
    assert response.status_code == 302
    client.post(reverse("workers:worker-reveal", args=[district.qingbo_worker.pk]), {"reason": "核实"})
    district.qingbo_union.refresh_from_db()
    assert district.qingbo_union.chairman == "甲" and AuditEntry.objects.count() >= before + 2


def test_dbroles_refuses_the_owner_as_app_role(db):
    from django.core.management.base import CommandError

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="不能是表的所有者"):
        call_command("dbroles", owner)


def test_dbroles_prints_the_statements_for_the_owner_to_run(db):
    out = io.StringIO()
    call_command("dbroles", "uniondesk_app", stdout=out)
    text = out.getvalue()
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON "public"."audit_auditentry" FROM "uniondesk_app";' in text
    assert "每次 migrate 之后再执行一次" in text
