"""uniondesk demo [--scale district|city] [--seed N] [--reset] (SPEC §6).

The district is the one of the annual summary sample (2021–2023, its registers written as Excel
files and imported as an office would), with the years since then generated on top by each app's
demo step (demo/steps/); the city is ten generated districts.
"""

from __future__ import annotations

import argparse
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from simple_history.models import registered_models

from core.bulk import History
from demo import filings, sample_district
from demo.context import SIZES, DemoContext
from demo.reset import wipe
from demo.steps import on_sample, steps
from orgs.models import Org
from registers.catalog import get_register, registers


class Command(BaseCommand):
    help = "生成演示数据：上城区总工会（--scale city 为杭州市总工会下的十个区），并打印演示账号。"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--scale", choices=["district", "city"], default="district")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--reset", action="store_true", help="先清空现有业务数据和账号")
        parser.add_argument("--live", action="store_true", help="区级也改为全部随机生成（不含范本年度）")
        parser.add_argument("--size", choices=sorted(SIZES), default="district", help=argparse.SUPPRESS)

    def handle(self, *args: object, scale: str, seed: int, reset: bool, size: str, live: bool = False,
               **options: object) -> None:
        started = time.perf_counter()
        if Org.objects.exists():
            if not reset:
                raise CommandError("数据库中已有组织数据，未生成演示数据。如需清空后重建，请加 --reset。")
            self.stdout.write("清空现有数据 …")
            wipe()
        ctx = DemoContext(seed=seed, scale=scale, sizes=SIZES[size], rng=random.Random(seed))
        sample = scale == "district" and size == "district" and not live
        if sample:
            self._sample(ctx)
        with transaction.atomic():
            for step in on_sample() if sample else steps():
                step.fill(ctx)
            start_histories()
        if sample:  # what the registers now hold, the sample's rows and the later ones
            ctx.counts = {register.label: register.model.objects.count() for register in registers().values()}
            ctx.counts["年度报告定稿"] = filings.district_years(ctx)
        elif scale == "city":
            ctx.counts["上年度上报的区"] = filings.city_last_year(ctx)
        # Fresh statistics let the planner pick the name index for list pages; on PostgreSQL the
        # vacuum also sets the visibility map, so counts can use index-only scans (bench/worker_list.py).
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"演示数据已生成（种子 {seed}，用时 {elapsed:.1f} 秒）："))
        for label, n in ctx.counts.items():
            self.stdout.write(f"  {label}：{n:,}")
        self.stdout.write("\n演示账号（演示环境已关闭双因素认证）：")
        self.stdout.write(f"  {'账号':<16}{'密码':<16}{'角色':<12}所属组织")
        for username, full_name, org, password in ctx.accounts:
            self.stdout.write(f"  {username:<16}{password:<16}{full_name:<10}{org}")

    def _sample(self, ctx: DemoContext) -> None:
        """The district of the sample summary, written as Excel files and imported as a user would;
        the steps after it date their records from the year after the sample's."""
        for imported in sample_district.import_all():
            if imported.problems:
                raise CommandError(f"{imported.slug} 导入失败：{imported.problems[0]}")
            ctx.counts[get_register(imported.slug).label] = imported.rows
        ctx.districts = [Org.objects.get(depth=1)]
        ctx.since = sample_district.YEAR + 1


def start_histories() -> None:
    """Each record the steps wrote in bulk gets the history row of its creation, dated now (when
    the database got it), so that its first change on a page shows what it was before."""
    now = timezone.now()
    for model in registered_models.values():
        ids = list(model._default_manager.values_list("pk", flat=True))
        History(model).copy_from_table(ids, kind="+", reason="演示数据", when=now, user_id=None, only_without_history=True)

