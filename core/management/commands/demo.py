"""uniondesk demo [--scale district|city] [--seed N] [--reset] (SPEC §6)."""

from __future__ import annotations

import argparse
import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import DEFAULT_SEED, DemoRefused, DemoResult, Sizes, build_demo, parse_sizes


def width(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: list[list[str]]) -> list[str]:
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]


class Command(BaseCommand):
    help = (
        "生成演示数据：上城区总工会及其 6 个街道总工会、系统工会、约 300 个基层工会、约 2,000 家单位、"
        "约 60,000 名职工（--scale city：杭州市总工会下 10 个区），并创建和打印演示账号。"
        "同一种子生成的数据相同。演示数据没有修改历史，首次编辑后开始记录。"
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--scale", choices=["district", "city"], default="district",
                            help="district：一个区（默认）；city：市总工会下十个区")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"随机种子（默认 {DEFAULT_SEED}）")
        parser.add_argument("--reset", action="store_true",
                            help="先删除现有的全部业务数据和账号（审计日志保留），再生成")
        # small / tiny, or key=value,… (see core/demo/sizes.py): for tests and benchmarks
        parser.add_argument("--size", default="district", help=argparse.SUPPRESS)

    def handle(self, *args: object, scale: str, seed: int, reset: bool, size: str | Sizes, **options: object) -> None:
        try:
            sizes = size if isinstance(size, Sizes) else parse_sizes(size)
            result = build_demo(
                scale=scale, seed=seed, sizes=sizes, reset=reset,
                progress=(lambda m: self.stdout.write(f"  {m}")) if options["verbosity"] >= 2 else None,
            )
        except (DemoRefused, ValueError) as error:
            raise CommandError(str(error)) from None
        self.report(result)

    def report(self, result: DemoResult) -> None:
        counts = result.counts
        if result.wiped:
            named = {label: n for label, n in result.wiped.items() if not label.isascii()}
            others = len(result.wiped) - len(named)
            gone = "、".join(f"{label} {n:,}" for label, n in named.items())
            self.stdout.write(f"已删除原有数据：{gone}{f' 及其他 {others} 张表' if others else ''}（审计日志保留）")
        self.stdout.write(self.style.SUCCESS(
            f"演示数据已生成：{result.root}（种子 {result.seed}，用时 {result.seconds:.1f} 秒）"
        ))
        for group in ("组织", "单位", "职工", "劳动合同"):
            total = counts["合计"].get(group)
            parts = "，".join(f"{label} {n:,}" for label, n in counts[group].items())
            self.stdout.write(f"  {group}{f' {total:,}' if total is not None else ''}：{parts}")
        self.stdout.write("  演示数据没有修改历史：每条记录在首次编辑时开始记录。")

        second = "首次登录后须绑定动态口令" if settings.OTP_REQUIRED else "双因素认证已关闭"
        self.stdout.write(f"\n演示账号（首次登录无须修改密码；{second}）：")
        rows = [["账号", "密码", "角色", "所属组织"]]
        rows += [[a.username, a.password, a.label, a.org] for a in result.accounts]
        for line in table(rows):
            self.stdout.write(line)
