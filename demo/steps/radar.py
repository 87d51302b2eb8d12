"""Demo risk leads (风险线索) of each district over the last two years, and a few stories that put
employers on the radar at every level for reasons a cadre would believe: a collective pay dispute
after a lead about unpaid wages (红), a harmonious employer with a major social-insurance lead and an
overdue finding (红, due for review), a lead about layoffs (橙), an inspection finding not yet put
right (黄). The rest of the radar comes from the mediation, supervision, contracts and assistance
demo data as they are. Every date lies after the sample's years, so no 2021–2023 figure moves."""

from __future__ import annotations

import datetime as dt

from accounts.models import Role, User
from demo.context import DemoContext
from honours.models import Honour, HonourType
from mediation.models import Case, CaseStatus, MediationLevel, MediationOrg
from orgs.models import Employer, EmployerType, Org
from radar.choices import LeadKind, Verdict
from radar.models import Lead
from radar.selectors import radar
from supervision.models import Inspection, RectificationResult

PER_YEAR = 40  # leads a year at district scale
KINDS = (
    (LeadKind.UNPAID_WAGES, 5),
    (LeadKind.UNPAID_INSURANCE, 3),
    (LeadKind.LAYOFFS, 2),
    (LeadKind.STOPPAGE, 1),
    (LeadKind.OTHER, 1),
)
SOURCES = (
    "职工来信",
    "12345热线转办",
    "街道网格员走访",
    "劳动保障监察通报",
    "工会干部走访",
    "职工来访",
)


def fill(ctx: DemoContext) -> None:
    leads: list[Lead] = []
    scale = ctx.sizes.workers_per_district / 60_000
    for index, district in enumerate(ctx.districts):
        enterprises = list(
            Employer.objects.filter(
                node__path__startswith=district.path,
                closed_on__isnull=True,
                employer_type=EmployerType.ENTERPRISE,
            ).order_by("id")
        )
        prefix = "XS" if len(ctx.districts) == 1 else f"XS{index + 1:02d}-"
        for year in ctx.years(1):
            start, end = (
                ctx.not_before_since(dt.date(year, 1, 1)),
                min(dt.date(year, 12, 31), ctx.today),
            )
            share = ((end - start).days + 1) / 365
            for seq in range(1, max(3, round(PER_YEAR * scale * share)) + 1):
                leads.append(
                    _lead(
                        ctx,
                        f"{prefix}{year}-{seq:03d}",
                        ctx.rng.choice(enterprises),
                        ctx.date_between(start, end),
                    )
                )
    Lead.objects.bulk_create(leads, batch_size=2000)
    stories = sum(
        _stories(ctx, district, index, len(ctx.districts))
        for index, district in enumerate(ctx.districts)
    )
    ctx.counts["风险线索"] = Lead.objects.count()
    ctx.counts["风险雷达示例单位"] = stories


def _lead(ctx: DemoContext, number: str, employer: Employer, found_on: dt.date) -> Lead:
    rng = ctx.rng
    r = rng.random()
    people = rng.randint(1, 8) if r < 0.7 else None if r < 0.85 else rng.randint(10, 60)
    age = (ctx.today - found_on).days
    if age > 60:  # checked by now, mostly
        verdict = rng.choices(tuple(Verdict), (15, 50, 35))[0]
    else:
        verdict = rng.choices((Verdict.PENDING, Verdict.TRUE), (7, 3))[0]
    return Lead(
        number=number,
        employer=employer,
        kind=rng.choices(*zip(*KINDS, strict=True))[0],
        source=rng.choice(SOURCES),
        found_on=found_on,
        people=people,
        verdict=verdict,
        node_id=employer.node_id,
    )


def _stories(ctx: DemoContext, district: Org, index: int, districts: int) -> int:
    """The district's employers at every level for a reason: each story goes to an enterprise the
    radar finds quiet so far, so its level is the story's."""
    today = ctx.today
    viewer = User(username="demo", org=district, role=Role.ADMIN)  # the district's admin, unsaved
    quiet = [s.pk for s in radar(viewer, today) if s.score == 0]
    candidates = list(
        Employer.objects.filter(
            pk__in=quiet, employer_type=EmployerType.ENTERPRISE, union__isnull=False
        ).order_by("id")
    )
    named = set(
        Honour.objects.filter(
            honour_type=HonourType.HARMONIOUS, employer__in=candidates, revoked_year__isnull=True
        ).values_list("employer_id", flat=True)
    )
    if len(candidates) < 6:
        return 0
    rng = ctx.rng
    picked = rng.sample([c for c in candidates if c.pk not in named], 5)
    tag = "" if districts == 1 else f"{index + 1:02d}-"
    n = 0

    def lead(
        employer: Employer, kind: str, people: int | None, days_ago: int, verdict: str, source: str
    ) -> None:
        nonlocal n
        n += 1
        Lead.objects.create(
            number=f"XS{tag}{today:%Y}-R{n:02d}",
            employer=employer,
            kind=kind,
            source=source,
            found_on=today - dt.timedelta(days=days_ago),
            people=people,
            verdict=verdict,
            node_id=employer.node_id,
        )

    # 红: wages unpaid for months; a lead, then a collective application that failed to settle
    red = picked[0]
    lead(red, LeadKind.UNPAID_WAGES, 26, 75, Verdict.TRUE, "12345热线转办")
    committee = MediationOrg.objects.filter(
        org_id=red.street_id, level=MediationLevel.STREET
    ).first()
    if committee is not None:
        applied = today - dt.timedelta(days=60)
        Case.objects.create(
            number=f"{applied:%Y}集调{tag}{index + 1:03d}",
            applicant="王建华等26人",
            respondent_employer=red,
            dispute_type="劳动报酬",
            people=26,
            amount=312_000,
            applied_on=applied,
            accepted_on=applied,
            mediation_org=committee,
            status=CaseStatus.FAILED,
            closed_on=applied + dt.timedelta(days=14),
            node_id=committee.node_id,
        )
    # 红 and 已命名: a harmonious employer (when the district has a quiet one) behind on social insurance
    harmonious = next((c for c in candidates if c.pk in named), None)
    if harmonious is not None:
        lead(harmonious, LeadKind.UNPAID_INSURANCE, 40, 50, Verdict.TRUE, "劳动保障监察通报")
        _inspection(
            ctx,
            harmonious,
            f"JC{tag}{today:%Y}-R01",
            100,
            deadline_days=30,
            result=RectificationResult.IN_PROGRESS,
        )
    # 橙: layoffs announced to some staff without consulting the union
    lead(picked[1], LeadKind.LAYOFFS, 6, 20, Verdict.PENDING, "工会干部走访")
    lead(picked[2], LeadKind.UNPAID_WAGES, 3, 35, Verdict.TRUE, "职工来信")
    # 黄: a finding not put right, its deadline still ahead
    _inspection(
        ctx,
        picked[3],
        f"JC{tag}{today:%Y}-R02",
        20,
        deadline_days=40,
        result=RectificationResult.NOT_DONE,
    )
    _inspection(
        ctx,
        picked[4],
        f"JC{tag}{today:%Y}-R03",
        45,
        deadline_days=60,
        result=RectificationResult.NOT_DONE,
    )
    return 5 + (harmonious is not None)


def _inspection(
    ctx: DemoContext,
    employer: Employer,
    number: str,
    days_ago: int,
    *,
    deadline_days: int,
    result: str,
) -> None:
    day = ctx.today - dt.timedelta(days=days_ago)
    street = Org.objects.filter(pk=employer.street_id).first()
    Inspection.objects.create(
        number=number,
        inspected_on=day,
        employer=employer,
        node_id=employer.node_id,
        supervisor_org=street,
        matters="工资支付；社会保险",
        findings="部分职工社会保险缴费基数低于实际工资；存在延期支付工资情况",
        deadline=day + dt.timedelta(days=deadline_days),
        result=result,
    )
