"""uniondesk remind [--date YYYY-MM-DD]: put each user's newly due items in their notifications."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from todo.services import remind


class Command(BaseCommand):
    help = "把每位用户新出现的待办事项写入站内提醒（每天由 cron 运行一次；同一事项只提醒一次）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="按这一天计算期限（默认今天），格式 2026-05-14")

    def handle(self, *args: object, date: str | None = None, **options: object) -> None:
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"日期“{date}”格式不对，应为 2026-05-14") from None
        sent = remind(today)
        total = sum(sent.values())
        for username, n in sorted(sent.items()):
            self.stdout.write(f"  {username}：{n} 条新提醒")
        self.stdout.write(self.style.SUCCESS(f"已发出 {total} 条新提醒，涉及 {len(sent)} 位用户。"))
