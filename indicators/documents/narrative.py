"""The narrative of the annual report, in the register of the sample summary
(shared/reference/annual-summary-sample.txt) and written only from the records.

Every sentence carries figures of the report; a clause whose figure is 0 or unknown is left out,
and a mechanism or section left with no sentence is left out with its heading, so the text never
claims work the registers do not show. Numbers take the forms the sample uses (chinese_numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistance.models import AssistanceType
from contests.models import ContestType
from orgs.models import GRASSROOTS, OrgType

from .chinese_numbers import approx_wan, count_cn, more_than, percent, plain
from .content import MeetingRow, Report, Section

SECTION_NUMBERS = "一二三四五六七八九十"
#: how the opening of 二 names each mechanism that has sentences
MECHANISMS = {"联席会议": "政府与工会联席会议制度", "三方协调与集体协商": "劳动关系三方协调和集体协商机制",
              "劳动法律监督": "劳动法律监督机制", "矛盾调处": "矛盾调处机制"}
LIST_AT_MOST = 4  # names listed before 等


@dataclass(frozen=True)
class Details:
    """What the text names beyond the figures, read from the registers by `annual.details`."""

    joint_first_year: int | None = None
    tripartite_first_year: int | None = None
    joint_meetings: list[MeetingRow] = field(default_factory=list)  # of the year
    tripartite_meetings: list[MeetingRow] = field(default_factory=list)
    street_tripartite: int = 0  # 街道三方协调会议 held in the year
    regional_congresses: int = 0  # 区域性职代会 held in the year
    free_courses: list[str] = field(default_factory=list)
    provincial_book_houses: list[tuple[str, str]] = field(default_factory=list)  # (name, 级别)
    assistance_kinds: dict[str, int] = field(default_factory=dict)
    inspection_matters: dict[str, int] = field(default_factory=dict)


def _has(value: Any) -> bool:
    return value is not None and value != 0


def _small(n: int) -> str:
    """Counts of sessions, categories and items in Chinese numerals, as the sample writes them
    (已召开七次, 四大类七个项目); 两 before a measure word."""
    if n == 2:
        return "两"
    return count_cn(n) if 0 < n < 100 else plain(n)


def _some(names: list[str]) -> str:
    """A、B、C等 before a noun or a count (等 closes any list of more than one)."""
    return "、".join(names[:LIST_AT_MOST]) + ("等" if len(names) > 1 else "")


def _sentence(*clauses: str, joiner: str = "，") -> str:
    kept = [c for c in clauses if c]
    return joiner.join(kept) + "。" if kept else ""


def _paragraph(*sentences: str) -> str:
    return "".join(s for s in sentences if s)


def sections(report: Report, details: Details) -> list[Section]:
    f, y, area = report.figures, report.year, report.area
    competitions = report.competitions
    heads = [
        ("职工素质建设", _quality(f, y, area, competitions, details), []),
        ("劳动关系协调与维权", [_harmony(f, y, area)], _relations(f, y, area, details, report.level)),
        ("帮扶救助", _assistance(f, y, area, details), []),
        ("法律监督检查", _supervision(f, y, area, details), []),
        ("基层工会建设", _grassroots(f, y, area), []),
    ]
    out: list[Section] = []
    for heading, paragraphs, mechanisms in heads:
        paragraphs = [p for p in paragraphs if p]
        kept = [(name, [p for p in ps if p]) for name, ps in mechanisms]
        kept = [(name, ps) for name, ps in kept if ps]
        parts = [Section(f"（{SECTION_NUMBERS[i]}）{name}", ps) for i, (name, ps) in enumerate(kept)]
        if kept:
            named = "、".join(MECHANISMS[name] for name, _ in kept)
            paragraphs = [f"{area}工会组织坚持以职工为本，依法科学维权，围绕和谐劳动关系这条主线，建立健全{named}。"
                          + "".join(paragraphs)]
        if paragraphs:
            out.append(Section(f"{SECTION_NUMBERS[len(out)]}、{heading}", paragraphs, parts))
    return out


# --- 一、职工素质建设 -----------------------------------------------------------------------------

def _quality(f: dict[str, Any], y: int, area: str, competitions: list[Any], d: Details) -> list[str]:
    return [_competitions(y, area, competitions), _training(f, y, area), _learning(f, y, area, d), _free(f, y, area, d)]


def _nested(name: str) -> str:
    """A name quoted in “” keeps its own quotation marks as ‘’, as Chinese nests quotes."""
    return name.replace("“", "‘").replace("”", "’")


def _competitions(y: int, area: str, competitions: list[Any]) -> str:
    if not competitions:
        return ""
    by_type = {t: sum(1 for c in competitions if c.contest_type == t) for t in ContestType.values}
    by_type = {t: n for t, n in by_type.items() if n}
    kinds = "、".join(f"{t}{n}项" for t, n in by_type.items())
    opening = f"{y}年，{area}组织和参加各类竞赛{len(competitions)}项" + (
        f"，其中{kinds}" if len(by_type) > 1 else "") + "。"
    # the one with the most items stands for the year's competitions, as 技能大赛 does in the sample
    shown = max((c for c in competitions if c.items), key=lambda c: (len(c.items), c.person_times), default=None)
    if shown is None:
        return opening
    items = [i.item for i in shown.items]
    categories = shown.categories
    if len(categories) > 1:
        scope = f"{_some(categories)}{_small(len(categories))}大类{_small(len(items))}个项目"
    elif len(items) > 1:
        scope = f"{_some(items)}{_small(len(items))}个项目"
    else:
        scope = f"{items[0]}项目"
    awards = "、".join(f"{a}{n}名" for a, n in zip(shown.awards, shown.award_totals, strict=True) if n)
    return opening + _sentence(f"“{_nested(shown.name)}”设{scope}", f"{shown.participants}名职工参赛" if shown.participants else "",
                               f"评出{awards}" if awards else "")


def _training(f: dict[str, Any], y: int, area: str) -> str:
    first = []
    if _has(f["training.enterprises"]):
        first.append(f"{f['training.enterprises']}家企业组织技术培训"
                     + (f"{f['training.person_times']}人次" if _has(f["training.person_times"]) else ""))
    if _has(f["competition.labour_participants"]):
        first.append(f"{f['competition.labour_participants']}名职工参加劳动竞赛活动")
    if _has(f["competition.skill_person_times"]):
        first.append(f"{f['competition.skill_person_times']}人次参与各类技能比武")
    if _has(f["certificates.people"]):
        first.append(f"{f['certificates.people']}人获得职业资格证书")
    second = []
    if _has(f["proposals.submitted"]):
        second.append(f"提出合理化建议{f['proposals.submitted']}条")
        if _has(f["proposals.adopted"]):
            second.append(f"已采纳{f['proposals.adopted']}条")
    text = f"{y}年，{area}" + ("有" + "，".join(first) if first else "职工")
    if not first and not second:
        return ""
    text += ("；" if first and second else "") + "，".join(second) + "。"
    if _has(f["proposals.benefit_wan"]):
        text += f"通过合理化建议活动共创造直接经济效益{more_than(f['proposals.benefit_wan'], unit='万元')}。"
    return text


def _learning(f: dict[str, Any], y: int, area: str, d: Details) -> str:
    named = [f"{label}{f[key]}{unit}" for key, label, unit in (
        ("honours.learning_orgs", "学习型组织", "个"), ("honours.learning_teams", "学习型班组", "个"),
        ("honours.knowledge_workers", "知识型职工", "名")) if _has(f[key])]
    built = [f"{label}{f[key]}个" for key, label in (
        ("facilities.clubs", "职工俱乐部"), ("facilities.book_houses", "职工书屋")) if _has(f[key])]
    first = f"到{y}年底，{area}已经树立{'、'.join(named)}。" if named else ""
    second = ""
    if built:
        second = f"{'现' if named else f'到{y}年底，{area}'}已建成{'、'.join(built)}"
        provincial = f["facilities.book_houses_provincial"]
        if _has(provincial):
            levels = {level for _, level in d.provincial_book_houses}
            level = levels.pop() if len(levels) == 1 else "省级以上"
            if len(d.provincial_book_houses) <= 3:
                names = "和".join(name for name, _ in d.provincial_book_houses)
                second += f"，其中{names}被命名为{level}“职工书屋”"
            else:
                second += f"，其中{level}“职工书屋”{provincial}个"
        second += "。"
    return first + second


def _free(f: dict[str, Any], y: int, area: str, d: Details) -> str:
    projects = f["free_training.projects"]
    if not _has(projects):
        return ""
    names = [n.removesuffix("免费培训") or n for n in d.free_courses]
    listed = _some(names)
    times = f"{f['free_training.person_times']}人次的" if _has(f["free_training.person_times"]) else "的"
    text = f"{area}开展职工免费培训，{y}年已经开展了{listed}{projects}个项目{times}培训活动"
    if _has(f["free_training.certificates"]):
        text += f"，{f['free_training.certificates']}人获得职业资格证书"
    return text + "。"


# --- 二、劳动关系协调与维权 ------------------------------------------------------------------------

def _relations(f: dict[str, Any], y: int, area: str, d: Details, level: str) -> list[tuple[str, list[str]]]:
    return [
        ("联席会议", [_joint(f, y, area, d)]),
        ("三方协调与集体协商", [_tripartite(f, y, area, d, level), _bargaining(f, y, area)]),
        ("劳动法律监督", [_labour_contracts(f, area, level)]),
        ("矛盾调处", [_mediation(f, y, area, level)]),
    ]


def _harmony(f: dict[str, Any], y: int, area: str) -> str:
    """创建劳动关系和谐企业: the year's names and those in force at its end."""
    named, total = f["harmony.named"], f["harmony.named_total"]
    if not _has(total):
        return ""
    clauses = [f"{area}深入开展创建劳动关系和谐企业活动",
               f"{y}年新命名劳动关系和谐企业{named}家" if _has(named) else "",
               f"到{y}年底共有劳动关系和谐企业{total}家"]
    return _sentence(*clauses)


def _own(level: str, kind: str) -> bool:
    """Whether the reporting org is itself of the kind a figure counts by (a street's report speaks
    of its own 街道调解委员会, not of "1个街道")."""
    return level == OrgType.STREET if kind == "street" else level in GRASSROOTS


def _meetings_of_year(y: int, meetings: list[MeetingRow], short: str) -> str:
    if not meetings:
        return ""
    topics = list(dict.fromkeys(t for m in meetings for t in m.topics))
    documents = list(dict.fromkeys(doc for m in meetings for doc in m.documents))
    held = f"{y}年召开{_small(len(meetings))}次，" if len(meetings) > 1 else f"{y}年召开的第{_small(meetings[0].session)}次{short}"
    made = ""
    if documents:
        made = f"形成了{_some(documents)}文件" if len(documents) > 1 else f"形成了{documents[0]}"
    return _sentence(f"{held}研究了{_some(topics)}议题", made)


def _joint(f: dict[str, Any], y: int, area: str, d: Details) -> str:
    total = f["meetings.joint_total"]
    if not _has(total):
        return ""
    since = f"自{d.joint_first_year}年召开第一次联席会议以来，" if d.joint_first_year else ""
    return _paragraph(f"{area}建立了政府与工会联席会议制度，{since}至{y}年底已召开{_small(total)}次。",
                      _meetings_of_year(y, d.joint_meetings, "联席会议"))


def _tripartite(f: dict[str, Any], y: int, area: str, d: Details, level: str) -> str:
    total = f["meetings.tripartite_total"]
    text = ""
    if _has(total):
        since = f"自{d.tripartite_first_year}年起召开，" if d.tripartite_first_year else ""
        text = (f"{area}建立了劳动关系三方协调会议制度，{since}至{y}年底已召开了{_small(total)}次。"
                + _meetings_of_year(y, d.tripartite_meetings, "三方协调会议"))
    street = [f"街道三方协调会议{d.street_tripartite}次" if d.street_tripartite else "",
              f"区域性职代会{d.regional_congresses}次" if d.regional_congresses else ""]
    if any(street):
        where = f"{y}年，{area}" if _own(level, "street") or _own(level, "grassroots") else f"{y}年各街道和区域共"
        text += where + "召开" + "、".join(s for s in street if s) + "。"
    if _has(f["instructors.active"]):
        text += (f"聘任了{f['instructors.active']}位同志组成企业工资集体协商指导员队伍，"
                 "为基层开展企业工资集体协商提供指导帮助。")
    return text


def _bargaining(f: dict[str, Any], y: int, area: str) -> str:
    signed, total, covered = (f["contracts.units_signed"], f["contracts.units_total"], f["contracts.covered_workers"])
    clauses = []
    if _has(signed):
        clauses.append(f"{y}年，{area}有{signed}家单位新（续）签集体合同和专项集体协议")
    if _has(total):
        clauses.append(f"{'' if clauses else f'到{y}年底，{area}'}累计{total}家单位签订的集体合同和工资集体协议在有效期内")
        if _has(covered):
            clauses.append(f"受益职工{approx_wan(covered)}名")
    return _sentence(*clauses)


def _labour_contracts(f: dict[str, Any], area: str, level: str) -> str:
    signed, rate = f["labour_contracts.signed"], f["labour_contracts.rate"]
    if not _has(signed):
        return ""
    share = f"，占应签人数的{percent(rate)}" if rate is not None else ""
    employers = area if _own(level, "grassroots") else f"{area}企业"  # a union's own employer: 本单位
    return f"目前，{employers}与职工（{signed}人）签订了劳动合同{share}。"


def _mediation(f: dict[str, Any], y: int, area: str, level: str) -> str:
    clauses = []
    if _has(f["mediation.district"]):
        n = f["mediation.district"]
        clauses.append(f"{area}建立了{'' if n == 1 else f'{n}个'}区级劳动争议调解委员会")
    if _has(f["mediation.street"]):
        n = f["mediation.street"]
        own = _own(level, "street") and n == 1
        clauses.append("本街道成立了劳动争议调解委员会" if own else f"{n}个街道成立了劳动争议调解委员会")
    if _has(f["mediation.enterprise"]):
        n = f["mediation.enterprise"]
        own = _own(level, "grassroots") and n == 1
        clauses.append("本单位成立了劳动争议调解小组" if own else f"{n}家企事业单位成立了劳动争议调解小组")
    if _has(f["mediation.people"]):
        clauses.append(f"{'并' if clauses else f'{area}'}在{more_than(f['mediation.people'])}家企业建立了人民调解组织")
    text = _sentence(*clauses)
    if _has(f["mediation.cases"]):
        succeeded = f"，调解成功{f['mediation.succeeded']}件" if _has(f["mediation.succeeded"]) else ""
        text += f"{y}年，各级调解组织受理劳动争议调解申请{f['mediation.cases']}件{succeeded}。"
    return text


# --- 三、帮扶救助 四、法律监督检查 --------------------------------------------------------------------

def _assistance(f: dict[str, Any], y: int, area: str, d: Details) -> list[str]:
    applications, paid = f["assistance.applications"], f["assistance.paid"]
    if not _has(applications) and not _has(paid):
        return []
    clauses = []
    if _has(applications):
        kinds = "、".join(f"{k}{d.assistance_kinds[k]}件" for k in AssistanceType.values if d.assistance_kinds.get(k))
        clauses.append(f"{y}年，{area}受理帮扶救助申请{applications}件"
                       + (f"，其中{kinds}" if len(d.assistance_kinds) > 1 else ""))
    if _has(paid):
        amount = f["assistance.paid_wan"]
        clauses.append(f"{'全年' if clauses else f'{y}年，{area}'}发放救助{paid}件"
                       + (f"，发放救助金{plain(amount)}万元" if _has(amount) else ""))
    if _has(f["assistance.refused"]):
        clauses.append(f"经审核不予救助{f['assistance.refused']}件")
    return [_sentence(*clauses, joiner="；")]


def _supervision(f: dict[str, Any], y: int, area: str, d: Details) -> list[str]:
    inspections = f["supervision.inspections"]
    if not _has(inspections):
        return []
    matters = "、".join(f"{m}{n}次" for m, n in d.inspection_matters.items())
    first = _sentence(f"{y}年，{area}工会劳动法律监督组织开展劳动法律监督检查{inspections}次",
                      f"涉及{f['supervision.units']}家单位" if _has(f["supervision.units"]) else "",
                      f"检查事项包括{matters}" if matters else "")
    second = ""
    if _has(f["supervision.findings"]):
        second = _sentence(f"发现问题{f['supervision.findings']}项",
                           f"已整改{f['supervision.rectified']}项" if _has(f["supervision.rectified"]) else "",
                           f"截至目前逾期未整改{f['supervision.overdue']}项" if _has(f["supervision.overdue"]) else "")
    return [first + second]


# --- 基层工会建设 (SPEC §7) -------------------------------------------------------------------------

def _grassroots(f: dict[str, Any], y: int, area: str) -> list[str]:
    """One paragraph on building the grassroots unions: the unions founded, then the members."""
    return [_paragraph(_founded(f, y, area), _members(f, y, area))]


def _founded(f: dict[str, Any], y: int, area: str) -> str:
    """The unions founded in Y (工会组建 已成立 with a 批复日期 in Y) and the employers they cover."""
    founded, units = f.get("unions.founded"), f.get("unions.founding_units")
    if not _has(founded):
        return ""
    return _sentence(f"{y}年，{area}推进工会组建工作，新建工会{founded}个",
                     f"{units}家单位新建立了工会组织" if _has(units) else "")


def _members(f: dict[str, Any], y: int, area: str) -> str:
    total = f.get("members.total")
    joined, left = f.get("members.joined"), f.get("members.left")
    if not _has(total) and not _has(joined):
        return ""
    among = "、".join(part for part in (
        f"新就业形态劳动者会员{f['members.new_employment']}人" if _has(f.get("members.new_employment")) else "",
        f"农民工会员{f['members.migrant']}人" if _has(f.get("members.migrant")) else "",
    ) if part)
    first = _sentence(f"截至{y}年底，{area}实名登记工会会员{total}人" if _has(total) else "",
                      f"其中{among}" if among else "")
    second = _sentence(f"全年新发展会员{joined}人" if _has(joined) else "",
                       f"办理退会{left}人" if _has(left) else "", joiner="，")
    return first + second
