"""调整隶属 of an employer takes every record whose owning node came from it to the new node (SPEC §2:
scoping is security), and an employer other records refer to is refused deletion, never a 500."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse

from assistance.models import Application
from audit.models import Action, AuditEntry
from conftest import make_credit_code, make_id_number
from contests.models import Competition, Entry
from contracts.importing import set_parties
from contracts.models import Contract, Instructor
from honours.models import Facility, Honour
from mediation.models import Case, MediationOrg
from meetings.models import Meeting
from orgs.following import BEFORE
from orgs.models import Employer, EmployerType
from proposals.models import Proposal
from supervision.models import Inspection
from training.models import Attendance, Certificate, Course
from workers.models import Worker

DAY = dt.date(2024, 5, 6)
REASON = "企业迁址至湖滨"


@dataclass
class Records:
    followers: list  # records whose node came from 清波示范科技有限公司
    others: list  # records of 清波 whose node did not come from it


def contract(number: str, parties: list[Employer]) -> Contract:
    made = Contract.objects.create(
        number=number, contract_type="综合性集体合同", signing_mode="新签",
        party_codes="；".join(p.credit_code for p in parties), signed_on=DAY, term_years=3,
        expires_on=dt.date(2027, 5, 6), covered_workers=100, node=parties[0].node)
    set_parties({made.pk: tuple(p.pk for p in parties)})
    return made


@pytest.fixture
def records(district) -> Records:
    """清波示范科技有限公司 (node 清波示范企业工会) and one record or more of every register that takes
    its node from an employer, as the import rules set them; and records beside them that do not."""
    employer, shop = district.qingbo_employer, district.qingbo_no_union
    node = employer.node
    worker = district.qingbo_worker
    shop_worker = Worker.objects.get(employer=shop)

    proposal = Proposal.objects.create(number="JY2024-1", title="节能改造", proposer="张清波", employer=employer,
                                       submitted_on=DAY, node=node)
    honour = Honour.objects.create(honour_type="工人先锋号", name="电工班", employer=employer, level="区级", year=2024,
                                   node=node)
    facility = Facility.objects.create(facility_type="职工书屋", name="科技职工书屋", built_on=DAY, employer=employer,
                                       node=node)
    meeting = Meeting.objects.create(meeting_type="区域性职代会", session=1, held_on=DAY, convener_employer=employer,
                                     topics="工资协商", node=node)
    inspection = Inspection.objects.create(number="JC2024-1", inspected_on=DAY, employer=employer,
                                           supervisor_org=district.qingbo, matters="劳动合同", node=node)
    instructor = Instructor.objects.create(name="钱指导", id_number=make_id_number(born="19750305", seq="341"),
                                           appointed_on=DAY, liaison_employer=employer, node=node)
    first_party = contract("JT2024-1", [employer, shop])
    mediation_org = MediationOrg.objects.create(name="清波示范科技调解小组", level="企业调解小组", employer=employer,
                                                founded_on=DAY, node=node)
    case = Case.objects.create(number="2024劳调1", applicant="李晓梅", respondent_employer=employer, dispute_type="劳动报酬",
                               applied_on=DAY, mediation_org=mediation_org, node=node)
    competition = Competition.objects.create(name="科技技能比武", year=2024, contest_type="技能竞赛", level="基层",
                                             organisers=employer.name, host_employer=employer, node=node)
    # loaded in bulk, like the demo's: no history row yet
    entry = Entry.objects.bulk_create([Entry(competition=competition, item="电工", name="张清波",
                                             id_number=worker.id_number, worker=worker, node=node)])[0]
    course = Course.objects.create(name="电工培训", category="技术培训", organisers=employer.name, start_date=DAY,
                                   host_employer=employer, node=node)
    attendance = Attendance.objects.create(course=course, name="赵小店", id_number=shop_worker.id_number, node=node)
    course_certificate = Certificate.objects.create(number="ZS-1", name="外区学员", title="电工证", issued_on=DAY,
                                                    id_number=make_id_number(born="19880808", seq="771"),
                                                    course=course, node=node)
    worker_certificate = Certificate.objects.create(number="ZS-2", name="张清波", id_number=worker.id_number,
                                                    title="焊工证", issued_on=DAY, worker=worker, node=node)
    application = Application.objects.create(number="JZ2024-1", applicant="张清波", id_number=worker.id_number,
                                             worker=worker, kind="职工急难救助", applied_on=DAY, node=node)
    followers = [*Worker.objects.filter(employer=employer), proposal, honour, facility, meeting, inspection,
                 instructor, first_party, mediation_org, case, competition, entry, course, attendance,
                 course_certificate, worker_certificate, application]

    others = [
        # the other employer's records, and one that merely names ours in a column that gives no node
        shop_worker,
        Proposal.objects.create(number="JY2024-2", title="延长营业", proposer="赵小店", employer=shop,
                                submitted_on=DAY, node=shop.node),
        Inspection.objects.create(number="JC2024-2", inspected_on=DAY, employer=shop, supervisor_employer=employer,
                                  matters="工资支付", node=shop.node),
        Case.objects.create(number="2024劳调2", applicant="赵小店", respondent_employer=employer, dispute_type="劳动报酬",
                            applied_on=DAY, node=district.qingbo,
                            mediation_org=MediationOrg.objects.create(name="清波街道劳动争议调解委员会", level="街道调解委员会",
                                                                      org=district.qingbo, founded_on=DAY,
                                                                      node=district.qingbo)),
        # ours is not the first 签约单位
        contract("JT2024-2", [shop, employer]),
        # the certificate of a course it hosted, but of a worker of another employer: that employer's node
        Certificate.objects.create(number="ZS-3", name="赵小店", id_number=shop_worker.id_number, title="电工证",
                                   issued_on=DAY, course=course, worker=shop_worker, node=shop.node),
        # linked to its worker, but recorded at the street (not the employer's node): not derived from it
        Application.objects.create(number="JZ2024-2", applicant="张清波", id_number=worker.id_number, worker=worker,
                                   kind="金秋助学", applied_on=DAY, node=district.qingbo),
    ]
    return Records(followers, others)


def fresh(record):
    return type(record)._default_manager.get(pk=record.pk)


def history_of(record) -> list:
    return list(type(record).history.filter(id=record.pk).order_by("history_date", "history_id"))


def move_to_hubin(login, district):
    return login("district_admin").post(reverse("orgs:employer-move", args=[district.qingbo_employer.pk]), {
        "street": district.hubin.pk, "union": district.hubin_union.pk, "reason": REASON})


def test_moving_an_employer_to_the_sibling_street_moves_every_record_derived_from_it(login, district, personas, records):
    hubin, qingbo = personas["hubin_admin"], personas["qingbo_admin"]
    for record in records.followers:
        assert type(record).objects.visible_to(qingbo).filter(pk=record.pk).exists()
        assert not type(record).objects.visible_to(hubin).filter(pk=record.pk).exists()

    assert move_to_hubin(login, district).status_code == 302

    assert Employer.objects.get(pk=district.qingbo_employer.pk).node_id == district.hubin_union.pk
    for record in records.followers:
        model = type(record)
        assert fresh(record).node_id == district.hubin_union.pk, record
        assert model.objects.visible_to(hubin).filter(pk=record.pk).exists(), record
        assert not model.objects.visible_to(qingbo).filter(pk=record.pk).exists(), record
        last = history_of(record)[-1]
        assert last.node_id == district.hubin_union.pk and last.history_type == "~"
        assert last.history_change_reason == f"随单位“清波示范科技有限公司”调整隶属：{REASON}"
        assert last.history_user_id == personas["district_admin"].pk


def test_records_not_derived_from_the_moved_employer_stay_where_they_were(login, district, personas, records):
    before = {(type(r), r.pk): (r.node_id, len(history_of(r))) for r in records.others}

    move_to_hubin(login, district)

    for record in records.others:
        assert (fresh(record).node_id, len(history_of(record))) == before[(type(record), record.pk)], record
        assert type(record).objects.visible_to(personas["qingbo_admin"]).filter(pk=record.pk).exists(), record
    assert set(Worker.objects.filter(employer=district.hubin_employer).values_list("node_id", flat=True)) == {
        district.hubin_union.pk}


def test_a_record_without_history_keeps_a_row_of_where_it_was(login, district, records):
    entry = next(r for r in records.followers if isinstance(r, Entry))
    assert history_of(entry) == []

    move_to_hubin(login, district)

    rows = history_of(entry)
    assert [(r.history_change_reason, r.node_id) for r in rows] == [
        (BEFORE, district.qingbo_union.pk), (f"随单位“清波示范科技有限公司”调整隶属：{REASON}", district.hubin_union.pk)]


def test_the_move_is_audited_with_what_followed_it(login, district, records):
    page = login("district_admin").get(reverse("orgs:employer-move", args=[district.qingbo_employer.pk])).content.decode()
    assert "将随之归入新的所属工会或街道" in page  # said before the move is made
    done = login("district_admin").post(reverse("orgs:employer-move", args=[district.qingbo_employer.pk]), {
        "street": district.hubin.pk, "union": district.hubin_union.pk, "reason": REASON}, follow=True).content.decode()
    assert "已调整所属街道/工会。随之调整：职工3人" in done

    entry = AuditEntry.objects.get(action=Action.MOVE, object_repr="清波示范科技有限公司")
    assert entry.detail["原因"] == REASON
    followed = entry.detail["随之调整"]
    for part in ("职工3人", "合理化建议1条", "集体合同1份", "调解案件1条", "参赛1条", "证书2条", "帮扶救助1条"):
        assert part in followed, followed


def test_a_move_inside_the_same_node_moves_nothing(login, district, personas, records):
    """A new 所属街道 with the same 所属工会 leaves the owning node, and so every record, where it was."""
    counts = {(type(r), r.pk): len(history_of(r)) for r in records.followers}
    login("district_admin").post(reverse("orgs:employer-move", args=[district.qingbo_employer.pk]), {
        "street": district.hubin.pk, "union": district.qingbo_union.pk, "reason": "更正所属街道"})

    assert Employer.objects.get(pk=district.qingbo_employer.pk).street_id == district.hubin.pk
    for record in records.followers:
        assert fresh(record).node_id == district.qingbo_union.pk
        assert len(history_of(record)) == counts[(type(record), record.pk)]
    assert "随之调整" not in AuditEntry.objects.get(action=Action.MOVE).detail


# --- deleting an employer ----------------------------------------------------------------------

def test_employer_referenced_by_other_records_is_refused_with_what_refers_to_it(login, district, records):
    response = login("qingbo_admin").post(reverse("orgs:employer-delete", args=[district.qingbo_employer.pk]),
                                          follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "“清波示范科技有限公司”已有职工3人、" in page
    for part in ("合理化建议1条", "命名表彰1条", "阵地1条", "会议1条", "法律监督检查2条", "协商指导员1条",
                 "集体合同2份", "调解组织1条", "调解案件2条", "竞赛1条", "培训项目1条"):
        assert part in page, part
    assert "不能删除；请填写注销日期将其注销。" in page
    assert Employer.objects.filter(pk=district.qingbo_employer.pk).exists()
    assert Proposal.objects.filter(employer=district.qingbo_employer).exists()
    assert not AuditEntry.objects.filter(action=Action.DELETE).exists()


def test_employer_without_workers_but_named_by_a_contract_is_refused_not_a_server_error(login, district):
    employer = Employer.objects.create(
        name="清波新设公司", credit_code=make_credit_code("91330102MA2B00099"), employer_type=EmployerType.ENTERPRISE,
        street=district.qingbo, node=district.qingbo)
    contract("JT2024-9", [district.qingbo_no_union, employer])

    # the confirmation page already says so, without a delete button
    page = login("qingbo_admin").get(reverse("orgs:employer-delete", args=[employer.pk])).content.decode()
    assert "已有集体合同1份引用，不能删除" in page and "确认删除" not in page

    response = login("qingbo_admin").post(reverse("orgs:employer-delete", args=[employer.pk]), follow=True)

    assert response.status_code == 200
    assert "“清波新设公司”已有集体合同1份，不能删除；请填写注销日期将其注销。" in response.content.decode()
    assert Employer.objects.filter(pk=employer.pk).exists()


def test_unreferenced_employer_is_deleted_and_audited(login, district):
    employer = Employer.objects.create(
        name="清波空壳公司", credit_code=make_credit_code("91330102MA2B00098"), employer_type=EmployerType.ENTERPRISE,
        street=district.qingbo, node=district.qingbo)

    response = login("qingbo_admin").post(reverse("orgs:employer-delete", args=[employer.pk]))

    assert response.status_code == 302
    assert not Employer.objects.filter(pk=employer.pk).exists()
    assert AuditEntry.objects.filter(action=Action.DELETE, object_repr="清波空壳公司").exists()


def test_a_long_reason_is_kept_whole_in_the_audit_and_shortened_in_the_history(login, district, records):
    """The form takes 200 characters; a history row's change reason holds 100 (PostgreSQL refuses more)."""
    reason = "企业整体迁址" * 33  # 198 characters
    response = login("district_admin").post(reverse("orgs:employer-move", args=[district.qingbo_employer.pk]), {
        "street": district.hubin.pk, "union": district.hubin_union.pk, "reason": reason})

    assert response.status_code == 302
    assert AuditEntry.objects.get(action=Action.MOVE).detail["原因"] == reason
    proposal = next(r for r in records.followers if isinstance(r, Proposal))
    kept = history_of(proposal)[-1].history_change_reason
    assert len(kept) == 100 and kept.endswith("…") and fresh(proposal).node_id == district.hubin_union.pk
