"""Demo org tree and employers: 上城区总工会 with six streets, system unions, ~300 grassroots
unions and ~2,000 employers (or ten such districts under 杭州市总工会 for --scale city).

Rows are bulk-inserted with their tree paths computed here: add_child would cost a few queries a
node. Demo rows carry no history until they are first edited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from demo.context import DemoContext
from demo.names import (
    BRAND,
    COMMUNITIES,
    DISTRICTS,
    INDUSTRIES,
    SMALL_SHOPS,
    SOCIAL_ORGS,
    SYSTEM_MEMBERS,
    SYSTEM_UNIONS,
)
from orgs.models import Employer, EmployerType, Org, OrgType

#: the sample district's files hold its own tree and employers: this step does not run on it
IN_SAMPLE = True

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = ALPHABET[r] + out
    return out.rjust(Org.steplen, "0")


@dataclass
class Node:
    name: str
    org_type: str
    children: list[Node] = field(default_factory=list)
    founded_on: object = None
    chairman: str = ""
    row: Org | None = None

    def add(self, name: str, org_type: str, **extra: object) -> Node:
        child = Node(name, org_type, **extra)
        self.children.append(child)
        return child


def _flatten(node: Node, path: str, depth: int, rows: list[Org]) -> None:
    node.row = Org(
        name=node.name, org_type=node.org_type, path=path, depth=depth, numchild=len(node.children),
        founded_on=node.founded_on, chairman=node.chairman,
    )
    rows.append(node.row)
    # treebeard keeps siblings in node_order_by (name) order along the path
    for i, child in enumerate(sorted(node.children, key=lambda c: c.name), start=1):
        _flatten(child, path + _step(i), depth + 1, rows)


@dataclass
class PlannedEmployer:
    name: str
    employer_type: str
    industry: str
    street: Node
    union: Node | None
    weight: float  # relative size, turned into a worker count later
    region: str


def _company(ctx: DemoContext, city: str, suffix: str) -> str:
    return ctx.unique(lambda: f"{city}{''.join(ctx.rng.sample(BRAND, 2))}{suffix}")


def plan_district(ctx: DemoContext, district: str, parent: Node | None) -> tuple[Node, list[PlannedEmployer]]:
    region, streets = DISTRICTS[district]
    s, rng = ctx.sizes, ctx.rng
    founded = lambda: ctx.date_between(ctx.today.replace(year=ctx.today.year - 30), ctx.today.replace(year=ctx.today.year - 1))  # noqa: E731
    root_kwargs = {"founded_on": founded(), "chairman": ctx.person()}
    root = parent.add(f"{district}总工会", OrgType.DISTRICT, **root_kwargs) if parent else Node(f"{district}总工会", OrgType.DISTRICT, **root_kwargs)
    employers: list[PlannedEmployer] = []
    street_nodes = [root.add(f"{name}街道总工会", OrgType.STREET, founded_on=founded(), chairman=ctx.person()) for name in streets]
    for street, short in zip(street_nodes, streets, strict=True):
        for _ in range(s.unions_per_street):
            suffix, industry = rng.choice(INDUSTRIES)
            name = _company(ctx, "杭州", f"{suffix}有限公司")
            union = street.add(f"{name}工会", OrgType.GRASSROOTS, founded_on=founded(), chairman=ctx.person())
            employers.append(PlannedEmployer(name, EmployerType.ENTERPRISE, industry, street, union, rng.lognormvariate(4.6, 0.8), region))
        for _ in range(s.joint_unions_per_street):
            community = ctx.unique(lambda short=short: f"{short}街道{rng.choice(COMMUNITIES)}社区联合工会")
            union = street.add(community, OrgType.JOINT, founded_on=founded(), chairman=ctx.person())
            for _ in range(s.employers_per_joint_union):
                employers.append(_small_employer(ctx, street, union, region))
        for _ in range(s.employers_without_union_per_street):
            employers.append(_small_employer(ctx, street, None, region))
    for system_name, kind, employer_type in SYSTEM_UNIONS:
        system = root.add(f"{district}{system_name}", OrgType.SYSTEM, founded_on=founded(), chairman=ctx.person())
        for member in rng.sample(SYSTEM_MEMBERS[kind], min(s.members_per_system_union, len(SYSTEM_MEMBERS[kind]))):
            name = ctx.unique(lambda m=member: f"杭州市{district}{m}")
            union = system.add(f"{name}工会", OrgType.GRASSROOTS, founded_on=founded(), chairman=ctx.person())
            employers.append(PlannedEmployer(name, employer_type, "公共管理、社会保障和社会组织" if employer_type == "机关" else ("卫生和社会工作" if kind == "医院" else "教育"),
                                             rng.choice(street_nodes), union, rng.lognormvariate(4.8, 0.5), region))
    return root, employers


def _small_employer(ctx: DemoContext, street: Node, union: Node | None, region: str) -> PlannedEmployer:
    rng = ctx.rng
    if rng.random() < 0.08:
        name = ctx.unique(lambda: f"杭州市{street.name.removesuffix('总工会')}{rng.choice(COMMUNITIES)}社区{rng.choice(SOCIAL_ORGS)}")
        return PlannedEmployer(name, EmployerType.SOCIAL, "公共管理、社会保障和社会组织", street, union, rng.lognormvariate(2.0, 0.5), region)
    shop, industry = rng.choice(SMALL_SHOPS)
    name = _company(ctx, "杭州" + street.name.removesuffix("街道总工会"), shop)
    return PlannedEmployer(name, EmployerType.ENTERPRISE, industry, street, union, rng.lognormvariate(1.8, 0.6), region)


CREDIT_PREFIX = {EmployerType.ENTERPRISE: "91", EmployerType.INSTITUTION: "12", EmployerType.AGENCY: "11", EmployerType.SOCIAL: "52"}


def fill(ctx: DemoContext) -> None:
    if ctx.scale == "city":
        ctx_root = Node("杭州市总工会", OrgType.CITY, founded_on=ctx.today.replace(year=ctx.today.year - 40))
        planned = [plan_district(ctx, name, ctx_root) for name in DISTRICTS]
    else:
        root, employers = plan_district(ctx, "上城区", None)
        ctx_root, planned = root, [(root, employers)]
    rows: list[Org] = []
    _flatten(ctx_root, _step(1), 1, rows)
    Org.objects.bulk_create(rows, batch_size=2000)
    ctx.root = ctx_root.row
    ctx.districts = [district.row for district, _ in planned]

    employer_rows = []
    for _, employers in planned:
        for p in employers:
            headcount = max(1, round(p.weight))
            street, union = p.street.row, p.union.row if p.union else None
            employer_rows.append(Employer(
                credit_code=ctx.credit_code(CREDIT_PREFIX[p.employer_type], p.region), name=p.name,
                employer_type=p.employer_type, street=street, union=union, node=union or street,
                industry=p.industry, headcount=headcount, female_headcount=round(headcount * ctx.rng.uniform(0.3, 0.6)),
            ))
    Employer.objects.bulk_create(employer_rows, batch_size=2000)
    ctx.counts.update({
        "组织": len(rows),
        "其中基层工会": sum(1 for r in rows if r.org_type in (OrgType.GRASSROOTS, OrgType.JOINT)),
        "单位": len(employer_rows),
        "其中未建会": sum(1 for e in employer_rows if e.union is None),
    })
