"""uniondesk demo [--scale district|city] [--seed N] [--reset] (SPEC §6).

The district is the one of the annual summary sample (2021–2023, its registers written as Excel
files and imported as an office would), with the years since then generated on top by each app's
demo step; the city is ten generated districts.
"""

from __future__ import annotations

import argparse
import importlib
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.demo_context import DEMO_STEPS, SIZES, DemoContext
from orgs.models import Org


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
        steps = DEMO_STEPS
        if scale == "district" and size == "district" and not live:
            self._sample(ctx)
            steps = DEMO_STEPS[DEMO_STEPS.index("accounts.demo") + 1:]
        with transaction.atomic():
            for module in steps:
                importlib.import_module(module).fill(ctx)
            start_histories()
        if steps is not DEMO_STEPS:  # what the registers now hold, the sample's rows and the later ones
            from registers.catalog import registers

            ctx.counts = {register.label: register.model.objects.count() for register in registers().values()}
            ctx.counts["年度报告定稿"] = _file_past_years(ctx)
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
        from accounts import demo as accounts_demo
        from indicators.sample_district import YEAR, import_all
        from registers.catalog import get_register

        for imported in import_all():
            if imported.problems:
                raise CommandError(f"{imported.slug} 导入失败：{imported.problems[0]}")
            ctx.counts[get_register(imported.slug).label] = imported.rows
        ctx.districts = [Org.objects.get(depth=1)]
        ctx.since = YEAR + 1
        accounts_demo.fill(ctx)


def _file_past_years(ctx: DemoContext) -> int:
    """The district filed (定稿) each whole year's report in the January after it, from the
    sample's 2023 on: later years' "as the register stands" figures take their Y−1 from it."""
    import datetime as dt

    from django.utils import timezone

    from accounts.models import User
    from indicators.filing import file_report
    from indicators.models import FiledReport
    from indicators.sample_district import YEAR

    admin = User.objects.get(username="district_admin")
    years = range(YEAR, ctx.today.year)
    for year in years:
        filing = file_report(user=admin, org=admin.org, year=year)
        filed_at = min(dt.datetime(year + 1, 1, 15, 10, 0, tzinfo=timezone.get_current_timezone()), timezone.now())
        FiledReport.objects.filter(pk=filing.pk).update(filed_at=filed_at)
    return len(years)


def start_histories() -> None:
    """Each record the steps wrote in bulk gets the history row of its creation, dated now (when
    the database got it), so that its first change on a page shows what it was before."""
    from django.utils import timezone
    from simple_history.models import registered_models

    from core.bulk import History

    now = timezone.now()
    for model in registered_models.values():
        ids = list(model._default_manager.values_list("pk", flat=True))
        History(model).copy_from_table(ids, kind="+", reason="演示数据", when=now, user_id=None, only_without_history=True)


def wipe() -> None:
    """Delete everything the demo holds in dependency order, without per-row signals or history
    rows: the registers, the import logs, the accounts and the tree, and the audit log with them (its
    entries seal the ids of the orgs they concern, so it cannot outlive them; a reset demo starts a
    new log, whose first entry says the old one was cleared)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from orgs.models import Employer
    from workers.models import Worker

    with transaction.atomic():
        # the registers that refer to workers, employers and orgs go first, newest app first
        for module in reversed(DEMO_STEPS):
            step = importlib.import_module(module)
            if module in ("orgs.demo", "workers.demo", "accounts.demo"):
                continue
            if hasattr(step, "wipe"):
                step.wipe()
                continue
            for register in reversed(importlib.import_module(module.replace(".demo", ".registers")).REGISTERS):
                for model in (register.model.history.model, register.model):
                    model.objects.all()._raw_delete(model.objects.db)
        from audit.services import audit_log_clear
        from indicators.models import FiledReport, ReportJob
        from public.models import Ticket
        from registers.models import ImportLog
        from todo.models import Notification
        from workflows.models import Transition

        for model in (Transition, Ticket, Notification, FiledReport, ReportJob, ImportLog):
            model.objects.all()._raw_delete(model.objects.db)
        audit_log_clear()
        for model in (Session, Worker.history.model, Worker, Employer.history.model, Employer):
            model.objects.all()._raw_delete(model.objects.db)
        users = get_user_model().objects.all()
        users.delete()
        Org.history.model.objects.all()._raw_delete(Org.objects.db)
        Org.objects.all()._raw_delete(Org.objects.db)
        from audit.models import Action
        from audit.services import audit_record

        audit_record(action=Action.DELETE, username="命令行", object_type="演示数据", object_repr="uniondesk demo --reset",
                     detail={"说明": "清空演示数据、账号、组织树和原审计日志"})
