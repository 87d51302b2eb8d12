"""Acceptance: a district imported through the registers, as a union office would, gives the
sample summary's figures (reference/annual-summary-sample.txt) in `report annual --year 2023`.

The files come from demo/sample_district.py; beside the records each figure counts they
hold those its definition must leave out (离职 workers, 事业单位, 2022 and 2024, revoked honours,
closed facilities, dismissed instructors, expired contracts, 免费培训 beside 技术培训, a closed
employer, a dissolved union…), so a definition that let one in would miss the sample's figure.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from contests.models import Competition
from demo.sample_district import ORDER, write_files
from honours.models import Honour
from indicators.report import annual
from orgs.models import Employer, Org
from proposals.models import Proposal
from registers.catalog import get_register
from registers.imports import import_file
from training.models import Course
from workers.models import Worker

# The sample's sentences, figure by figure (SPEC §5): 159家企业组织技术培训4180人次, 2530名职工参加劳动
# 竞赛, 980人次参与各类技能比武, 272人获得职业资格证书; 提出合理化建议467条, 已采纳291条, 3900多万元; 学习型组织
# 341个、学习型班组810个、知识型职工1491名; 职工俱乐部5个、职工书屋6个 (2 省级); 8个项目1825人次, 202人获证; 联席会议
# 七次, 三方协调会议十次; 13位指导员; 100家新(续)签, 累计343家, 受益职工2.3万名; 57422人, 96.1%; 区调解委员会,
# 6个街道, 45家企事业, 80多家企业.
SAMPLE = {
    "training.enterprises": 159,
    "training.person_times": 4180,
    "competition.labour_participants": 2530,
    "competition.skill_person_times": 980,
    "certificates.people": 272,
    "proposals.submitted": 467,
    "proposals.adopted": 291,
    "proposals.benefit_wan": 3916.4,
    "honours.learning_orgs": 341,
    "honours.learning_teams": 810,
    "honours.knowledge_workers": 1491,
    "facilities.clubs": 5,
    "facilities.book_houses": 6,
    "facilities.book_houses_provincial": 2,
    "free_training.projects": 8,
    "free_training.person_times": 1825,
    "free_training.certificates": 202,
    "meetings.joint_total": 7,
    "meetings.tripartite_total": 10,
    "instructors.active": 13,
    "contracts.units_signed": 100,
    "contracts.units_total": 343,
    "contracts.covered_workers": 23064,
    "labour_contracts.signed": 57422,
    "labour_contracts.rate": 96.1,
    "mediation.district": 1,
    "mediation.street": 6,
    "mediation.enterprise": 45,
    "mediation.people": 83,
}
# Not in the sample; what the generated district holds: 43,856 members among 62,490 在职 workers of
# open employers of every type, 1,098 of 1,782 open enterprises with a union, and 60 劳动关系和谐企业
# named from 2018 to 2023, 6 of them in 2023, none revoked.
BEYOND_SAMPLE = {"members.count": 43856, "members.rate": 70.2, "unions.coverage": 61.6,
                 "harmony.named": 6, "harmony.named_total": 60}
# union foundings (SPEC §7) are recorded from 2024 on: none in the sample's years
BEYOND_SAMPLE |= {"unions.founded": 0, "unions.founding_units": 0}
# The members register's figures of 2023 (SPEC §7): the memberships the workers file's 是否会员 是
# created, each from its 入会日期, at the union that held it
MEMBERS_2023 = {"members.total": 44930, "members.joined": 1264, "members.left": 0, "members.new_employment": 0,
                "members.migrant": 0}
# A few figures of 2022, the report's Y−1: 6 joint and 8 tripartite meetings by then, 6 free
# projects, and 420 proposals (2 of them at the employer that closed only in 2023)
YEAR_BEFORE = {"meetings.joint_total": 6, "meetings.tripartite_total": 8, "free_training.projects": 6,
               "proposals.submitted": 420}
END = dt.date(2023, 12, 31)


@pytest.fixture
def imported(db, tmp_path) -> dict[str, tuple[int, float]]:
    """Every register file imported through the engine: the first orgs into the empty database as
    the command line does, then the rest as the district's admin. Rows and seconds per register."""
    files = write_files(tmp_path)
    assert [slug for slug, _ in files] == list(ORDER)
    first_orgs = User(username="命令行", org=None, role=Role.ADMIN)
    admin = None
    timings: dict[str, tuple[int, float]] = {}
    for slug, path in files:
        if slug != "orgs" and admin is None:
            admin = User.objects.create(username="district_admin", org=Org.objects.get(depth=1), role=Role.ADMIN,
                                        must_change_password=False, password_changed_at=timezone.now())
        started = time.perf_counter()
        log, problems = import_file(user=admin or first_orgs, register=get_register(slug), file_name=path.name,
                                    data=path.read_bytes())
        timings[slug] = (log.rows, time.perf_counter() - started)
        assert problems == [], f"{slug}: {[str(p) for p in problems[:5]]}"
        assert log.created == log.rows > 0
    return timings


def _street_figures(street: Org) -> dict[str, int]:
    """A few of the street's 2023 figures, counted from its own records with plain queries. An
    employer is the street's by what SPEC §2 says owns it — its union when it has one (an open
    union under the street), else its 所属街道 — not by the node stored on the records."""
    unions = list(Org.objects.get_children(street).exclude(closed_on__lte=END))
    employers = Employer.objects.filter(Q(union__in=unions) | Q(union__isnull=True, street=street)).exclude(
        closed_on__lte=END)
    enterprises = employers.filter(employer_type="企业")
    orgs = [street, *unions]
    in_year = {"submitted_on__gte": dt.date(2023, 1, 1), "submitted_on__lte": END}
    return {
        "proposals.submitted": Proposal.objects.filter(Q(employer__in=employers) | Q(org__in=orgs), **in_year).count(),
        "training.enterprises": Course.objects.filter(
            category="技术培训", start_date__year=2023, host_employer__in=enterprises,
        ).values("host_employer").distinct().count(),
        "labour_contracts.signed": Worker.objects.filter(
            employer__in=enterprises, status="在职", labour_contract="已签订").count(),
        "honours.learning_orgs": Honour.objects.filter(
            Q(employer__in=employers) | Q(org__in=orgs), honour_type="学习型组织", year__lte=2023,
        ).exclude(revoked_year__lte=2023).count(),
        "competition.labour_participants": sum(
            c.participant_count() for c in Competition.objects.filter(
                Q(host_employer__in=employers) | Q(host_org__in=orgs), year=2023, contest_type="劳动竞赛")),
    }


def test_the_imported_district_reproduces_the_sample_summary(imported, capsys):
    capsys.readouterr()
    call_command("report", "annual", "--year", "2023", "--format", "json")
    printed = json.loads(capsys.readouterr().out)
    report = annual(2023)
    figures = report["indicators"]
    total = sum(seconds for _, seconds in imported.values())
    print("\nuniondesk report annual --year 2023 --format json:")
    print(json.dumps(printed, ensure_ascii=False, indent=2))
    print("导入用时：" + "，".join(f"{slug} {rows} 行 {seconds:.2f} 秒" for slug, (rows, seconds) in imported.items())
          + f"；合计 {total:.1f} 秒")

    assert printed == report
    assert report["org"] == "上城区总工会"
    assert {key: figures[key] for key in SAMPLE} == SAMPLE
    assert {key: figures[key] for key in BEYOND_SAMPLE} == BEYOND_SAMPLE
    assert {key: figures[key] for key in MEMBERS_2023} == MEMBERS_2023
    assert set(figures) == set(SAMPLE) | set(BEYOND_SAMPLE) | set(MEMBERS_2023)

    # the year before is a report of its own: the registers hold 2021 and 2022 too
    before = annual(2022)["indicators"]
    assert {key: before[key] for key in YEAR_BEFORE} == YEAR_BEFORE

    # one street's report is its own records, counted here without the indicators' code
    qingbo = Org.objects.get(name="清波街道总工会")
    street = annual(2023, qingbo)["indicators"]
    expected = _street_figures(qingbo)
    assert {key: street[key] for key in expected} == expected
    assert all(0 < street[key] < figures[key] for key in expected)


def test_uniondesk_demo_is_the_sample_district_with_the_years_since(db):
    """A newcomer's `uniondesk demo`: the 2023 report is the sample summary, and the years after it
    (to today) have records of their own and a to-do list, without moving a 2023 figure."""
    from meetings.models import Meeting, MeetingType
    from proposals.models import WAITING
    from todo.due import collect

    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "district_admin" in out.getvalue()

    figures = annual(2023)["indicators"]
    assert figures == SAMPLE | BEYOND_SAMPLE | MEMBERS_2023
    before = annual(2022)["indicators"]
    assert {key: before[key] for key in YEAR_BEFORE} == YEAR_BEFORE

    today = timezone.localdate()
    for year in range(2024, today.year + 1):
        later = annual(year)["indicators"]
        assert later["proposals.submitted"] > 0 and later["training.enterprises"] > 0, year
        assert later["contracts.units_signed"] > 0 and later["competition.labour_participants"] > 0, year
        assert later["meetings.joint_total"] == 7 + year - 2023  # one a year
    # two tripartite meetings a year: the sample's June 2024 one is the first of 2024
    assert [annual(y)["indicators"]["meetings.tripartite_total"] for y in (2024, 2025)] == [12, 14]
    # the sample's open proposals were decided; its meetings' sessions go on after its own
    assert not Proposal.objects.filter(status__in=WAITING, submitted_on__lte=END).exists()
    root = Org.objects.get(depth=1)
    sessions = list(Meeting.objects.filter(convener_org=root, meeting_type=MeetingType.JOINT)
                    .order_by("held_on").values_list("session", flat=True))
    assert sessions == list(range(1, len(sessions) + 1))

    # each whole year from 2023 was filed in the January after it: 2024 takes its "as the register
    # stands" Y−1 from the 2023 filing, which holds the sample's figures
    from indicators.filing import rows_for
    from indicators.models import FiledReport
    from indicators.scope import Scope

    filed = FiledReport.objects.get(org=root, year=2023)
    assert filed.figures == SAMPLE | BEYOND_SAMPLE | MEMBERS_2023 and filed.filed_at.date() == dt.date(2024, 1, 15)
    assert FiledReport.objects.filter(org=root).count() == today.year - 2023
    rows, _ = rows_for(Scope(2024, root.path), root)
    assert next(r.before for r in rows if r.indicator.key == "labour_contracts.signed") == 57422

    due = list(collect(User.objects.get(username="district_admin"), today))
    kinds = {item.kind for item in due}
    assert len(kinds) >= 5, kinds
