"""Demo honours and facilities of a district, named and built over the last ten years so that at
the end of this year about 340 学习型组织, 810 学习型班组 and 1,500 知识型职工 are in force (some
revoked on the way), beside 5 职工俱乐部, 6 职工书屋 (2 省级), schools and homes (some closed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demo.context import DemoContext
from honours.models import Facility, FacilityType, Honour, HonourType, Level
from orgs.models import GRASSROOTS, Employer, EmployerType, Org, OrgType
from workers.models import Worker, WorkStatus

EMPLOYERS_OF_A_DISTRICT = 2000
YEARS = 10
REVOKED_SHARE = 0.05
#: in force at the end of this year, for a district-sized district (the sample summary)
IN_FORCE = {
    HonourType.LEARNING_ORG: 340, HonourType.LEARNING_TEAM: 810, HonourType.KNOWLEDGE_WORKER: 1490,
    HonourType.HARMONIOUS: 60, HonourType.MODEL_HOME: 40, HonourType.PIONEER: 50,
}
TEAMS = ("生产一班", "生产二班", "质检班", "维修班", "仓储组", "技术研发组", "客服中心", "财务科", "采购组",
         "安全环保组", "配送班", "前厅部", "后厨班组", "物业服务队", "销售一部", "设备保障组", "信息中心")
LEVELS = ((Level.DISTRICT, 0.8), (Level.CITY, 0.15), (Level.PROVINCE, 0.04), (Level.NATIONAL, 0.01))


def _level(ctx: DemoContext) -> str:
    r = ctx.rng.random()
    for level, share in LEVELS:
        if r < share:
            return level
        r -= share
    return Level.DISTRICT


def fill(ctx: DemoContext) -> None:
    honours: list[Honour] = []
    facilities: list[Facility] = []
    for district in ctx.districts:
        employers = list(Employer.objects.filter(node__path__startswith=district.path).order_by("id")
                         .only("id", "name", "node_id", "union_id", "street_id", "employer_type", "headcount"))
        orgs = list(Org.objects.filter(path__startswith=district.path).order_by("path"))
        scale = len(employers) / EMPLOYERS_OF_A_DISTRICT
        honours.extend(_honours(ctx, district, employers, orgs, scale))
        if ctx.since is None:  # the sample district holds its own 阵地, as its figures need them
            facilities.extend(_facilities(ctx, employers, orgs))
    for record in (*honours, *facilities):
        record.derive_keys()
    held = set(Honour.objects.values_list("natural_key", flat=True))
    honours = [h for h in honours if h.natural_key not in held]
    Honour.objects.bulk_create(honours, batch_size=2000)
    Facility.objects.bulk_create(facilities, batch_size=2000)
    this_year = ctx.today.year
    ctx.counts["命名表彰"] = len(honours)
    ctx.counts["其中现行有效"] = sum(1 for h in honours if h.in_force(this_year))
    ctx.counts["阵地"] = len(facilities)


def _honours(ctx: DemoContext, district: Org, employers: list[Employer], orgs: list[Org], scale: float) -> list[Honour]:
    rng, this_year = ctx.rng, ctx.today.year
    # collective honours go mostly to enterprises whose union runs the campaign
    enterprises = [e for e in employers if e.employer_type == EmployerType.ENTERPRISE and e.union_id] or employers
    unions = [o for o in orgs if o.org_type in GRASSROOTS]
    first = this_year - YEARS + 1
    out: list[Honour] = []
    seen: set[tuple] = set()

    def add(honour_type: str, year: int, name: str, unit: Employer | Org, id_number: str = "", worker_id: int | None = None) -> None:
        level = _level(ctx)
        key = (honour_type, level, year, id_number or (unit.pk, isinstance(unit, Org), name))
        if key in seen:
            return
        seen.add(key)
        honour = Honour(honour_type=honour_type, name=name, id_number=id_number, level=level, year=year,
                        worker_id=worker_id)
        honour.set_unit(unit)
        if year < this_year and rng.random() < REVOKED_SHARE:
            honour.revoked_year = rng.randint(year + 1, this_year)
        out.append(honour)

    for honour_type, in_force in IN_FORCE.items():
        named = round(in_force * scale / (1 - REVOKED_SHARE * 0.9))
        # more named in recent years, as the campaign grew
        weights = [1 + 0.12 * i for i in range(YEARS)]
        per_year = [round(named * w / sum(weights)) for w in weights]
        for offset, n in enumerate(per_year):
            year = first + offset
            if year not in ctx.years(YEARS):
                continue
            if honour_type == HonourType.KNOWLEDGE_WORKER:
                for worker in _workers(ctx, district, n):
                    add(honour_type, year, worker.name, worker.employer, worker.id_number, worker.pk)
            elif honour_type == HonourType.MODEL_HOME and unions:
                for union in rng.sample(unions, min(n, len(unions))):
                    add(honour_type, year, union.name, union)
            elif honour_type in (HonourType.LEARNING_TEAM, HonourType.PIONEER):
                for _ in range(n):
                    employer = rng.choice(enterprises)
                    add(honour_type, year, rng.choice(TEAMS), employer)
            else:
                for employer in rng.sample(enterprises, min(n, len(enterprises))):
                    add(honour_type, year, employer.name, employer)
    return out


def _workers(ctx: DemoContext, district: Org, n: int) -> list[Worker]:
    ids = ctx.__dict__.setdefault("_honours_worker_ids", {})
    if district.pk not in ids:
        ids[district.pk] = list(Worker.objects.filter(node__path__startswith=district.path, status=WorkStatus.EMPLOYED)
                                .order_by("id").values_list("id", flat=True))
    chosen = ctx.rng.sample(ids[district.pk], min(n, len(ids[district.pk])))
    found = Worker.objects.select_related("employer").in_bulk(chosen)
    return [found[pk] for pk in chosen]


def _facilities(ctx: DemoContext, employers: list[Employer], orgs: list[Org]) -> list[Facility]:
    rng, today = ctx.rng, ctx.today
    streets = [o for o in orgs if o.org_type == OrgType.STREET]
    unions = [o for o in orgs if o.org_type in GRASSROOTS]
    big = sorted(employers, key=lambda e: (-(e.headcount or 0), e.pk))[: max(10, len(employers) // 10)]
    out: list[Facility] = []

    def add(facility_type: str, name: str, unit: Employer | Org, level: str = "", *, closed: bool = False) -> None:
        built = ctx.date_between(dt.date(today.year - 16, 1, 1), dt.date(today.year - 2, 6, 30))
        facility = Facility(facility_type=facility_type, name=name, level=level, built_on=built,
                            funds=Decimal(f"{rng.uniform(2, 60):.2f}") if rng.random() < 0.8 else None)
        if closed:
            facility.closed_on = ctx.date_between(built + dt.timedelta(days=365), today - dt.timedelta(days=30))
        facility.set_unit(unit)
        out.append(facility)

    # 职工俱乐部: five open, one closed
    for i, street in enumerate(streets[:6]):
        add(FacilityType.CLUB, f"{street.short_name()}职工俱乐部", street, Level.DISTRICT, closed=i == 5)
    # 职工书屋: six open (two 省级), one closed
    houses = rng.sample(big, min(7, len(big)))
    for i, employer in enumerate(houses):
        level = Level.PROVINCE if i < 2 else (Level.CITY if i < 4 else Level.DISTRICT)
        add(FacilityType.BOOK_HOUSE, f"{employer.name}职工书屋", employer, level, closed=i == 6)
    # 职工学校: one for the district, one per street, one of them closed
    root = next((o for o in orgs if o.org_type == OrgType.DISTRICT), None)
    if root is not None:
        add(FacilityType.SCHOOL, f"{root.name.removesuffix('总工会')}职工学校", root, Level.DISTRICT)
    for i, street in enumerate(streets):
        add(FacilityType.SCHOOL, f"{street.short_name()}职工学校", street, closed=i == len(streets) - 1 and i > 0)
    # 职工之家 of grassroots unions, a few closed
    for union in rng.sample(unions, min(40, len(unions))):
        add(FacilityType.HOME, f"{union.name}职工之家", union, rng.choice((Level.DISTRICT, Level.DISTRICT, Level.CITY)),
            closed=rng.random() < 0.08)
    for employer in rng.sample(big, min(2, len(big))):
        add(FacilityType.OTHER, f"{employer.name}职工健身房", employer)
    return out
