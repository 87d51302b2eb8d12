"""Demo meetings: the district's 政府与工会联席会议 (one a year since Y−6: seven in all), its
劳动关系三方协调会议 (twice a year since Y−4: ten once this year's second has met), each street's 三方协调会议 and the joint unions'
区域性职代会 for Y−2..Y."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Max

from demo.context import DemoContext
from meetings.models import Meeting, MeetingType
from orgs.models import Org, OrgType

JOINT_TOPICS = [
    "通报上年度全区劳动关系总体情况", "研究推进集体协商和集体合同制度", "商定职工工资正常增长机制重点工作",
    "部署根治欠薪专项行动", "研究新就业形态劳动者权益保障", "推进和谐劳动关系创建活动",
    "研究困难职工帮扶和职工服务阵地建设", "部署劳动竞赛和职工技能提升工作",
]
TRIPARTITE_TOPICS = [
    "分析研判劳动关系形势", "协调处理重大集体劳动争议", "审议和谐劳动关系企业评价标准",
    "推进区域性、行业性工资集体协商", "部署劳动用工专项检查", "研究工资支付保障措施",
    "通报劳动人事争议调解仲裁情况", "研究企业裁员和职工安置工作",
]
STREET_TOPICS = [
    "排查辖区企业劳动关系隐患", "协调化解欠薪纠纷", "推进小微企业集体协商", "通报街道劳动争议调解情况",
    "部署职工法律援助进企业", "研究新业态从业人员入会工作",
]
CONGRESS_TOPICS = [
    "审议区域性工资专项集体协议草案", "审议区域性集体合同履行情况报告", "选举职工代表大会代表团团长",
    "讨论女职工特殊保护专项集体合同", "听取劳动安全卫生工作报告",
]
DOCUMENTS = [
    "会议纪要", "《关于进一步加强劳动关系协调工作的意见》", "《集体协商工作要点》", "《根治欠薪工作方案》",
    "《和谐劳动关系创建工作实施方案》", "《工资集体协商指导意见》",
]


def _topics(ctx: DemoContext, pool: list[str]) -> str:
    return "；".join(ctx.rng.sample(pool, ctx.rng.randint(2, 4)))


def _documents(ctx: DemoContext, name: str) -> str:
    picked = ["会议纪要"] if ctx.rng.random() < 0.7 else []
    if ctx.rng.random() < 0.5:
        picked.append(ctx.rng.choice(DOCUMENTS[1:]))
    return "；".join(f"{name}{d}" if d == "会议纪要" else d for d in picked)


def _day(ctx: DemoContext, year: int, first: int = 1, last: int = 12) -> dt.date:
    start = dt.date(year, first, 1)
    end = min(dt.date(year, last, 28), ctx.today)
    return ctx.date_between(start, max(start, end)) if start <= ctx.today else ctx.today


def fill(ctx: DemoContext) -> None:
    today, rows = ctx.today, []
    y = today.year
    # a convener's meetings of a year already held (the sample district's) take the places of the
    # first ones planned for that year (its one joint meeting, the first of two tripartite ones)
    held = Counter((org, kind, day.year) for org, kind, day in Meeting.objects.filter(convener_org__isnull=False)
                   .values_list("convener_org", "meeting_type", "held_on"))

    def add(meeting_type: str, session: int, held_on: dt.date, convener: Org, topics: str) -> None:
        if held[key := (convener.pk, meeting_type, held_on.year)]:
            held[key] -= 1
            return
        rows.append(Meeting(meeting_type=meeting_type, session=session, held_on=min(held_on, today), convener_org=convener,
                            node=convener, topics=topics, documents=_documents(ctx, convener.name)))

    for district in ctx.districts:
        for year in ctx.years(6):
            add(MeetingType.JOINT, 0, _day(ctx, year, 3, 6), district, _topics(ctx, JOINT_TOPICS))
        for year in ctx.years(4):
            for half in (0, 1):
                if year == y and half and today.month < 8:
                    continue  # this year's second meeting is still to come
                add(MeetingType.TRIPARTITE, 0, _day(ctx, year, 1 + 6 * half, 6 + 6 * half), district,
                    _topics(ctx, TRIPARTITE_TOPICS))
        under = Org.objects.filter(path__startswith=district.path)
        for street in under.filter(org_type=OrgType.STREET).order_by("path"):
            for year in ctx.years(2):
                for _ in range(ctx.rng.choice((1, 2))):
                    add(MeetingType.STREET_TRIPARTITE, 0, _day(ctx, year), street, _topics(ctx, STREET_TOPICS))
        for joint in under.filter(org_type=OrgType.JOINT).order_by("path"):
            if ctx.rng.random() < 0.5:
                continue
            for year in ctx.years(2):
                add(MeetingType.REGIONAL_CONGRESS, 0, _day(ctx, year), joint, _topics(ctx, CONGRESS_TOPICS))
    # sessions are numbered in the order the meetings were held, after those already held
    rows.sort(key=lambda m: (m.convener_org.pk, m.meeting_type, m.held_on))
    numbers: dict[tuple[int, str], int] = {
        (org, kind): last for org, kind, last in Meeting.objects.filter(convener_org__isnull=False)
        .values("convener_org", "meeting_type").annotate(last=Max("session"))
        .values_list("convener_org", "meeting_type", "last")}
    for m in rows:
        key = (m.convener_org.pk, m.meeting_type)
        numbers[key] = m.session = numbers.get(key, 0) + 1
    Meeting.objects.bulk_create(rows, batch_size=1000)
    ctx.counts["会议"] = len(rows)
