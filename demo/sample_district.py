"""A district whose registers give the 2023 figures of the sample summary
(reference/annual-summary-sample.txt): 159家企业组织技术培训4180人次, 提出合理化建议467条, 累计343家单位…

`write_files(directory)` writes one .xlsx per register under its template's headers, and
`import_all()` imports them through the register engine in dependency order, as a union office
would. Beside the records each SPEC §5 figure counts, the registers hold the records its
definition must leave out: 离职 and 退休 workers, 事业单位 and 机关, 2021, 2022 and 2024, revoked
honours, closed facilities, dismissed instructors, expired and 女职工 contracts, 免费培训 beside
技术培训, a union's own course, a closed employer and an employer under a dissolved union. The
district is seeded, so the same files come out every time.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accounts.models import Role, User
from contracts.rules import add_years
from core.validators import credit_code_check_char, id_check_char
from demo.names import (
    BRAND,
    COMMUNITIES,
    GIVEN,
    ID_REGIONS,
    INDUSTRIES,
    MOBILE_PREFIXES,
    POSTS,
    SMALL_SHOPS,
    SURNAMES,
)
from orgs.models import Org
from registers.catalog import get_register
from registers.imports import import_file
from registers.xlsx import Sheet

if TYPE_CHECKING:
    from accounts.models import User

SEED = 2023
YEAR = 2023
END = dt.date(YEAR, 12, 31)
ROOT = "上城区总工会"
STREETS = ("清波", "湖滨", "小营", "南星", "紫阳", "望江")
#: the registers in the order SPEC §2 imports them: orgs, employers, workers, then the rest
ORDER = ("orgs", "employers", "workers", "competitions", "entries", "courses", "attendance", "certificates",
         "proposals", "honours", "facilities", "meetings", "instructors", "contracts", "mediation_orgs")

# The sample's figures the district is built to (SPEC §5 keys).
SIGNED, UNSIGNED, NOT_REQUIRED = 57_422, 2_330, 400  # 在职 workers of open enterprises: 96.1%
TECHNICAL_HOSTS, TECHNICAL_TIMES = 159, 4_180
PROPOSALS, ADOPTED, BENEFIT_CENTS = 467, 291, 391_640  # 3916.40 万元
LEARNING_ORGS, LEARNING_TEAMS, KNOWLEDGE_WORKERS = 341, 810, 1_491
COVERED_WORKERS = 23_064
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100
#: the companies the sample names (its 省级职工书屋, its 人民调解 plaques), one street each
FAMOUS = {"清波": ("娃哈哈集团公司", "制造业"), "望江": ("奥普电器公司", "制造业"),
          "南星": ("金星铜工程有限公司", "制造业"), "小营": ("花中城商贸有限公司", "批发和零售业")}
# Keyword arguments cannot hold a header's unit in brackets; `District.add` puts it back.
FULL_HEADERS = {"经济效益": "经济效益(万元)", "专项经费": "专项经费(万元)", "期限": "期限(年)"}


def street_union(street: str) -> str:
    return f"{street}街道总工会"


@dataclass(eq=False)
class Person:
    name: str
    id_number: str
    female: bool


@dataclass(eq=False)
class Unit:
    """An employer (单位) of the district and the people on its books."""

    code: str
    name: str
    kind: str  # 单位类型
    street: str  # 清波…
    union: str | None  # 所属工会
    size: str  # single (its own union) | joint (a 联合基层工会) | none (未建会) | system
    industry: str = ""
    closed_on: dt.date | None = None
    union_closed: bool = False
    staff: list[Person] = field(default_factory=list)  # 在职

    @property
    def counted(self) -> bool:
        """Open at the end of the year, under an open union: its records count in 2023."""
        return not self.union_closed and not (self.closed_on and self.closed_on <= END)

    @property
    def short(self) -> str:
        return self.name.removeprefix("杭州").removesuffix("有限公司").removesuffix("公司")


class District:
    """The district's rows, register by register (each row a dict keyed by header)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)  # noqa: S311 — a repeatable district, not a secret
        self.rows: dict[str, list[dict[str, Any]]] = {slug: [] for slug in ORDER}
        self.used: set[str] = set()
        self.units: list[Unit] = []
        self.unit_of: dict[str, Unit] = {}  # 身份证号 → employer
        self.special: dict[str, Unit] = {}
        self.instructor_ids: list[str] = []
        self._numbers: Counter[str] = Counter()
        self.orgs()
        self.workers()
        self.employer_rows()  # the workers give each employer's 职工人数
        self.competitions()
        self.training()
        self.proposals()
        self.honours()
        self.facilities()
        self.meetings()
        self.instructors()
        self.contracts()
        self.mediation()

    # --- small helpers ------------------------------------------------------------------------

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def in_year(self, year: int, *, first: str = "01-01", last: str = "12-31") -> dt.date:
        return self.day(dt.date.fromisoformat(f"{year}-{first}"), dt.date.fromisoformat(f"{year}-{last}"))

    def unique(self, make: Any) -> str:
        while (value := make()) in self.used:
            pass
        self.used.add(value)
        return value

    def number(self, prefix: str) -> str:
        self._numbers[prefix] += 1
        return f"{prefix}{self._numbers[prefix]:04d}"

    def person(self, *, female: bool | None = None, born: tuple[int, int] = (1964, 2002)) -> Person:
        rng = self.rng
        female = rng.random() < 0.45 if female is None else female
        birth = self.day(dt.date(born[0], 1, 1), dt.date(born[1], 12, 31))

        def make() -> str:
            seq = rng.randint(0, 99) * 10 + rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
            first17 = f"{rng.choice(ID_REGIONS)}{birth:%Y%m%d}{seq:03d}"
            return first17 + id_check_char(first17)

        surname = SURNAMES[min(int(rng.expovariate(1 / 18)), len(SURNAMES) - 1)]
        name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        return Person(name, self.unique(make), female)

    def credit_code(self, prefix: str) -> str:
        def make() -> str:
            body = prefix + "330102" + "".join(self.rng.choice(ALPHABET) for _ in range(9))
            return body + credit_code_check_char(body)

        return self.unique(make)

    def pick(self, units: list[Unit], n: int) -> list[Unit]:
        return self.rng.sample(units, n)

    def staff_of(self, units: list[Unit], n: int, *, female: bool | None = None) -> list[Person]:
        """n different 在职 people of these employers."""
        pool = [p for u in units for p in u.staff if female is None or p.female == female]
        return self.rng.sample(pool, n)

    def add(self, slug: str, **row: Any) -> None:
        self.rows[slug].append({FULL_HEADERS.get(k, k): v for k, v in row.items()})

    # --- orgs and employers -----------------------------------------------------------------------

    def org(self, name: str, org_type: str, parent: str, *, founded: dt.date | None = None,
            closed: dt.date | None = None) -> None:
        self.add("orgs", 组织名称=name, 组织类型=org_type, 上级组织=parent, 成立日期=founded,
                 工会主席=self.person().name, 撤销日期=closed)

    def unit(self, name: str, kind: str, street: str, union: str | None, size: str, *, industry: str = "",
             closed_on: dt.date | None = None, union_closed: bool = False) -> Unit:
        prefix = {"企业": "91", "事业单位": "12", "机关": "11", "社会组织": "52"}[kind]
        unit = Unit(self.credit_code(prefix), name, kind, street, union, size, industry, closed_on, union_closed)
        self.units.append(unit)
        return unit

    def company_name(self) -> tuple[str, str]:
        rng = self.rng
        word, industry = rng.choice(INDUSTRIES)

        def make() -> str:
            return f"杭州{rng.choice(BRAND)}{rng.choice(BRAND)}{word}有限公司"

        return self.unique(make), industry

    def shop_name(self, street: str) -> tuple[str, str]:
        rng = self.rng
        word, industry = rng.choice(SMALL_SHOPS)

        def make() -> str:
            return f"上城区{street}{rng.choice(COMMUNITIES)}{rng.choice(BRAND)}{rng.choice(BRAND)}{word}"

        return self.unique(make), industry

    def orgs(self) -> None:
        """上城区总工会 → 6 streets (45 company unions and 6 联合基层工会 each) and 2 系统工会."""
        self.org(ROOT, "区总工会", "", founded=dt.date(1952, 3, 1))
        for street in STREETS:
            union = street_union(street)
            self.org(union, "街道总工会", ROOT, founded=self.day(dt.date(1985, 1, 1), dt.date(2001, 12, 31)))
            for i in range(45):
                famous = i == 0 and street in FAMOUS
                name, industry = FAMOUS[street] if famous else self.company_name()
                self.org(f"{name}工会", "基层工会", union, founded=self.day(dt.date(1995, 1, 1), dt.date(2020, 12, 31)))
                unit = self.unit(name, "企业", street, f"{name}工会", "single", industry=industry)
                if famous:
                    self.special[name] = unit
            for community in self.rng.sample(COMMUNITIES, 6):
                joint = f"{street}街道{community}社区联合工会"
                self.org(joint, "联合基层工会", union, founded=self.day(dt.date(2008, 1, 1), dt.date(2020, 12, 31)))
                for j in range(25):
                    kind = "社会组织" if j % 9 == 8 else "企业"
                    name, industry = self.shop_name(street)
                    self.unit(name, kind, street, joint, "joint", industry=industry)
            for j in range(120):
                kind = "社会组织" if j % 20 == 19 else "企业"
                name, industry = self.shop_name(street) if j % 3 else self.company_name()
                self.unit(name, kind, street, None, "none", industry=industry)
        # a union dissolved in 2022 whose company stays on the register, and employers closed
        # during 2023 (left out) and in 2024 (still counted for 2023)
        self.org("杭州恒泰服装有限公司工会", "基层工会", street_union("清波"), founded=dt.date(2006, 5, 1),
                 closed=dt.date(2022, 9, 30))
        self.special["dissolved"] = self.unit("杭州恒泰服装有限公司", "企业", "清波", "杭州恒泰服装有限公司工会",
                                              "single", industry="制造业", union_closed=True)
        self.special["closed"] = self.unit("杭州鼎盛广告有限公司", "企业", "湖滨", None, "none",
                                           industry="租赁和商务服务业", closed_on=dt.date(2023, 6, 30))
        self.special["closing"] = next(u for u in self.units if u.street == "小营" and u.size == "single"
                                       and u not in self.special.values())
        self.special["closing"].closed_on = dt.date(2024, 3, 31)
        # the bureaus' unions (系统工会) and the district's training centre, under the root
        for system, members in (("区卫生健康系统工会", [("上城区人民医院", "事业单位"), ("上城区中医院", "事业单位"),
                                                       ("上城区妇幼保健院", "事业单位")]),
                                ("区机关工会", [("上城区城市管理办公室", "机关"), ("上城区发展和改革局", "机关"),
                                               ("上城区人力资源和社会保障局", "机关")])):
            self.org(system, "系统工会", ROOT, founded=dt.date(1998, 7, 1))
            for name, kind in members:
                short = name.removeprefix("上城")
                self.org(f"{short}工会", "基层工会", system, founded=dt.date(2001, 4, 1))
                self.special[short] = self.unit(name, kind, self.rng.choice(STREETS), f"{short}工会", "system")
        self.org("上城区职工培训中心工会", "基层工会", ROOT, founded=dt.date(2005, 9, 1))
        self.special["培训中心"] = self.unit("上城区职工培训中心", "事业单位", "清波", "上城区职工培训中心工会", "system",
                                         industry="教育")

    # --- workers ------------------------------------------------------------------------------------

    def workers(self) -> None:
        """57,422 signed and 2,330 unsigned 在职 workers of open enterprises (96.1%), 400 无需签订,
        and those the figure leaves out: 离职, 退休, other employer types, closed employers."""
        rng = self.rng
        counted = [u for u in self.units if u.kind == "企业" and u.counted]
        mu = {"single": 4.3, "joint": 2.3, "none": 2.6}
        weights = [rng.lognormvariate(mu[u.size], 0.7) for u in counted]
        weights[counted.index(self.special["娃哈哈集团公司"])] = 2_000
        weights[counted.index(self.special["奥普电器公司"])] = 700
        total = SIGNED + UNSIGNED + NOT_REQUIRED
        sizes = Counter(range(len(counted)))  # one each, the rest by weight
        sizes.update(rng.choices(range(len(counted)), weights, k=total - len(counted)))
        slots = [counted[i] for i, n in sorted(sizes.items()) for _ in range(n)]
        # unsigned contracts are likelier in small employers than in a company with its own union
        order = sorted(range(len(slots)), key=lambda i: rng.random() * (0.3 if slots[i].size == "single" else 1.0))
        contract = dict.fromkeys(order[-UNSIGNED:], "未签订")
        contract.update(dict.fromkeys(order[:NOT_REQUIRED], "无需签订"))
        for i, unit in enumerate(slots):
            self.worker(unit, contract.get(i, "已签订"))
        for _ in range(1_200):
            self.worker(rng.choices(counted, weights)[0], "已签订" if rng.random() < 0.92 else "未签订", status="离职")
        for _ in range(300):
            self.worker(rng.choices(counted, weights)[0], "已签订", status="退休", born=(1958, 1966))
        for unit in self.units:
            if unit.kind in ("事业单位", "机关") and unit.size == "system":
                for _ in range(rng.randint(250, 350) if unit.kind == "事业单位" else rng.randint(50, 90)):
                    self.worker(unit, "已签订" if unit.kind == "事业单位" else "无需签订")
            elif unit.kind == "社会组织":
                for _ in range(rng.randint(3, 15)):
                    self.worker(unit, "已签订" if rng.random() < 0.9 else "未签订")
        for _ in range(60):
            self.worker(self.special["closed"], "已签订" if len(self.special["closed"].staff) % 12 else "未签订")
        for _ in range(45):
            self.worker(self.special["dissolved"], "已签订")

    def worker(self, unit: Unit, contract: str, *, status: str = "在职", born: tuple[int, int] = (1964, 2002)) -> None:
        rng = self.rng
        person = self.person(born=born)
        member = rng.random() < (0.9 if unit.union else 0.05)
        start = self.day(dt.date(2012, 1, 1), dt.date(2023, 6, 30)) if contract == "已签订" else None
        self.add("workers", 姓名=person.name, 身份证号=person.id_number, 所在单位=unit.code,
                 手机号=rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}", 是否会员=member,
                 入会日期=self.day(dt.date(2005, 1, 1), dt.date(2023, 6, 30)) if member else None,
                 劳动合同=contract, 合同起始日期=start,
                 合同终止日期=add_years(start, rng.choice((3, 5))) if start and rng.random() < 0.7 else None,
                 岗位=rng.choice(POSTS), 劳模级别=rng.choice(("区级", "市级")) if rng.random() < 0.002 else None,
                 在职状态=status)
        if status == "在职":
            unit.staff.append(person)
            self.unit_of[person.id_number] = unit

    def employer_rows(self) -> None:
        for u in self.units:
            self.add("employers", 统一社会信用代码=u.code, 单位名称=u.name, 单位类型=u.kind, 所属街道=f"{u.street}街道",
                     所属工会=u.union, 行业=u.industry, 职工人数=len(u.staff),
                     女职工人数=sum(p.female for p in u.staff), 注销日期=u.closed_on)

    def counted(self, *sizes: str, kind: str = "企业", street: str | None = None, staff: int = 1) -> list[Unit]:
        """Employers whose records count in 2023, of these sizes, with at least `staff` 在职."""
        # the employer closing in 2024 takes its part by hand (it must not be drawn twice)
        return [u for u in self.units if u.counted and u.kind == kind and (not sizes or u.size in sizes)
                and (street is None or u.street == street) and len(u.staff) >= staff
                and u is not self.special["closing"]]

    # --- competitions (劳动竞赛 2,530 participants; 技能竞赛/技术比武 980 person-times) -----------------

    def competition(self, name: str, year: int, kind: str, level: str, organisers: str, *, co: str = "",
                    participants: int | None = None) -> tuple[str, int]:
        start = self.in_year(year, last="10-31")
        self.add("competitions", 竞赛名称=name, 年度=year, 竞赛类型=kind, 级别=level, 主办单位=organisers, 协办单位=co,
                 开始日期=start, 结束日期=start + dt.timedelta(days=self.rng.randint(1, 40)), 参与人数=participants)
        return name, year

    def entries(self, competition: tuple[str, int], items: list[tuple[str, str]], people: list[Person], *,
                twice: int = 0, team: Any = None) -> None:
        """One entry per person (in a random item), and `twice` of them in a second item too."""
        rng = self.rng
        awards = ("金奖", "银奖", "铜奖", "优秀奖", None, None, None)
        rows = [(p, rng.randrange(len(items))) for p in people]
        rows += [(p, (i + 1) % len(items)) for p, i in rows[:twice]]
        for person, i in rows:
            category, item = items[i]
            unit = self.unit_of.get(person.id_number)
            self.add("entries", 竞赛名称=competition[0], 年度=competition[1], 大类=category, 项目=item,
                     姓名=person.name, 身份证号=person.id_number,
                     代表队=team(person) if team else (unit.short if unit else ""),
                     成绩=f"{rng.uniform(60, 99):.1f}", 奖项=rng.choice(awards))

    def competitions(self) -> None:
        rng = self.rng
        cg, fg = self.special["区城市管理办公室"], self.special["区发展和改革局"]
        # 劳动竞赛 of 2023: 520 + 380 + 260 + 800 + 4 × 90 + 90 + 120 people = 2,530
        self.competition("重点工程比进度劳动竞赛", YEAR, "劳动竞赛", "区级", "区城市管理办公室工会", participants=520)
        self.competition("城市管理比质量劳动竞赛", YEAR, "劳动竞赛", "区级", cg.code, participants=380)
        self.competition("争当“营销状元”劳动竞赛", YEAR, "劳动竞赛", "基层", fg.code, participants=260)
        self.competition("娃哈哈集团生产劳动竞赛", YEAR, "劳动竞赛", "基层", self.special["娃哈哈集团公司"].code,
                         participants=800)
        for street in ("湖滨", "小营", "南星", "紫阳"):
            self.competition(f"{street}街道“比学赶超”劳动竞赛", YEAR, "劳动竞赛", "街道", street_union(street),
                             participants=90)
        self.competition("望江街道“百名职工合理化建议”劳动竞赛", YEAR, "劳动竞赛", "街道", street_union("望江"), participants=90)
        # entries win over 参与人数, and a person in two items is one participant: 120
        qingbo = self.competition("清波街道岗位练兵劳动竞赛", YEAR, "劳动竞赛", "街道", street_union("清波"),
                                  participants=200)
        self.entries(qingbo, [("岗位练兵", "操作规范"), ("岗位练兵", "服务礼仪"), ("岗位练兵", "安全知识")],
                     self.staff_of(self.counted("single", street="清波"), 120), twice=30)
        # 技能竞赛 and 技术比武 of 2023: 320 + 48 + 150 + 6 + 8 + 10 + 138 + 180 + 120 person-times = 980
        items = [("宾馆客房服务", "中式铺床"), ("宾馆客房服务", "客房清扫"), ("餐厅服务", "中餐摆台"), ("餐厅服务", "西餐摆台"),
                 ("艺术插花", "艺术插花"), ("特色厨艺", "热菜"), ("特色厨艺", "面点")]
        service = self.competition("上城区现代服务技能大赛", YEAR, "技能竞赛", "区级", ROOT, co="区人力资源和社会保障局")
        self.entries(service, items, self.staff_of(self.counted("single", "joint", staff=3), 290), twice=30)
        knitting = self.competition("上城区手工编织技能比赛暨手工作品展示", YEAR, "技术比武", "区级",
                                    f"{ROOT}；{street_union('清波')}", co="区妇联")
        for street in STREETS:  # 16 teams of the 6 streets, 48 women
            teams = 3 if street in ("清波", "湖滨", "小营", "南星") else 2
            women = self.staff_of(self.counted(street=street, staff=2), teams * 3, female=True)
            self.entries(knitting, [("手工编织", "手工编织")], women,
                         team=lambda p, s=street, w=women: f"{s}街道代表队{'一二三'[w.index(p) // 3]}")
        self.competition("车辆驾驶比安全技术比武", YEAR, "技术比武", "基层", cg.code, participants=150)
        pool = self.counted("single", staff=30)
        for name, level, organisers, item, n in (
                ("全国第四届“振兴杯”青年职工技能大赛", "全国", "共青团中央；人力资源和社会保障部", "数控车工", 6),
                ("浙江省“昆仑杯”钢筋工大赛", "省级", "浙江省总工会", "钢筋工", 8),
                ("杭州市车工技能大赛", "市级", "杭州市总工会", "车工", 10)):
            outside = self.competition(name, YEAR, "技能竞赛", level, organisers, co=ROOT)
            self.entries(outside, [("", item)], self.staff_of(pool, n))
        self.competition("南星街道家政服务技能竞赛", YEAR, "技能竞赛", "街道", street_union("南星"), participants=138)
        self.competition("湖滨街道酒店服务技能竞赛", YEAR, "技能竞赛", "街道", street_union("湖滨"), participants=180)
        self.competition("望江街道电工技术比武", YEAR, "技术比武", "街道", street_union("望江"), participants=120)
        # left out: a 知识竞赛, and other years
        self.competition("医疗护理技术知识竞赛", YEAR, "知识竞赛", "基层", "区人民医院工会", participants=400)
        earlier = self.competition("上城区现代服务技能大赛", 2022, "技能竞赛", "区级", ROOT)
        self.entries(earlier, [("艺术插花", "艺术插花"), ("特色厨艺", "热菜"), ("特色厨艺", "冷拼"), ("宾馆服务", "前台接待"),
                               ("宾馆服务", "客房服务"), ("茶艺", "茶艺表演"), ("调酒", "花式调酒")],
                     self.staff_of(self.counted("single", "joint", staff=3), 280))
        for year, participants in ((2021, 1_650), (2022, 2_210), (2024, 2_700)):
            self.competition(f"{year}年度全区劳动竞赛", year, "劳动竞赛", "区级", ROOT, participants=participants)
        self.competition("车辆驾驶比安全技术比武", 2024, "技术比武", "基层", cg.code, participants=rng.randint(120, 180))

    # --- training (159家企业组织技术培训4180人次; 免费培训 8个项目1825人次, 202人获证; 272人获证) ---------

    def course(self, name: str, category: str, organisers: str, start: dt.date, *, times: int | None = None,
               people: list[Person] | None = None) -> tuple[str, dt.date]:
        self.add("courses", 项目名称=name, 培训类别=category, 主办单位=organisers, 开始日期=start,
                 结束日期=start + dt.timedelta(days=self.rng.randint(0, 20)), 培训人次=times)
        for person in people or []:
            self.add("attendance", 项目名称=name, 开始日期=start, 姓名=person.name, 身份证号=person.id_number,
                     是否结业=self.rng.random() < 0.93)
        return name, start

    def certificate(self, person: Person, issued: dt.date, course: tuple[str, dt.date] | None = None, *,
                    title: str = "") -> None:
        rng = self.rng
        self.add("certificates", 证书编号=self.number(f"ZS{issued.year}"), 姓名=person.name, 身份证号=person.id_number,
                 证书名称=title or rng.choice(("育婴员", "保育员", "中式烹调师", "电工", "茶艺师", "企业人力资源管理师",
                                              "网络与信息安全管理员", "美容师", "西式面点师", "焊工")),
                 等级=rng.choice(("五级/初级工", "四级/中级工", "三级/高级工")),
                 发证日期=issued, 培训项目=course[0] if course else None, 培训开始日期=course[1] if course else None)

    def training(self) -> None:
        rng = self.rng
        topics = ("岗位技能", "安全生产", "设备操作", "质量管理", "数字化技能", "班组长能力提升", "服务规范")
        # 技术培训 of 2023 hosted by 159 enterprises themselves, 16 of them twice: 175 courses
        hosts = self.pick(self.counted("single", "joint", "none", staff=5), TECHNICAL_HOSTS)
        runs = [(u, t) for u in hosts for t in rng.sample(topics, 2 if hosts.index(u) < 16 else 1)]
        attended = set(rng.sample(range(len(runs)), 40))
        technical: list[tuple[str, dt.date, list[Person]]] = []
        people_times = 0
        for i, (unit, topic) in enumerate(runs):
            people = rng.sample(unit.staff, min(len(unit.staff), rng.randint(15, 50))) if i in attended else []
            people_times += len(people)
            technical.append((f"{unit.short}{topic}培训", self.in_year(YEAR, last="12-20"), people))
        plain = [i for i in range(len(runs)) if i not in attended]
        times = self.split(TECHNICAL_TIMES - people_times, len(plain), least=5)
        for i, (unit, _) in enumerate(runs):
            name, start, people = technical[i]
            # a planned 培训人次 beside the attendance list does not count: the list does
            planned = times[plain.index(i)] if i in plain else (len(people) + 10 if i % 4 == 0 else None)
            course = self.course(name, "技术培训", unit.code, start, times=planned, people=people)
            technical[i] = (*course, people)
        # left out of training.*: a union's own courses (a company union is an org, not the
        # company), a hospital's, the closed employer's, December 2022, 其他, 2024
        self.course("清波街道职工技能提升培训", "技术培训", street_union("清波"), dt.date(2023, 4, 10), times=200)
        self.course("娃哈哈集团公司工会技能培训", "技术培训", "娃哈哈集团公司工会", dt.date(2023, 5, 8), times=120)
        self.course("护理技能培训", "技术培训", self.special["区人民医院"].code, dt.date(2023, 6, 5), times=90)
        self.course("广告设计技能培训", "技术培训", self.special["closed"].code, dt.date(2023, 3, 1), times=30)
        others = [u for u in self.counted("single", "joint", "none", staff=5) if u not in hosts]
        self.course(f"{others[0].short}岗位技能培训", "技术培训", others[0].code, dt.date(2022, 12, 26), times=40)
        self.course(f"{others[1].short}消防演练", "其他", others[1].code, dt.date(2023, 9, 12), times=60)
        self.course(f"{others[2].short}团队拓展活动", "其他", others[2].code, dt.date(2023, 10, 14), times=45)
        for year, n in ((2021, 20), (2022, 40), (2024, 5)):
            for unit in self.pick(others[3:], n):
                self.course(f"{unit.short}{rng.choice(topics)}培训", "技术培训", unit.code, self.in_year(year, last="11-30"),
                            times=rng.randint(15, 60))
        # 免费培训 of 2023: 8 projects, 180 + 150 + 120 attending and 1,375 recorded = 1,825 person-times
        centre = f"{ROOT}；上城区职工培训中心"
        crowd = self.staff_of(self.counted(staff=2), 430)
        skills, teams, manners = crowd[:180], crowd[160:310], crowd[310:430]  # 20 attend two of them
        free = [
            self.course("万名职工免费培训·技能业务", "免费培训", centre, dt.date(2023, 3, 6), people=skills),
            self.course("万名职工免费培训·班组管理", "免费培训", centre, dt.date(2023, 4, 17), people=teams),
            self.course("万名职工免费培训·社交礼仪", "免费培训", centre, dt.date(2023, 5, 22), people=manners),
            self.course("万名职工免费培训·计算机应用", "免费培训", centre, dt.date(2023, 6, 12), times=300),
            self.course("万名职工免费培训·家政服务", "免费培训", centre, dt.date(2023, 8, 7), times=280),
            self.course("万名职工免费培训·电工上岗", "免费培训", street_union("清波"), dt.date(2023, 9, 4), times=275),
            self.course("酒店服务英语免费培训", "免费培训", others[3].code, dt.date(2023, 10, 9), times=270),
            # starts in 2023, ends in 2024: a 2023 project
            self.course("万名职工免费培训·财会业务", "免费培训", centre, dt.date(2023, 12, 28), times=250),
        ]
        # 202 people with a certificate of 2023 from those projects: 190 who attended (15 of them
        # twice) and 12 of the computing course
        holders = skills[:110] + teams[:50] + manners[:30]
        for person in holders:
            course = free[0] if person in skills else free[1] if person in teams else free[2]
            self.certificate(person, self.day(course[1] + dt.timedelta(days=30), dt.date(2023, 12, 20)), course)
        for person in skills[160:175]:  # they attended 班组管理 too
            self.certificate(person, dt.date(2023, 7, 20), free[1], title="班组长")
        computing = [p for p in self.staff_of(self.counted(staff=2), 300) if p not in crowd][:12]
        for person in computing:
            self.certificate(person, dt.date(2023, 9, 15), free[3], title="计算机操作员")
        free_people = {p.id_number for p in holders + computing}
        # 70 more people certified in 2023 (272 in all): from an enterprise course, from a 2022
        # free course, from elsewhere (5 not on the worker register), three of them twice
        earlier = [self.course(f"万名职工免费培训·{topic}", "免费培训", centre, dt.date(2022, m, 7), times=rng.randint(150, 300))
                   for m, topic in ((3, "技能业务"), (4, "班组管理"), (5, "社交礼仪"), (6, "计算机应用"), (9, "家政服务"),
                                    (11, "插花艺术"))]
        taught = list({p.id_number: (p, (name, start)) for name, start, people in technical for p in people
                       if p.id_number not in free_people}.values())
        certified: list[Person] = []
        for person, course in rng.sample(taught, 30):
            self.certificate(person, self.day(course[1], END), course)
            certified.append(person)
        late = self.staff_of(self.counted(staff=2), 400)
        late = [p for p in late if p.id_number not in free_people and p not in certified][:35]
        self.certificate(late[0], dt.date(2023, 2, 10), earlier[-1])
        for person in late[1:]:
            self.certificate(person, self.in_year(YEAR))
        strangers = [self.person() for _ in range(5)]
        for person in strangers:
            self.certificate(person, self.in_year(YEAR))
        for person in (late[1], late[2], strangers[0]):
            self.certificate(person, self.in_year(YEAR), title="安全生产管理员")
        for person in holders[:8]:  # a second, unrelated certificate adds nobody
            self.certificate(person, self.in_year(YEAR), title="消防设施操作员")
        # left out: 2024 certificates (one from the project that began in December 2023), and 2021–2022
        self.certificate(crowd[0], dt.date(2024, 1, 15), free[-1])
        for year, n in ((2021, 100), (2022, 150), (2024, 40)):
            for person in self.staff_of(self.counted(staff=2), n):
                self.certificate(person, self.in_year(year))
        for name, start in earlier:
            for person in self.staff_of(self.counted(staff=2), 25):
                self.certificate(person, self.day(start + dt.timedelta(days=20), dt.date(2022, 12, 31)), (name, start))

    def split(self, total: int, n: int, *, least: int = 1) -> list[int]:
        """`total` in n random parts of at least `least` each."""
        weights = [self.rng.random() + 0.2 for _ in range(n)]
        free = total - least * n
        parts = [least + int(free * w / sum(weights)) for w in weights]
        parts[parts.index(max(parts))] += total - sum(parts)
        return parts

    # --- proposals (467条, 已采纳291条, 3916.40万元) ------------------------------------------------

    def proposal(self, where: Unit | str, submitted: dt.date, status: str, benefit: Decimal | None = None,
                 adopted: dt.date | None = None) -> None:
        rng = self.rng
        person = rng.choice(where.staff) if isinstance(where, Unit) else self.person()
        subjects = ("生产工艺", "节能降耗", "安全生产", "服务流程", "设备维护", "成本控制", "质量管理", "信息化")
        verbs = ("改进", "优化", "规范", "完善")
        if status in ("已采纳", "已实施") and adopted is None:
            adopted = submitted + dt.timedelta(days=rng.randint(10, 60))
            adopted = min(adopted, END) if submitted.year == YEAR else adopted
        self.add("proposals", 建议编号=self.number(f"JY{submitted.year}-"),
                 标题=f"关于{rng.choice(verbs)}{rng.choice(subjects)}的建议", 提出人=person.name,
                 提出人身份证号=person.id_number if rng.random() < 0.85 else None,
                 所在单位=where.code if isinstance(where, Unit) else where, 提出日期=submitted, 状态=status,
                 采纳日期=adopted, 经济效益=None if benefit is None else benefit)

    def proposals(self) -> None:
        rng = self.rng
        units = self.counted(staff=3) + self.counted("system", kind="事业单位") + self.counted("system", kind="机关")
        unions = [r["组织名称"] for r in self.rows["orgs"] if r["组织类型"] == "基层工会" and not r["撤销日期"]]
        # 467 of 2023: 170 已实施 and 121 已采纳 (291 adopted), 90 未采纳, 50 审核中, 36 已提交; the
        # 已实施 ones and 50 of the 已采纳 carry the 3916.40万元
        statuses = ["已实施"] * 170 + ["已采纳"] * (ADOPTED - 170) + ["未采纳"] * 90 + ["审核中"] * 50
        statuses += ["已提交"] * (PROPOSALS - len(statuses))
        benefits = sorted(self.split(BENEFIT_CENTS, 220, least=50), reverse=True)
        for i, status in enumerate(statuses):
            benefit = Decimal(benefits.pop()) / 100 if status == "已实施" or (status == "已采纳" and i < 220) else None
            where: Unit | str = rng.choice(unions) if i % 45 == 44 else rng.choice(units)
            submitted = self.in_year(YEAR, first="01-01", last="12-31")
            # adopted after the year ended: still counted, by its state now
            adopted = dt.date(2024, 2, 1) if status == "已采纳" and i % 40 == 0 else None
            if adopted:
                submitted = dt.date(2023, 12, 10)
            self.proposal(where, submitted, status, benefit, adopted)
        closed, dissolved = self.special["closed"], self.special["dissolved"]
        for status in ("已实施", "已采纳", "已提交", "未采纳"):  # a closed employer's drop out
            self.proposal(closed, dt.date(2023, 2, 20), status, Decimal("50.00") if status == "已实施" else None)
        self.proposal(dissolved, dt.date(2023, 3, 20), "已实施", Decimal("12.00"))
        self.proposal(rng.choice(units), dt.date(2022, 12, 31), "已实施", Decimal("30.00"))
        self.proposal(rng.choice(units), dt.date(2024, 1, 1), "已实施", Decimal("25.00"))
        for year, n in ((2021, 300), (2022, 417), (2024, 180)):
            for _ in range(n):
                status = rng.choice(("已实施", "已采纳", "未采纳", "审核中") if year < 2024 else ("已提交", "审核中", "已采纳"))
                benefit = Decimal(rng.randint(100, 3_000)) / 100 if status == "已实施" else None
                self.proposal(rng.choice(units), self.in_year(year, last="12-20"), status, benefit)
        for _ in range(2):  # 2022 at the employer closed in 2023 counts in 2022
            self.proposal(closed, dt.date(2022, 6, 1), "未采纳")
        self.proposal(dissolved, dt.date(2022, 5, 1), "未采纳")

    # --- honours and facilities -------------------------------------------------------------------

    def honour(self, kind: str, name: str, where: str, level: str, year: int, *, id_number: str | None = None,
               revoked: int | None = None) -> None:
        self.add("honours", 类型=kind, 对象=name, 所在单位=where, 身份证号=id_number, 级别=level, 年度=year,
                 撤销年度=revoked)

    def honours(self) -> None:
        """学习型组织341个、学习型班组810个、知识型职工1491名 in force at the end of 2023."""
        rng = self.rng
        levels = ("区级",) * 6 + ("市级",) * 3 + ("省级",)
        firms = self.counted("single", "joint", "none", staff=10)
        # 学习型组织: 280 employers, 30 company unions, and 31 second namings at a higher level;
        # 2 revoked only in 2024 still count
        units = [(u.name, u.code) for u in self.pick(firms, 280)]
        union_units = [(f"{u.name}工会", f"{u.name}工会") for u in self.pick(self.counted("single", staff=10), 30)]
        records = [(name, where, "区级", rng.randint(2016, YEAR)) for name, where in units + union_units]
        again = LEARNING_ORGS - len(records)
        records += [(name, where, rng.choice(("市级", "省级")), rng.randint(2021, YEAR)) for name, where in units[:again]]
        for i, (name, where, level, year) in enumerate(records):
            self.honour("学习型组织", name, where, level, year, revoked=2024 if i < 2 else None)
        for name, where in units[again:again + 7]:  # revoked by the end of 2023
            self.honour("学习型组织", name, where, "市级", 2019, revoked=2022 if len(name) % 2 else 2023)
        for name, where in units[again + 7:again + 22]:
            self.honour("学习型组织", name, where, "市级", 2024)
        for unit in (self.special["closed"], self.special["dissolved"]):
            self.honour("学习型组织", unit.name, unit.code, "区级", 2021)
        # 学习型班组: 810 teams of 300 employers
        teams = ("质检班组", "生产一班", "生产二班", "维修班组", "客服班组", "营销班组", "研发小组", "仓储班组", "财务班组")
        hosts = self.pick(firms, 300)
        records = [(u, team) for u in hosts for team in teams[:2]]
        records += [(u, teams[2]) for u in hosts[:LEARNING_TEAMS - len(records)]]
        for i, (unit, team) in enumerate(records):
            self.honour("学习型班组", f"{unit.short}{team}", unit.code, rng.choice(levels), rng.randint(2017, YEAR),
                        revoked=2025 if i % 200 == 0 else None)
        for unit in hosts[:6]:
            self.honour("学习型班组", f"{unit.short}{teams[3]}", unit.code, "区级", 2020, revoked=2023)
        for unit in hosts[6:36]:
            self.honour("学习型班组", f"{unit.short}{teams[4]}", unit.code, "区级", 2024)
        self.honour("学习型班组", f"{self.special['closed'].short}设计班组", self.special["closed"].code, "区级", 2022)
        # 知识型职工: 1,451 people, 40 of them named again at a higher level in 2023. No two share a
        # name in one employer: the import matches an honour by 对象 and 所在单位 even for a person,
        # so namesakes named in the same year would read as one row given twice.
        namesakes: set[tuple[str, str]] = set()
        people = []
        for person in self.staff_of(firms, KNOWLEDGE_WORKERS + 200):
            key = (person.name, self.unit_of[person.id_number].code)
            if key not in namesakes:
                namesakes.add(key)
                people.append(person)
        people = people[:KNOWLEDGE_WORKERS - 40 + 5 + 35]
        for i, person in enumerate(people[:KNOWLEDGE_WORKERS - 40]):
            unit = self.unit_of[person.id_number]
            self.honour("知识型职工", person.name, unit.code, "区级", rng.randint(2015, YEAR), id_number=person.id_number)
            if i < 40:
                self.honour("知识型职工", person.name, unit.code, "市级", 2023, id_number=person.id_number)
        for i, person in enumerate(people[KNOWLEDGE_WORKERS - 40:]):  # revoked, and named only in 2024
            unit = self.unit_of[person.id_number]
            self.honour("知识型职工", person.name, unit.code, "区级", 2019 if i < 5 else 2024,
                        id_number=person.id_number, revoked=2021 if i < 5 else None)
        closed = self.special["closed"]
        self.honour("知识型职工", closed.staff[0].name, closed.code, "区级", 2021, id_number=closed.staff[0].id_number)
        # other honours, which none of the three counts
        for kind, n in (("劳动关系和谐企业", 60), ("模范职工之家", 30), ("工人先锋号", 20)):
            for unit in self.pick(firms, n):
                self.honour(kind, unit.name, unit.code, rng.choice(levels), rng.randint(2018, YEAR))

    def facility(self, kind: str, name: str, where: str, built: dt.date, *, level: str | None = None,
                 closed: dt.date | None = None) -> None:
        self.add("facilities", 类型=kind, 名称=name, 所在单位=where, 级别=level, 建成日期=built,
                 专项经费=Decimal(self.rng.randint(2, 30)), 停用日期=closed)

    def facilities(self) -> None:
        """职工俱乐部5个、职工书屋6个 (奥普 and 娃哈哈's 省级) at the end of 2023."""
        wahaha, aupu, closed = self.special["娃哈哈集团公司"], self.special["奥普电器公司"], self.special["closed"]
        centre = self.special["培训中心"]
        firm = self.counted("single", street="小营", staff=10)[0]
        club, books = "职工俱乐部", "职工书屋"
        self.facility(club, "上城区职工俱乐部", ROOT, dt.date(2010, 5, 1), level="区级")
        self.facility(club, "清波街道职工俱乐部", street_union("清波"), dt.date(2015, 6, 1), level="区级")
        self.facility(club, "湖滨街道职工俱乐部", street_union("湖滨"), dt.date(2016, 9, 1), closed=dt.date(2024, 6, 30))
        self.facility(club, "娃哈哈集团职工俱乐部", wahaha.code, dt.date(2012, 3, 1), level="市级")
        self.facility(club, "望江街道职工俱乐部", street_union("望江"), dt.date(2023, 9, 1))
        self.facility(club, "南星街道职工俱乐部", street_union("南星"), dt.date(2014, 4, 1), closed=dt.date(2023, 8, 31))
        self.facility(club, "小营街道职工俱乐部", street_union("小营"), dt.date(2024, 4, 10))
        self.facility(club, "鼎盛广告职工俱乐部", closed.code, dt.date(2020, 1, 6))
        self.facility(books, "娃哈哈集团公司阅览室", wahaha.code, dt.date(2016, 4, 23), level="省级")
        self.facility(books, "奥普电器公司职工书屋", aupu.code, dt.date(2018, 4, 23), level="省级")
        self.facility(books, "清波街道职工书屋", street_union("清波"), dt.date(2017, 4, 23), level="市级")
        self.facility(books, "紫阳街道职工书屋", street_union("紫阳"), dt.date(2019, 4, 23), level="区级")
        self.facility(books, "上城区职工培训中心职工书屋", centre.code, dt.date(2020, 4, 23), level="区级")
        self.facility(books, f"{firm.short}职工书屋", firm.code, dt.date(2023, 10, 1), level="区级")
        self.facility(books, "南星街道职工书屋", street_union("南星"), dt.date(2015, 4, 23), level="省级",
                      closed=dt.date(2022, 12, 31))
        self.facility(books, "望江街道职工书屋", street_union("望江"), dt.date(2024, 4, 23), level="全国")
        self.facility(books, "鼎盛广告职工书屋", closed.code, dt.date(2021, 4, 23), level="区级")
        for street in ("清波", "湖滨", "望江"):
            self.facility("职工学校", f"{street}街道职工学校", street_union(street), dt.date(2011, 9, 1))
        for unit in self.pick(self.counted("single", staff=20), 4):
            self.facility("职工之家", f"{unit.short}职工之家", unit.code, dt.date(2018, 5, 1), level="区级")

    # --- meetings, instructors, contracts, mediation --------------------------------------------------

    def meeting(self, kind: str, session: int, held: dt.date, convener: str, topics: str, documents: str = "") -> None:
        self.add("meetings", 会议类型=kind, 届次=f"第{session}次", 召开日期=held, 召集组织=convener, 议题=topics,
                 形成文件=documents)

    def meetings(self) -> None:
        """联席会议已召开七次 (one a year), 三方协调会议已召开十次 (one each half-year) by the end of 2023."""
        joint = ("机关事业单位工会经费集中统一划拨", "困难劳模及在职职工急难救助", "创建劳动关系和谐企业",
                 "强化劳动合同法宣传和贯彻", "推开工会社会化组建工作")
        for n, year in enumerate(range(2017, 2025), start=1):
            self.meeting("政府与工会联席会议", n, dt.date(year, 4, 12 + n), ROOT,
                         "；".join(self.rng.sample(joint, 2)), f"上城区政府与工会联席会议纪要（{year}）")
        for n in range(1, 12):
            held = dt.date(2019 + (n - 1) // 2, 6 if n % 2 else 12, 18)
            documents = "关于进一步推行平等协商和集体合同制度的指导意见" if n == 3 else ""
            self.meeting("劳动关系三方协调会议", n, held, ROOT, "推行平等协商和集体合同制度；企业工资集体协商", documents)
        for street in STREETS:
            for n in (1, 2):
                self.meeting("街道三方协调会议", n, dt.date(2022 + n - 1, 5, 20), street_union(street), "街道劳动关系形势分析")
        for street in ("望江", "湖滨"):
            for n in (1, 2):
                self.meeting("区域性职代会", n, dt.date(2021 + n, 3, 15), street_union(street), "区域性集体合同草案；区域性工资协商")

    def instructors(self) -> None:
        """13位企业工资集体协商指导员 in office at the end of 2023."""
        spells = [(dt.date(2019 + i % 4, 3, 1 + i), None) for i in range(10)]
        spells += [(dt.date(2023, 5, 10), None), (dt.date(2023, 12, 31), None),  # appointed on the last day
                   (dt.date(2020, 3, 1), dt.date(2024, 5, 1))]  # dismissed after the year
        # left out: dismissed in 2022, dismissed on 31 December 2023, appointed in 2024
        spells += [(dt.date(2019, 3, 1), dt.date(2022, 6, 30)), (dt.date(2020, 3, 1), dt.date(2023, 12, 31)),
                   (dt.date(2024, 3, 1), None)]
        for i, (appointed, dismissed) in enumerate(spells):
            person = self.person(born=(1965, 1985))
            if i < 10:  # in office since before 2023: they guide the contracts
                self.instructor_ids.append(person.id_number)
            liaison = ROOT if i % 7 == 0 else street_union(STREETS[i % 6])
            self.add("instructors", 姓名=person.name, 身份证号=person.id_number, 聘任日期=appointed, 解聘日期=dismissed,
                     联系单位=liaison)

    def contracts(self) -> None:
        """100家单位 signed a contract in 2023; 343 were under a covering contract at its end,
        whose latest contracts cover 23,064 workers."""
        rng = self.rng
        plan: list[dict[str, Any]] = []

        def sign(kind: str, parties: list[Unit], signed: dt.date, term: int, *, renews: str | None = None) -> str:
            number = self.number(f"SC{signed.year}-")
            plan.append({"合同编号": number, "合同类型": kind, "签订方式": "续签" if renews else "新签", "parties": parties,
                         "签订日期": signed, "期限(年)": term, "原合同编号": renews})
            return number

        singles = self.counted("single", staff=5)
        rng.shuffle(singles)
        joint = [u for u in self.counted("joint", staff=2) if u.street not in ("湖滨", "小营")]
        rng.shuffle(joint)
        firms = singles + joint
        take = iter(firms)

        def units(n: int) -> list[Unit]:
            return [next(take) for _ in range(n)]

        comprehensive, wage, female = "综合性集体合同", "工资专项集体协议", "女职工特殊保护专项集体合同"
        # A: 60 signed in 2023, 30 of them renewing a 2020 contract that ran out during 2023
        a = units(60)
        for unit in a[:30]:
            original = sign(comprehensive, [unit], self.in_year(2020, first="01-10", last="06-30"), 3)
            sign(comprehensive, [unit], self.in_year(YEAR, first="07-01", last="12-20"), 3, renews=original)
        for unit in a[30:]:
            sign(comprehensive, [unit], self.in_year(YEAR, last="12-20"), rng.choice((1, 2, 3)))
        # five sign a wage agreement the same day as their contract: the higher 合同编号 is the latest
        for row in plan[-5:]:
            sign(wage, row["parties"], row["签订日期"], row["期限(年)"])
        for unit in a[:2]:  # and two a 女职工 contract as well
            sign(female, [unit], self.in_year(YEAR, first="03-01", last="11-30"), 3)
        # B: 望江's regional contract of 2023 for 25 employers without a union
        sign("区域性集体合同", self.pick(self.counted("none", street="望江", staff=2), 25), dt.date(2023, 5, 18), 3)
        # C: 10 under a 2022 contract signing a 女职工 contract in 2023; D: 5 with only that
        for unit in units(10):
            sign(comprehensive, [unit], self.in_year(2022, last="10-31"), 3)
            sign(female, [unit], self.in_year(YEAR, last="12-20"), 3)
        for unit in units(5):
            sign(female, [unit], self.in_year(YEAR, last="12-20"), 2)
        # E: 100 under a 2021 three-year contract; F: 80 under a 2022 one (one of them closes in
        # 2024; one signed on 30 December 2022); I: 8 with a wage agreement of 2022 only
        for unit in units(100):
            sign(comprehensive, [unit], self.in_year(2021), 3)
        f = units(79) + [self.special["closing"]]
        for i, unit in enumerate(f):
            sign(comprehensive, [unit], dt.date(2022, 12, 30) if i == 0 else self.in_year(2022, last="12-20"),
                 rng.choice((2, 3)))
        for unit in units(8):
            sign(wage, [unit], self.in_year(2022), 3)
        # G: 湖滨's regional contract of 2022 for 40 employers of its 联合工会s, 6 of which have a
        # later wage agreement of their own; H: 小营's 餐饮 industry contract of 2021 for 20
        g = self.pick(self.counted("joint", street="湖滨", staff=2), 40)
        sign("区域性集体合同", g, dt.date(2022, 4, 26), 3)
        for unit in g[:6]:
            sign(wage, [unit], dt.date(2022, 9, 8), 3)
        sign("行业性集体合同", self.pick(self.counted("joint", "none", street="小营", staff=2), 20), dt.date(2021, 7, 6), 3)
        # left out: 15 contracts of 2020 never renewed, 12 two-year ones of 2021, the closed
        # employer's, the dissolved union's company's, and 2024
        for unit in units(15):
            sign(comprehensive, [unit], self.in_year(2020, last="11-30"), 3)
        for unit in units(12):
            sign(comprehensive, [unit], self.in_year(2021, last="11-30"), 2)
        closed = self.special["closed"]
        sign(comprehensive, [closed], dt.date(2022, 3, 1), 3)
        sign(wage, [closed], dt.date(2023, 2, 14), 1)
        sign(comprehensive, [self.special["dissolved"]], dt.date(2021, 6, 1), 3)
        for unit in units(3):
            sign(comprehensive, [unit], self.in_year(2024, last="10-31"), 3)
        self.contract_rows(plan)

    def contract_rows(self, plan: list[dict[str, Any]]) -> None:
        """覆盖职工人数 from the parties' workforce, scaled so that the latest covering contract of
        each employer covered at the end of 2023 adds up to the sample's 2.3万."""
        rng = self.rng
        covering = ("综合性集体合同", "工资专项集体协议", "区域性集体合同", "行业性集体合同")
        for row in plan:
            row["覆盖职工人数"] = max(1, sum(len(u.staff) for u in row["parties"]) - rng.randint(0, 2))
        latest: dict[int, dict[str, Any]] = {}
        for row in plan:
            expires = add_years(row["签订日期"], row["期限(年)"])
            if row["合同类型"] in covering and row["签订日期"] <= END < expires:
                for unit in row["parties"]:
                    best = latest.get(id(unit))
                    if unit.counted and (best is None or (row["签订日期"], row["合同编号"]) > (best["签订日期"], best["合同编号"])):
                        latest[id(unit)] = row
        chosen = list({id(row): row for row in latest.values()}.values())
        total = sum(row["覆盖职工人数"] for row in chosen)
        for row in chosen:
            row["覆盖职工人数"] = max(1, round(row["覆盖职工人数"] * COVERED_WORKERS / total))
        chosen.sort(key=lambda row: row["覆盖职工人数"])
        chosen[-1]["覆盖职工人数"] += COVERED_WORKERS - sum(row["覆盖职工人数"] for row in chosen)
        for i, row in enumerate(plan):
            signed: dt.date = row["签订日期"]
            submitted = signed + dt.timedelta(days=rng.randint(2, 10))
            covered = row["覆盖职工人数"]
            self.add("contracts", 合同编号=row["合同编号"], 合同类型=row["合同类型"], 签订方式=row["签订方式"],
                     签约单位="；".join(u.code for u in row["parties"]), 签订日期=signed, 期限=row["期限(年)"],
                     覆盖职工人数=covered, 女职工人数=covered * 2 // 5,
                     职代会通过日期=signed - dt.timedelta(days=rng.randint(5, 30)), 报送审查日期=submitted,
                     审查通过日期=submitted + dt.timedelta(days=rng.randint(5, 15)) if i % 5 else None,
                     原合同编号=row["原合同编号"],
                     指导员=self.instructor_ids[i % 10] if signed.year >= 2023 and i % 3 == 0 else None)

    def mediation(self) -> None:
        """区劳动争议调解委员会, 6个街道调解委员会, 45个企业调解小组, 83个人民调解组织 at the end of 2023."""
        def org(name: str, level: str, owner: str, founded: dt.date, closed: dt.date | None = None) -> None:
            self.add("mediation_orgs", 名称=name, 层级=level, 所属组织或单位=owner, 成立日期=founded, 撤销日期=closed)

        org("上城区劳动争议调解委员会", "区级调解委员会", ROOT, dt.date(2008, 6, 1))
        for street in STREETS:
            org(f"{street}街道劳动争议调解委员会", "街道调解委员会", street_union(street), self.in_year(2010))
        org("南星街道劳动争议调解中心", "街道调解委员会", street_union("南星"), dt.date(2006, 3, 1), dt.date(2010, 12, 31))
        firms = self.counted("single", "joint", "none", staff=10)
        units = self.pick(firms, 45 + 83 + 4)
        group, people = "企业调解小组", "人民调解组织"
        for unit in units[:43]:
            org(f"{unit.short}劳动争议调解小组", group, unit.code, self.in_year(self.rng.randint(2010, YEAR)))
        org("区人民医院劳动争议调解小组", group, "区人民医院工会", dt.date(2012, 5, 1))
        org("上城区职工培训中心劳动争议调解小组", group, self.special["培训中心"].code, dt.date(2014, 5, 1))
        org(f"{units[43].short}劳动争议调解小组", group, units[43].code, dt.date(2015, 1, 1), dt.date(2023, 5, 31))
        org(f"{units[44].short}劳动争议调解小组", group, units[44].code, dt.date(2024, 2, 1))
        org("鼎盛广告劳动争议调解小组", group, self.special["closed"].code, dt.date(2015, 1, 1))
        org("恒泰服装劳动争议调解小组", group, self.special["dissolved"].code, dt.date(2016, 1, 1))
        org("金星铜人民调解工作室", people, self.special["金星铜工程有限公司"].code, dt.date(2017, 3, 1))
        org("花中城人民调解工作室", people, self.special["花中城商贸有限公司"].code, dt.date(2017, 3, 1))
        for unit in units[45:126]:
            org(f"{unit.short}人民调解工作室", people, unit.code, self.in_year(self.rng.randint(2016, YEAR)))
        org(f"{units[126].short}人民调解工作室", people, units[126].code, dt.date(2018, 1, 1), dt.date(2023, 9, 30))
        org(f"{units[127].short}人民调解工作室", people, units[127].code, dt.date(2024, 3, 1))
        org("鼎盛广告人民调解工作室", people, self.special["closed"].code, dt.date(2019, 1, 1))


def district_rows(seed: int = SEED) -> dict[str, list[dict[str, Any]]]:
    """Every register's rows, keyed by slug, each row keyed by its template's headers."""
    return District(seed).rows


def write_files(directory: Path | str, seed: int = SEED) -> list[tuple[str, Path]]:
    """One .xlsx per register in `directory`, under the template's headers, in import order."""
    directory = Path(directory)
    files = []
    for slug, rows in district_rows(seed).items():
        register = get_register(slug)
        headers = register.headers
        unknown = {k for row in rows for k in row} - set(headers)
        if unknown:
            raise ValueError(f"{slug}: not headers of the register: {sorted(unknown)}")
        path = directory / f"{slug}.xlsx"
        sheet = Sheet(str(path), register)
        sheet.write_headers(0, notes=False)
        for r, row in enumerate(rows, start=1):
            sheet.write_row(r, [row.get(h) for h in headers])
        sheet.close()
        files.append((slug, path))
    return files


@dataclass
class Imported:
    slug: str
    rows: int
    seconds: float
    problems: list[Any]


def import_files(files: list[tuple[str, Path]], user: User | None = None) -> Iterator[Imported]:
    """Import the files through the register engine, as `uniondesk import` does: the orgs into an
    empty tree as an admin bound to no node yet, then the rest as `user` (default: an admin of the
    root, as the command line acts)."""
    for slug, path in files:
        if slug == "orgs" and not Org.objects.exists():
            actor = User(username="命令行", org=None, role=Role.ADMIN)
        else:
            actor = user or User(username="命令行", org=Org.objects.get(depth=1), role=Role.ADMIN)
        started = time.perf_counter()
        log, problems = import_file(user=actor, register=get_register(slug), file_name=path.name, data=path.read_bytes())
        yield Imported(slug, log.rows, time.perf_counter() - started, problems)
        if problems:  # nothing was written: the registers after it would refer to missing rows
            return


def import_all(user: User | None = None, seed: int = SEED) -> list[Imported]:
    """Write the district's files into a temporary directory and import them, stopping at the
    first file with problems (`uniondesk demo` can build on this)."""
    with tempfile.TemporaryDirectory() as directory:
        return list(import_files(write_files(directory, seed), user))
