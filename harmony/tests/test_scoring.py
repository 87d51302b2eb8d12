"""The year's scoring table (entered by the root's admin, frozen once used), the computed items on
records that meet and miss each one, manual items with evidence, and the import's rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contracts.importing import set_parties
from contracts.models import Contract
from harmony.choices import Source, Status
from harmony.models import Assessment, ManualMark, ReviewStep, ScoringItem, ScoringTable
from harmony.selectors import computed_values
from harmony.services import item_add, item_delete, mark_give, score_now, table_save
from honours.models import Honour
from mediation.models import Case, MediationLevel, MediationOrg
from registers.catalog import get_register
from registers.imports import import_file
from supervision.models import Inspection
from workflows.services import move

from .factories import YEAR, assessment, reach, scoring_table
from .permissions import PDF

pytestmark = pytest.mark.django_db
END = dt.date(2024, 12, 31)


# --- the table -----------------------------------------------------------------------------------


def test_the_roots_admin_enters_the_table_on_its_page(district, login):
    client = login("district_admin")
    url = reverse("harmony:table", args=[YEAR])
    assert client.post(url, {"action": "pass_mark", "pass_mark": "60"}).status_code == 302
    client.post(
        url,
        {
            "action": "add",
            "name": "劳动合同签订率",
            "source": Source.LABOUR_CONTRACTS,
            "points": "20",
            "threshold": "95",
        },
    )
    client.post(
        url, {"action": "add", "name": "职工满意度", "source": Source.MANUAL, "points": "10"}
    )
    table = ScoringTable.objects.get(year=YEAR)
    assert table.pass_mark == Decimal(60) and list(
        table.items.values_list("name", "threshold")
    ) == [("劳动合同签订率", Decimal(95)), ("职工满意度", None)]
    page = client.get(url)
    assert "劳动合同签订率" in page.text and "增加评分项目" in page.text


def test_a_street_reads_the_table_but_may_not_enter_it(district, personas, login):
    table = scoring_table(district)
    with pytest.raises(PermissionDenied, match="评分表由区总工会"):
        item_add(
            user=personas["qingbo_admin"],
            table=table,
            name="新项目",
            source=Source.UNION,
            points=Decimal(5),
        )
    client = login("qingbo_admin")
    client.post(reverse("harmony:table", args=[YEAR]), {"action": "pass_mark", "pass_mark": "1"})
    assert ScoringTable.objects.get().pass_mark == Decimal(40)
    page = client.get(reverse("harmony:table", args=[YEAR]))
    assert page.status_code == 200 and "评分表由区总工会管理员制定" in page.text


def test_the_table_is_frozen_once_the_first_assessment_of_its_year_is_scored(
    district, personas, login
):
    table = scoring_table(district)
    admin = personas["district_admin"]
    item_add(
        user=admin, table=table, name="职工书屋", source=Source.MANUAL, points=Decimal(5)
    )  # still open
    reach(assessment(district), Status.STREET_REVIEWED, personas["qingbo_admin"])
    refusal = "2024年度已有评价按此表评分，评分表已冻结，不能再修改"
    with pytest.raises(ValidationError, match=refusal):
        table_save(user=admin, year=YEAR, pass_mark=Decimal(1))
    with pytest.raises(ValidationError, match=refusal):
        item_add(user=admin, table=table, name="又一项", source=Source.UNION, points=Decimal(5))
    with pytest.raises(ValidationError, match=refusal):
        item_delete(user=admin, item=table.items.first())
    client = login("district_admin")
    response = client.post(
        reverse("harmony:table", args=[YEAR]),
        {"action": "pass_mark", "pass_mark": "1"},
        follow=True,
    )
    assert refusal in response.text and "已冻结" in response.text
    assert ScoringTable.objects.get().pass_mark == Decimal(40) and table.items.count() == 10
    # another year's table is still open
    table_save(user=admin, year=YEAR + 1, pass_mark=Decimal(70))


# --- the computed items --------------------------------------------------------------------------


def _meets_everything(district) -> None:
    employer = district.qingbo_employer
    for number, kind in (("JT-1", "综合性集体合同"), ("JT-2", "工资专项集体协议")):
        contract = Contract(
            number=number,
            contract_type=kind,
            signing_mode="新签",
            party_codes=employer.credit_code,
            signed_on=dt.date(2024, 3, 1),
            term_years=3,
            covered_workers=3,
            node_id=employer.node_id,
        )
        contract.full_clean()
        contract.save()
        set_parties({contract.pk: (employer.pk,)})
    MediationOrg.objects.create(
        name="清波示范科技调解小组",
        level=MediationLevel.ENTERPRISE,
        employer=employer,
        founded_on=dt.date(2020, 1, 1),
        node=employer.node,
    )


def test_the_computed_items_of_an_employer_that_meets_them(district):
    _meets_everything(district)
    values = computed_values(district.qingbo_employer, YEAR, END)
    assert values == {
        Source.LABOUR_CONTRACTS: Decimal("100.0"),
        Source.COLLECTIVE_CONTRACT: True,
        Source.WAGE_AGREEMENT: True,
        Source.UNION: True,
        Source.MEMBERS_RATE: Decimal("66.7"),
        Source.MEDIATION_ORG: True,
        Source.CASES: 0,
        Source.OVERDUE: 0,
    }


def test_the_computed_items_of_an_employer_that_misses_them(district):
    # 清波未建会商店: one 在职 worker, unsigned, not a member; no union, contract or committee; a dispute
    # and an overdue finding of the year, and some of other years or not overdue, which do not count
    employer = district.qingbo_no_union
    committee = MediationOrg.objects.create(
        name="清波调委会",
        level=MediationLevel.STREET,
        org=district.qingbo,
        founded_on=dt.date(2015, 1, 1),
        node=district.qingbo,
    )
    for number, applied_on, status in (
        ("C1", dt.date(2024, 5, 1), "调解成功"),
        ("C2", dt.date(2023, 5, 1), "调解成功"),
        ("C3", dt.date(2024, 8, 1), "已撤回"),
    ):
        Case.objects.create(
            number=number,
            applicant="赵小店",
            respondent_employer=employer,
            dispute_type="劳动报酬",
            applied_on=applied_on,
            mediation_org=committee,
            status=status,
            node=district.qingbo,
        )
    for number, deadline, result in (
        ("J1", dt.date(2024, 7, 1), "未整改"),
        ("J2", dt.date(2024, 7, 1), "已整改"),
        ("J3", dt.date(2025, 3, 1), "整改中"),
    ):
        Inspection.objects.create(
            number=number,
            inspected_on=dt.date(2024, 6, 1),
            employer=employer,
            supervisor_org=district.qingbo,
            matters="劳动合同",
            findings="未签劳动合同",
            deadline=deadline,
            result=result,
            node=district.qingbo,
        )
    expired = Contract(
        number="JT-OLD",
        contract_type="综合性集体合同",
        signing_mode="新签",
        party_codes=employer.credit_code,
        signed_on=dt.date(2020, 3, 1),
        term_years=3,
        covered_workers=1,
        node_id=employer.node_id,
    )
    expired.full_clean()
    expired.save()
    set_parties({expired.pk: (employer.pk,)})
    values = computed_values(employer, YEAR, END)
    assert values == {
        Source.LABOUR_CONTRACTS: Decimal("0.0"),
        Source.COLLECTIVE_CONTRACT: False,
        Source.WAGE_AGREEMENT: False,
        Source.UNION: False,
        Source.MEMBERS_RATE: Decimal("0.0"),
        Source.MEDIATION_ORG: False,
        Source.CASES: 1,
        Source.OVERDUE: 1,
    }
    table = scoring_table(district)
    record = assessment(district, employer=employer)
    score, items = score_now(record, table, END)
    assert score == Decimal(0)  # −5 −10 and nothing earned: never below 0
    assert {i["name"]: i["score"] for i in items}["被申请调解案件"] == "-5.0"


def test_an_employer_with_no_workers_has_no_rate_and_earns_nothing_for_it(district):
    district.qingbo_employer.workers.all().delete()
    values = computed_values(district.qingbo_employer, YEAR, END)
    assert values[Source.LABOUR_CONTRACTS] is None and values[Source.MEMBERS_RATE] is None


def test_every_item_met_gives_the_full_score(district, personas):
    _meets_everything(district)
    table = scoring_table(district)
    record = assessment(district)
    mark_give(
        user=personas["qingbo_admin"],
        assessment=record,
        item=table.items.get(name="职工满意度"),
        points=Decimal(18),
        evidence={"data": PDF, "name": "满意度调查.pdf", "type": "application/pdf"},
    )
    score, _ = score_now(record, table, END)
    assert score == Decimal(20 + 15 + 15 + 10 + 10 + 10 + 18)


# --- manual items --------------------------------------------------------------------------------


def test_a_manual_item_needs_evidence_and_is_frozen_with_the_step(district, personas, login):
    table = scoring_table(district)
    record = assessment(district)
    item = table.items.get(name="职工满意度")
    street = personas["qingbo_admin"]
    with pytest.raises(ValidationError, match="人工评分须上传证明材料"):
        mark_give(user=street, assessment=record, item=item, points=Decimal(10), evidence=None)
    with pytest.raises(ValidationError, match="给分不能超过该项分值"):
        mark_give(user=street, assessment=record, item=item, points=Decimal(30), evidence=None)
    with pytest.raises(PermissionDenied):
        mark_give(
            user=personas["union_admin"],
            assessment=record,
            item=item,
            points=Decimal(5),
            evidence=None,
        )
    client = login("qingbo_admin")
    upload = SimpleUploadedFile("满意度调查.pdf", PDF, content_type="application/pdf")
    client.post(
        reverse("harmony:mark", args=[record.pk]),
        {"item": item.pk, "points": "12", "evidence": upload},
    )
    mark = ManualMark.objects.get()
    assert (mark.points, mark.evidence_name, bytes(mark.evidence)) == (
        Decimal(12),
        "满意度调查.pdf",
        PDF,
    )
    bad = SimpleUploadedFile("病毒.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post(
        reverse("harmony:mark", args=[record.pk]),
        {"item": item.pk, "points": "5", "evidence": bad},
        follow=True,
    )
    assert (
        "证明材料只能是 PDF、PNG 或 JPEG 文件" in response.text
        and ManualMark.objects.get().points == Decimal(12)
    )
    reach(record, Status.STREET_REVIEWED, street)
    step = ReviewStep.objects.get()
    assert {i["name"]: i["score"] for i in step.items}[
        "职工满意度"
    ] == "12.0" and step.score == Decimal("52.0")
    download = client.get(reverse("harmony:evidence", args=[record.pk, mark.pk]))
    assert download.status_code == 200 and download.content == PDF
    assert (
        login("hubin_admin").get(reverse("harmony:evidence", args=[record.pk, mark.pk])).status_code
        == 404
    )


def test_the_assessment_page_shows_the_frozen_steps_and_todays_trial(district, personas, login):
    scoring_table(district)
    record = reach(assessment(district), Status.STREET_REVIEWED, personas["qingbo_admin"])
    page = login("district_admin").get(reverse("harmony:assessment", args=[record.pk]))
    assert page.status_code == 200
    assert "街道初审：40.0 分（合格分 40.0）" in page.text and "按今日台账试算" in page.text


# --- imports -------------------------------------------------------------------------------------


def _import(user, rows: list[dict[str, str]]):
    register = get_register("assessments")
    header = register.headers
    lines = [",".join(header)] + [",".join(row.get(h, "") for h in header) for row in rows]
    return import_file(
        user=user, register=register, file_name="和谐企业.csv", data="\n".join(lines).encode()
    )


def test_an_imported_named_row_writes_or_links_its_honour(district, personas):
    employer = district.qingbo_employer
    existing = Honour(honour_type="劳动关系和谐企业", name=employer.name, level="市级", year=2023)
    existing.set_unit(employer)
    existing.save()
    _, problems = _import(
        personas["district_admin"],
        [
            {
                "单位": employer.credit_code,
                "年度": "2022",
                "申报级别": "市级",
                "状态": "已命名",
                "命名日期": "2023-04-01",
                "命名文号": "杭总〔2023〕8号",
            },
            {
                "单位": employer.name,
                "年度": "2021",
                "申报级别": "区级",
                "状态": "已撤销",
                "命名日期": "2021-12-20",
                "撤销日期": "2023-06-01",
                "撤销原因": "发生集体争议",
            },
        ],
    )
    assert problems == []
    city = Assessment.objects.get(level="市级")
    district_named = Assessment.objects.get(level="区级")
    assert city.honour == existing and Honour.objects.count() == 2
    assert (district_named.honour.year, district_named.honour.revoked_year) == (2021, 2023)


def test_an_import_states_each_rows_problem_and_never_moves_a_state(district, personas):
    scoring_table(district)
    record = assessment(district)
    _, problems = _import(
        personas["district_admin"],
        [
            {
                "单位": district.qingbo_employer.credit_code,
                "年度": "2024",
                "申报级别": "区级",
                "状态": "街道初审",
            },
            {
                "单位": district.hubin_employer.credit_code,
                "年度": "2024",
                "申报级别": "省级",
                "状态": "已命名",
                "命名日期": "2024-12-01",
            },
        ],
    )
    said = {(p.row, p.column): p.reason for p in problems}
    assert "须在记录页面逐步办理" in said[(2, "状态")]
    assert said[(3, "命名文号")] == "省级由上级命名，须填写上级的命名文号"
    assert Assessment.objects.get().status == Status.APPLIED == record.status


def test_a_street_cannot_import_another_streets_employer(district, personas):
    _, problems = _import(
        personas["qingbo_admin"],
        [
            {
                "单位": district.hubin_employer.credit_code,
                "年度": "2024",
                "申报级别": "区级",
                "状态": "申报中",
            }
        ],
    )
    assert [(p.row, p.column, p.reason) for p in problems] == [
        (2, "单位", "在您的管辖范围内找不到这个单位")
    ]


def test_a_frozen_score_cannot_be_changed_by_an_import(district, personas):
    scoring_table(district)
    record = reach(assessment(district), Status.STREET_REVIEWED, personas["qingbo_admin"])
    _, problems = _import(
        personas["district_admin"],
        [
            {
                "单位": district.qingbo_employer.credit_code,
                "年度": "2024",
                "申报级别": "区级",
                "状态": "街道初审",
                "街道初审分": "99",
            }
        ],
    )
    assert [p.reason for p in problems] == ["街道初审分已在街道初审时按评分表冻结，不能修改"]
    record.refresh_from_db()
    assert record.street_score == Decimal("40.0")
    assert move(
        record, Status.DISTRICT_REVIEWED, user=personas["district_admin"]
    ).district_score == Decimal("40.0")
    assert ScoringItem.objects.count() == 9


def test_a_year_that_has_not_begun_has_no_table_page(district, login, today):
    assert (
        login("district_admin").get(reverse("harmony:table", args=[today.year + 1])).status_code
        == 404
    )


def test_the_dates_the_honour_was_written_from_cannot_be_changed_by_an_import(district, personas):
    scoring_table(district)
    reach(assessment(district), Status.NAMED, personas["district_admin"])
    _, problems = _import(
        personas["district_admin"],
        [
            {
                "单位": district.qingbo_employer.credit_code,
                "年度": "2024",
                "申报级别": "区级",
                "状态": "已命名",
                "命名日期": "2025-02-01",
                "命名文号": "上总〔2025〕3号",
                "街道初审分": "40",
                "区总评审分": "40",
            }
        ],
    )
    assert [(p.column, p.reason) for p in problems] == [
        ("命名日期", "命名表彰记录已按原命名日期写入，命名日期不能再修改")
    ]
    assert Honour.objects.get().year == 2025 and Assessment.objects.get().named_on == dt.date(
        2025, 1, 20
    )
