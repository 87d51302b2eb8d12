"""uniondesk report annual --year Y [--org NAME] --format json [-o FILE] (SPEC §6)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from indicators.report import annual
from orgs.models import Org


class Command(BaseCommand):
    help = "生成年度报告：指标（JSON）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=["annual"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--org", help="组织名称（默认为根组织）")
        parser.add_argument("--format", dest="fmt", choices=["json"], default="json")
        parser.add_argument("-o", "--output", help="输出文件（默认打印到标准输出）")

    def handle(self, *args: object, kind: str, year: int, org: str | None, fmt: str, output: str | None, **options: object) -> None:
        if not Org.objects.exists():
            raise CommandError("数据库中还没有组织，请先导入组织或运行 uniondesk demo。")
        chosen = None
        if org:
            chosen = Org.objects.filter(name=org).first()
            if chosen is None:
                raise CommandError(f"找不到名为“{org}”的组织")
        text = json.dumps(annual(year, chosen), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"已写入 {output}")
        else:
            sys.stdout.write(text + "\n")
