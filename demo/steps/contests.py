"""Demo competitions and entries for three years (Y−2..Y): about twenty competitions a year of the
four types and six levels, a district skills contest (职工职业技能大赛) with several categories,
items, scores and awards, and entry lists for most competitions, with some people from outside the
worker register. Volumes follow a district's annual summary (2,500-odd labour-competition
participants, about 1,000 skill person-times a year)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from contests.models import Award, Competition, ContestType, Entry, Level
from demo.context import DemoContext
from orgs.models import Employer, EmployerType, Org, OrgType
from workers.models import Worker, WorkStatus

# 区级 skills contest: 大类 → 项目
SKILL_CATEGORIES = {
    "制造类": ["车工", "焊工", "钳工", "电工", "数控铣工"],
    "服务类": ["茶艺师", "中式烹调师", "西式面点师", "美容师", "养老护理员"],
    "数字类": ["网络安全管理员", "人工智能训练师", "电子商务师", "快递员"],
}
LABOUR_ITEMS = ["岗位练兵", "技术革新", "安全生产", "节能降耗", "优质服务"]
TECH_ITEMS = ["设备维修", "操作规程", "应急处置", "质量检验"]
KNOWLEDGE_ITEMS = ["个人赛", "团体赛"]
OUTSIDE = {  # organisers above the district, kept as text on import
    Level.CITY: "杭州市总工会", Level.PROVINCE: "浙江省总工会", Level.NATIONAL: "中华全国总工会",
}
OUTSIDE_NAMES = {
    Level.CITY: ["杭州市职工职业技能大赛", "杭州市“匠心杯”技能比武", "杭州市职工安全生产知识竞赛"],
    Level.PROVINCE: ["浙江省职工职业技能大赛", "浙江省“十行百星”技能竞赛", "浙江省职工法律知识竞赛"],
    Level.NATIONAL: ["全国职工职业技能大赛", "全国职工数字化应用技术技能大赛", "全国安康杯知识竞赛"],
}
KNOWLEDGE_TOPICS = ["安全生产", "劳动法律", "工会知识", "消防安全", "职业健康"]
ORDINAL = "一二三四五六七八九十"


def _ordinal(n: int) -> str:
    return ORDINAL[n - 1] if n <= 10 else "十" + ORDINAL[n - 11] if n < 20 else str(n)


@dataclass
class People:
    """The district's employed workers, by employer and by node, and a source of outsiders."""

    ctx: DemoContext
    workers: list[tuple[int, str, str, int, int]]  # id, 身份证号, 姓名, employer id, node id
    by_employer: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # indexes into workers
    paths: dict[int, str] = field(default_factory=dict)  # node id → path
    employer_of: dict[int, str] = field(default_factory=dict)  # worker id → employer name
    _under: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, ctx: DemoContext, district: Org) -> People:
        rows = list(Worker.objects.filter(node__path__startswith=district.path, status=WorkStatus.EMPLOYED)
                    .order_by("id").values_list("id", "id_number", "name", "employer_id", "node_id"))
        people = cls(ctx, rows)
        for i, row in enumerate(rows):
            people.by_employer[row[3]].append(i)
        people.paths = dict(Org.objects.filter(path__startswith=district.path).values_list("id", "path"))
        names = dict(Employer.objects.filter(node__path__startswith=district.path).values_list("id", "name"))
        people.employer_of = {row[0]: names.get(row[3], "") for row in rows}
        return people

    @property
    def scale(self) -> float:
        """1 for a district of 60,000 workers; the tiny demo gets a few entries a competition."""
        return min(1.0, max(0.02, len(self.workers) / 60_000))

    def under(self, org: Org) -> list[int]:
        if org.pk not in self._under:
            self._under[org.pk] = [i for i, w in enumerate(self.workers) if self.paths.get(w[4], "").startswith(org.path)]
        return self._under[org.pk]

    def outsider(self) -> tuple[None, str, str]:
        rng = self.ctx.rng
        born = self.ctx.date_between(dt.date(1968, 1, 1), dt.date(2003, 12, 31))
        return None, self.ctx.id_number(born, rng.random() < 0.55), self.ctx.person()

    def pick(self, pool: list[int], n: int, outsiders: float = 0.1) -> list[tuple[int | None, str, str]]:
        """n different people: from the pool, with a share from outside the register."""
        rng = self.ctx.rng
        inside = rng.sample(pool, min(len(pool), round(n * (1 - outsiders))))
        chosen: list[tuple[int | None, str, str]] = [self.workers[i][:3] for i in inside]
        chosen += [self.outsider() for _ in range(n - len(chosen))]
        return chosen


def in_year(ctx: DemoContext, year: int, first_month: int = 1, last_month: int = 12) -> dt.date:
    start = dt.date(year, first_month, 1)
    end = min(dt.date(year, last_month, 28), ctx.today)
    return ctx.date_between(start, max(start, end)) if start <= ctx.today else ctx.today


@dataclass
class Planned:
    competition: Competition
    items: list[tuple[str, str]]  # (大类, 项目)
    entrants: int  # per item
    pool: list[int]
    awards: str  # "skill" | "medal" | "merit" | ""


def fill(ctx: DemoContext) -> None:
    competitions: list[Competition] = []
    entries: list[Entry] = []
    # 竞赛名称+年度 is unique in the whole tree (a city's districts too, and the sample district's own)
    taken: set[tuple[str, int]] = set(Competition.objects.values_list("name", "year"))
    for district in ctx.districts:
        people = People.of(ctx, district)
        for year in ctx.years(2):
            plans = _plan_year(ctx, district, people, year, taken)
            Competition.objects.bulk_create([p.competition for p in plans], batch_size=1000)
            competitions.extend(p.competition for p in plans)
            for plan in plans:
                entries.extend(_entries(ctx, people, plan))
    Entry.objects.bulk_create(entries, batch_size=2000)
    ctx.counts["竞赛"] = len(competitions)
    ctx.counts["参赛"] = len(entries)


def _plan_year(ctx: DemoContext, district: Org, people: People, year: int, taken: set[tuple[str, int]]) -> list[Planned]:
    rng = ctx.rng
    streets = list(Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET).order_by("path"))
    companies = list(Employer.objects.filter(node__path__startswith=district.path, employer_type=EmployerType.ENTERPRISE,
                                             union__isnull=False).order_by("-headcount", "id")[:80])
    nth = year - 2015
    plans: list[Planned] = []

    def add(name: str, contest_type: str, level: str, host: Any, items: list[tuple[str, str]], entrants: int,
            pool: list[int], awards: str, participants: int | None = None, outside: str = "",
            co: str = "") -> None:
        if (name, year) in taken:
            return
        taken.add((name, year))
        start = in_year(ctx, year, 3, 11)
        organisers = "；".join(n for n in (outside, host.name if host is not None else "") if n)
        competition = Competition(
            name=name, year=year, contest_type=contest_type, level=level, organisers=organisers, co_organisers=co,
            start_date=start, end_date=start + dt.timedelta(days=rng.choice((0, 1, 2, 6, 30, 90))),
            participants=participants,
            host_employer=host if isinstance(host, Employer) else None, host_org=host if isinstance(host, Org) else None,
            node_id=(host.node_id if isinstance(host, Employer) else host.pk) if host is not None else district.pk,
        )
        plans.append(Planned(competition, items, entrants, pool, awards))

    everyone = list(range(len(people.workers)))
    scale = people.scale
    # the district's own skills contest: several categories and items, scores and awards
    items = [(category, item) for category, names_ in SKILL_CATEGORIES.items() for item in rng.sample(names_, 3)]
    add(f"{district.name.removesuffix('总工会')}第{_ordinal(nth)}届职工职业技能大赛", ContestType.SKILL, Level.DISTRICT, district,
        items, max(4, round(80 * scale)), everyone, "skill", co=f"{district.name.removesuffix('总工会')}人力资源和社会保障局")
    # 劳动竞赛: streets' and companies' own, entry lists of several hundred each
    for street in rng.sample(streets, min(len(streets), 3)):
        short = street.name.removesuffix("总工会")
        add(f"{short}“建功新时代”劳动竞赛", ContestType.LABOUR, Level.STREET, street,
            [("", item) for item in rng.sample(LABOUR_ITEMS, 2)], max(3, round(260 * scale)), people.under(street), "merit")
    for company in rng.sample(companies, min(len(companies), 4)):
        add(f"{company.name}{year}年度岗位练兵劳动竞赛", ContestType.LABOUR, Level.GRASSROOTS, company,
            [("", "岗位练兵")], max(3, round(120 * scale)), people.by_employer[company.pk], "merit")
    add(f"{district.name.removesuffix('总工会')}重点工程劳动竞赛", ContestType.LABOUR, Level.DISTRICT, district,
        [], 0, [], "", participants=rng.randint(300, 600))
    # 技能竞赛 and 技术比武 of streets and companies
    for street in rng.sample(streets, min(len(streets), 2)):
        short = street.name.removesuffix("总工会")
        item = rng.choice([i for items_ in SKILL_CATEGORIES.values() for i in items_])
        add(f"{short}职工{item}技能比赛", ContestType.SKILL, Level.STREET, street, [("", item)],
            max(3, round(30 * scale)), people.under(street), "skill")
    for company in rng.sample(companies, min(len(companies), 4)):
        with_list = rng.random() < 0.75
        add(f"{company.name}{year}年技术比武", ContestType.TECHNICAL, Level.GRASSROOTS, company,
            [("", item) for item in rng.sample(TECH_ITEMS, 2)] if with_list else [], max(3, round(35 * scale)),
            people.by_employer[company.pk], "skill", participants=None if with_list else rng.randint(20, 80))
    # 知识竞赛
    topic = rng.choice(KNOWLEDGE_TOPICS)
    add(f"{district.name.removesuffix('总工会')}职工{topic}知识竞赛", ContestType.KNOWLEDGE, Level.DISTRICT, district,
        [("", item) for item in KNOWLEDGE_ITEMS], max(3, round(60 * scale)), everyone, "medal")
    for street in rng.sample(streets, min(len(streets), 2)):
        add(f"{street.name.removesuffix('总工会')}{rng.choice(KNOWLEDGE_TOPICS)}知识竞赛", ContestType.KNOWLEDGE, Level.STREET,
            street, [], 0, [], "", participants=rng.randint(50, 200))
    # above the district: the district federation sends a team; the organiser is outside the tree
    for level in (Level.CITY, Level.CITY, Level.PROVINCE, Level.NATIONAL):
        name = rng.choice(OUTSIDE_NAMES[level])
        contest_type = ContestType.KNOWLEDGE if "知识" in name else rng.choice(
            (ContestType.SKILL, ContestType.SKILL, ContestType.TECHNICAL))
        add(name, contest_type, level, None, [("", rng.choice([i for items_ in SKILL_CATEGORIES.values() for i in items_]))],
            max(2, round(8 * scale)), everyone, "skill" if contest_type != ContestType.KNOWLEDGE else "medal",
            outside=OUTSIDE[level])
    return plans


def _entries(ctx: DemoContext, people: People, plan: Planned) -> list[Entry]:
    rng = ctx.rng
    competition = plan.competition
    out: list[Entry] = []
    for category, item in plan.items:
        n = max(1, round(plan.entrants * rng.uniform(0.7, 1.3)))
        chosen = people.pick(plan.pool, n, outsiders=0.04 if competition.level == Level.GRASSROOTS else 0.12)
        scores = sorted((round(rng.uniform(58, 99), 1) for _ in chosen), reverse=True)
        for rank, ((worker_id, id_number, name), score) in enumerate(zip(chosen, scores, strict=True)):
            out.append(Entry(
                competition=competition, category=category, item=item, name=name, id_number=id_number,
                team=people.employer_of.get(worker_id, "") if worker_id else "", result=f"{score}" if plan.awards in ("skill", "medal") else "",
                award=_award(plan.awards, rank, len(chosen)), worker_id=worker_id, node_id=competition.node_id,
            ))
    return out


def _award(kind: str, rank: int, n: int) -> str:
    if kind == "skill":
        cut = [max(1, n // 20), max(2, n // 10), max(3, n // 6)]
        if rank < cut[0]:
            return Award.FIRST
        if rank < cut[0] + cut[1]:
            return Award.SECOND
        if rank < cut[0] + cut[1] + cut[2]:
            return Award.THIRD
        return Award.MERIT if rank < n // 2 else ""
    if kind == "medal":
        return (Award.GOLD, Award.SILVER, Award.BRONZE)[rank] if rank < 3 else ""
    if kind == "merit":
        return Award.MERIT if rank < n // 10 else ""
    return ""
