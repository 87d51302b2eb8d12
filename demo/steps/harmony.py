"""Demo 创建劳动关系和谐企业 (SPEC §9): a scoring table for each year from 2024, and each year about a
dozen enterprises per district that declare in the autumn and go through the review in the winter
after, scored on their own records: most are named at 区级 (one a year at 市级, named by the city on
the district's recommendation), some fail, the latest still wait at a step; one named in 2025 is
revoked after a collective dispute against it. Nothing is dated before 2024, so the sample's years
keep their figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from demo.context import DemoContext
from harmony.choices import Level, Source, Status
from harmony.models import Assessment, ManualMark, ReviewStep, ScoringItem, ScoringTable
from harmony.rules import as_of, item_score
from harmony.selectors import computed_values
from mediation.models import Case, CaseStatus, MediationOrg
from orgs.models import Employer, EmployerType, Org
from workflows.models import Transition, Via
from workflows.services import move

AFTER = ("mediation", "supervision", "contracts", "workers")
FIRST_YEAR = 2024  # the year the district began the assessments
PER_YEAR = 12  # at district scale
PASS_MARK = Decimal(60)
#: name, source, points, 达标线
ITEMS = (
    ("劳动合同签订率达到90%", Source.LABOUR_CONTRACTS, 25, 90),
    ("综合性集体合同在有效期内", Source.COLLECTIVE_CONTRACT, 15, None),
    ("工资专项集体协议在有效期内", Source.WAGE_AGREEMENT, 10, None),
    ("依法建立工会", Source.UNION, 15, None),
    ("职工入会率达到60%", Source.MEMBERS_RATE, 10, 60),
    ("建立劳动争议调解组织", Source.MEDIATION_ORG, 10, None),
    ("年度内劳动争议调解案件（每件扣）", Source.CASES, 3, None),
    ("年度内整改逾期（每次扣）", Source.OVERDUE, 5, None),
    ("职工满意度测评", Source.MANUAL, 15, None),
)
EVIDENCE = b"%PDF-1.4\n% demo evidence\n"
SYSTEM = {"user": None, "via": Via.SYSTEM}


def fill(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    years = range(max(FIRST_YEAR, ctx.since or FIRST_YEAR), today.year + 1)
    root = Org.objects.get_first_root_node()  # the district, or the city above the districts
    for year in years:
        table = ScoringTable.objects.create(year=year, pass_mark=PASS_MARK, node=root)
        ScoringItem.objects.bulk_create(
            ScoringItem(
                table=table,
                position=n,
                name=name,
                source=source,
                points=Decimal(points),
                threshold=None if line is None else Decimal(line),
            )
            for n, (name, source, points, line) in enumerate(ITEMS, start=1)
        )
    # a city's ten districts each assess half as many: the demo stays quick, every state still shows
    scale = ctx.sizes.workers_per_district / 60_000 / (1 if len(ctx.districts) == 1 else 2)
    made = named = 0
    revoked = False
    for index, district in enumerate(ctx.districts):
        candidates = list(
            Employer.objects.filter(
                node__path__startswith=district.path,
                employer_type=EmployerType.ENTERPRISE,
                union__isnull=False,
                closed_on__isnull=True,
            )
            .only("id", "name", "node_id")
            .order_by("id")
        )
        picked: set[int] = set()
        for year in years:
            start, end = dt.date(year, 9, 1), min(dt.date(year, 12, 20), today)
            if start > today:
                continue
            for seq in range(max(4, round(PER_YEAR * scale))):
                free = [e for e in candidates if e.pk not in picked] or candidates
                # the district recommends to the city one of its best
                employer = _strongest(ctx, free, year) if seq == 0 else rng.choice(free)
                picked.add(employer.pk)
                level = Level.CITY if seq == 0 else Level.DISTRICT
                record = _declare(ctx, employer, year, level, ctx.date_between(start, end))
                record = _review(ctx, record)
                made += 1
                named += record.status == Status.NAMED
                if (
                    index == 0
                    and year == FIRST_YEAR
                    and level == Level.DISTRICT
                    and record.status == Status.NAMED
                    and not revoked
                ):
                    revoked = _revoke_after_a_dispute(ctx, record, district)
    ctx.counts["和谐企业评价"] = made
    ctx.counts["其中已命名"] = named


def _strongest(ctx: DemoContext, employers: list[Employer], year: int) -> Employer:
    """Of a few employers, the one whose records score best on the year's computed items."""
    day = as_of(year, ctx.today)

    def computed(employer: Employer) -> Decimal:
        values = computed_values(employer, year, day)
        return sum(
            (
                item_score(
                    source, Decimal(points), None if line is None else Decimal(line), values[source]
                )
                for _, source, points, line in ITEMS
                if source != Source.MANUAL
            ),
            Decimal(0),
        )

    return max(ctx.rng.sample(employers, min(15, len(employers))), key=computed)


def _declare(
    ctx: DemoContext, employer: Employer, year: int, level: str, day: dt.date
) -> Assessment:
    record = Assessment.objects.create(
        employer=employer,
        year=year,
        level=level,
        node_id=employer.node_id,
        self_score=Decimal(ctx.rng.randint(70, 95)),
    )
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(Assessment),
        object_id=record.pk,
        from_state="",
        to_state=Status.APPLIED,
        username="",
        at=ctx.moment(day, dt.time(10)),
        via=Via.SYSTEM,
    )
    record._declared = day  # type: ignore[attr-defined]
    return record


def _review(ctx: DemoContext, record: Assessment) -> Assessment:
    """The street's review a month or two after the declaration, the district's within weeks, the
    decision after it: as far as today allows. The street gives the manual item first, with its
    evidence."""
    rng, today = ctx.rng, ctx.today
    day = record._declared  # type: ignore[attr-defined]
    table_item = "职工满意度测评"
    ManualMark.objects.create(
        assessment=record,
        item=table_item,
        points=Decimal(rng.randint(8, 15)),
        evidence=EVIDENCE,
        evidence_name="职工满意度测评表.pdf",
        evidence_type="application/pdf",
        at=ctx.moment(day + dt.timedelta(days=20), dt.time(15)),
    )
    for to, gap in (
        (Status.STREET_REVIEWED, (30, 60)),
        (Status.DISTRICT_REVIEWED, (15, 40)),
        ("decision", (10, 30)),
    ):
        day += dt.timedelta(days=rng.randint(*gap))
        if day > today:
            break
        at = ctx.moment(day, dt.time(rng.randint(9, 16), rng.randint(0, 59)))
        if to == "decision":
            if record.district_score is not None and record.district_score >= PASS_MARK:
                named_on = day + dt.timedelta(days=60) if record.level == Level.CITY else day
                if named_on > today:
                    break
                doc = (
                    f"杭总〔{named_on.year}〕{rng.randint(10, 60)}号"
                    if record.level == Level.CITY
                    else f"上总〔{named_on.year}〕{rng.randint(5, 40)}号"
                )
                record = move(
                    record,
                    Status.NAMED,
                    changes={"named_on": named_on, "named_doc": doc},
                    at=at,
                    **SYSTEM,
                )
            else:
                record = move(
                    record, Status.FAILED, reason="区总评审得分未达到合格分", at=at, **SYSTEM
                )
        else:
            record = move(record, to, at=at, **SYSTEM)
        ReviewStep.objects.filter(assessment=record, step=record.status).update(at=at)
    return record


def _revoke_after_a_dispute(ctx: DemoContext, record: Assessment, district: Org) -> bool:
    """A collective dispute (涉及人数 ≥ 10) against a named employer, and the name revoked for it."""
    rng, today = ctx.rng, ctx.today
    if record.named_on is None:
        return False
    applied = record.named_on + dt.timedelta(days=rng.randint(60, 120))
    revoked = applied + dt.timedelta(days=rng.randint(30, 60))
    if revoked > today:
        return False
    committee = (
        MediationOrg.objects.filter(node__path__startswith=district.path)
        .in_being_at(applied)
        .order_by("level", "id")
        .first()
    )
    if committee is None:
        return False
    people = rng.randint(12, 40)
    Case.objects.create(
        number=f"{applied.year}劳调集体{record.pk:03d}",
        applicant=f"{ctx.person()}等{people}人",
        respondent_employer=record.employer,
        dispute_type="劳动报酬",
        people=people,
        amount=Decimal(people * rng.randint(8, 20) * 1000),
        applied_on=applied,
        accepted_on=applied,
        mediation_org=committee,
        status=CaseStatus.SUCCEEDED,
        closed_on=applied + dt.timedelta(days=12),
        agreed_amount=Decimal(people * 6000),
        matters="拖欠职工工资引发集体劳动争议",
        node_id=committee.node_id,
    )
    reason = f"{applied:%Y年%m月}发生{people}人集体劳动争议（拖欠工资），经区总工会研究撤销命名"
    move(
        record,
        Status.REVOKED,
        changes={"revoked_on": revoked, "revoke_reason": reason},
        at=ctx.moment(revoked, dt.time(11)),
        **SYSTEM,
    )
    return True
