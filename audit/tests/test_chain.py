"""The audit log is append-only and its hash chain shows tampering."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import Action, AppendOnlyError, AuditEntry
from audit.services import audit_record, verify_chain


def _entries(n: int) -> list[AuditEntry]:
    return [audit_record(action=Action.CREATE, username=f"u{i}", object_repr=f"记录{i}") for i in range(n)]


def test_each_entry_carries_the_hash_of_the_one_before(db):
    first, second, third = _entries(3)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert verify_chain().ok and verify_chain().checked == 3


def test_the_model_refuses_update_and_delete(db):
    entry = _entries(1)[0]
    entry.result = "失败"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(result="失败")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_an_update_behind_the_products_back(db):
    entry = _entries(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET username = %s WHERE id = %s", ["mallory", entry.id])


def _drop_triggers(cursor) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("DROP TRIGGER audit_entry_append_only ON audit_auditentry")
    else:
        cursor.execute("DROP TRIGGER audit_entry_no_update")


def test_tampering_by_someone_who_drops_the_trigger_is_detected(db):
    entries = _entries(4)
    with connection.cursor() as cursor:
        _drop_triggers(cursor)
        cursor.execute("UPDATE audit_auditentry SET username = %s WHERE id = %s", ["mallory", entries[2].id])
    check = verify_chain()
    assert not check.ok and check.broken_id == entries[2].id and check.checked == 2


def test_a_deleted_entry_breaks_the_chain(db):
    entries = _entries(4)
    with connection.cursor() as cursor:
        _drop_triggers(cursor)
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].id])
    assert verify_chain().broken_id == entries[2].id


def test_auditor_page_shows_the_subtree_entries_and_the_check(login, district):
    audit_record(action=Action.CREATE, username="qingbo_admin", org=district.qingbo, object_repr="清波记录")
    audit_record(action=Action.CREATE, username="hubin_admin", org=district.hubin, object_repr="湖滨记录")
    qingbo = login("qingbo_auditor").get(reverse("audit:entry-list")).content.decode()
    assert "清波记录" in qingbo and "湖滨记录" not in qingbo
    district_page = login("district_auditor").get(reverse("audit:entry-list")).content.decode()
    assert "清波记录" in district_page and "湖滨记录" in district_page
    check = login("district_auditor").get(reverse("audit:chain-check")).content.decode()
    assert "校验通过" in check


def test_auditor_filters_by_action_and_user(login, district):
    audit_record(action=Action.REVEAL, username="qingbo_admin", org=district.qingbo, object_repr="张清波")
    audit_record(action=Action.CREATE, username="qingbo_admin", org=district.qingbo, object_repr="新单位")
    page = login("qingbo_auditor").get(reverse("audit:entry-list"), {"action": "reveal"}).content.decode()
    assert "张清波" in page and "新单位" not in page


def test_writes_through_the_pages_leave_a_valid_chain(login, district):
    client = login("qingbo_admin")
    client.post(reverse("workers:worker-reveal", args=[district.qingbo_worker.pk]), {"reason": "核实"})
    client.post(reverse("orgs:org-edit", args=[district.qingbo_union.pk]), {"name": "清波示范企业工会", "org_type": "基层工会", "chairman": "甲"})
    assert AuditEntry.objects.count() >= 2 and verify_chain().ok
