"""Demo proposals: about 470 a district-sized year for the last three years (the current one up to
today), ~62% adopted with ~3,900 万元 of benefits a year, the recent ones still under review (a few
over the 15 days), each with the workflow history a real one would have."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.bulk import History
from demo.context import DemoContext
from orgs.models import Employer
from proposals.models import WAITING, Proposal, ProposalStatus, number_series
from public.numbering import taken_in_series
from workers.models import Worker, WorkStatus
from workflows.models import Transition, Via

PER_YEAR = 470  # proposals of a district of ~2,000 employers (the sample summary: 467)
BENEFIT_PER_YEAR = 3900  # 万元 (the sample: 3900多万元)
EMPLOYERS_OF_A_DISTRICT = 2000
SUBJECTS = (
    "生产线换模流程", "仓储物料摆放", "设备点检制度", "空压机节能运行", "客户投诉处理流程", "食堂就餐排班",
    "高空作业安全防护", "办公用纸节约", "包装材料回收利用", "空调运行时段", "报表自动生成", "夜班交接记录",
    "成品质量检验工序", "配送路线安排", "新员工带教方式", "工具领用管理", "车间照明改造", "废水处理工艺",
    "备品备件库存", "例会制度", "门店排班", "冷链运输温控", "电梯维保巡检", "线上预约服务",
)
FORMS = ("关于优化{}的建议", "关于改进{}的建议", "{}改进建议", "关于完善{}的建议")
S = ProposalStatus


def fill(ctx: DemoContext) -> None:
    today = ctx.today
    content_type = ContentType.objects.get_for_model(Proposal)
    proposals: list[Proposal] = []
    steps: list[list[tuple[str, str, dt.date]]] = []
    if ctx.since is not None:
        _decide_held(ctx, content_type)
    for index, district in enumerate(ctx.districts):
        employers = Employer.objects.filter(node__path__startswith=district.path)
        scale = employers.count() / EMPLOYERS_OF_A_DISTRICT
        worker_ids = list(Worker.objects.filter(node__path__startswith=district.path, status=WorkStatus.EMPLOYED)
                          .order_by("id").values_list("id", flat=True))
        prefix = f"{index + 1:02d}" if len(ctx.districts) > 1 else ""
        for year in ctx.years(2):
            first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
            share = ((last - first).days + 1) / 365
            n = max(3, round(PER_YEAR * scale * share))
            chosen = ctx.rng.choices(worker_ids, k=n) if worker_ids else []  # keen proposers write several
            people = Worker.objects.select_related("employer").in_bulk(set(chosen))
            dates = sorted(ctx.date_between(first, last) for _ in chosen)
            # numbers go on from the highest taken (the sample's may have gaps)
            held = taken_in_series(Proposal.objects.all(), "number", f"{number_series(year)}{prefix}")
            year_rows = [_proposal(ctx, f"{number_series(year)}{prefix}{i:04d}", people[pk], day)
                         for i, (pk, day) in enumerate(zip(chosen, dates, strict=True), start=held + 1)]
            _spread_benefit(ctx, [p for p, _ in year_rows], BENEFIT_PER_YEAR * scale * share)
            proposals.extend(p for p, _ in year_rows)
            steps.extend(s for _, s in year_rows)
    Proposal.objects.bulk_create(proposals, batch_size=2000)
    transitions = [
        Transition(content_type=content_type, object_id=p.pk, from_state=old, to_state=new, via=Via.SYSTEM,
                   at=ctx.moment(day, dt.time(9 + ctx.rng.randint(0, 8), ctx.rng.randint(0, 59))))
        for p, moves in zip(proposals, steps, strict=True) for old, new, day in moves
    ]
    Transition.objects.bulk_create(transitions, batch_size=2000)
    ctx.counts["合理化建议"] = len(proposals)
    ctx.counts["其中已采纳或已实施"] = sum(1 for p in proposals if p.status in (S.ADOPTED, S.IMPLEMENTED))


def _decide_held(ctx: DemoContext, content_type: ContentType) -> None:
    """The sample district's proposals still open were decided in the weeks after: those of the
    sample's own years not adopted (its figures count the adopted ones as they stand), those of 2024
    (the sample holds some) either way. Each decision has its steps and a history row."""
    held = list(Proposal.objects.filter(status__in=WAITING).order_by("id"))
    transitions: list[Transition] = []
    for proposal in held:
        reviewed = min(ctx.today, proposal.submitted_on + dt.timedelta(days=ctx.rng.randint(3, 20)))
        decided = min(ctx.today, reviewed + dt.timedelta(days=ctx.rng.randint(5, 40)))
        moves = [(S.SUBMITTED, S.REVIEWING, reviewed)] if proposal.status == S.SUBMITTED else []
        adopt = proposal.submitted_on.year >= ctx.since and ctx.rng.random() < 0.6
        proposal.status = S.ADOPTED if adopt else S.REJECTED
        proposal.adopted_on = decided if adopt else None
        moves.append((S.REVIEWING, proposal.status, decided))
        transitions += [Transition(content_type=content_type, object_id=proposal.pk, from_state=old, to_state=new,
                                   via=Via.SYSTEM, at=ctx.moment(day, dt.time(10, 0)))
                        for old, new, day in moves]
    Proposal.objects.bulk_update(held, ["status", "adopted_on"], batch_size=1000)
    Transition.objects.bulk_create(transitions, batch_size=2000)
    # the history row is the database's change, made now, after the import's row of each proposal
    # (the move above carries the day of the decision)
    History(Proposal).copy_from_table([p.pk for p in held], kind="~", reason="演示数据：审核结论", user_id=None,
                                      when=timezone.now())


def _proposal(ctx: DemoContext, number: str, worker: Worker, submitted: dt.date) -> tuple[Proposal, list]:
    """A proposal and its moves (from, to, day) up to the state it has reached by today."""
    rng, today = ctx.rng, ctx.today
    age = (today - submitted).days
    subject = rng.choice(SUBJECTS)
    employer = worker.employer
    proposal = Proposal(
        number=number, title=rng.choice(FORMS).format(subject), proposer=worker.name,
        id_number=worker.id_number if rng.random() < 0.9 else "", submitted_on=submitted,
        content=f"建议对{subject}进行调整，减少重复劳动，预计可以提高效率、降低成本。",
        status=S.SUBMITTED, node_id=employer.node_id,
    )
    if proposal.id_number:
        proposal.worker = worker
    if employer.union_id and rng.random() < 0.03:
        proposal.org_id = employer.union_id  # the union's own proposal, on behalf of its members
    else:
        proposal.employer = employer
    moves = [("", S.SUBMITTED, submitted)]
    # the newest still wait; a few older ones have waited past the 15 days
    if age <= 7 or (age <= 40 and rng.random() < 0.12):
        if age > 2 and rng.random() < 0.5:
            proposal.status = S.REVIEWING
            moves.append((S.SUBMITTED, S.REVIEWING, submitted + dt.timedelta(days=rng.randint(1, min(age, 5)))))
        return proposal, moves
    reviewed = submitted + dt.timedelta(days=rng.randint(1, 4))
    decided = min(today, reviewed + dt.timedelta(days=rng.randint(2, 25)))
    moves.append((S.SUBMITTED, S.REVIEWING, reviewed))
    if rng.random() >= 0.62:
        proposal.status = S.REJECTED
        moves.append((S.REVIEWING, S.REJECTED, decided))
        return proposal, moves
    proposal.status, proposal.adopted_on = S.ADOPTED, decided
    moves.append((S.REVIEWING, S.ADOPTED, decided))
    done = decided + dt.timedelta(days=rng.randint(20, 120))
    if done <= today and rng.random() < 0.85:
        proposal.status = S.IMPLEMENTED
        moves.append((S.ADOPTED, S.IMPLEMENTED, done))
    return proposal, moves


def _spread_benefit(ctx: DemoContext, proposals: list[Proposal], total: float) -> None:
    """Benefits of the implemented proposals: a few large, most small, adding up to about `total`."""
    implemented = [p for p in proposals if p.status == S.IMPLEMENTED]
    if not implemented:
        return
    weights = [ctx.rng.lognormvariate(0, 1.1) for _ in implemented]
    target = total * ctx.rng.uniform(0.95, 1.06)
    scale = target / sum(weights)
    for proposal, weight in zip(implemented, weights, strict=True):
        proposal.benefit = Decimal(f"{max(weight * scale, 0.1):.2f}")
