"""`uniondesk restore FILE`: a backup into an empty database of the same engine.

In order: read the manifest; refuse another engine, a newer schema, a database that is not empty;
load the data; check the restored rows against the manifest's counts (before any migration
changes them); migrate an older schema to this code's; verify the audit chain and that it ends at
the head the manifest names; append an entry recording the restore. Every refusal says what stands
in the way; those of the manifest, the engine, the schema and a database not empty come before
anything is written, those of the rows and the audit chain after loading (the database then holds
the backup and must not be used).
"""

from __future__ import annotations

import sqlite3
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.services import COMMAND_LINE
from audit import anchors
from audit.models import Action
from audit.services import audit_record, verify_chain

from . import engines
from .backup import MANIFEST_MEMBER
from .manifest import MIGRATIONS_TABLE, Manifest, inventory, unknown_migrations

ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class Refused(Exception):
    """The restore did not start (nothing was written) or stopped; the message says why."""


@dataclass
class Restored:
    manifest: Manifest
    migrated: list[str] = field(default_factory=list)
    audit_checked: int = 0
    anchor_kept_as: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile(MANIFEST_MEMBER)
        if member is None:
            raise KeyError(MANIFEST_MEMBER)
        return Manifest.from_json(member.read())
    except (KeyError, ValueError, TypeError, tarfile.TarError, EOFError, zlib.error) as error:
        raise Refused(f"不是本系统的备份：缺少或无法读取 {MANIFEST_MEMBER}（{error}）。") from error


def _not_empty() -> list[str]:
    """What the open database already holds, in words: tables with rows, applied migrations."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        migrations, counts, _ = inventory(cursor, tables, connection.ops.quote_name)
    found = []
    if MIGRATIONS_TABLE in counts and counts[MIGRATIONS_TABLE]:
        found.append(f"已应用 {counts[MIGRATIONS_TABLE]} 个迁移（涉及 {len(migrations)} 个应用）")
    with_rows = [f"{table}（{n} 行）" for table, n in counts.items() if n and table != MIGRATIONS_TABLE]
    if with_rows:
        shown = "、".join(with_rows[:10]) + (f" 等 {len(with_rows)} 张表" if len(with_rows) > 10 else "")
        found.append(f"有数据的表：{shown}")
    if tables and not found:
        found.append(f"已有 {len(tables)} 张（空）表：{'、'.join(sorted(tables)[:10])}")
    return found


def _check_before(manifest: Manifest) -> None:
    vendor = connection.vendor
    if manifest.engine != vendor:
        raise Refused(f"备份来自 {ENGINE_NAMES.get(manifest.engine, manifest.engine)} 数据库，"
                      f"当前 DATABASE_URL 是 {ENGINE_NAMES.get(vendor, vendor)}：只能恢复到同一种数据库。")
    if newer := unknown_migrations(manifest.migrations):
        raise Refused(f"备份的数据库结构比本程序新（备份时版本 {manifest.version}）：本程序没有迁移 {'、'.join(newer)}。"
                      "请先把程序升级到不低于备份时的版本再恢复。")
    if found := _not_empty():
        name = connection.settings_dict.get("NAME")
        raise Refused(f"目标数据库 {name} 不是空库，拒绝恢复：{'；'.join(found)}。请新建一个空库（不要先运行 migrate）再恢复。")


def _check_rows(manifest: Manifest) -> None:
    """The restored data is what was backed up: same tables, same rows, same migrations."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        migrations, counts, head = inventory(cursor, tables, connection.ops.quote_name)
    differ = [f"{table}：备份时 {n} 行，恢复后 {counts.get(table, '（无此表）')} 行"
              for table, n in manifest.counts.items() if counts.get(table) != n]
    if differ or migrations != manifest.migrations or head != manifest.audit_head:
        what = "；".join(differ[:10]) or "迁移记录或审计日志链头与清单不符"
        raise Refused(f"恢复后的数据与备份清单不符，备份文件可能已损坏：{what}。请勿使用此数据库。")


def _migrate() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate", interactive=False, verbosity=0)
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _verify_audit(manifest: Manifest, result: Restored) -> None:
    """The chain must hold under this AUDIT_KEY. The anchor file of this database may know of
    entries written after the backup was taken (a restore over the same database): those are lost
    with everything else written since, so that file is kept aside and the restore says so."""
    check = verify_chain()
    if check.broken_id is not None:
        raise Refused(f"恢复后审计日志校验失败：{check.problem} 请确认 AUDIT_KEY（未设置时为 SECRET_KEY）与备份时相同；"
                      "数据已写入数据库，但在查明原因之前请勿投入使用。")
    result.audit_checked = check.checked
    if check.problem and check.anchor is not None:  # the chain is whole but shorter than the anchors say
        kept = anchors.anchor_restart()
        result.anchor_kept_as = str(kept or "")
        result.warnings.append(
            f"本数据库原有的锚点文件与恢复的审计日志（{check.checked} 条，封印链完整）不符：{check.problem}"
            f"备份之后写入的数据和日志不在此备份中。原锚点文件已改名保留为 {kept}，新的锚点从本次恢复开始。")


def _record(manifest: Manifest, path: Path, result: Restored) -> None:
    head = manifest.audit_head or {}
    entry = audit_record(
        action=Action.RESTORE, username=COMMAND_LINE, object_type="数据库备份", object_repr=path.name[:200],
        detail={"备份文件": path.name, "备份时间": manifest.created_at, "备份时版本": manifest.version,
                "备份时日志条数": head.get("seq"), "迁移": result.migrated, "旧锚点文件": result.anchor_kept_as},
    )
    if entry.seq is not None and not anchors.is_due(entry.seq):  # anchor the restored log at once
        anchors.anchor_write(seq=entry.seq, entry_id=entry.id, hash=entry.hash)


def restore_backup(*, path: Path) -> Restored:
    started = time.monotonic()
    try:
        archive = tarfile.open(path, "r:*")
    except (OSError, tarfile.TarError) as error:
        raise Refused(f"无法读取备份文件 {path}：{error}") from error
    with archive, tempfile.TemporaryDirectory(prefix=".uniondesk-restore-") as work:
        manifest = _read_manifest(archive)
        _check_before(manifest)
        try:
            member = archive.extractfile(manifest.data) if manifest.data in engines.DATA_MEMBER.values() else None
        except KeyError:
            member = None
        if member is None:
            raise Refused(f"备份文件中缺少数据（{manifest.data}）。")
        data = Path(work) / manifest.data
        try:
            with data.open("wb") as out:
                while chunk := member.read(1 << 20):
                    out.write(chunk)
        except (tarfile.TarError, EOFError, zlib.error) as error:  # a truncated or damaged archive
            raise Refused(f"备份文件已损坏，无法读出数据：{error}") from error
        try:
            engines.LOAD[manifest.engine](data)
        except sqlite3.DatabaseError as error:  # the member is not an SQLite database
            raise Refused(f"备份文件中的数据无法读取：{error}") from error
    result = Restored(manifest=manifest)
    _check_rows(manifest)
    result.migrated = _migrate()
    _verify_audit(manifest, result)
    _record(manifest, path, result)
    result.seconds = time.monotonic() - started
    return result
