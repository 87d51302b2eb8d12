"""Demo mediation: per district one district committee, one committee per street, ~45 enterprise
groups and ~80 people's mediation organisations in enterprises, and a few hundred cases a year
for Y−2..Y (Y = ctx.today.year) across every state, a handful open near or past their 15 days."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType

from demo.context import DemoContext
from mediation.models import Case, CaseStatus, DisputeType, MediationLevel, MediationOrg
from orgs.models import Employer, EmployerType, Org, OrgType
from workers.models import Worker
from workflows.models import Transition, Via

CASES_PER_WORKER = 1 / 200  # 60,000 workers → 300 cases a year
LEVEL_SHARE = ((MediationLevel.STREET, 55), (MediationLevel.ENTERPRISE, 25), (MediationLevel.DISTRICT, 10),
               (MediationLevel.PEOPLE, 10))
DISPUTE_SHARE = ((DisputeType.PAY, 38), (DisputeType.COMPENSATION, 20), (DisputeType.INSURANCE, 10),
                 (DisputeType.INJURY, 8), (DisputeType.CONTRACT, 8), (DisputeType.HOURS, 7),
                 (DisputeType.RELATIONSHIP, 5), (DisputeType.OTHER, 4))
AMOUNT_RANGE = {  # 元, one person
    DisputeType.PAY: (2_000, 60_000), DisputeType.COMPENSATION: (8_000, 150_000), DisputeType.INSURANCE: (3_000, 40_000),
    DisputeType.INJURY: (10_000, 200_000), DisputeType.CONTRACT: (5_000, 80_000), DisputeType.HOURS: (1_000, 30_000),
    DisputeType.OTHER: (1_000, 20_000),
}
# ages (days since 申请日期) of cases kept open in every district, so the to-do list has something
# near its limit (11, 13: 4 and 2 days left) and past it (17, 24)
OPEN_AGES = (2, 11, 13, 17, 24)


@dataclass
class Planned:
    org: MediationOrg
    respondent: Employer


def fill(ctx: DemoContext) -> None:
    orgs: list[MediationOrg] = []
    if ctx.since is None:
        for district in ctx.districts:
            orgs += _mediation_orgs(ctx, district)
        MediationOrg.objects.bulk_create(orgs, batch_size=2000)
    else:  # the sample district's own committees and groups take its later cases
        orgs = list(MediationOrg.objects.select_related("node", "employer").order_by("id"))
    cases: list[Case] = []
    for district in ctx.districts:
        cases += _cases(ctx, district, [o for o in orgs if o.node.path.startswith(district.path)])
    cases.sort(key=lambda c: c.applied_on)
    numbers: dict[int, int] = defaultdict(int)
    for case in cases:  # numbered in the order the applications came in, from 1 each year
        numbers[case.applied_on.year] += 1
        case.number = f"{case.applied_on.year}劳调{numbers[case.applied_on.year]:05d}"
    Case.objects.bulk_create(cases, batch_size=2000)
    Transition.objects.bulk_create(_transitions(ctx, cases), batch_size=5000)
    ctx.counts["调解组织"] = MediationOrg.objects.count()
    ctx.counts["调解案件"] = len(cases)


def _founded(ctx: DemoContext, years_back: tuple[int, int]) -> dt.date:
    year = ctx.today.year
    return ctx.date_between(dt.date(year - years_back[0], 1, 1), dt.date(year - years_back[1], 12, 31))


def _mediation_orgs(ctx: DemoContext, district: Org) -> list[MediationOrg]:
    rng, year = ctx.rng, ctx.today.year
    streets = list(Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET).order_by("path"))
    enterprises = list(Employer.objects.filter(node__path__startswith=district.path, employer_type=EmployerType.ENTERPRISE)
                       .select_related("union", "node").order_by("id"))
    own_union = [e for e in enterprises if e.union is not None and e.union.org_type == OrgType.GRASSROOTS]
    short = district.name.removesuffix("总工会")
    orgs = [MediationOrg(name=f"{short}劳动人事争议调解委员会", level=MediationLevel.DISTRICT, org=district, node=district,
                         founded_on=_founded(ctx, (20, 8)))]
    orgs += [MediationOrg(name=f"{street.short_name()}劳动争议调解委员会", level=MediationLevel.STREET, org=street, node=street,
                          founded_on=_founded(ctx, (15, 5))) for street in streets]
    groups = rng.sample(own_union, min(45, max(2, len(own_union) // 5)))
    taken = {e.pk for e in groups}
    rest = [e for e in enterprises if e.pk not in taken]
    people = rng.sample(rest, min(80, max(2, len(rest) // 20)))
    for employers, level, suffix in ((groups, MediationLevel.ENTERPRISE, "劳动争议调解小组"),
                                     (people, MediationLevel.PEOPLE, "人民调解委员会")):
        for employer in employers:
            founded = _founded(ctx, (10, 0)) if rng.random() < 0.9 else _founded(ctx, (1, 0))
            founded = min(founded, ctx.today - dt.timedelta(days=30))
            closed = None
            if rng.random() < 0.05:  # a few revoked in the last years (the employer closed its group)
                closed = ctx.date_between(max(founded, dt.date(year - 2, 1, 1)), ctx.today - dt.timedelta(days=1))
            orgs.append(MediationOrg(name=f"{employer.name}{suffix}", level=level, employer=employer, node=employer.node,
                                     founded_on=founded, closed_on=closed))
    return orgs


def _in_being(org: MediationOrg, day: dt.date) -> bool:
    return org.founded_on <= day and (org.closed_on is None or day <= org.closed_on)


def _cases(ctx: DemoContext, district: Org, orgs: list[MediationOrg]) -> list[Case]:
    rng, today = ctx.rng, ctx.today
    employers = list(Employer.objects.filter(node__path__startswith=district.path).order_by("id"))
    by_street: dict[int, list[Employer]] = defaultdict(list)
    for employer in employers:
        by_street[employer.street_id].append(employer)
    by_level: dict[str, list[MediationOrg]] = defaultdict(list)
    for org in orgs:
        by_level[org.level].append(org)
    workers_in_district = Worker.objects.filter(node__path__startswith=district.path).count()
    per_year = max(24, round(workers_in_district * CASES_PER_WORKER))
    start = ctx.not_before_since(dt.date(today.year - 2, 1, 1))
    total = round(per_year * ((today - start).days + 1) / 365)
    ages = [(rng.randint(0, (today - start).days), False) for _ in range(total)] + [(age, True) for age in OPEN_AGES]
    planned: list[tuple[int, bool, Planned]] = []
    for age, forced in ages:
        applied = today - dt.timedelta(days=age)
        org = _pick_org(ctx, by_level, applied)
        if org is None:
            continue
        if org.employer_id:
            respondent = org.employer
        elif org.level == MediationLevel.STREET:
            respondent = rng.choice(by_street.get(org.org_id) or employers)
        else:
            respondent = rng.choice(employers)
        planned.append((age, forced, Planned(org, respondent)))
    staff: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for pk, name, number, employer_id in Worker.objects.filter(employer_id__in={p.respondent.pk for _, _, p in planned}).values_list(
            "pk", "name", "id_number", "employer_id").order_by("pk"):
        staff[employer_id].append((pk, name, number))
    return [_case(ctx, age, p, staff[p.respondent.pk], forced=forced) for age, forced, p in planned]


def _pick_org(ctx: DemoContext, by_level: dict[str, list[MediationOrg]], day: dt.date) -> MediationOrg | None:
    levels, weights = zip(*LEVEL_SHARE, strict=True)
    level = ctx.rng.choices(levels, weights)[0]
    candidates = [o for o in by_level[level] if _in_being(o, day)] or [o for o in by_level[MediationLevel.STREET] if _in_being(o, day)]
    return ctx.rng.choice(candidates) if candidates else None


def _case(ctx: DemoContext, age: int, p: Planned, staff: list[tuple[int, str, str]], *, forced: bool) -> Case:
    rng, today = ctx.rng, ctx.today
    applied = today - dt.timedelta(days=age)
    dispute = rng.choices(*zip(*DISPUTE_SHARE, strict=True))[0]
    people = 1 if rng.random() < 0.9 else rng.randint(3, 30)
    amount = None
    if dispute in AMOUNT_RANGE and rng.random() < 0.95:
        low, high = AMOUNT_RANGE[dispute]
        amount = Decimal(round(rng.uniform(low, high) * (people if people > 1 else 1), -2))
    if staff and rng.random() < 0.9:
        worker_id, applicant, id_number = rng.choice(staff)
    else:
        worker_id, applicant = None, ctx.person()
        born = ctx.date_between(dt.date(1965, 1, 1), dt.date(2003, 12, 31))
        id_number = ctx.id_number(born, rng.random() < 0.5) if rng.random() < 0.6 else ""
    if people > 1:
        applicant = f"{applicant}等{people}人"
    case = Case(applicant=applicant, applicant_id_number=id_number, worker_id=worker_id,
                respondent_employer=p.respondent, dispute_type=dispute, people=people, amount=amount, applied_on=applied,
                mediation_org=p.org, node_id=p.org.node_id)
    _progress(ctx, case, age, forced=forced)
    return case


def _progress(ctx: DemoContext, case: Case, age: int, *, forced: bool) -> None:
    """Where the case has got to by today: recent ones are mostly open, older ones closed."""
    rng, today = ctx.rng, ctx.today
    keep_open = forced or (age <= 20 and rng.random() < 0.7) or (20 < age <= 60 and rng.random() < 0.04)
    accepted = min(case.applied_on + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3))), today)
    if keep_open:
        if age <= 1 or rng.random() < 0.15:
            case.status = CaseStatus.APPLIED
        else:
            case.status = CaseStatus.MEDIATING if rng.random() < 0.7 else CaseStatus.ACCEPTED
            case.accepted_on = accepted
        return
    r = rng.random()
    if r < 0.05:  # withdrawn before it was accepted
        case.status, case.closed_on = CaseStatus.WITHDRAWN, min(case.applied_on + dt.timedelta(days=rng.randint(0, 3)), today)
        return
    length = rng.randint(1, 14) if rng.random() < 0.85 else rng.randint(15, 45)
    closed = accepted + dt.timedelta(days=length)
    if closed > today:  # not finished yet after all
        case.status, case.accepted_on = CaseStatus.MEDIATING, accepted
        return
    case.accepted_on, case.closed_on = accepted, closed
    case.status = CaseStatus.SUCCEEDED if r < 0.67 else (CaseStatus.FAILED if r < 0.9 else CaseStatus.WITHDRAWN)
    if case.status == CaseStatus.SUCCEEDED:
        _agreement(ctx, case)


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.0f}"


def _agreement(ctx: DemoContext, case: Case) -> None:
    rng = ctx.rng
    agreed = Decimal(round(float(case.amount) * rng.uniform(0.6, 1.0), -2)) if case.amount else Decimal(0)
    case.agreed_amount = agreed
    pay_by = case.closed_on + dt.timedelta(days=rng.choice((7, 10, 15, 30)))
    pay_by_text = f"{pay_by.year}年{pay_by.month}月{pay_by.day}日"
    claim = _yuan(case.amount) if case.amount else "若干"
    first = f"{case.applied_on.year - 1}年{rng.randint(1, 6)}月至{rng.randint(7, 12)}月"
    matters, term = {
        DisputeType.PAY: (f"申请人称被申请单位拖欠其{first}工资共计{claim}元，请求被申请单位支付。",
                          f"被申请单位于{pay_by_text}前一次性支付申请人工资{_yuan(agreed)}元。"),
        DisputeType.COMPENSATION: (f"申请人与被申请单位解除劳动合同，请求被申请单位支付经济补偿{claim}元。",
                                   f"被申请单位于{pay_by_text}前一次性支付申请人经济补偿{_yuan(agreed)}元。"),
        DisputeType.INSURANCE: (f"申请人请求被申请单位为其补缴{first}的社会保险费，并赔偿相应损失{claim}元。",
                                f"被申请单位于{pay_by_text}前为申请人补缴上述期间的社会保险费，并支付申请人{_yuan(agreed)}元。"),
        DisputeType.INJURY: (f"申请人因工受伤，请求被申请单位支付一次性伤残就业补助金等工伤待遇{claim}元。",
                             f"被申请单位于{pay_by_text}前一次性支付申请人工伤待遇{_yuan(agreed)}元。"),
        DisputeType.CONTRACT: (f"申请人请求被申请单位支付未订立书面劳动合同期间的二倍工资差额{claim}元。",
                               f"被申请单位于{pay_by_text}前与申请人订立书面劳动合同，并支付申请人{_yuan(agreed)}元。"),
        DisputeType.HOURS: (f"申请人请求被申请单位支付{first}的加班工资{claim}元。",
                            f"被申请单位于{pay_by_text}前支付申请人加班工资{_yuan(agreed)}元，并依法安排带薪年休假。"),
        DisputeType.RELATIONSHIP: ("申请人请求确认其与被申请单位之间存在劳动关系。",
                                   f"双方确认自{case.applied_on.year - 1}年起存在劳动关系，被申请单位于{pay_by_text}前与申请人订立书面劳动合同。"),
        DisputeType.OTHER: (f"申请人就福利待遇与被申请单位发生争议，请求被申请单位支付{claim}元。",
                            f"被申请单位于{pay_by_text}前支付申请人{_yuan(agreed)}元。"),
    }[case.dispute_type]
    case.matters = matters
    case.terms = "\n".join([f"一、{term}", "二、申请人放弃其他请求。", "三、双方就本争议再无其他纠纷。"])


def _transitions(ctx: DemoContext, cases: list[Case]) -> list[Transition]:
    """Each case's workflow history, as the moves that brought it to its state."""
    content_type = ContentType.objects.get_for_model(Case)
    rows: list[Transition] = []

    def add(case: Case, old: str, new: str, day: dt.date) -> None:
        rows.append(Transition(content_type=content_type, object_id=case.pk, from_state=old, to_state=new,
                               username="演示数据", at=ctx.moment(day, dt.time(9, 30)), reason="演示数据", via=Via.SYSTEM))

    for case in cases:
        add(case, "", CaseStatus.APPLIED, case.applied_on)
        state = CaseStatus.APPLIED
        steps: list[tuple[str, Any]] = []
        if case.accepted_on:
            steps += [(CaseStatus.ACCEPTED, case.accepted_on)]
            if case.status != CaseStatus.ACCEPTED:
                steps += [(CaseStatus.MEDIATING, case.accepted_on)]
        if case.status in (CaseStatus.SUCCEEDED, CaseStatus.FAILED, CaseStatus.WITHDRAWN):
            steps += [(case.status, case.closed_on)]
        for new, day in steps:
            add(case, state, new, day)
            state = new
    return rows
