"""`uniondesk backup` and what `uniondesk restore` refuses, on the suite's own database.

A restore that succeeds needs an empty database: tests/test_restore.py runs those as commands on
databases of their own, and scripts/drill-backup.sh runs the whole drill on the demo.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AuditEntry
from audit.services import audit_record
from operations.engines import sqlite_snapshot
from orgs.models import Org


def _manifest(path: Path) -> dict:
    with tarfile.open(path) as archive:
        return json.loads(archive.extractfile("manifest.json").read())


def _forged(path: Path, **changes) -> Path:
    """An archive holding a manifest alone, as a backup of this database would have it."""
    manifest = {"product": "uniondesk", "format": 1, "engine": connection.vendor, "created_at": "2026-01-01T00:00:00+08:00",
                "version": "0.1.0", "migrations": {"audit": "0001_initial"}, "counts": {}, "audit_head": None,
                "data": "data.sqlite3" if connection.vendor == "sqlite" else "data.pgdump", **changes}
    raw = json.dumps(manifest).encode()
    with tarfile.open(path, "w") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(raw)
        archive.addfile(info, io.BytesIO(raw))
    return path


def _restore(path: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), stdout=io.StringIO())
    return str(refused.value)


@pytest.mark.django_db(transaction=True)
def test_backup_writes_one_archive_with_a_manifest_of_the_data_and_no_key(district, tmp_path, settings):
    settings.AUDIT_KEY = "a-key-that-must-stay-in-configuration"
    audit_record(action="create", username="测试", object_repr="清波")
    path = tmp_path / "backup.tar"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert f"已备份到 {path}" in out.getvalue() and "审计日志 1 条" in out.getvalue()
    with tarfile.open(path) as archive:
        names = archive.getnames()
    manifest = _manifest(path)
    assert names == ["manifest.json", manifest["data"]]
    assert manifest["engine"] == connection.vendor and manifest["version"] == "0.1.0"
    assert manifest["counts"]["orgs_org"] == Org.objects.count() == 5
    assert manifest["counts"]["workers_worker"] == 6
    assert manifest["migrations"]["audit"] == "0007_restore_action"
    entry, backup = AuditEntry.objects.order_by("seq")
    assert manifest["audit_head"] == {"seq": entry.seq, "id": entry.id, "hash": entry.hash}
    # the copy of everyone's data is in the log, after the snapshot the archive holds
    assert (backup.action, backup.object_repr, backup.detail["行"]) == ("export", "backup.tar", sum(manifest["counts"].values()))
    assert settings.AUDIT_KEY.encode() not in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0  # personal data: the operator's alone


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty_and_names_what_is_in_it(district, tmp_path):
    message = _restore(_forged(tmp_path / "b.tar"))
    assert "不是空库，拒绝恢复" in message
    assert "个迁移" in message and "orgs_org（5 行）" in message and "workers_worker（6 行）" in message


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_schema_before_anything_else(tmp_path):
    message = _restore(_forged(tmp_path / "b.tar", version="9.0", migrations={"audit": "9999_from_a_later_version"}))
    assert "备份的数据库结构比本程序新（备份时版本 9.0）" in message and "audit.9999_from_a_later_version" in message


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_another_engine(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    message = _restore(_forged(tmp_path / "b.tar", engine=other))
    assert "只能恢复到同一种数据库" in message


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"", b"not an archive", None])
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, content):
    path = tmp_path / "b.tar"
    if content is None:  # a tar archive without a manifest
        with tarfile.open(path, "w") as archive:
            archive.add(__file__, arcname="other.py")
    else:
        path.write_bytes(content)
    assert "恢复失败" in _restore(path)


def test_a_sqlite_backup_holds_each_import_whole_or_not_at_all(tmp_path):
    """What the backup API promises, with a writer committing "imports" of 500 rows each while
    copies are taken: every copy holds whole imports only, and the copies did see them arrive."""
    source = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(source)
    setup.executescript("PRAGMA journal_mode=WAL; CREATE TABLE row (import INTEGER, n INTEGER);")
    setup.close()
    stop = threading.Event()

    def importer() -> None:
        writer = sqlite3.connect(source, timeout=20)
        number = 0
        while not stop.is_set():
            number += 1
            with writer:  # one transaction per import
                writer.executemany("INSERT INTO row VALUES (?, ?)", [(number, n) for n in range(500)])
        writer.close()

    thread = threading.Thread(target=importer)
    thread.start()
    seen = set()
    try:
        reader = sqlite3.connect(source, timeout=20)
        for copy_number in range(30):
            copy = tmp_path / f"copy{copy_number}.sqlite3"
            sqlite_snapshot(reader, copy)
            check = sqlite3.connect(copy)
            sizes = check.execute("SELECT import, COUNT(*) FROM row GROUP BY import").fetchall()
            check.close()
            assert all(size == 500 for _, size in sizes), sizes
            seen.add(len(sizes))
        reader.close()
    finally:
        stop.set()
        thread.join()
    assert len(seen) > 3, "the copies were not taken while the imports went on"


def test_a_sqlite_backup_taken_in_the_middle_of_an_import_holds_none_of_it(tmp_path):
    source = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(source, isolation_level=None)
    writer.executescript("PRAGMA journal_mode=WAL; CREATE TABLE row (import INTEGER, n INTEGER);")
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany("INSERT INTO row VALUES (1, ?)", [(n,) for n in range(250)])
    reader = sqlite3.connect(source, timeout=20)
    sqlite_snapshot(reader, tmp_path / "during.sqlite3")  # half the import written, not committed
    writer.executemany("INSERT INTO row VALUES (1, ?)", [(n,) for n in range(250, 500)])
    writer.execute("COMMIT")
    sqlite_snapshot(reader, tmp_path / "after.sqlite3")
    reader.close()
    writer.close()

    def rows(name: str) -> int:
        check = sqlite3.connect(tmp_path / name)
        try:
            return check.execute("SELECT COUNT(*) FROM row").fetchone()[0]
        finally:
            check.close()

    assert (rows("during.sqlite3"), rows("after.sqlite3")) == (0, 500)


