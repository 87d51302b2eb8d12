"""Every indicator of SPEC §5, declared once: key, label, unit, definition, the records it counts
and how it measures them. A figure and its drill-down come from the same `records(scope)`, so they
cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import Aggregate, Count, F, Q, QuerySet, Sum, Value
from django.db.models.fields import DateField
from django.db.models.functions import ExtractYear
from django.utils import timezone

from assistance.models import Application, Status
from contests import selectors as contest_selectors
from contests.models import Competition, participants_total
from contests.models import person_times_total as entry_person_times
from contracts import selectors as contract_selectors
from contracts.models import Contract, Instructor
from contracts.selectors import covered_contracts, instructors_active
from foundings import selectors as founding_selectors
from foundings.models import Founding
from harmony import selectors as harmony_selectors
from honours import selectors as honour_selectors
from honours.models import Facility, Honour
from mediation.models import Case, MediationOrg
from mediation.selectors import mediation_orgs_in_being
from meetings import selectors as meeting_selectors
from meetings.models import Meeting
from meetings.selectors import meetings_in
from members.choices import MEMBER_STATES, Employment
from members.choices import State as MemberState
from members.models import Member, MembershipPeriod, PeriodQuerySet
from orgs.models import GRASSROOTS, Employer, EmployerType, Org, OrgType
from proposals import selectors as proposal_selectors
from proposals.models import Proposal
from supervision.models import Inspection, RectificationResult
from training.models import Certificate, Course
from training.models import person_times_total as course_person_times
from training.selectors import enterprise_technical_courses, free_courses, hosting_enterprises
from workers.models import Worker

from .scope import Scope

if TYPE_CHECKING:
    from contracts.models import ContractQuerySet
    from training.models import CourseQuerySet

Number = int | Decimal | None


def _count(records: QuerySet, scope: Scope) -> int:
    return records.count()


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    definition: str  # SPEC §5's words, shown on the indicator's page
    register: str  # the register its records belong to (drill-down list and export)
    records: Callable[[Scope], QuerySet]
    measure: Callable[[QuerySet, Scope], Number] = _count
    sample: str = ""  # the sentence of the sample summary it feeds
    as_stands: bool = False  # describes the register as it stands (Y−1 comes from a filed report)
    # The records of Y are those whose `by_year` (a date or a year number) falls in Y, under Y's
    # closing rules: several years' figures then come from one query grouped by that year.
    by_year: str = ""
    # Whether the parent's figure is Σ its children's + its own node's (SPEC §8 roll-up). None:
    # derived from the measure — a count of records is; a rate, a distinct count, a sum is not.
    additive: bool | None = None

    @property
    def adds_up(self) -> bool:
        return self.is_count if self.additive is None else self.additive

    @property
    def whole(self) -> bool:
        """The figure is a whole number (a count or a sum of counts), not a rate or a sum in 万元."""
        return self.unit not in ("%", "万元")

    @property
    def is_count(self) -> bool:
        """The figure is the number of its records (so a breakdown may group them in one query)."""
        return self.measure is _count or self.measure in COUNTING


def rate(part: int, whole: int) -> Decimal | None:
    """A percentage rounded half-up to one decimal; None with an empty denominator (SPEC §5, §6)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def wan(value: Any) -> Decimal:
    return (Decimal(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the records of each indicator ------------------------------------------------------------

def _courses(scope: Scope) -> CourseQuerySet:
    return scope.of(Course).exclude(host_employer__closed_on__lte=scope.end)


def _technical(scope: Scope) -> QuerySet:
    return enterprise_technical_courses(_courses(scope), scope.year)


def _free(scope: Scope) -> QuerySet:
    return free_courses(_courses(scope), scope.year)


def _person_times(records: QuerySet, scope: Scope) -> int:
    return course_person_times(records)


def _hosts(records: QuerySet, scope: Scope) -> int:
    return hosting_enterprises(records)


def _competitions(select: Callable[[QuerySet, int], QuerySet]) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        hosted = scope.of(Competition).exclude(host_employer__closed_on__lte=scope.end)
        return select(hosted, scope.year)

    return records


def _participants(records: QuerySet, scope: Scope) -> int:
    return participants_total(records)


def _entries(records: QuerySet, scope: Scope) -> int:
    return entry_person_times(records)


def _certificates(scope: Scope) -> QuerySet:
    # a certificate is owned through its worker's employer: a closed employer takes it along (SPEC §5)
    return scope.of(Certificate).filter(issued_on__year=scope.year).exclude(worker__employer__closed_on__lte=scope.end)


def _free_certificates(scope: Scope) -> QuerySet:
    return _certificates(scope).filter(course__in=_free(scope).values("pk"))


def _people(records: QuerySet, scope: Scope) -> int:
    return records.values("id_number").distinct().count()


def _proposals(select: Callable[[Any, int], QuerySet]) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        return select(scope.of(Proposal), scope.year)

    return records


def _benefit(records: QuerySet, scope: Scope) -> Decimal:
    return wan(records.aggregate(s=Sum("benefit"))["s"])


def _honours(model: Any, select: Callable[[Any, int], QuerySet]) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        return select(scope.of(model), scope.year)

    return records


def _meetings(select: Callable[..., QuerySet]) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        return select(scope.year, base=scope.of(Meeting))

    return records


def _instructors(scope: Scope) -> QuerySet:
    return instructors_active(scope.year, base=scope.of(Instructor).exclude(liaison_employer__closed_on__lte=scope.end))


def _covering(scope: Scope) -> ContractQuerySet:
    """The contracts that may cover the subtree's employers: an employer-based figure goes by the
    employer's node (SPEC §5), so a regional or industry contract owned in another subtree counts
    for the employers of this one. A user counts the contracts they may open, so that the figure,
    its drill-down and its export are the same records (and a filing, made in the user's scope)."""

    return Contract.objects.visible_to(scope.user) if scope.user is not None else Contract.objects.all()


def _contract_units(select: Callable[..., QuerySet]) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        return select(scope.year, base=scope.of(Employer), contracts=_covering(scope))

    return records


def _covered_contracts(scope: Scope) -> QuerySet:
    return covered_contracts(scope.year, base=scope.of(Employer), contracts=_covering(scope))


def _covered_workers(records: QuerySet, scope: Scope) -> int:
    return records.aggregate(n=Sum("covered_workers"))["n"] or 0


def _enterprise_workers(scope: Scope) -> QuerySet:
    """在职 workers of open 企业-type employers, as the register stands."""
    return scope.of(Worker).employed().filter(employer__employer_type=EmployerType.ENTERPRISE).exclude(
        employer__closed_on__lte=scope.end)


def _signed(scope: Scope) -> QuerySet:
    return _enterprise_workers(scope).filter(labour_contract="已签订")


def _worker_counts(scope: Scope) -> dict[str, int]:
    """The four worker figures (labour contracts and members) in one pass over the 在职 workers."""
    enterprise = Q(employer__employer_type=EmployerType.ENTERPRISE)
    return scope.shared("workers", lambda: _employed(scope).aggregate(
        employed=Count("pk"), members=Count("pk", filter=Q(is_member=True)),
        signed=Count("pk", filter=enterprise & Q(labour_contract="已签订")),
        due=Count("pk", filter=enterprise & Q(labour_contract__in=("已签订", "未签订")))))


def _signed_count(records: QuerySet, scope: Scope) -> int:
    return _worker_counts(scope)["signed"]  # the count of `records`, read with the other three


def _signed_rate(records: QuerySet, scope: Scope) -> Decimal | None:
    counts = _worker_counts(scope)
    return rate(counts["signed"], counts["due"])


def _mediation(key: str) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        return mediation_orgs_in_being(key=key, year=scope.year, queryset=scope.of(MediationOrg))

    return records


def _employed(scope: Scope) -> QuerySet:
    return scope.of(Worker).employed().exclude(employer__closed_on__lte=scope.end)


def _members(scope: Scope) -> QuerySet:
    return _employed(scope).filter(is_member=True)


def _member_count(records: QuerySet, scope: Scope) -> int:
    return _worker_counts(scope)["members"]


def _employed_count(records: QuerySet, scope: Scope) -> int:
    return _worker_counts(scope)["employed"]


def _member_rate(records: QuerySet, scope: Scope) -> Decimal | None:
    counts = _worker_counts(scope)
    return rate(counts["members"], counts["employed"])


def _periods(scope: Scope) -> PeriodQuerySet:
    """Membership periods of unions of the subtree (the union that held them then, SPEC §7)."""
    return scope.of(MembershipPeriod)


def _members_at_end(scope: Scope) -> QuerySet:
    """Members whose period open on 31 Dec Y is 在籍, 转出中 or 保留会籍 at a union of the subtree
    (a member has one period open on a day, so each is counted once)."""
    held = _periods(scope).open_on(scope.end).filter(state__in=MEMBER_STATES)
    return Member.objects.filter(pk__in=held.values("member_id"))


def _members_joined(scope: Scope) -> QuerySet:
    """Members whose 入会日期 is in Y, at the union they joined (the 在籍 period that began that day)."""
    began = _periods(scope).filter(state=MemberState.ACTIVE, started_on__year=scope.year,
                                   started_on=F("member__joined_on"))
    return Member.objects.filter(pk__in=began.values("member_id"))


def _members_left(scope: Scope) -> QuerySet:
    """Members with a period that entered 已退会 in Y at a union of the subtree."""
    left = _periods(scope).filter(state=MemberState.LEFT, started_on__year=scope.year)
    return Member.objects.filter(pk__in=left.values("member_id"))


def _members_new_employment(scope: Scope) -> QuerySet:
    return _members_at_end(scope).filter(employment=Employment.NEW)


def _members_migrant(scope: Scope) -> QuerySet:
    return _members_at_end(scope).filter(is_migrant=True)


def _members_women(scope: Scope) -> QuerySet:
    """Women are known by the 身份证号's sequence digit (its 17th, even for 女): every member has a
    checked 18-digit one, while a member need not be in the workers register, and the worker's 性别
    is derived from the same digit (workers.Worker.derive_from_id), so the two never differ."""
    return _members_at_end(scope).filter(id_number__regex=r"^[0-9]{16}[02468]")


def _enterprises(scope: Scope) -> QuerySet:
    return scope.of(Employer).filter(employer_type=EmployerType.ENTERPRISE).exclude(closed_on__lte=scope.end)


def _with_union(scope: Scope) -> QuerySet:
    return _enterprises(scope).filter(union__isnull=False)


def _coverage(records: QuerySet, scope: Scope) -> Decimal | None:
    counts = _enterprises(scope).aggregate(covered=Count("pk", filter=Q(union__isnull=False)), all=Count("pk"))
    return rate(counts["covered"], counts["all"])


def _founded(scope: Scope) -> QuerySet:
    return scope.of(Founding).established_in(scope.year)


def _founding_units(scope: Scope) -> QuerySet:
    return founding_selectors.units_of(_founded(scope))


#: measures that count their records, read together with others (one pass over the workers)
COUNTING = {_signed_count, _member_count, _employed_count}

I = Indicator  # noqa: E741 — the table below reads as SPEC §5's table

INDICATORS: tuple[Indicator, ...] = (
    I("training.enterprises", "组织技术培训的企业", "家",
      "Y 年开始的“技术培训”类培训项目中，主办单位本身是企业类单位的，按单位去重计数", "courses", _technical, _hosts,
      "159家企业组织技术培训", by_year="start_date"),
    I("training.person_times", "技术培训人次", "人次",
      "上述培训项目的培训人次之和（有参训记录的按参训记录数，否则按培训人次）", "courses", _technical, _person_times,
      "4180人次", by_year="start_date"),
    I("competition.labour_participants", "参加劳动竞赛职工", "名",
      "年度为 Y 的“劳动竞赛”的参与人数之和：有参赛记录的按身份证号去重，否则按参与人数", "competitions",
      _competitions(contest_selectors.labour_competitions), _participants, "2530名职工参加劳动竞赛", by_year="year"),
    I("competition.skill_person_times", "参与技能比武人次", "人次",
      "年度为 Y 的“技能竞赛”“技术比武”的参赛记录数（每条一人次）之和，无参赛记录的按参与人数", "competitions",
      _competitions(contest_selectors.skill_competitions), _entries, "980人次参与各类技能比武", by_year="year"),
    I("certificates.people", "获得职业资格证书", "人",
      "发证日期在 Y 年的证书，按身份证号去重", "certificates", _certificates, _people, "272人获得职业资格证书", by_year="issued_on"),
    I("proposals.submitted", "提出合理化建议", "条", "提出日期在 Y 年的合理化建议", "proposals",
      _proposals(proposal_selectors.submitted), sample="提出合理化建议467条", by_year="submitted_on"),
    I("proposals.adopted", "已采纳合理化建议", "条", "其中状态现为“已采纳”或“已实施”的", "proposals",
      _proposals(proposal_selectors.adopted), sample="已采纳291条", by_year="submitted_on"),
    I("proposals.benefit_wan", "创造直接经济效益", "万元", "已采纳建议的经济效益之和（万元）", "proposals",
      _proposals(proposal_selectors.adopted), _benefit, "3900多万元", by_year="submitted_on"),
    I("honours.learning_orgs", "学习型组织", "个", "Y 年及以前命名、到 Y 年未撤销的“学习型组织”（任何级别）", "honours",
      _honours(Honour, honour_selectors.learning_orgs), sample="学习型组织341个"),
    I("honours.learning_teams", "学习型班组", "个", "同上，“学习型班组”", "honours", _honours(Honour, honour_selectors.learning_teams),
      sample="学习型班组810个"),
    I("honours.knowledge_workers", "知识型职工", "名", "同上，“知识型职工”", "honours", _honours(Honour, honour_selectors.knowledge_workers),
      sample="知识型职工1491名"),
    I("facilities.clubs", "职工俱乐部", "个", "Y 年底前建成且未停用的“职工俱乐部”", "facilities", _honours(Facility, honour_selectors.clubs),
      sample="职工俱乐部5个"),
    I("facilities.book_houses", "职工书屋", "个", "同上，“职工书屋”", "facilities", _honours(Facility, honour_selectors.book_houses),
      sample="职工书屋6个"),
    I("facilities.book_houses_provincial", "省级以上职工书屋", "个", "其中级别为省级或全国的", "facilities",
      _honours(Facility, honour_selectors.book_houses_provincial), sample="省级“职工书屋”"),
    I("free_training.projects", "免费培训项目", "个", "Y 年开始的“免费培训”类培训项目", "courses", _free,
      sample="8个项目", by_year="start_date"),
    I("free_training.person_times", "免费培训人次", "人次", "这些项目的培训人次之和", "courses", _free, _person_times,
      "1825人次", by_year="start_date"),
    I("free_training.certificates", "免费培训获证", "人", "Y 年发证、且注明为上述项目之一的证书，按身份证号去重",
      "certificates", _free_certificates, _people, "202人获得职业资格证书", by_year="issued_on"),
    I("meetings.joint_total", "政府与工会联席会议（累计）", "次", "Y 年 12 月 31 日及以前召开的“政府与工会联席会议”",
      "meetings", _meetings(meeting_selectors.joint_total), sample="已召开七次"),
    I("meetings.tripartite_total", "劳动关系三方协调会议（累计）", "次", "Y 年底及以前召开的“劳动关系三方协调会议”",
      "meetings", _meetings(meeting_selectors.tripartite_total), sample="已召开了十次"),
    I("instructors.active", "在聘协商指导员", "位", "Y 年底前聘任且未解聘的协商指导员", "instructors", _instructors,
      sample="13位同志"),
    I("contracts.units_signed", "新（续）签集体合同的单位", "家",
      "Y 年签订的任何类型集体合同所涵盖的单位（任何单位类型），去重", "employers", _contract_units(contract_selectors.units_signed),
      sample="100家企业新(续)签"),
    I("contracts.units_total", "集体合同覆盖单位（累计）", "家",
      "Y 年底在有效期内（签订日期 ≤ 12月31日 < 签订日期 + 期限）的综合性/区域性/行业性集体合同或工资专项集体协议所涵盖的单位，去重",
      "employers", _contract_units(contract_selectors.units_total), sample="累计343家单位"),
    I("contracts.covered_workers", "集体合同受益职工", "名",
      "上述每家单位取其最新的有效合同，这些合同（区域性合同只计一次）的覆盖职工人数之和", "contracts", _covered_contracts,
      _covered_workers, "受益职工2.3万名"),
    I("labour_contracts.signed", "签订劳动合同职工", "人", "企业类单位在职职工中劳动合同为“已签订”的（按台账现状）",
      "workers", _signed, _signed_count, "57422人", as_stands=True),
    I("labour_contracts.rate", "劳动合同签订率", "%", "已签订 ÷（已签订 + 未签订），同一范围，百分比保留一位小数",
      "workers", _signed, _signed_rate, "96.1%", as_stands=True),
    I("mediation.district", "区级劳动争议调解委员会", "个", "Y 年底存续的区级调解委员会", "mediation_orgs",
      _mediation("mediation.district"), sample="区劳动争议调解委员会"),
    I("mediation.street", "街道劳动争议调解委员会", "个", "Y 年底存续的街道调解委员会", "mediation_orgs",
      _mediation("mediation.street"), sample="6个街道…调解委"),
    I("mediation.enterprise", "企事业劳动争议调解小组", "家", "Y 年底存续的企业调解小组", "mediation_orgs",
      _mediation("mediation.enterprise"), sample="45家企事业…调解小组"),
    I("mediation.people", "企业人民调解组织", "家", "Y 年底存续的人民调解组织", "mediation_orgs",
      _mediation("mediation.people"), sample="80多家企业建立了人民调解组织"),
    I("harmony.named", "命名劳动关系和谐企业", "家", "年度为 Y 的“劳动关系和谐企业”命名表彰（任何级别，含导入的）", "honours",
      _honours(Honour, harmony_selectors.named), by_year="year"),
    I("harmony.named_total", "劳动关系和谐企业（累计）", "家", "Y 年及以前命名、到 Y 年未撤销的“劳动关系和谐企业”（任何级别）",
      "honours", _honours(Honour, harmony_selectors.named_total)),
    I("members.count", "工会会员", "人", "在职职工中是会员的（按台账现状）", "workers", _members, _member_count,
      as_stands=True),
    I("members.rate", "入会率", "%", "会员 ÷ 在职职工（各类单位），百分比保留一位小数", "workers", _members, _member_rate,
      as_stands=True),
    I("members.total", "会员总数", "人", "会员台账中 Y 年 12 月 31 日会籍为在籍、转出中或保留会籍的（计入当时所在的工会）",
      "members", _members_at_end),
    I("members.joined", "新入会会员", "人", "入会日期在 Y 年的会员（入会日期空白的不计）", "members", _members_joined),
    I("members.left", "退会会员", "人", "会籍在 Y 年变为“已退会”的", "members", _members_left),
    I("members.new_employment", "新就业形态会员", "人", "会员总数中就业形态为“新就业形态”的", "members",
      _members_new_employment),
    I("members.migrant", "农民工会员", "人", "会员总数中是否农民工为“是”的", "members", _members_migrant),
    I("unions.coverage", "企业建会率", "%", "有所属工会的存续企业类单位 ÷ 全部存续企业类单位", "employers", _with_union,
      _coverage, as_stands=True),
    I("unions.founded", "新建工会", "个",
      "批复日期在 Y 年、状态为“已成立”的工会组建（在组织台账直接登记的工会不计）", "foundings", _founded,
      by_year="approved_on"),
    I("unions.founding_units", "新建会单位", "家", "这些工会组建涉及的单位，按单位去重", "employers", _founding_units),
)



# --- the working figures: the area pages and the annual report's 帮扶救助/监督/调解 table -------------
# Not SPEC §5's report figures (not in `report annual --format json` nor in a filing), but figures of
# the same system: each page shows figure() over its records and links to their drill-down.

def _all_competitions(scope: Scope) -> QuerySet:
    return scope.of(Competition).exclude(host_employer__closed_on__lte=scope.end).filter(year=scope.year)


def _courses_begun(scope: Scope) -> QuerySet:
    return _courses(scope).filter(start_date__year=scope.year)


def _honours_in_force(scope: Scope) -> QuerySet:
    return scope.of(Honour).in_force(scope.year)


def _facilities_open(scope: Scope) -> QuerySet:
    return scope.of(Facility).open_at(scope.end)


def _funds(records: QuerySet, scope: Scope) -> Decimal:
    return wan(records.aggregate(s=Sum("funds"))["s"])


def _meetings_held(scope: Scope) -> QuerySet:
    return meetings_in(scope.year, base=scope.of(Meeting))


def _contracts_signed(scope: Scope) -> QuerySet:
    return scope.of(Contract).filter(signed_on__year=scope.year)


def _today() -> Any:
    return timezone.localdate()


def _cases(status: str = "", overdue: bool = False) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        cases = scope.of(Case).filter(applied_on__year=scope.year)
        cases = cases.filter(status=status) if status else cases
        return cases.overdue(_today()) if overdue else cases

    return records


def _inspections(which: str = "") -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        inspections = scope.of(Inspection).filter(inspected_on__year=scope.year)
        if which == "findings":
            return inspections.exclude(findings="")
        if which == "rectified":
            return inspections.filter(result=RectificationResult.DONE)
        if which == "overdue":
            return inspections.overdue(_today())
        return inspections

    return records


def _inspected_units(records: QuerySet, scope: Scope) -> int:
    return len(set(records.values_list("employer_id", "org_id")))


def _applications(which: str = "") -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        if which == "paid":  # money goes by the day it was paid out, whenever it was applied for
            return scope.of(Application).filter(status=Status.PAID, paid_on__year=scope.year)
        applications = scope.of(Application).filter(applied_on__year=scope.year)
        return applications.filter(status=Status.REFUSED) if which == "refused" else applications

    return records


def _paid_wan(records: QuerySet, scope: Scope) -> Decimal:
    """批准金额 is kept in 元; the figure is in 万元 with two decimals, as every sum in 万元."""
    return wan(Decimal(records.aggregate(s=Sum("approved_amount"))["s"] or 0) / 10000)


def _orgs_below(scope: Scope) -> QuerySet:
    return scope.of(Org).exclude(path=scope.path) if scope.path else scope.of(Org).filter(depth__gt=1)


def _unions_below(scope: Scope) -> QuerySet:
    return _orgs_below(scope).filter(org_type__in=GRASSROOTS)


def _open_employers(scope: Scope) -> QuerySet:
    return scope.of(Employer).exclude(closed_on__lte=scope.end)


def _without_union(scope: Scope) -> QuerySet:
    return _open_employers(scope).filter(union__isnull=True)


def _unions_of(org_type: str) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        return scope.of(Org).filter(org_type=org_type)

    return records


def _covered_of(employer_type: str) -> Callable[[Scope], QuerySet]:
    def records(scope: Scope) -> QuerySet:
        return _open_employers(scope).filter(union__isnull=False, employer_type=employer_type)

    return records


def _declared_headcount(records: QuerySet, scope: Scope) -> int:
    return records.aggregate(n=Sum("headcount"))["n"] or 0


def _employed_women(scope: Scope) -> QuerySet:
    return _employed(scope).filter(gender="女")


WORKING: tuple[Indicator, ...] = (
    I("orgs.below", "下级组织", "个", "本组织以下、Y 年底未撤销的各级工会组织（按台账现状）", "orgs", _orgs_below,
      as_stands=True),
    I("orgs.unions", "基层工会", "个", "其中基层工会和联合基层工会", "orgs", _unions_below, as_stands=True),
    I("employers.open", "单位", "家", "Y 年底未注销的各类单位（按台账现状）", "employers", _open_employers, as_stands=True),
    I("employers.without_union", "未建会单位", "家", "其中没有所属工会的", "employers", _without_union, as_stands=True),
    I("workers.employed", "在职职工", "人", "存续单位的在职职工（按台账现状）", "workers", _employed, _employed_count,
      as_stands=True),
    # the statistical return's columns (SPEC §8, 基层工会组织和会员情况)
    I("unions.single", "基层工会（单独建会）", "个", "Y 年底未撤销的基层工会（按台账现状）", "orgs",
      _unions_of(OrgType.GRASSROOTS), as_stands=True),
    I("unions.joint", "联合基层工会", "个", "Y 年底未撤销的联合基层工会（按台账现状）", "orgs",
      _unions_of(OrgType.JOINT), as_stands=True),
    *(I(f"employers.covered_{slug}", f"已建会{label}", "家", f"Y 年底未注销、有所属工会的{label}类单位（按台账现状）",
        "employers", _covered_of(label), as_stands=True) for slug, label in (
        ("enterprise", EmployerType.ENTERPRISE), ("institution", EmployerType.INSTITUTION),
        ("agency", EmployerType.AGENCY), ("social", EmployerType.SOCIAL))),
    I("employers.declared_headcount", "单位申报职工人数", "人", "Y 年底未注销的各类单位所填职工人数之和（按台账现状）",
      "employers", _open_employers, _declared_headcount, as_stands=True),
    I("workers.employed_women", "在职女职工", "人", "存续单位的在职职工中的女职工（按台账现状）", "workers",
      _employed_women, as_stands=True),
    I("members.women", "女会员", "人", "会员总数中的女性（按身份证号第17位，偶数为女）", "members",
      _members_women),
    I("competition.count", "竞赛", "项", "年度为 Y 的各类竞赛", "competitions", _all_competitions, by_year="year"),
    I("competition.participants", "参赛职工", "名",
      "年度为 Y 的各类竞赛的参与人数之和：有参赛记录的按身份证号去重，否则按参与人数", "competitions",
      _all_competitions, _participants, by_year="year"),
    I("training.courses", "培训项目", "个", "Y 年开始的各类培训项目", "courses", _courses_begun, by_year="start_date"),
    I("training.all_person_times", "培训人次", "人次",
      "这些项目的培训人次之和（有参训记录的按参训记录数，否则按培训人次）", "courses", _courses_begun, _person_times, by_year="start_date"),
    I("honours.in_force", "现行命名表彰", "个", "Y 年及以前命名、到 Y 年未撤销的各类命名表彰", "honours",
      _honours_in_force),
    I("facilities.open", "在用职工阵地", "个", "Y 年底前建成且未停用的各类职工阵地", "facilities", _facilities_open),
    I("facilities.funds_wan", "阵地专项经费", "万元", "这些阵地的专项经费之和（万元）", "facilities", _facilities_open,
      _funds),
    I("meetings.held", "召开会议", "次", "召开日期在 Y 年的各类会议", "meetings", _meetings_held),
    I("contracts.signed", "新（续）签集体合同", "份", "签订日期在 Y 年的各类集体合同", "contracts", _contracts_signed, by_year="signed_on"),
    I("assistance.applications", "帮扶救助申请", "件", "申请日期在 Y 年的帮扶救助申请", "assistance",
      _applications(), by_year="applied_on"),
    I("assistance.refused", "不予救助", "件", "其中状态为“不予救助”的", "assistance", _applications("refused"), by_year="applied_on"),
    I("assistance.paid", "发放救助", "件", "发放日期在 Y 年、状态为“已发放”的申请", "assistance", _applications("paid"), by_year="paid_on"),
    I("assistance.paid_wan", "发放救助金", "万元", "上述申请的批准金额之和（万元）", "assistance", _applications("paid"),
      _paid_wan, by_year="paid_on"),
    I("supervision.inspections", "劳动法律监督检查", "次", "检查日期在 Y 年的法律监督检查", "inspections",
      _inspections(), by_year="inspected_on"),
    I("supervision.units", "被检查单位", "家", "这些检查涉及的单位（组织），去重", "inspections", _inspections(),
      _inspected_units),
    I("supervision.findings", "发现问题", "项", "其中写明了发现问题的检查", "inspections", _inspections("findings"), by_year="inspected_on"),
    I("supervision.rectified", "已整改", "项", "其中整改结果为“已整改”的", "inspections", _inspections("rectified"), by_year="inspected_on"),
    I("supervision.overdue", "整改逾期", "项", "其中整改期限已过而未整改完毕的（按今日）", "inspections",
      _inspections("overdue"), as_stands=True),
    I("mediation.cases", "劳动争议调解申请", "件", "申请日期在 Y 年的劳动争议调解案件", "cases", _cases(), by_year="applied_on"),
    I("mediation.succeeded", "调解成功", "件", "其中状态为“调解成功”的", "cases", _cases("调解成功"), by_year="applied_on"),
    I("mediation.overdue", "超期未结案件", "件", "其中申请已过 15 日、至今未结案的（按今日）", "cases",
      _cases(overdue=True), as_stands=True),
)

BY_KEY = {i.key: i for i in (*INDICATORS, *WORKING)}

#: the home page's line on the subtree (组织概况), as the registers stand
SUMMARY: tuple[str, ...] = ("orgs.below", "orgs.unions", "employers.open", "employers.without_union",
                            "workers.employed", "members.count")


def figure(indicator: Indicator, scope: Scope) -> Number:
    return indicator.measure(indicator.records(scope), scope)


# --- several years at once ----------------------------------------------------------------------

@dataclass(frozen=True)
class PerGroup:
    """A measure as an aggregate per group: the records prepared (annotated) for it, the aggregate,
    and the same finishing (rounding) the measure applies to its whole."""
    aggregate: Callable[[], Aggregate]
    prepare: Callable[[Any], QuerySet] = lambda records: records  # Any: a model's own QuerySet subclass
    finish: Callable[[Any], Number] = lambda value: value or 0


#: the measures that are a count or a sum over the records, so they may be taken per year
PER_GROUP: dict[Callable[..., Number], PerGroup] = {
    _count: PerGroup(lambda: Count("pk")),
    _people: PerGroup(lambda: Count("id_number", distinct=True)),
    _hosts: PerGroup(lambda: Count("host_employer", distinct=True)),
    _benefit: PerGroup(lambda: Sum("benefit"), finish=wan),
    _person_times: PerGroup(lambda: Sum("person_times_value"), lambda records: records.with_person_times()),
    _participants: PerGroup(lambda: Sum("participant_count"), lambda records: records.with_figures()),
    _entries: PerGroup(lambda: Sum("person_times"), lambda records: records.with_figures()),
    _paid_wan: PerGroup(lambda: Sum("approved_amount"), finish=lambda value: wan(Decimal(value or 0) / 10000)),
}


def groups_by_year(indicator: Indicator) -> bool:
    return bool(indicator.by_year) and not indicator.as_stands and indicator.measure in PER_GROUP


def takes_years_together(indicator: Indicator) -> bool:
    """A whole-number count or sum of records selected afresh for each year (in force at its end,
    say): its years' figures come from one statement of a subquery per year."""
    return not indicator.as_stands and indicator.whole and indicator.measure in PER_GROUP


def figures_by_year(indicator: Indicator, scope: Scope, years: list[int],
                    scope_of: Callable[[int], Scope] | None = None) -> dict[int, Number]:
    """figure(indicator, the scope in year Y) for each of `years`, over `scope`'s subtree and user.

    An indicator selected by a year field and measured by a count or a sum takes one query grouped
    by that year: the records are each year's own `records()` joined by OR (the years' selections
    are disjoint), so the year's selection and closing rules stay exactly those of figure(). A
    whole-number count or sum of records selected otherwise (in force at the end of Y) takes one
    statement holding each year's aggregate as a subquery. Any other indicator (as the register
    stands, a rate, a sum in 万元) is taken year by year. `scope_of(Y)` gives the scope of a year
    (default: a new one), so figures computed together share it."""
    at = scope_of or (lambda year: Scope(year, scope.path, scope.user))
    if len(years) < 2 or not (groups_by_year(indicator) or takes_years_together(indicator)):
        return {year: figure(indicator, at(year)) for year in years}
    per = PER_GROUP[indicator.measure]
    if not groups_by_year(indicator):
        return _together(indicator, per, [at(year) for year in years])
    records = indicator.records(at(years[0])).order_by()
    for year in years[1:]:
        records = records | indicator.records(at(year)).order_by()
    field = records.model._meta.get_field(indicator.by_year)
    key = ExtractYear(indicator.by_year) if isinstance(field, DateField) else F(indicator.by_year)
    values = dict(per.prepare(records).annotate(by_year=key).values("by_year")
                  .annotate(value=per.aggregate()).values_list("by_year", "value"))
    return {year: per.finish(values.get(year)) for year in years}


def _together(indicator: Indicator, per: PerGroup, scopes: list[Scope]) -> dict[int, Number]:
    parts = []
    for scope in scopes:
        records = per.prepare(indicator.records(scope)).order_by()
        # grouped by a constant, which no GROUP BY names: the aggregate over all the records
        aggregate = records.annotate(whole=Value(1)).values("whole").annotate(value=per.aggregate()).values("value")
        parts.append(aggregate.query.sql_with_params())
    with connections[records.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({sql})" for sql, _ in parts), [p for _, params in parts for p in params])
        row = cursor.fetchone()
    return {scope.year: int(value or 0) for scope, value in zip(scopes, row, strict=True)}
