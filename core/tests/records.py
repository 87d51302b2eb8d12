"""One record of every register in 清波's subtree, for the tests that walk the register catalogue.

`qingbo_record(district, slug)` returns (record, owner): the owner is the org attribute of the
shared district (conftest.District) the record belongs to, "qingbo_union" (so 基层工会管理员 sees it)
or "qingbo" (the street's own: the grassroots admin does not). Records another needs (a competition,
a course, a mediation committee) are made once, so `qingbo_records` builds one of each together.
A register added to the catalogue without a builder here makes test_every_register_has_a_record_builder fail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

DAY = dt.date(2024, 3, 1)


def _competition(d) -> Any:
    from contests.models import Competition

    return Competition.objects.get_or_create(name="清波示范科技岗位技能比武", year=2024, defaults={
        "contest_type": "技术比武", "level": "基层", "organisers": d.qingbo_employer.name,
        "host_employer": d.qingbo_employer, "node": d.qingbo_union, "start_date": DAY})[0]


def _entry(d) -> Any:
    from contests.models import Entry

    w = d.qingbo_worker
    return Entry.objects.create(competition=_competition(d), category="机械", item="焊工", name=w.name,
                                id_number=w.id_number, worker=w, node=d.qingbo_union)


def _course(d) -> Any:
    from training.models import Course

    return Course.objects.get_or_create(name="数控车床操作培训", node=d.qingbo_union, defaults={
        "category": "技术培训", "organisers": d.qingbo_employer.name, "host_employer": d.qingbo_employer, "start_date": DAY})[0]


def _attendance(d) -> Any:
    from training.models import Attendance

    w = d.qingbo_worker
    return Attendance.objects.create(course=_course(d), name=w.name, id_number=w.id_number, worker=w, node=d.qingbo_union)


def _certificate(d) -> Any:
    from training.models import Certificate

    w = d.qingbo_worker
    return Certificate.objects.create(number="ZS-QB-1", name=w.name, id_number=w.id_number, title="车工证", issued_on=DAY,
                                      course=_course(d), worker=w, node=d.qingbo_union)


def _proposal(d) -> Any:
    from proposals.models import Proposal

    return Proposal.objects.create(number="JY2024QB00001", title="食堂延长供餐", proposer=d.qingbo_worker.name,
                                   employer=d.qingbo_employer, submitted_on=DAY, node=d.qingbo_union)


def _honour(d) -> Any:
    from honours.models import Honour, HonourType, Level

    honour = Honour(name="清波示范科技学习型班组", honour_type=HonourType.LEARNING_TEAM, level=Level.DISTRICT, year=2023)
    honour.set_unit(d.qingbo_employer)
    honour.derive_keys()
    honour.full_clean()
    honour.save()
    return honour


def _facility(d) -> Any:
    from honours.models import Facility, FacilityType

    facility = Facility(name="清波示范科技职工书屋", facility_type=FacilityType.BOOK_HOUSE, built_on=dt.date(2020, 5, 1))
    facility.set_unit(d.qingbo_employer)
    facility.full_clean()
    facility.save()
    return facility


def _meeting(d) -> Any:
    from meetings.models import Meeting

    meeting = Meeting(meeting_type="街道三方协调会议", session=1, held_on=DAY, convener=d.qingbo, node=d.qingbo,
                      topics="排查劳动关系隐患")
    meeting.full_clean()
    meeting.save()
    return meeting


def _instructor(d) -> Any:
    from conftest import make_id_number
    from contracts.models import Instructor

    instructor = Instructor(name="钱指导", id_number=make_id_number(born="19800101", seq="777"), appointed_on=dt.date(2020, 1, 1),
                            node=d.qingbo)
    instructor.full_clean()
    instructor.save()
    return instructor


def _contract(d) -> Any:
    from contracts.importing import set_parties
    from contracts.models import Contract

    contract = Contract(number="JT2024-QB01", contract_type="综合性集体合同", signing_mode="新签",
                        party_codes=d.qingbo_employer.credit_code, signed_on=DAY, term_years=3, covered_workers=100,
                        node_id=d.qingbo_employer.node_id)
    contract.full_clean()
    contract.save()
    set_parties({contract.pk: (d.qingbo_employer.pk,)})
    return contract


def _mediation_org(d) -> Any:
    from mediation.models import MediationLevel, MediationOrg

    return MediationOrg.objects.get_or_create(name="清波街道劳动争议调解委员会", node=d.qingbo, defaults={
        "level": MediationLevel.STREET, "org": d.qingbo, "founded_on": dt.date(2015, 1, 1)})[0]


def _case(d) -> Any:
    from mediation.models import Case

    return Case.objects.create(number="2024劳调9", applicant="张清波", respondent_employer=d.qingbo_employer,
                               dispute_type="劳动报酬", applied_on=DAY, mediation_org=_mediation_org(d), status="已申请",
                               node=d.qingbo)


def _inspection(d) -> Any:
    from supervision.models import Inspection

    return Inspection.objects.create(
        number="JC-QB-1", inspected_on=DAY, employer=d.qingbo_employer, supervisor_org=d.qingbo, matters="工资支付",
        findings="延期支付工资", deadline=dt.date(2024, 4, 1), result="整改中", node=d.qingbo_union)


def _application(d) -> Any:
    from assistance.models import Application

    w = d.qingbo_worker
    return Application.objects.create(number="JZ-QB-1", applicant=w.name, id_number=w.id_number, worker=w, kind="职工急难救助",
                                      applied_on=DAY, requested_amount=5000, node=d.qingbo_union)


def _lead(d) -> Any:
    from radar.models import Lead

    return Lead.objects.create(number="XS-QB-1", employer=d.qingbo_employer, kind="欠薪", source="职工来信",
                               found_on=DAY, people=12, node=d.qingbo_union)


def _founding(d) -> Any:
    from foundings.models import Founding

    founding = Founding.objects.create(
        number="ZJ2024-QB01", name="清波未建会商店工会", form="单独建会", unit_codes=d.qingbo_no_union.credit_code,
        street=d.qingbo, started_on=DAY, status="筹建中", node=d.qingbo)
    founding.units.set([d.qingbo_no_union])
    return founding


def _assessment(d) -> Any:
    from harmony.models import Assessment

    return Assessment.objects.create(employer=d.qingbo_employer, year=2024, level="区级", self_score=90,
                                     node=d.qingbo_union)


def _member(d) -> Any:
    from members.models import Member

    w = d.qingbo_worker
    return Member.objects.get_or_create(id_number=w.id_number, defaults={
        "worker": w, "node": d.qingbo_union, "joined_on": DAY, "card_number": "HY-QB-1", "status": "在籍"})[0]


# slug: (builder(district) -> record, the owner's org attribute)
BUILDERS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "orgs": (lambda d: d.qingbo_union, "qingbo_union"),
    "employers": (lambda d: d.qingbo_employer, "qingbo_union"),
    "workers": (lambda d: d.qingbo_worker, "qingbo_union"),
    "competitions": (_competition, "qingbo_union"),
    "entries": (_entry, "qingbo_union"),
    "courses": (_course, "qingbo_union"),
    "attendance": (_attendance, "qingbo_union"),
    "certificates": (_certificate, "qingbo_union"),
    "proposals": (_proposal, "qingbo_union"),
    "honours": (_honour, "qingbo_union"),
    "facilities": (_facility, "qingbo_union"),
    "meetings": (_meeting, "qingbo"),
    "instructors": (_instructor, "qingbo"),
    "contracts": (_contract, "qingbo_union"),
    "mediation_orgs": (_mediation_org, "qingbo"),
    "cases": (_case, "qingbo"),
    "inspections": (_inspection, "qingbo_union"),
    "assistance": (_application, "qingbo_union"),
    "leads": (_lead, "qingbo_union"),
    "foundings": (_founding, "qingbo"),
    "assessments": (_assessment, "qingbo_union"),
    "members": (_member, "qingbo_union"),
}


def qingbo_record(d, slug: str) -> tuple[Any, str]:
    """The register's record (a record it needs, such as a case's committee, is made once)."""
    build, owner = BUILDERS[slug]
    return build(d), owner


def qingbo_records(d) -> dict[str, Any]:
    """A record of every register in 清波's subtree, by slug."""
    return {slug: qingbo_record(d, slug)[0] for slug in BUILDERS}
