"""uniondesk prune [--days N]: delete the files of imports left unfinished for N days."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from registers.imports import prune_uploads


class Command(BaseCommand):
    help = ("删除上传后超过 N 天仍未完成的导入文件（待确认未确认、有错误未改正、失败未重试），其中含个人信息；"
            "导入记录保留。每天运行一次（deploy/systemd/uniondesk-housekeeping）。")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="保留天数（默认 7）")

    def handle(self, *args: object, days: int, **options: object) -> None:
        counts = prune_uploads(days=max(days, 0))
        for status, n in counts.items():
            self.stdout.write(f"  {status}：{n} 个")
        self.stdout.write(self.style.SUCCESS(f"已删除 {sum(counts.values())} 个超过 {days} 天未完成导入的上传文件。"))
