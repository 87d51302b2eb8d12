"""One district planned in memory: its 区总工会, streets, 系统工会, grassroots unions and employers.

Shares, per district (Sizes): 15% of the grassroots unions sit under the 系统工会 (schools,
hospitals, bureaus); each street has a 机关工会 for its 街道办事处; of the other street unions
30% are 联合基层工会 (a 社区, an office building or a trade) covering many small employers, the rest
one company's own union. 15% of employers have no union yet (未建会: union blank, node = street);
about 7% of the small employers are 社会组织.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from orgs.models import EmployerType, OrgType

from . import codes
from .companies import (
    BRAND,
    BUREAUS,
    COMPANY_KINDS,
    EDUCATION,
    HEALTH,
    HEALTH_BODIES,
    OFFICE_KINDS,
    PUBLIC,
    SCHOOL_KINDS,
    SCHOOL_STEMS,
    SHOP_KINDS,
    SOCIAL_KINDS,
    SYSTEM_SHARE,
    SYSTEM_UNIONS,
    TRADE_UNIONS,
    Kind,
)
from .context import DemoContext, apportion
from .names import person_name
from .places import BUILDINGS, CITY, Place
from .tree import PlannedOrg

UNIONLESS_SHARE = 0.15
SOCIAL_SHARE = 0.07
SYSTEM_UNION_SHARE = 0.15
JOINT_SHARE = 0.30
ORDINALS = ("", "第二", "第三", "第四", "第五")
TRADE_ORIGINS = ("温州", "台州", "义乌", "福建", "安徽", "江西", "湖南", "四川", "青田", "永康")
TRADE_STEMS = ("餐饮", "物业管理", "电子商务", "软件", "家政服务", "美容美发", "珠宝", "茶叶", "丝绸", "旅游")


@dataclass(eq=False)
class PlannedEmployer:
    name: str
    employer_type: str
    credit_code: str
    industry: str
    posts: str  # key of companies.POSTS
    street: PlannedOrg
    union: PlannedOrg | None
    weight: float  # relative number of workers


@dataclass
class PlannedDistrict:
    place: Place
    root: PlannedOrg
    streets: list[PlannedOrg]
    employers: list[PlannedEmployer]


def _size(ctx: DemoContext, typical: float, spread: float) -> float:
    return ctx.rng.lognormvariate(math.log(typical), spread)


class DistrictPlanner:
    def __init__(self, ctx: DemoContext, place: Place) -> None:
        self.ctx, self.place, self.rng = ctx, place, ctx.rng
        self.employers: list[PlannedEmployer] = []

    # --- names and codes -----------------------------------------------------------------------
    def person(self) -> str:
        return person_name(self.rng, male=self.ctx.chance(0.6), born_year=self.rng.randint(1962, 1990))

    def brand(self) -> str:
        return "".join(self.rng.sample(BRAND, 2))

    def community(self) -> str:
        """南山路, or 南山新村 / 南山花园 / 南山家园: Hangzhou communities are named after roads
        and estates."""
        road = self.rng.choice(self.place.roads)
        variant = self.rng.choice(("", "", "新村", "花园", "家园"))
        return road if not variant else road.removesuffix("大道").rstrip("路街巷") + variant

    def credit_code(self, prefix: str) -> str:
        return self.ctx.unique_code(lambda: codes.credit_code(self.rng, prefix, self.place.region))

    def org(self, name: str, org_type: str, founded: tuple[dt.date, dt.date], kind: str = "") -> PlannedOrg:
        return PlannedOrg(
            name=name, org_type=org_type, founded_on=self.ctx.day_between(*founded), chairman=self.person(),
            phone=codes.landline(self.rng), kind=kind,
        )

    def grassroots(self, parent: PlannedOrg, name: str, org_type: str = OrgType.GRASSROOTS, kind: str = "") -> PlannedOrg:
        founded = (dt.date(1995, 1, 1), self.ctx.years_ago(1))
        return parent.add(self.org(self.ctx.claim(name), org_type, founded, kind))

    def employer(self, name: str, employer_type: str, prefix: str, kind: Kind | tuple[str, str],
                 street: PlannedOrg, union: PlannedOrg | None, weight: float) -> PlannedEmployer:
        industry, posts = (kind.industry, kind.posts) if isinstance(kind, Kind) else kind
        planned = PlannedEmployer(
            name=name, employer_type=employer_type, credit_code=self.credit_code(prefix), industry=industry,
            posts=posts, street=street, union=union, weight=weight,
        )
        self.employers.append(planned)
        return planned

    # --- the district --------------------------------------------------------------------------
    def plan(self) -> PlannedDistrict:
        ctx, place, sizes = self.ctx, self.place, self.ctx.sizes
        root = self.org(ctx.claim(f"{place.name}总工会"), OrgType.DISTRICT, (dt.date(1950, 1, 1), dt.date(1956, 12, 31)))
        streets = [
            root.add(self.org(ctx.claim(f"{short}街道总工会"), OrgType.STREET, (dt.date(1985, 1, 1), dt.date(2005, 12, 31))))
            for short in place.streets[: sizes.streets]
        ]
        systems = [
            root.add(self.org(ctx.claim(f"{place.name}{label}"), OrgType.SYSTEM, (dt.date(1980, 1, 1), dt.date(2000, 12, 31)), kind))
            for label, kind in SYSTEM_UNIONS[: sizes.system_unions]
        ]
        n_system = max(len(systems), round(sizes.unions * SYSTEM_UNION_SHARE))
        n_street = sizes.unions - n_system - len(streets)
        n_joint = max(1, round(n_street * JOINT_SHARE))
        n_company = n_street - n_joint
        n_unionless = round(sizes.employers * UNIONLESS_SHARE)
        n_covered = sizes.employers - n_system - len(streets) - n_company - n_unionless

        for street in streets:
            self.street_office(street)
        for system, n in zip(systems, self.system_counts(systems, n_system, len(streets)), strict=True):
            getattr(self, f"{system.kind}_units")(system, streets, n)
        for street in self.spread(streets, n_company):
            self.company(street)
        joint_unions = [(street, self.joint_union(street)) for street in self.spread(streets, n_joint)]
        # the small employers: covered by a joint union, or by none yet; a few are 社会组织
        slots: list[tuple[PlannedOrg, PlannedOrg | None]] = []
        shares = apportion(n_covered, [self.rng.uniform(0.5, 1.5) for _ in joint_unions], minimum=1)
        for street_union, n in zip(joint_unions, shares, strict=True):
            slots += [street_union] * n
        slots += [(self.rng.choice(streets), None) for _ in range(n_unionless)]
        social = set(self.rng.sample(range(len(slots)), max(1, round(len(slots) * SOCIAL_SHARE))))
        for i, (street, union) in enumerate(slots):
            if i in social:
                self.social_org(street, union)
            else:
                self.small_employer(street, union)
        return PlannedDistrict(place, root, streets, self.employers)

    def spread(self, streets: list[PlannedOrg], n: int) -> list[PlannedOrg]:
        """n streets: each street once (in order) while n allows, then at random."""
        return [streets[i] if i < len(streets) else self.rng.choice(streets) for i in range(n)]

    @staticmethod
    def system_counts(systems: list[PlannedOrg], n: int, n_streets: int) -> list[int]:
        """Grassroots unions per 系统工会, each at least one; bureaus and health bodies are finite
        lists, so what does not fit goes to the schools (the first system)."""
        counts = apportion(n, [SYSTEM_SHARE[s.kind] for s in systems], minimum=1)
        limits = {"agency": len(BUREAUS), "health": len(HEALTH_BODIES) + n_streets, "school": n}
        for i, system in enumerate(systems):
            over = counts[i] - limits[system.kind]
            if over > 0:
                counts[i] -= over
                counts[0] += over
        return counts

    # --- public bodies -------------------------------------------------------------------------
    def street_office(self, street: PlannedOrg) -> None:
        short = street.name.removesuffix("街道总工会")
        union = self.grassroots(street, f"{short}街道机关工会", kind="agency")
        name = self.ctx.claim(f"{CITY}{self.place.name}人民政府{short}街道办事处")
        self.employer(name, EmployerType.AGENCY, "11", (PUBLIC, "agency"), street, union, _size(self.ctx, 70, 0.3))

    def school_units(self, system: PlannedOrg, streets: list[PlannedOrg], n: int) -> None:
        for _ in range(n):
            kind = self.rng.choice(SCHOOL_KINDS)
            name = self.ctx.unique_name(
                lambda kind=kind: f"{CITY}{self.place.name}{self.rng.choice(SCHOOL_STEMS)}{self.rng.choice(ORDINALS)}{kind}"
            )
            union = self.grassroots(system, f"{name}工会", kind="school")
            typical = 25 if "幼儿园" in kind else 70
            self.employer(name, EmployerType.INSTITUTION, "12", (EDUCATION, "school"), self.rng.choice(streets),
                          union, _size(self.ctx, typical, 0.4))

    def health_units(self, system: PlannedOrg, streets: list[PlannedOrg], n: int) -> None:
        # a 社区卫生服务中心 for each street first, then the district's hospitals and bodies
        bodies = [(f"{s.name.removesuffix('总工会')}社区卫生服务中心", s, 60.0) for s in streets]
        for body in self.rng.sample(HEALTH_BODIES, len(HEALTH_BODIES)):
            bodies.append((body, self.rng.choice(streets), 250.0 if "医院" in body else 40.0))
        for body, street, typical in bodies[:n]:
            name = self.ctx.claim(f"{CITY}{self.place.name}{body}")
            union = self.grassroots(system, f"{name}工会", kind="health")
            self.employer(name, EmployerType.INSTITUTION, "12", (HEALTH, "health"), street, union,
                          _size(self.ctx, typical, 0.4))

    def agency_units(self, system: PlannedOrg, streets: list[PlannedOrg], n: int) -> None:
        for bureau in self.rng.sample(BUREAUS, n):
            name = self.ctx.claim(f"{CITY}{self.place.name}{bureau}")
            union = self.grassroots(system, f"{self.place.name}{bureau}工会", kind="agency")
            self.employer(name, EmployerType.AGENCY, "11", (PUBLIC, "agency"), self.rng.choice(streets), union,
                          _size(self.ctx, 50, 0.4))

    # --- companies, shops and social organisations ---------------------------------------------
    def company_name(self, kind: Kind, *, big: bool = False) -> str:
        suffix = self.rng.choices(("有限公司", "股份有限公司", "集团有限公司"), (90, 6, 4))[0] if big else "有限公司"
        return self.ctx.unique_name(lambda: f"杭州{self.brand()}{kind.word}{suffix}")

    def shop_name(self, kind: Kind) -> str:
        return self.ctx.unique_name(lambda: f"{CITY}{self.place.name}{self.brand()}{kind.word}")

    def company(self, street: PlannedOrg) -> None:
        """A company with its own union (基层工会)."""
        kind = self.rng.choice(COMPANY_KINDS)
        name = self.company_name(kind, big=True)
        union = self.grassroots(street, f"{name}工会", kind="company")
        typical = 250 if "股份" in name or "集团" in name else 90
        self.employer(name, EmployerType.ENTERPRISE, "91", kind, street, union, _size(self.ctx, typical, 0.9))

    def joint_union(self, street: PlannedOrg) -> PlannedOrg:
        short = street.name.removesuffix("总工会")
        flavour = self.rng.choices(("community", "building", "trade"), (60, 25, 15))[0]
        if flavour == "trade":
            taken = {c.kind for c in street.children}
            free = [t for t in TRADE_UNIONS if f"trade:{t}" not in taken]
            if free:
                trade = self.rng.choice(free)
                return self.grassroots(street, f"{short}{trade}行业联合工会", OrgType.JOINT, kind=f"trade:{trade}")
            flavour = "community"
        if flavour == "building":
            name = self.ctx.unique_name(lambda: f"{short}{self.brand()}{self.rng.choice(BUILDINGS)}楼宇联合工会")
        else:
            name = self.ctx.unique_name(lambda: f"{short}{self.community()}社区联合工会")
        return street.add(self.org(name, OrgType.JOINT, (dt.date(2005, 1, 1), self.ctx.years_ago(1)), flavour))

    def small_employer(self, street: PlannedOrg, union: PlannedOrg | None) -> None:
        flavour = union.kind if union else "community"
        if flavour.startswith("trade:"):
            kind = self.rng.choice(TRADE_UNIONS[flavour.removeprefix("trade:")])
            shop = kind in SHOP_KINDS
        elif flavour == "building":
            kind, shop = self.rng.choice(OFFICE_KINDS), False
        else:
            shop = self.ctx.chance(0.55)
            kind = self.rng.choice(SHOP_KINDS if shop else COMPANY_KINDS)
        if shop:
            # a 个体工商户 (credit code 92…), counted with the enterprises
            self.employer(self.shop_name(kind), EmployerType.ENTERPRISE, "92", kind, street, union, _size(self.ctx, 4, 0.5))
        else:
            self.employer(self.company_name(kind), EmployerType.ENTERPRISE, "91", kind, street, union,
                          _size(self.ctx, 10, 0.7))

    def social_org(self, street: PlannedOrg, union: PlannedOrg | None) -> None:
        ending, category, industry = self.rng.choice(SOCIAL_KINDS)
        stems = {"商会": TRADE_ORIGINS, "行业协会": TRADE_STEMS}.get(ending, ())
        free = self.ctx.unused(f"{CITY}{self.place.name}{stem}{ending}" for stem in stems)
        if free:  # 温州商会, 餐饮行业协会 while there are any left, then by trade name
            name = self.ctx.claim(self.rng.choice(free))
        else:
            name = self.ctx.unique_name(lambda: f"{CITY}{self.place.name}{self.brand()}{ending.removeprefix('行业')}")
        posts = "school" if industry == EDUCATION else "social"
        self.employer(name, EmployerType.SOCIAL, "5" + category, (industry, posts), street, union,
                      _size(self.ctx, 8, 0.6))


def plan_district(ctx: DemoContext, place: Place) -> PlannedDistrict:
    return DistrictPlanner(ctx, place).plan()
