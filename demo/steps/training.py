"""Demo training for three years (Y−2..Y), at the volumes of a district's annual summary: some 160
enterprises a year running their own 技术培训 (about 4,000 person-times, a roster for some), a few
courses of the unions, about eight 免费培训 projects a year (some 1,800 person-times) and some 270
certificates a year, most from the free courses."""

from __future__ import annotations

import datetime as dt

from demo.context import DemoContext
from demo.steps.contests import People, in_year
from orgs.models import Employer, EmployerType, Org, OrgType
from training.models import Attendance, Certificate, Course, CourseCategory

TECHNICAL = ["安全生产操作规程培训", "新员工岗位技能培训", "设备操作与维护培训", "质量管理体系培训", "消防安全技能培训",
             "电工作业技能提升培训", "客户服务技能培训", "信息安全技术培训", "食品安全操作培训", "班组长管理能力培训",
             "数字化办公技能培训", "应急救护技能培训"]
UNION_COURSES = [("职工心理健康讲座", CourseCategory.OTHER), ("劳动法律知识培训", CourseCategory.OTHER),
                 ("工会干部业务培训", CourseCategory.OTHER), ("职工数字技能提升培训", CourseCategory.TECHNICAL)]
# free courses and the certificate each leads to
FREE = [("家政服务员免费培训班", "家政服务员"), ("养老护理员技能提升培训", "养老护理员"), ("电子商务直播营销免费培训", "互联网营销师"),
        ("中式面点师免费培训", "中式面点师"), ("茶艺师免费培训", "茶艺师"), ("育婴员免费培训", "育婴员"),
        ("网约配送员安全技能培训", "网约配送员"), ("电工上岗免费培训", "电工"), ("保安员免费培训", "保安员"),
        ("美容师免费培训", "美容师")]
OTHER_CERTIFICATES = ["车工", "焊工", "钳工", "电工", "中式烹调师", "保育师", "网络安全管理员", "人工智能训练师", "企业人力资源管理师"]
GRADES = ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师"]


def fill(ctx: DemoContext) -> None:
    courses: list[Course] = []
    attendance: list[Attendance] = []
    certificates: list[Certificate] = []
    # 项目名称 and 开始日期 of the courses made so far (and of those already held)
    taken: set[tuple[str, dt.date]] = set(Course.objects.values_list("name", "start_date"))
    for district in ctx.districts:
        people = People.of(ctx, district)
        for year in ctx.years(2):
            made = _courses(ctx, district, people, year, taken)
            Course.objects.bulk_create([c for c, _ in made], batch_size=1000)
            courses.extend(c for c, _ in made)
            rosters = [(course, _roster(ctx, people, course, pool)) for course, pool in made]
            for _, roster in rosters:
                attendance.extend(roster)
            certificates.extend(_certificates(ctx, district, people, year, rosters, len(certificates)))
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    Certificate.objects.bulk_create(certificates, batch_size=2000)
    ctx.counts["培训项目"] = len(courses)
    ctx.counts["参训"] = len(attendance)
    ctx.counts["证书"] = len(certificates)


def _courses(ctx: DemoContext, district: Org, people: People, year: int,
             taken: set[tuple[str, dt.date]]) -> list[tuple[Course, list[int] | None]]:
    """Each course with the pool its roster is drawn from (None: 培训人次 typed, no roster)."""
    rng = ctx.rng
    enterprises = list(Employer.objects.filter(node__path__startswith=district.path, employer_type=EmployerType.ENTERPRISE)
                       .order_by("-headcount", "id"))
    streets = list(Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET).order_by("path"))
    # about one enterprise in eleven runs its own training, mostly the larger ones
    hosts = rng.sample(enterprises[:600], min(len(enterprises[:600]), 160, max(3, round(len(enterprises) * 0.09))))
    made: list[tuple[Course, list[int] | None]] = []

    def add(name: str, category: str, host: Employer | Org, person_times: int, pool: list[int] | None) -> None:
        # two courses of one name and day would make their attendance rows ambiguous (SPEC §5)
        for _ in range(20):
            start = in_year(ctx, year)
            if (name, start) not in taken:
                break
        else:
            return
        taken.add((name, start))
        course = Course(
            name=name, category=category, organisers=host.name, start_date=start,
            end_date=start + dt.timedelta(days=rng.choice((0, 1, 2, 4, 13, 29))),
            person_times=None if pool is not None else person_times,
            host_employer=host if isinstance(host, Employer) else None, host_org=host if isinstance(host, Org) else None,
            node_id=host.node_id if isinstance(host, Employer) else host.pk,
        )
        made.append((course, pool))

    for employer in hosts:
        for _ in range(1 if rng.random() < 0.8 else 2):
            staff = people.by_employer[employer.pk]
            roster = staff if staff and rng.random() < 0.25 else None
            add(rng.choice(TECHNICAL), CourseCategory.TECHNICAL, employer,
                max(3, min(120, round(rng.lognormvariate(2.9, 0.5)))), roster)
    for street in streets:
        name, category = rng.choice(UNION_COURSES)
        add(name, category, street, rng.randint(30, 150), None)
    for name, _ in rng.sample(FREE, min(len(FREE), 8)):
        host = district if rng.random() < 0.5 else rng.choice(streets)
        pool = people.under(host) if rng.random() < 0.4 else None
        add(name, CourseCategory.FREE, host, rng.randint(150, 320), pool)
    return made


def _roster(ctx: DemoContext, people: People, course: Course, pool: list[int] | None) -> list[Attendance]:
    if pool is None:
        return []
    rng = ctx.rng
    if course.category == CourseCategory.FREE:
        size, outsiders = max(3, round(rng.randint(150, 300) * people.scale)), 0.5  # many trainees are not employed yet
    else:
        size, outsiders = max(2, min(len(pool), round(rng.lognormvariate(2.9, 0.5)))), 0.0
    return [
        Attendance(course=course, name=name, id_number=id_number, worker_id=worker_id,
                   completed=course.end_date < ctx.today and rng.random() < 0.9, node_id=course.node_id)
        for worker_id, id_number, name in people.pick(pool, size, outsiders=outsiders)
    ]


def _certificates(ctx: DemoContext, district: Org, people: People, year: int,
                  rosters: list[tuple[Course, list[Attendance]]], issued: int) -> list[Certificate]:
    """Most from free courses (their trainees who completed, or people the course did not list),
    the rest from elsewhere; the node follows SPEC §2: the worker's employer's, else the course's."""
    rng = ctx.rng
    target = max(4, round(300 * people.scale))
    out: list[Certificate] = []
    node_of = {w[0]: w[4] for w in people.workers}
    free = [(course, roster) for course, roster in rosters if course.category == CourseCategory.FREE]
    titles = dict(FREE)

    def add(worker_id: int | None, id_number: str, name: str, title: str, course: Course | None) -> None:
        if course is None:
            issued_on = in_year(ctx, year)
        else:  # some weeks after the course, never before it began nor in the future
            first = min(course.end_date, ctx.today)
            issued_on = ctx.date_between(first, min(first + dt.timedelta(days=60), ctx.today))
            if issued_on.year != year:
                return
        node_id = node_of.get(worker_id) if worker_id else None
        out.append(Certificate(
            number=f"{year}{district.pk:03d}{issued + len(out) + 1:06d}", name=name, id_number=id_number,
            title=f"{title}职业技能等级证书", grade=rng.choice(GRADES), issued_on=issued_on, course=course,
            worker_id=worker_id, node_id=node_id or (course.node_id if course is not None else district.pk),
        ))

    for course, roster in free:
        title = titles[course.name]
        # some 25 of a course's trainees take the certificate exam, about 200 people a year
        n = max(2, round(rng.randint(18, 32) * people.scale))
        completed = [(a.worker_id, a.id_number, a.name) for a in roster if a.completed]
        takers = rng.sample(completed, min(n, len(completed))) if roster else people.pick(
            people.under(district), n, outsiders=0.5)
        for worker_id, id_number, name in takers:
            add(worker_id, id_number, name, title, course)
    everyone = list(range(len(people.workers)))
    target = max(target, len(out) + 2)  # some always come from elsewhere (self-study, other schools)
    while len(out) < target:
        worker_id, id_number, name = people.outsider() if rng.random() < 0.2 or not everyone else people.workers[rng.choice(everyone)][:3]
        add(worker_id, id_number, name, rng.choice(OTHER_CERTIFICATES), None)
    return out
