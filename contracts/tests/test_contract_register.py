"""The collective-contract register through the import engine (SPEC §2, §3, §4)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from conftest import make_credit_code, make_id_number
from contracts.models import Contract, ContractParty, Stage
from orgs.models import Employer
from registers.catalog import get_register
from workflows.models import Transition, Via

from .conftest import (
    CONTRACT_HEADERS,
    INSTRUCTOR_ID,
    contract_row,
    export_rows,
    make_contract,
    make_instructor,
    run,
)


def parties_of(number: str) -> list[str]:
    return list(ContractParty.objects.filter(contract__number=number).order_by("position")
                .values_list("employer__name", flat=True))


def lines(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_register_has_the_spec_headers():
    register = get_register("contracts")
    assert register.headers == CONTRACT_HEADERS
    assert [c.name for c in register.columns if c.required] == [
        "合同编号", "合同类型", "签订方式", "签约单位", "签订日期", "期限(年)", "覆盖职工人数"]
    assert register.has_personal_data  # 指导员 is a 身份证号


def test_a_good_file_creates_contracts_with_parties_node_links_stage_and_history(district, personas):
    make_instructor(district.qingbo, liaison=district.qingbo)
    shop = district.qingbo_no_union
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS,
        contract_row(签订日期="2021-03-01", 报送审查日期="2021-03-05", 审查通过日期="2021-03-15", 合同编号="jt2021-0001",
                     职代会通过日期=""),
        contract_row(签订方式="续签", 原合同编号="JT2021-0001", 指导员=INSTRUCTOR_ID),
        contract_row(合同编号="QY2024-0001", 合同类型="区域性集体合同",
                     签约单位=f"{shop.credit_code}；清波示范科技有限公司", 覆盖职工人数=11, 女职工人数=4, 报送审查日期=""),
    ])
    assert problems == [] and (log.created, log.updated) == (3, 0)
    original, renewal, regional = (Contract.objects.get(number=n) for n in ("JT2021-0001", "JT2024-0001", "QY2024-0001"))
    assert (original.stage, original.expires_on, original.node) == (Stage.APPROVED, dt.date(2024, 3, 1), district.qingbo_union)
    assert (renewal.renews, renewal.instructor.id_number, renewal.stage) == (original, INSTRUCTOR_ID, Stage.SUBMITTED)
    # the first 签约单位 owns a contract; all of them are its parties, in the order written
    assert parties_of("QY2024-0001") == ["清波未建会商店", "清波示范科技有限公司"]
    assert regional.node == district.qingbo and regional.stage == Stage.SIGNED
    assert regional.party_codes == f"{shop.credit_code}；{district.qingbo_employer.credit_code}"
    assert set(district.qingbo_employer.collective_contracts.values_list("number", flat=True)) == {
        "JT2021-0001", "JT2024-0001", "QY2024-0001"}
    assert regional.history.get().history_change_reason == log.tag
    moves = Transition.objects.filter(object_id=renewal.pk, content_type__model="contract")
    assert [(t.from_state, t.to_state, t.via) for t in moves] == [("", Stage.SUBMITTED, Via.IMPORT)]


def test_a_renewal_may_name_a_contract_that_is_another_row_of_the_same_file(district, personas):
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS,
        contract_row(签订方式="续签", 原合同编号="JT2021-0001"),
        contract_row(合同编号="JT2021-0001", 签订日期="2021-03-01", 报送审查日期="2021-03-05", 职代会通过日期=""),
    ])
    assert problems == [] and log.created == 2
    renewal = Contract.objects.get(number="JT2024-0001")
    assert renewal.renews.number == "JT2021-0001"
    assert renewal.history.get().renews_id == renewal.renews_id


def test_an_admins_export_imports_back_unchanged(district, personas):
    instructor = make_instructor(district.qingbo)
    original = make_contract("JT2021-0001", [district.qingbo_employer], signed_on=dt.date(2021, 3, 1),
                             submitted_on=dt.date(2021, 3, 5), approved_on=dt.date(2021, 3, 9))
    make_contract("JT2024-0001", [district.qingbo_employer], renews=original, female_workers=30,
                  congress_passed_on=dt.date(2024, 2, 1), instructor=instructor)
    make_contract("QY2024-0002", [district.qingbo_no_union, district.qingbo_employer], contract_type="区域性集体合同")
    make_contract("HB2024-0001", [district.hubin_employer])
    for user in ("district_admin", "qingbo_admin"):
        rows = export_rows(personas[user], "contracts")
        assert rows[0] == CONTRACT_HEADERS
        log, problems = run(personas[user], "contracts", rows)
        assert problems == [], lines(problems)
        assert (log.created, log.updated, log.unchanged) == (0, 0, len(rows) - 1)
    assert parties_of("QY2024-0002") == ["清波未建会商店", "清波示范科技有限公司"]


def test_a_change_of_parties_is_an_update_that_rewrites_them(district, personas):
    make_contract("QY2024-0002", [district.qingbo_no_union, district.qingbo_employer], contract_type="区域性集体合同")
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS, contract_row(合同编号="QY2024-0002", 合同类型="区域性集体合同", 覆盖职工人数=100, 女职工人数="",
                                       签约单位="清波示范科技有限公司", 职代会通过日期="", 报送审查日期="")])
    assert problems == [] and (log.created, log.updated) == (0, 1)
    contract = Contract.objects.get(number="QY2024-0002")
    assert parties_of("QY2024-0002") == ["清波示范科技有限公司"] and contract.node == district.qingbo_union
    assert list(contract.history.order_by("history_date").values_list("party_codes", flat=True))[-1] == (
        district.qingbo_employer.credit_code)


def test_terms_outside_one_to_three_years_are_refused(district, personas):
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS, contract_row(**{"期限(年)": 0}),
        contract_row(合同编号="JT2024-0002", **{"期限(年)": 4}), contract_row(合同编号="JT2024-0003", **{"期限(年)": "两年"})])
    assert lines(problems) == [
        "第 2 行「期限(年)」0：期限应为1至3年（《集体合同规定》第三十八条）",
        "第 3 行「期限(年)」4：期限应为1至3年（《集体合同规定》第三十八条）",
        "第 4 行「期限(年)」两年：应为整数",
    ]
    assert not Contract.objects.exists()


def test_renewals_must_name_an_existing_contract_and_new_ones_must_not(district, personas):
    make_contract("JT2021-0001", [district.qingbo_employer], signed_on=dt.date(2021, 3, 1))
    make_contract("HB2021-0001", [district.hubin_employer], signed_on=dt.date(2021, 3, 1))
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS,
        contract_row(签订方式="续签"),
        contract_row(合同编号="JT2024-0002", 签订方式="新签", 原合同编号="JT2021-0001"),
        contract_row(合同编号="JT2024-0003", 签订方式="续签", 原合同编号="JT2019-0404"),
        contract_row(合同编号="JT2024-0004", 签订方式="续签", 原合同编号="HB2021-0001"),
        contract_row(合同编号="JT2024-0005", 签订方式="续签", 原合同编号="JT2021-0001", 签订日期="2020-01-01",
                     报送审查日期="", 职代会通过日期=""),
        contract_row(合同编号="JT2024-0006", 签订方式="续签", 原合同编号="JT2024-0006"),
    ])
    assert lines(problems) == [
        "第 3 行「原合同编号」JT2021-0001：新签合同不能填写原合同编号；续签合同请把签订方式填为“续签”",
        "第 4 行「原合同编号」JT2019-0404：在您的管辖范围内找不到这个原合同",
        "第 5 行「原合同编号」HB2021-0001：在您的管辖范围内找不到这个原合同",
        "第 6 行「原合同编号」JT2021-0001：续签合同的签订日期应晚于原合同的签订日期（2021-03-01）",
        "第 7 行「原合同编号」JT2024-0006：合同不能续签它自己",
    ]
    # a renewal of a contract signed before the register was kept: a notice (core.notices)
    assert log.notes == ["第 2 行「原合同编号」：续签合同没有填写原合同编号（被续签的那份合同），仍按原样导入。"]


def test_a_contract_is_renewed_once(district, personas):
    original = make_contract("JT2021-0001", [district.qingbo_employer], signed_on=dt.date(2021, 3, 1))
    make_contract("JT2024-0001", [district.qingbo_employer], renews=original)
    _, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS, contract_row(合同编号="JT2024-0009", 签订方式="续签", 原合同编号="JT2021-0001")])
    assert [p.reason for p in problems] == ["原合同已由合同 JT2024-0001 续签"]
    make_contract("JT2021-0002", [district.qingbo_employer], signed_on=dt.date(2021, 3, 2))
    _, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS, contract_row(合同编号="JT2024-0010", 签订方式="续签", 原合同编号="JT2021-0002"),
        contract_row(合同编号="JT2024-0011", 签订方式="续签", 原合同编号="JT2021-0002")])
    assert lines(problems) == ["第 3 行「原合同编号」JT2021-0002：原合同已由本文件中的合同 JT2024-0010 续签"]


def test_parties_must_be_known_employers_of_the_subtree(district, personas):
    other = Employer.objects.create(name="清波示范科技有限公司", credit_code=make_credit_code("91330102MA2B00011"),
                                    employer_type="企业", street=district.qingbo, node=district.qingbo)
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS,
        contract_row(签约单位="不存在的公司"),
        contract_row(合同编号="JT2024-0002", 签约单位=f"{district.qingbo_no_union.credit_code}；{district.hubin_employer.name}"),
        contract_row(合同编号="JT2024-0003", 签约单位="清波示范科技有限公司"),
        contract_row(合同编号="JT2024-0004", 签约单位=f"{other.credit_code}；{other.credit_code}"),
        contract_row(合同编号="JT2024-0005", 签约单位="清波示范企业工会"),
    ])
    assert lines(problems) == [
        "第 2 行「签约单位」不存在的公司：“不存在的公司”：在您的管辖范围内找不到这个单位",
        f"第 3 行「签约单位」{district.qingbo_no_union.credit_code}；湖滨示范酒店有限公司："
        "“湖滨示范酒店有限公司”：在您的管辖范围内找不到这个单位",
        "第 4 行「签约单位」清波示范科技有限公司：“清波示范科技有限公司”：您的管辖范围内有 2 个同名单位，请改填统一社会信用代码",
        f"第 5 行「签约单位」{other.credit_code}；{other.credit_code}：签约单位重复：清波示范科技有限公司",
        "第 6 行「签约单位」清波示范企业工会：“清波示范企业工会”：在您的管辖范围内找不到这个单位",
    ]


def test_numbers_and_dates_of_a_contract_are_checked(district, personas):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS,
        contract_row(女职工人数=121),
        contract_row(合同编号="JT2024-0002", 报送审查日期="2024-02-28"),
        contract_row(合同编号="JT2024-0003", 报送审查日期="", 审查通过日期="2024-03-09"),
        contract_row(合同编号="JT2024-0004", 审查通过日期="2024-03-04"),
        contract_row(合同编号="JT2024-0005", 签订日期=future, 报送审查日期="", 职代会通过日期=""),
        contract_row(合同编号="JT2024-0006", 职代会通过日期="2024-03-02"),
        contract_row(合同编号="JT2024-0007", 覆盖职工人数=0, 女职工人数=0),
    ])
    assert lines(problems) == [
        "第 3 行「报送审查日期」2024-02-28：报送审查日期不能早于签订日期",
        "第 5 行「审查通过日期」2024-03-04：审查通过日期不能早于报送审查日期",
        f"第 6 行「签订日期」{future}：日期不能晚于今天",
    ]
    # the product's own rules beyond SPEC's: notices in the preview (core.notices)
    assert log.notes == [
        "第 2 行「女职工人数」：女职工人数大于覆盖职工人数，仍按原样导入。",
        "第 4 行「审查通过日期」：填写了审查通过日期，但没有报送审查日期，仍按原样导入。",
        "第 7 行「职代会通过日期」：职代会通过日期晚于签订日期（合同草案应经职代会通过后签订），仍按原样导入。",
        "第 8 行「覆盖职工人数」：覆盖职工人数应大于0，仍按原样导入。",
    ]


def test_a_stage_can_move_forward_by_import_but_never_back(district, personas):
    make_contract("JT2024-0001", [district.qingbo_employer])
    admin = personas["qingbo_admin"]
    log, problems = run(admin, "contracts", [CONTRACT_HEADERS, contract_row(审查通过日期="2024-03-10")])
    assert problems == [] and log.updated == 1
    contract = Contract.objects.get()
    assert contract.stage == Stage.APPROVED
    assert [(t.from_state, t.to_state) for t in Transition.objects.filter(object_id=contract.pk)] == [
        (Stage.SIGNED, Stage.APPROVED)]
    _, problems = run(admin, "contracts", [CONTRACT_HEADERS, contract_row(报送审查日期="", 审查通过日期="")])
    assert [p.reason for p in problems] == ["状态不能从“审查通过”直接变为“已签订”：“审查通过”已办结，不能再变更"]


def test_a_sibling_street_can_neither_change_nor_export_qingbos_contracts(district, personas):
    make_contract("JT2024-0001", [district.qingbo_employer])
    make_contract("HB2024-0001", [district.hubin_employer])
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, "contracts", [CONTRACT_HEADERS, contract_row(签约单位=district.hubin_employer.credit_code)])
    assert lines(problems) == ["第 2 行「合同编号」JT2024-0001：该记录不在您的管辖范围内，不能导入或修改"]
    assert [r[0] for r in export_rows(hubin, "contracts")[1:]] == ["HB2024-0001"]
    assert Contract.objects.get(number="JT2024-0001").party_codes == district.qingbo_employer.credit_code


def test_the_export_follows_the_list_filters(district, personas):
    make_contract("JT2021-0001", [district.qingbo_employer], signed_on=dt.date(2021, 3, 1))
    make_contract("GZ2024-0001", [district.qingbo_employer], contract_type="工资专项集体协议", term=1)
    make_contract("HB2024-0001", [district.hubin_employer], submitted_on=dt.date(2024, 3, 5))
    admin = personas["district_admin"]
    assert [r[0] for r in export_rows(admin, "contracts", year="2024")[1:]] == ["GZ2024-0001", "HB2024-0001"]
    assert [r[0] for r in export_rows(admin, "contracts", street=str(district.hubin.pk))[1:]] == ["HB2024-0001"]
    assert [r[0] for r in export_rows(admin, "contracts", contract_type="工资专项集体协议")[1:]] == ["GZ2024-0001"]
    assert [r[0] for r in export_rows(admin, "contracts", q="湖滨示范")[1:]] == ["HB2024-0001"]
    assert [r[0] for r in export_rows(admin, "contracts", status="已到期")[1:]] == ["GZ2024-0001", "JT2021-0001"]


def test_an_instructor_of_the_orgs_above_may_guide_a_contract_but_not_a_siblings(district, personas):
    make_instructor(district.qingbo, liaison=district.qingbo)
    hubin_id = make_id_number(region="330102", born="19700101", seq="555")
    make_instructor(district.hubin, id_number=hubin_id, name="湖滨指导")
    union = personas["union_admin"]
    log, problems = run(union, "contracts", [CONTRACT_HEADERS, contract_row(指导员=INSTRUCTOR_ID)])
    assert problems == [] and Contract.objects.get().instructor.id_number == INSTRUCTOR_ID
    rows = export_rows(union, "contracts")
    log, problems = run(union, "contracts", rows)
    assert problems == [] and log.unchanged == 1
    _, problems = run(personas["qingbo_admin"], "contracts", [CONTRACT_HEADERS, contract_row(合同编号="JT2024-0002", 指导员=hubin_id)])
    assert lines(problems) == [f"第 2 行「指导员」{hubin_id}：在您的管辖范围内找不到这个协商指导员（请先在协商指导员台账中登记）"]


def test_a_contract_covering_more_than_its_parties_hold_imports_with_the_checks_notice(district, personas):
    """逻辑检查 contract.covers_more (SPEC §8) is a notice in the preview; a contract whose party has
    no 职工人数 is not measured, as the check skips it."""
    Employer.objects.filter(pk=district.qingbo_no_union.pk).update(headcount=None)
    log, problems = run(personas["qingbo_admin"], "contracts", [
        CONTRACT_HEADERS,
        contract_row(覆盖职工人数=10),
        contract_row(合同编号="JT2024-0002", 覆盖职工人数=11),
        contract_row(合同编号="JT2024-0003", 覆盖职工人数=500,
                     签约单位=f"清波示范科技有限公司；{district.qingbo_no_union.credit_code}"),
    ])
    assert problems == [] and log.created == 3
    assert log.notes == [
        "第 3 行「覆盖职工人数」：覆盖职工人数（11）大于签约单位职工人数之和（10）"
        "（逻辑检查 contract.covers_more 会在上报前提示），仍按原样导入。"
    ]
