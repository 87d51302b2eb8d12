"""uniondesk backup FILE: the whole database and its manifest in one archive (operations/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.backup import backup_take
from operations.engines import ToolFailed


class Command(BaseCommand):
    help = ("备份数据库：写出一个归档文件，含清单（版本、各应用最后的迁移、各表行数、审计日志链头）和数据"
            "（PostgreSQL 为 pg_dump 自定义格式，SQLite 为在线备份）。审计密钥 AUDIT_KEY 不在备份中。")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="备份文件（.tar.gz），已存在时被替换")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            taken = backup_take(path=Path(file))
        except (ToolFailed, OSError) as error:
            raise CommandError(f"备份失败：{error}") from error
        manifest = taken.manifest
        head = manifest.audit_head
        self.stdout.write(
            f"已备份到 {file}（{taken.size / 2**20:.1f} MB，用时 {taken.seconds:.1f} 秒）：{manifest.engine}，版本 {manifest.version}，"
            f"{len(manifest.counts)} 张表共 {sum(manifest.counts.values())} 行，"
            f"审计日志 {head['seq'] if head else 0} 条。恢复时须使用相同的 AUDIT_KEY。"
        )
