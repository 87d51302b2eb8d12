"""Demo assistance applications: about 300 a year per district over Y−2..Y, most of them workers of
the register, each taken through the approval workflow as far as today allows (with the workflow
history the queue and the to-do list read), so the recent ones wait at the street or the district."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from assistance.models import OPEN_STATES, Application, AssistanceType, Status
from demo.context import DemoContext
from orgs.models import Org, OrgType
from workers.models import Worker, WorkStatus
from workflows.models import Transition, Via

PER_YEAR = 300  # at district scale
KINDS = (  # type, weight, requested amount range in 元 (step 100)
    (AssistanceType.EMERGENCY, 30, 2_000, 20_000),
    (AssistanceType.MODEL_WORKER, 5, 3_000, 10_000),
    (AssistanceType.SCHOOLING, 20, 2_000, 6_000),
    (AssistanceType.MEDICAL, 35, 3_000, 30_000),
    (AssistanceType.OTHER, 10, 1_000, 5_000),
)
OUTSIDERS = 0.15  # applicants the worker register does not hold (e.g. a worker's family from elsewhere)
REFUSED_SHARE = 0.12
STEPS = (Status.STREET_REVIEWED, Status.DISTRICT_APPROVED, Status.PAID)


def fill(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    scale = ctx.sizes.workers_per_district / 60_000
    applications: list[Application] = []
    timelines: list[list[tuple[str, dt.date]]] = []
    for index, district in enumerate(ctx.districts):
        workers = list(Worker.objects.filter(node__path__startswith=district.path, status=WorkStatus.EMPLOYED)
                       .order_by("id").values_list("id", "name", "id_number", "node_id"))
        streets = list(Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET).order_by("path"))
        holding: set[tuple[str, str]] = set()  # (身份证号, 救助类型) of the open applications made so far
        prefix = "JZ" if len(ctx.districts) == 1 else f"JZ{index + 1:02d}-"
        for year in ctx.years(2):
            start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
            share = ((end - start).days + 1) / 365
            for seq in range(1, max(10, round(PER_YEAR * scale * share)) + 1):
                kind, _, low, high = rng.choices(KINDS, [k[1] for k in KINDS])[0]
                applied_on = ctx.date_between(start, end)
                timeline = _timeline(ctx, applied_on)
                open_now = timeline[-1][0] in OPEN_STATES
                for _ in range(20):  # one open application per person and type
                    if not workers or rng.random() < OUTSIDERS:
                        born = ctx.date_between(dt.date(1965, 1, 1), dt.date(2003, 12, 31))
                        worker_id, name, number, node_id = None, ctx.person(), ctx.id_number(born, rng.random() < 0.5), rng.choice(streets).pk
                    else:
                        worker_id, name, number, node_id = rng.choice(workers)
                    if not (open_now and (number, kind) in holding):
                        break
                if open_now:
                    holding.add((number, kind))
                requested = Decimal(rng.randrange(low, high + 1, 100))
                state, last_day = timeline[-1]
                paid = state == Status.PAID
                applications.append(Application(
                    number=f"{prefix}{year}-{seq:04d}", applicant=name, id_number=number, worker_id=worker_id, kind=kind,
                    applied_on=applied_on, requested_amount=requested, status=state, node_id=node_id,
                    approved_amount=_approved(requested, rng.choice(("1", "1", "0.8", "0.6"))) if paid else None,
                    paid_on=last_day if paid else None,
                ))
                timelines.append(timeline)
    Application.objects.bulk_create(applications, batch_size=1000)
    Transition.objects.bulk_create(_transitions(ctx, applications, timelines), batch_size=2000)
    ctx.counts["帮扶救助申请"] = len(applications)
    ctx.counts["其中办理中"] = sum(1 for a in applications if a.status in OPEN_STATES)


def _approved(requested: Decimal, share: str) -> Decimal:
    """A share of the amount asked for, in whole hundreds of 元."""
    return (requested * Decimal(share) / 100).quantize(Decimal("1")) * 100


def _timeline(ctx: DemoContext, applied_on: dt.date) -> list[tuple[str, dt.date]]:
    """The states the application has reached by today, each with its day: the street's review
    within two weeks, then the district's approval and the payment within twelve days each; about
    one in eight turned down at one of the levels."""
    rng, today = ctx.rng, ctx.today
    refused_at = rng.randrange(len(STEPS)) if rng.random() < REFUSED_SHARE else None
    reached = [(Status.APPLIED, applied_on)]
    day = applied_on
    for step, state in enumerate(STEPS):
        day += dt.timedelta(days=rng.randint(1, 14) if step == 0 else rng.randint(2, 12))
        if day > today:
            break
        reached.append((Status.REFUSED if step == refused_at else state, day))
        if step == refused_at:
            break
    return reached


def _transitions(ctx: DemoContext, applications: list[Application], timelines: list[list[tuple[str, dt.date]]]) -> list[Transition]:
    content_type = ContentType.objects.get_for_model(Application)
    rows = []
    for application, timeline in zip(applications, timelines, strict=True):
        before = ""
        for state, day in timeline:
            at = ctx.moment(day, dt.time(ctx.rng.randint(8, 17), ctx.rng.randint(0, 59)))
            rows.append(Transition(content_type=content_type, object_id=application.pk, from_state=before, to_state=state,
                                   username="演示数据", at=at, via=Via.SYSTEM))
            before = state
    return rows
