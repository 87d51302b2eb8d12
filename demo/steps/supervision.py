"""Demo inspections: about 60 a year per district over the last three years (Y−2..Y), most findings
put right in time, a few 逾期 and a few still open before their deadline."""

from __future__ import annotations

import datetime as dt

from demo.context import DemoContext
from orgs.models import Employer, EmployerType, Org, OrgType
from supervision.models import MATTERS, Inspection, RectificationResult

PER_YEAR = 60  # at district scale
FINDINGS = {
    "劳动合同": ["部分新入职职工未在一个月内签订书面劳动合同", "劳动合同文本缺少工作时间和劳动报酬条款"],
    "工资支付": ["存在延期支付工资情况，未按约定日期足额发放", "加班工资计算基数低于规定标准"],
    "工作时间": ["旺季加班时长超过每月36小时的法定上限", "未依法安排职工带薪年休假"],
    "社会保险": ["部分职工社会保险缴费基数低于实际工资", "试用期职工未参加社会保险"],
    "女职工保护": ["未落实孕期女职工产前检查时间计入劳动时间的规定", "未按规定组织女职工专项健康检查"],
    "安全生产": ["劳动防护用品配备不足", "特种作业人员未持证上岗"],
}
# the share of inspections that find something, and of findings past their deadline left undone
FOUND_SHARE = 0.55
LATE_SHARE = 0.06


def fill(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    scale = ctx.sizes.workers_per_district / 60_000
    rows: list[Inspection] = []
    for index, district in enumerate(ctx.districts):
        employers = list(Employer.objects.filter(node__path__startswith=district.path, closed_on__isnull=True)
                         .only("id", "node_id", "street_id", "employer_type").order_by("id"))
        # inspections go mostly to enterprises, where most labour disputes arise
        weights = [5 if e.employer_type == EmployerType.ENTERPRISE else 1 for e in employers]
        streets = {o.pk: o for o in Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET)}
        prefix = "JC" if len(ctx.districts) == 1 else f"JC{index + 1:02d}-"
        for year in ctx.years(2):
            start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
            share = ((end - start).days + 1) / 365
            for seq in range(1, max(3, round(PER_YEAR * scale * share)) + 1):
                employer = rng.choices(employers, weights)[0]
                rows.append(_inspection(ctx, f"{prefix}{year}-{seq:03d}", ctx.date_between(start, end), employer,
                                        streets.get(employer.street_id) or district, district))
    Inspection.objects.bulk_create(rows, batch_size=1000)
    ctx.counts["法律监督检查"] = len(rows)
    ctx.counts["其中整改逾期"] = sum(1 for r in rows if r.is_overdue(today))


def _inspection(ctx: DemoContext, number: str, day: dt.date, employer: Employer, street: Org, district: Org) -> Inspection:
    rng, today = ctx.rng, ctx.today
    matters = rng.sample(MATTERS, rng.choice((1, 1, 2, 2, 3)))
    inspection = Inspection(
        number=number, inspected_on=day, employer=employer, node_id=employer.node_id,
        supervisor_org=street if rng.random() < 0.7 else district,
        matters="；".join(m for m in MATTERS if m in matters),
    )
    if rng.random() < FOUND_SHARE:
        found = [m for m in MATTERS if m in matters]
        inspection.findings = "；".join(rng.choice(FINDINGS[m]) for m in found[: rng.choice((1, len(found)))])
        inspection.deadline = day + dt.timedelta(days=rng.choice((15, 30, 30, 45, 60, 90)))
        if inspection.deadline < today:
            r = rng.random()
            inspection.result = (RectificationResult.DONE if r >= LATE_SHARE
                                 else rng.choice((RectificationResult.IN_PROGRESS, RectificationResult.NOT_DONE)))
        else:
            inspection.result = rng.choices(
                (RectificationResult.IN_PROGRESS, RectificationResult.NOT_DONE, RectificationResult.DONE), (6, 2, 2))[0]
    return inspection
