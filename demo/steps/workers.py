"""Demo workers: ~60,000 per district with valid 身份证号, spread over employers by their size."""

from __future__ import annotations

import datetime as dt

from demo.context import DemoContext
from demo.names import MOBILE_PREFIXES, POSTS
from orgs.models import Employer, EmployerType
from workers.models import LabourContract, ModelWorkerLevel, Worker, WorkStatus

#: the sample district's files hold its own workers: this step does not run on it
IN_SAMPLE = True

ADULT = dt.timedelta(days=18 * 366)  # the day a worker is surely 18


def _contract(ctx: DemoContext, employer_type: str) -> str:
    r = ctx.rng.random()
    if employer_type == EmployerType.AGENCY:
        return LabourContract.NOT_REQUIRED
    if employer_type == EmployerType.INSTITUTION:
        return LabourContract.SIGNED if r < 0.75 else LabourContract.NOT_REQUIRED
    return LabourContract.SIGNED if r < 0.96 else LabourContract.UNSIGNED


def fill(ctx: DemoContext) -> None:
    today = ctx.today
    batch: list[Worker] = []
    total = 0
    for district in ctx.districts:
        employers = list(Employer.objects.filter(node__path__startswith=district.path).order_by("id"))
        weight = sum(e.headcount for e in employers)
        for employer in employers:
            n = max(1, round(ctx.sizes.workers_per_district * employer.headcount / weight))
            if employer.female_headcount is not None:  # the same share of women (逻辑检查 employer.women_over_total)
                employer.female_headcount = min(n, round(n * employer.female_headcount / max(employer.headcount, 1)))
            employer.headcount = n
            for _ in range(n):
                batch.append(_worker(ctx, employer, today))
                if len(batch) >= 5000:
                    Worker.objects.bulk_create(batch)
                    total += len(batch)
                    batch.clear()
        Employer.objects.bulk_update(employers, ["headcount", "female_headcount"], batch_size=2000)
    Worker.objects.bulk_create(batch)
    ctx.counts["职工"] = total + len(batch)


def _worker(ctx: DemoContext, employer: Employer, today: dt.date) -> Worker:
    rng = ctx.rng
    born = ctx.date_between(dt.date(1962, 1, 1), dt.date(2004, 12, 31))
    male = rng.random() < 0.52
    age = today.year - born.year
    status = WorkStatus.RETIRED if age >= 60 and rng.random() < 0.7 else (WorkStatus.LEFT if rng.random() < 0.04 else WorkStatus.EMPLOYED)
    contract = _contract(ctx, employer.employer_type)
    start = end = None
    if contract == LabourContract.SIGNED:
        start = ctx.date_between(max(born + ADULT, dt.date(2012, 1, 1)), today)
        end = None if rng.random() < 0.3 else start.replace(day=1).replace(year=start.year + rng.choice((3, 3, 5)))
    is_member = rng.random() < (0.9 if employer.union_id else 0.05)
    joined = ctx.date_between(born + ADULT, today) if is_member else None
    w = Worker(
        name=ctx.person(), id_number=ctx.id_number(born, male), employer=employer, node_id=employer.node_id,
        gender="男" if male else "女", birth_date=born,
        mobile=f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99_999_999):08d}" if rng.random() < 0.9 else "",
        is_member=is_member, joined_on=joined, labour_contract=contract, contract_start=start, contract_end=end,
        post=rng.choice(POSTS), status=status,
        model_worker_level=rng.choice(ModelWorkerLevel.values) if rng.random() < 0.003 else "",
    )
    return w
