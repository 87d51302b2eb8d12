"""Demo instructors and collective contracts.

Per district: 13 instructors in office (two per street and one at the district) and four
dismissed; about 150 of the big unionised enterprises under their own 综合性集体合同 (renewed
every three years, so about a third sign in each year), a handful of 区域性 and 行业性 contracts
covering a joint union's or one trade's small employers, some 女职工特殊保护专项 and yearly 工资专项
agreements. That gives about 340 units and 23,000 workers covered at the end of the year, about
100 employers signing a year, and the cases the to-do list is for: contracts signed in the last
few weeks and not yet submitted, contracts ending within 90 days and contracts that ran out
without a renewal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch

from contracts.models import Contract, ContractParty, ContractType, Instructor, SigningMode, Stage
from contracts.rules import add_years
from demo.context import DemoContext
from orgs.models import Employer, EmployerType, Org, OrgType
from workers.models import Worker, WorkStatus
from workflows.models import Transition, Via

SINGLE_SHARE = 0.57  # of the enterprises with a union of their own, those under their own contract
REGIONAL_PER_STREET = 4 / 3  # joint unions' 区域性集体合同 per street
INDUSTRY_PER_DISTRICT = 2
# of the single contracts: ending within 90 days / run out, not renewed / signed in the last weeks
EXPIRING, EXPIRED, RECENT = 0.08, 0.10, 0.05


@dataclass
class Planned:
    contract_type: str
    parties: list[Employer]
    signed_on: dt.date
    term: int
    covered: int
    street: Org
    renews: Planned | None = None
    row: Contract | None = None
    extra: dict = field(default_factory=dict)


class Numbers:
    """合同编号 by type and year: JT2024-0001 (综合性), QY (区域性), HY (行业性), GZ (工资专项), NZ (女职工)."""

    PREFIX = {ContractType.COMPREHENSIVE: "JT", ContractType.REGIONAL: "QY", ContractType.INDUSTRY: "HY",
              ContractType.WAGE: "GZ", ContractType.FEMALE: "NZ"}

    def __init__(self) -> None:
        self.next: dict[tuple[str, int], int] = defaultdict(int)

    def __call__(self, contract_type: str, year: int) -> str:
        prefix = self.PREFIX[contract_type]
        self.next[(prefix, year)] += 1
        return f"{prefix}{year}-{self.next[(prefix, year)]:04d}"


def _instructors(ctx: DemoContext, district: Org, streets: list[Org]) -> dict[int, list[Instructor]]:
    """Two in office per street (liaising with it), one at the district, and four dismissed."""
    rng, today = ctx.rng, ctx.today
    workers = list(Worker.objects.filter(node__path__startswith=district.path, status=WorkStatus.EMPLOYED)
                   .order_by("id").values_list("name", "id_number", "id")[:2000])
    rows: list[Instructor] = []
    places: list[Org | None] = [s for s in streets for _ in range(2)][:12] + [None]
    places += [rng.choice(streets) for _ in range(4)]
    for i, street in enumerate(places):
        appointed = ctx.date_between(today.replace(year=today.year - 6), today - dt.timedelta(days=60))
        dismissed = ctx.date_between(appointed + dt.timedelta(days=30), today) if i >= 13 else None
        if workers and rng.random() < 0.25:  # a cadre who is also in the worker register
            name, id_number, worker_id = workers.pop(rng.randrange(len(workers)))
        else:
            male = rng.random() < 0.5
            born = ctx.date_between(dt.date(1965, 1, 1), dt.date(1988, 12, 31))
            name, id_number, worker_id = ctx.person(), ctx.id_number(born, male), None
        rows.append(Instructor(name=name, id_number=id_number, worker_id=worker_id, appointed_on=appointed,
                               dismissed_on=dismissed, liaison_org=street, node=street or district))
    Instructor.objects.bulk_create(rows)
    by_street: dict[int, list[Instructor]] = defaultdict(list)
    for row in rows:
        by_street[row.node_id].append(row)
    return by_street


def _latest_date(ctx: DemoContext, phase: int) -> dt.date:
    """A signing date in year Y − phase, not after today."""
    year = ctx.today.year - phase
    return ctx.date_between(dt.date(year, 1, 1), min(dt.date(year, 12, 31), ctx.today))


def _chain(ctx: DemoContext, contract_type: str, parties: list[Employer], street: Org, latest: dt.date,
           term: int = 3) -> list[Planned]:
    """The latest contract, most often the renewal of one signed a term before it."""
    covered = max(1, round(sum(p.headcount or 1 for p in parties) * ctx.rng.uniform(0.92, 1.0)))
    current = Planned(contract_type, parties, latest, term, covered, street)
    if ctx.rng.random() < 0.7:
        earlier = add_years(latest, -term) - dt.timedelta(days=ctx.rng.randint(0, 40))
        current.renews = Planned(contract_type, parties, earlier, term, covered, street)
        return [current.renews, current]
    return [current]


def _plan(ctx: DemoContext, district: Org, streets: list[Org]) -> list[Planned]:
    rng, today = ctx.rng, ctx.today
    employers = list(Employer.objects.filter(node__path__startswith=district.path, closed_on__isnull=True)
                     .select_related("union", "street").order_by("id"))
    planned: list[Planned] = []
    own = [e for e in employers if e.employer_type == EmployerType.ENTERPRISE and e.union
           and e.union.org_type == OrgType.GRASSROOTS]
    # phases go round so that about a third of the contracts come up for renewal each year
    for n, employer in enumerate(rng.sample(own, round(len(own) * SINGLE_SHARE))):
        roll = rng.random()
        if roll < EXPIRING:  # signed a term ago, ends within 90 days, no renewal yet
            latest = add_years(today, -3) + dt.timedelta(days=rng.randint(1, 90))
        elif roll < EXPIRING + EXPIRED:  # ran out within the last year and was not renewed
            latest = add_years(today, -3) - dt.timedelta(days=rng.randint(1, 360))
        elif roll < EXPIRING + EXPIRED + RECENT:  # signed in the last three weeks
            latest = today - dt.timedelta(days=rng.randint(0, 20))
        else:
            latest = _latest_date(ctx, n % 3)
        chain = _chain(ctx, ContractType.COMPREHENSIVE, [employer], employer.street, latest)
        planned.extend(chain)
        if rng.random() < 0.3:  # a 女职工特殊保护专项集体合同 signed with it
            female = max(1, round(chain[-1].covered * rng.uniform(0.3, 0.55)))
            planned.append(Planned(ContractType.FEMALE, [employer], latest, 3, female, employer.street))
        if rng.random() < 0.1:  # yearly wage agreements, each renewing the last
            wage = None
            for year in (today.year - 1, today.year):
                signed = ctx.date_between(dt.date(year, 3, 1), min(dt.date(year, 5, 31), today))
                if signed > today or dt.date(year, 3, 1) > today:
                    continue
                wage = Planned(ContractType.WAGE, [employer], signed, 1, chain[-1].covered, employer.street, renews=wage)
                planned.append(wage)
    by_union: dict[int, list[Employer]] = defaultdict(list)
    for e in employers:
        if e.union and e.union.org_type == OrgType.JOINT:
            by_union[e.union_id].append(e)
    joint = [members for _, members in sorted(by_union.items())]
    for n, members in enumerate(rng.sample(joint, min(len(joint), max(1, round(len(streets) * REGIONAL_PER_STREET))))):
        parties = rng.sample(members, max(2, round(len(members) * rng.uniform(0.6, 0.9))))
        planned.extend(_chain(ctx, ContractType.REGIONAL, parties, parties[0].street, _latest_date(ctx, n % 3)))
    by_trade: dict[tuple[int, str], list[Employer]] = defaultdict(list)
    for e in employers:
        if e.employer_type == EmployerType.ENTERPRISE and e.union is None:
            by_trade[(e.street_id, e.industry)].append(e)
    trades = sorted((members for members in by_trade.values() if len(members) >= 2), key=len, reverse=True)
    for n, members in enumerate(trades[:INDUSTRY_PER_DISTRICT]):
        parties = rng.sample(members, min(len(members), 15))
        planned.extend(_chain(ctx, ContractType.INDUSTRY, parties, parties[0].street, _latest_date(ctx, (n + 1) % 3)))
    return planned


def _renewals(ctx: DemoContext, district: Org) -> list[Planned]:
    """On the sample district (`since` set): each contract that runs out from `since` on is renewed a
    few weeks before, most of the time, as often as it runs out up to today; the last ones coming
    up within 90 days or not renewed are the to-do list's."""
    rng, today, start = ctx.rng, ctx.today, dt.date(ctx.since or ctx.today.year, 1, 1)
    links = Prefetch("party_links", queryset=ContractParty.objects.select_related("employer__street"))
    held = (Contract.objects.filter(node__path__startswith=district.path, expires_on__gte=start)
            .not_renewed().prefetch_related(links).select_related("node").order_by("signed_on", "number"))
    planned: list[Planned] = []
    for contract in held:
        parties = [link.employer for link in contract.party_links.all()]
        if not parties or any(e.closed_on for e in parties):
            continue
        earlier: Planned | None = None
        expires = contract.expires_on
        while rng.random() < 0.88:
            signed = max(expires - dt.timedelta(days=rng.randint(0, 40)), start)
            if signed > today:
                break
            covered = max(1, round(contract.covered_workers * rng.uniform(0.95, 1.08)))
            renewal = Planned(contract.contract_type, parties, signed, contract.term_years, covered,
                              parties[0].street or contract.node, renews=earlier)
            if earlier is None:
                renewal.extra["renews"] = contract
            planned.append(renewal)
            earlier, expires = renewal, add_years(signed, contract.term_years)
    return planned


def _depth(p: Planned) -> int:
    return 0 if p.renews is None else 1 + _depth(p.renews)


def _row(ctx: DemoContext, p: Planned, number: str, instructors: list[Instructor]) -> Contract:
    """The procedure's dates: submitted a few days after signing (a few late, the last weeks' not
    yet), the bureau's approval recorded for some."""
    rng, today = ctx.rng, ctx.today
    submitted = p.signed_on + dt.timedelta(days=rng.choice((2, 3, 5, 6, 8, 9, 10, 10, 14)))
    recent = (today - p.signed_on).days <= 25
    submitted = submitted if submitted <= today and not (recent and rng.random() < 0.6) else None
    approved = submitted + dt.timedelta(days=rng.randint(4, 14)) if submitted and rng.random() < 0.4 else None
    active = [i for i in instructors if i.appointed_on <= p.signed_on and not (i.dismissed_on and i.dismissed_on <= p.signed_on)]
    contract = Contract(
        number=number, contract_type=p.contract_type,
        signing_mode=SigningMode.RENEWAL if p.renews or "renews" in p.extra else SigningMode.NEW,
        party_codes="；".join(e.credit_code for e in p.parties), signed_on=p.signed_on, term_years=p.term,
        covered_workers=p.covered,
        female_workers=round(p.covered * rng.uniform(0.3, 0.5)) if p.contract_type != ContractType.FEMALE else p.covered,
        congress_passed_on=p.signed_on - dt.timedelta(days=rng.randint(3, 30)) if rng.random() < 0.8 else None,
        submitted_on=submitted, approved_on=approved if approved and approved <= today else None,
        renews=p.renews.row if p.renews else p.extra.get("renews"),
        instructor=rng.choice(active) if active and rng.random() < 0.4 else None,
        node_id=p.parties[0].node_id,
    )
    contract.derive()
    return contract


def fill(ctx: DemoContext) -> None:
    numbers = Numbers()
    total = instructors_total = 0
    for district in ctx.districts:
        streets = list(Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET).order_by("path"))
        if ctx.since is None:
            instructors = _instructors(ctx, district, streets)
            instructors_total += sum(len(v) for v in instructors.values())
        else:  # the sample district's own instructors guide its later contracts
            instructors = defaultdict(list)
            for row in Instructor.objects.filter(node__path__startswith=district.path).order_by("id"):
                instructors[row.node_id].append(row)
        planned = _plan(ctx, district, streets) if ctx.since is None else _renewals(ctx, district)
        # numbers follow signing order; rows are written originals first, so a renewal can point at its row
        planned.sort(key=lambda p: (p.signed_on, p.contract_type))
        number_of = {id(p): numbers(p.contract_type, p.signed_on.year) for p in planned}
        for depth in sorted({_depth(p) for p in planned}):
            batch = [p for p in planned if _depth(p) == depth]
            for p in batch:
                p.row = _row(ctx, p, number_of[id(p)], instructors.get(p.street.pk, []))
            Contract.objects.bulk_create([p.row for p in batch], batch_size=1000)
        ContractParty.objects.bulk_create(
            [ContractParty(contract=p.row, employer=e, position=i) for p in planned for i, e in enumerate(p.parties, 1)],
            batch_size=2000)
        Transition.objects.bulk_create(_transitions(ctx, [p.row for p in planned]), batch_size=5000)
        total += len(planned)
    ctx.counts["协商指导员"] = instructors_total
    ctx.counts["集体合同"] = total


def _transitions(ctx: DemoContext, contracts: list[Contract]) -> list[Transition]:
    """Each contract's procedure as the steps its dates record: signed, submitted, approved."""
    content_type = ContentType.objects.get_for_model(Contract)
    rows: list[Transition] = []
    for c in contracts:
        steps = [("", Stage.SIGNED, c.signed_on), (Stage.SIGNED, Stage.SUBMITTED, c.submitted_on),
                 (Stage.SUBMITTED, Stage.APPROVED, c.approved_on)]
        for old, new, day in steps:
            if day is not None:
                rows.append(Transition(
                    content_type=content_type, object_id=c.pk, from_state=old, to_state=new, username="演示数据",
                    at=ctx.moment(day, dt.time(10, 0)), reason="演示数据", via=Via.SYSTEM))
    return rows
