"""uniondesk restore FILE: a backup into an empty database of the same engine (operations/restore.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.engines import ToolFailed
from operations.restore import Refused, restore_backup


class Command(BaseCommand):
    help = ("从备份恢复：只恢复到同一种数据库的空库；拒绝比本程序新的数据库结构，较旧的在核对行数后迁移；"
            "恢复后校验审计日志（须使用与备份时相同的 AUDIT_KEY），并记一条“恢复备份”日志。")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="uniondesk backup 写出的备份文件")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            restored = restore_backup(path=Path(file))
        except (Refused, ToolFailed) as error:
            raise CommandError(f"恢复失败：{error}") from error
        manifest = restored.manifest
        for warning in restored.warnings:
            self.stderr.write(f"注意：{warning}")
        migrated = f"已迁移 {len(restored.migrated)} 个迁移到本版本" if restored.migrated else "数据库结构与本版本相同"
        self.stdout.write(
            f"已从 {file} 恢复（备份于 {manifest.created_at}，版本 {manifest.version}，用时 {restored.seconds:.1f} 秒）："
            f"{len(manifest.counts)} 张表共 {sum(manifest.counts.values())} 行，与清单一致；{migrated}；"
            f"审计日志 {restored.audit_checked} 条校验通过，已记录本次恢复。"
        )
        if manifest.engine == "postgresql":
            self.stdout.write("PostgreSQL：恢复的表归当前角色所有；如应用程序用另一个角色连接，请再执行 uniondesk dbroles 该角色 --apply。")
