"""`uniondesk restore` as an operator runs it, into new SQLite databases: an older backup is migrated
and its audit log verifies; under another AUDIT_KEY the restore says the log does not verify.
(scripts/drill-backup.sh runs the whole drill on the demo, on SQLite and PostgreSQL.)"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"SECRET_KEY": "restore-test-secret", "AUDIT_KEY": "restore-test-audit-key"}

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite files of its own; the drill covers PostgreSQL")


def uniondesk(tmp: Path, database: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **KEYS, "UNIONDESK_VAR": str(tmp / "var"),
                   "DATABASE_URL": f"sqlite:///{tmp / database}", **env}
    environment.pop("AUDIT_ANCHOR_FILE", None)
    return subprocess.run([sys.executable, "-m", "uniondesk.cli", *args], cwd=ROOT, env=environment,  # noqa: S603
                          capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def older_backup(tmp_path_factory) -> tuple[Path, Path]:
    """A database with an account and its audit entries, one migration behind this code, backed up."""
    tmp = tmp_path_factory.mktemp("restore")
    for args in (["migrate", "-v0"], ["adduser", "admin", "--org", "上城区总工会", "--role", "admin"],
                 ["migrate", "audit", "0006", "-v0"], ["backup", str(tmp / "older.tar.gz")]):
        done = uniondesk(tmp, "source.sqlite3", *args)
        assert done.returncode == 0, done.stderr
    return tmp, tmp / "older.tar.gz"


def test_an_older_backup_is_restored_migrated_and_its_audit_log_verifies(older_backup):
    tmp, archive = older_backup
    done = uniondesk(tmp, "restored.sqlite3", "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "与清单一致；已迁移 1 个迁移到本版本" in done.stdout and "校验通过，已记录本次恢复" in done.stdout
    check = uniondesk(tmp, "restored.sqlite3", "auditcheck")
    assert check.returncode == 0 and "审计日志校验通过" in check.stdout, check.stderr
    again = uniondesk(tmp, "restored.sqlite3", "restore", str(archive))
    assert again.returncode == 1 and "不是空库，拒绝恢复" in again.stderr and "accounts_user（1 行）" in again.stderr


def test_under_another_audit_key_the_restore_says_the_log_does_not_verify(older_backup):
    tmp, archive = older_backup
    done = uniondesk(tmp, "other-key.sqlite3", "restore", str(archive), AUDIT_KEY="another-key")
    assert done.returncode == 1
    assert "恢复后审计日志校验失败" in done.stderr and "由另一把密钥封印" in done.stderr
    assert "请确认 AUDIT_KEY" in done.stderr


def test_an_archive_without_its_data_is_refused_and_the_empty_database_stays_empty(older_backup):
    tmp, archive = older_backup
    cut = tmp / "manifest-only.tar"
    with tarfile.open(archive) as whole, tarfile.open(cut, "w") as part:
        member = whole.getmember("manifest.json")
        part.addfile(member, whole.extractfile(member))
    done = uniondesk(tmp, "still-empty.sqlite3", "restore", str(cut))
    assert done.returncode == 1 and "备份文件中缺少数据（data.sqlite3）" in done.stderr
    tables = sqlite3.connect(tmp / "still-empty.sqlite3").execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == []


@pytest.mark.parametrize("damage", ["manifest-a-list", "migrations-not-a-mapping", "cut-short", "data-not-a-database"])
def test_a_damaged_archive_is_refused_in_chinese_not_with_a_traceback(older_backup, damage):
    tmp, archive = older_backup
    with tarfile.open(archive) as whole:
        manifest = json.loads(whole.extractfile("manifest.json").read())
        data = whole.extractfile("data.sqlite3").read()
    if damage == "manifest-a-list":
        manifest = [manifest]
    elif damage == "migrations-not-a-mapping":
        manifest["migrations"] = list(manifest["migrations"])
    elif damage == "data-not-a-database":
        data = b"not a database " * 1000
    path = tmp / f"{damage}.tar.gz"
    with tarfile.open(path, "w:gz") as part:
        for name, raw in (("manifest.json", json.dumps(manifest).encode()), ("data.sqlite3", data)):
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            part.addfile(info, io.BytesIO(raw))
    if damage == "cut-short":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    done = uniondesk(tmp, f"{damage}.sqlite3", "restore", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "恢复失败" in done.stderr and "备份" in done.stderr
