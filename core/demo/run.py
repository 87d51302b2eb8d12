"""Build the demo: plan the tree and employers in memory, then insert everything in one
transaction with bulk_create (5,000 rows a batch), then the personas.

Bulk-inserted rows send no signals, so demo orgs, employers and workers have no history rows
(simple_history) until they are first edited; the seven accounts go through accounts.services
and are audited like any other.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from orgs.models import Employer, EmployerType, Org, OrgType
from workers.models import LabourContract, Worker, WorkStatus

from .codes import landline
from .context import DemoContext, apportion
from .district import PlannedDistrict, plan_district
from .names import person_name
from .personas import DemoAccount, create_personas
from .places import CITY, DISTRICTS, SHANGCHENG
from .reset import wipe
from .sizes import SIZES, Sizes
from .tree import PlannedOrg, org_rows
from .workers import WorkerMaker

BATCH = 5000
DEFAULT_SEED = 2026


class DemoRefused(Exception):
    """The database already holds an org tree and --reset was not given."""


@dataclass
class DemoResult:
    root: str
    seed: int
    scale: str
    seconds: float = 0.0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)
    wiped: dict[str, int] = field(default_factory=dict)


def build_demo(
    *, scale: str = "district", seed: int = DEFAULT_SEED, sizes: Sizes = SIZES["district"], reset: bool = False,
    progress: Callable[[str], None] | None = None, today: dt.date | None = None,
) -> DemoResult:
    """Fill an empty database with a demo district (or city) and its persona accounts.

    `today` (default: today) bounds the dates drawn (入会日期, contracts); names and codes do not
    depend on it."""
    if scale not in ("district", "city"):
        raise ValueError(f"未知的规模：{scale}")
    sizes.check()
    started = time.perf_counter()
    say = progress or (lambda message: None)
    ctx = DemoContext(seed=seed, scale=scale, sizes=sizes, **({"today": today} if today else {}))
    places = DISTRICTS if scale == "city" else (SHANGCHENG,)
    wiped: dict[str, int] = {}
    # One transaction: a run that fails half-way leaves the database as it found it.
    with transaction.atomic():
        existing = Org.objects.count()
        if existing:
            if not reset:
                raise DemoRefused(
                    f"数据库中已有 {existing} 个组织，未生成演示数据。"
                    "如需删除现有的全部业务数据和账号（审计日志保留）后重建，请加 --reset。"
                )
            say("删除现有业务数据和账号 …")
            wiped = wipe()
        districts = [plan_district(ctx, place) for place in places]
        if scale == "city":
            root = PlannedOrg(
                ctx.claim(f"{CITY}总工会"), OrgType.CITY, founded_on=dt.date(1950, 5, 1),
                chairman=person_name(ctx.rng, male=True, born_year=1968), phone=landline(ctx.rng),
            )
            for district in districts:
                root.add(district.root)
        else:
            root = districts[0].root
        rows = org_rows(root)
        Org.objects.bulk_create(rows, batch_size=BATCH)
        say(f"组织 {len(rows):,} 个")
        for district in districts:
            n_employers, n_workers = _insert_district(ctx, district)
            say(f"{district.root.name}：单位 {n_employers:,} 家，职工 {n_workers:,} 名")
        _update_headcounts()
        accounts = create_personas(scale=scale, root=root.row, district=districts[0].root.row)
    _analyze()
    result = DemoResult(root=root.name, seed=seed, scale=scale, counts=summary(), accounts=accounts, wiped=wiped)
    result.seconds = time.perf_counter() - started
    return result


def _insert_district(ctx: DemoContext, district: PlannedDistrict) -> tuple[int, int]:
    planned = district.employers
    rows = [
        Employer(
            credit_code=p.credit_code, name=p.name, employer_type=p.employer_type, street=p.street.row,
            union=p.union.row if p.union else None, node=(p.union or p.street).row, industry=p.industry,
        )
        for p in planned
    ]
    Employer.objects.bulk_create(rows, batch_size=BATCH)
    maker = WorkerMaker(ctx)
    per_employer = apportion(ctx.sizes.workers, [p.weight for p in planned], minimum=1)
    batch: list[Worker] = []
    for p, row, n in zip(planned, rows, per_employer, strict=True):
        for i in range(n):
            # the first stays 在职 so that no employer is left with nobody at work
            batch.append(maker.make(p, row.pk, row.node_id, keep_employed=i == 0))
            if len(batch) == BATCH:
                Worker.objects.bulk_create(batch)
                batch.clear()
    Worker.objects.bulk_create(batch)
    return len(rows), sum(per_employer)


def _update_headcounts() -> None:
    """职工人数 and 女职工人数 are the employer's workers at work (在职), in one UPDATE."""

    def employed(**extra: str) -> Coalesce:
        counted = (
            Worker.objects.filter(employer=OuterRef("pk"), status=WorkStatus.EMPLOYED, **extra)
            .order_by().values("employer").annotate(n=Count("pk")).values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    Employer.objects.update(headcount=employed(), female_headcount=employed(gender="女"))


def _analyze() -> None:
    """Fresh planner statistics, so that list pages pick their indexes on a just-filled database
    (SQLite has none until ANALYZE runs). On PostgreSQL VACUUM also sets the visibility map, so
    that counts can use index-only scans; it cannot run inside a transaction (as in tests)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def summary() -> dict[str, dict[str, int]]:
    """What the database now holds, by type: the figures the command prints."""
    orgs = dict(Org.objects.order_by().values_list("org_type").annotate(n=Count("pk")))
    employers = dict(Employer.objects.order_by().values_list("employer_type").annotate(n=Count("pk")))
    workers = Worker.objects.aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in WorkStatus.values},
        会员=Count("pk", filter=Q(is_member=True)),
        劳模=Count("pk", filter=~Q(model_worker_level="")),
    )
    contracts = dict(Worker.objects.order_by().values_list("labour_contract").annotate(n=Count("pk")))
    return {
        "组织": {t: orgs[t] for t in OrgType.values if t in orgs},
        "单位": {
            **{t: employers[t] for t in EmployerType.values if t in employers},
            "未建会": Employer.objects.filter(union=None).count(),
        },
        "职工": {k: v for k, v in workers.items() if k != "total"},
        "劳动合同": {c: contracts[c] for c in LabourContract.values if c in contracts},
        "合计": {"组织": sum(orgs.values()), "单位": sum(employers.values()), "职工": workers["total"]},
    }
