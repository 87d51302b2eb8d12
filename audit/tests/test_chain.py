"""The audit log is append-only and its hash chain shows tampering."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit import sealing
from audit.models import Action, AppendOnlyError, AuditEntry
from audit.services import audit_log_clear, audit_record, verify_chain


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
        cursor.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry")
    else:
        cursor.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")


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


def test_auditor_page_shows_the_subtree_entries_and_the_check(login, district, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # each commits and is anchored, as in production
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


# --- keyed seals, the anchor outside the table, TRUNCATE ------------------------------------------

needs_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="TRUNCATE 与触发器检验仅在 PostgreSQL 上")


def _anchored_entries(n: int, capture) -> list[AuditEntry]:
    """Entries whose anchors are written as in production, where each commits on its own."""
    with capture(execute=True):
        return _entries(n)


def _unguarded(sql: str, params: list | None = None) -> None:
    """Someone with the owner's rights: the triggers dropped, any statement."""
    with connection.cursor() as cursor:
        _drop_triggers(cursor)
        cursor.execute(sql, params or [])


@needs_postgres
def test_the_database_refuses_to_truncate_the_log(db):
    _entries(2)
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL uniondesk.allow_audit_truncate = off")
        cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == 2


def test_an_entry_rewritten_and_its_chain_recomputed_without_the_key_fails(db):
    entries = _entries(5)
    target = AuditEntry.objects.get(pk=entries[2].pk)
    target.username = "mallory"
    prev = entries[1].hash
    # the forger recomputes every seal from the rewritten one on, with the best key they can guess
    for entry in AuditEntry.objects.filter(pk__gte=target.pk).order_by("id"):
        if entry.pk == target.pk:
            entry = target
        entry.prev_hash = prev
        forged = sealing.seal(entry.seal_payload(), keyed=True, key=b"guessed")
        _unguarded("UPDATE audit_auditentry SET username = %s, prev_hash = %s, hash = %s WHERE id = %s",
                   [entry.username, prev, forged, entry.pk])
        prev = forged
    check = verify_chain()
    assert not check.ok and check.broken_id == target.pk and "密钥封印不符" in check.problem


def test_a_chain_recomputed_as_unkeyed_seals_fails(db):
    entries = _entries(3)
    _unguarded("UPDATE audit_auditentry SET key_id = NULL, seq = NULL WHERE id = %s", [entries[2].pk])
    entry = AuditEntry.objects.get(pk=entries[2].pk)
    _unguarded("UPDATE audit_auditentry SET hash = %s WHERE id = %s", [entry.compute_hash(), entry.pk])
    check = verify_chain()
    assert check.broken_id == entries[2].pk and "没有密钥封印" in check.problem


def test_another_key_is_named_as_such(db, settings):
    _entries(2)
    settings.AUDIT_KEY = "a-different-key-than-the-one-that-sealed-the-log"
    check = verify_chain()
    assert not check.ok and "另一把密钥" in check.problem and sealing.key_id() in check.problem


def test_the_key_is_never_stored_with_the_entries(db, settings):
    settings.AUDIT_KEY = "k" * 40
    [entry] = _entries(1)
    stored = "".join(str(v) for v in AuditEntry.objects.values_list(flat=False).get(pk=entry.pk))
    assert settings.AUDIT_KEY not in stored and entry.key_id == sealing.key_id() and len(entry.key_id) == 8


def test_entries_sealed_before_the_key_still_verify_and_the_chain_goes_on_keyed(db):
    prev = "0" * 64
    for i in range(3):  # as the log was written before its seals were keyed
        old = AuditEntry(action=Action.LOGIN, username=f"old{i}", prev_hash=prev)
        old.hash = old.compute_hash()
        old.save()
        prev = old.hash
    new = _entries(2)
    assert [e.seq for e in new] == [4, 5] and new[0].prev_hash == prev
    check = verify_chain()
    assert check.ok and check.checked == 5


def test_deleting_the_last_entries_is_detected_by_the_anchor(db, django_capture_on_commit_callbacks):
    entries = _anchored_entries(25, django_capture_on_commit_callbacks)
    assert verify_chain().ok and verify_chain().tail_checked
    _unguarded("DELETE FROM audit_auditentry WHERE id >= %s", [entries[5].pk])
    check = verify_chain()
    assert not check.ok and check.checked == 5 and "末尾的日志被删除" in check.problem
    # the product writes on after the deletion: the new entries do not cover the gap
    _anchored_entries(3, django_capture_on_commit_callbacks)
    check = verify_chain()
    assert not check.ok and "末尾的日志被删除" in check.problem


def test_anchors_every_n_entries(db, settings, django_capture_on_commit_callbacks):
    settings.AUDIT_ANCHOR_EVERY = 10
    _anchored_entries(25, django_capture_on_commit_callbacks)
    lines = Path(settings.AUDIT_ANCHOR_FILE).read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [10, 20]
    assert verify_chain().ok and verify_chain().anchor.seq == 20


def test_the_check_page_says_what_failed(login, district, django_capture_on_commit_callbacks):
    entries = _anchored_entries(4, django_capture_on_commit_callbacks)
    _unguarded("DELETE FROM audit_auditentry WHERE id = %s", [entries[3].pk])
    page = login("district_auditor").get(reverse("audit:chain-check")).content.decode()
    assert "校验失败" in page and "末尾的日志被删除" in page and "校验通过" not in page


def test_the_check_page_says_when_no_anchor_vouches_for_the_end(login, district):
    _entries(2)  # committed in the test's transaction: no anchor was written
    page = login("district_auditor").get(reverse("audit:chain-check")).content.decode()
    assert "校验通过" not in page and "无法确认" in page


def test_a_log_cleared_on_purpose_starts_a_new_anchor_file(db, settings, django_capture_on_commit_callbacks):
    _anchored_entries(3, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        audit_log_clear()
        audit_record(action=Action.DELETE, username="命令行", object_repr="uniondesk demo --reset")
    check = verify_chain()
    assert check.ok and check.checked == 1 and check.anchor.seq == 1
    assert len(list(Path(settings.AUDIT_ANCHOR_FILE).parent.glob("audit-anchor.jsonl.*"))) == 1


def test_the_command_line_check_says_what_failed(db, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import CommandError, call_command

    entries = _anchored_entries(3, django_capture_on_commit_callbacks)
    out = StringIO()
    call_command("auditcheck", stdout=out)
    assert "校验通过：共 3 条" in out.getvalue()
    _unguarded("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    with pytest.raises(CommandError, match="末尾的日志被删除"):
        call_command("auditcheck")


def test_an_entry_whose_transaction_rolls_back_leaves_no_anchor(db, django_capture_on_commit_callbacks):
    _anchored_entries(2, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action=Action.CREATE, username="u", object_repr="未保存的记录")
        raise RuntimeError("the change it recorded failed")
    check = verify_chain()
    assert check.ok and check.checked == 2 and check.anchor.seq == 2


def test_each_database_has_its_own_anchor_file_by_default(tmp_path):
    """A second database (an empty one beside the demo's) never reads the first one's anchors."""

    def anchor_file(database: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "AUDIT_ANCHOR_FILE"} | {
            "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "uniondesk.settings"}
        code = "from django.conf import settings; print(settings.AUDIT_ANCHOR_FILE)"
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,  # noqa: S603
                              check=True).stdout.strip()

    demo, empty = anchor_file(f"sqlite:///{tmp_path / 'demo.db'}"), anchor_file(f"sqlite:///{tmp_path / 'empty.db'}")
    assert demo != empty and demo == anchor_file(f"sqlite:///{tmp_path / 'demo.db'}")


def test_an_address_written_in_a_long_form_still_verifies(db):
    """The database keeps an IPv6 address in its short form; the seal is made of the same form,
    so the check does not take the entry for a rewritten one. A socket with no address is no address."""
    from django.test import RequestFactory

    factory = RequestFactory()
    audit_record(action=Action.LOGIN, request=factory.get("/", REMOTE_ADDR="2001:DB8:0:0:0:0:0:0001"), username="a")
    audit_record(action=Action.LOGIN, request=factory.get("/", REMOTE_ADDR="unix:/run/app.sock"), username="b")
    assert list(AuditEntry.objects.order_by("id").values_list("ip", flat=True)) == ["2001:db8::1", None]
    assert verify_chain().ok
