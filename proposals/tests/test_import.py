"""Importing the proposal register (SPEC §2): owning nodes, worker links, the round trip, row
errors, scoping, and state changes that must follow the workflow (SPEC §4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from python_calamine import CalamineWorkbook

from conftest import make_id_number
from proposals.models import Proposal, ProposalStatus
from registers.catalog import get_register
from registers.imports import import_file
from registers.models import ImportStatus
from registers.services import register_export
from registers.tests.files import xlsx
from workflows.models import Via
from workflows.services import transitions_of

HEADERS = ["建议编号", "标题", "提出人", "提出人身份证号", "所在单位", "提出日期", "状态", "采纳日期", "经济效益(万元)"]
S = ProposalStatus


def run(user, rows: list[list], headers: list[str] = HEADERS):
    return import_file(user=user, register=get_register("proposals"), file_name="合理化建议.xlsx", data=xlsx([headers, *rows]))


def sheet_rows(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def row(**cells) -> list:
    base = {"建议编号": "JY2024-001", "标题": "关于优化换模流程的建议", "提出人": "张清波", "提出人身份证号": "",
            "所在单位": "清波示范科技有限公司", "提出日期": "2024-03-01", "状态": "已提交", "采纳日期": "", "经济效益(万元)": ""}
    if "经济效益" in cells:  # the header's unit cannot be part of a keyword
        cells["经济效益(万元)"] = cells.pop("经济效益")
    base.update(cells)
    return [base[h] for h in HEADERS]


def test_a_good_file_creates_proposals_with_nodes_links_and_first_transitions(district, personas):
    admin = personas["qingbo_admin"]
    worker = district.qingbo_worker
    log, problems = run(admin, [
        row(提出人身份证号=worker.id_number),
        row(建议编号="JY2024-002", 所在单位="清波示范企业工会", 状态="已实施", 采纳日期="2024-03-20", 经济效益="12.5"),
        row(建议编号="JY2024-003", 所在单位=district.qingbo_no_union.credit_code, 状态="已采纳", 提出人="外区职工",
            提出人身份证号=make_id_number(region="330106", seq="771")),
    ])
    assert problems == [] and log.status == ImportStatus.DONE and (log.created, log.updated) == (3, 0)
    first, second, third = (Proposal.objects.get(number=n) for n in ("JY2024-001", "JY2024-002", "JY2024-003"))
    assert (first.employer, first.node, first.worker) == (district.qingbo_employer, district.qingbo_union, worker)
    assert (second.org, second.employer, second.node) == (district.qingbo_union, None, district.qingbo_union)
    assert (second.benefit, second.adopted_on) == (Decimal("12.50"), dt.date(2024, 3, 20))
    # an employer without a union belongs to its street; a person outside the register links to no one
    assert (third.node, third.worker, third.adopted_on) == (district.qingbo, None, None)
    for proposal in (first, second, third):
        [transition] = transitions_of(proposal)
        assert (transition.from_state, transition.to_state, transition.via) == ("", proposal.status, Via.IMPORT)
        assert (transition.user, transition.reason) == (admin, log.tag)
    assert first.history.get().history_change_reason == log.tag


def test_the_header_without_its_unit_is_taken(district, personas):
    headers = [h if h != "经济效益(万元)" else "经济效益" for h in HEADERS]
    _, problems = run(personas["qingbo_admin"], [row(状态="已实施", 采纳日期="2024-03-05", 经济效益=7)], headers)
    assert problems == [] and Proposal.objects.get().benefit == Decimal(7)


def test_an_admins_export_imports_back_unchanged(district, personas, make_proposal, tmp_path):
    make_proposal("JY-1", status=S.IMPLEMENTED, id_number=district.qingbo_worker.id_number, worker=district.qingbo_worker)
    make_proposal("JY-2", status=S.REVIEWING, unit=district.qingbo_union)
    make_proposal("JY-3", status=S.ADOPTED, unit=district.hubin_employer, benefit=Decimal("0.35"))
    make_proposal("=JY-4", status=S.REJECTED, title="=HYPERLINK(\"x\")")
    admin = personas["district_admin"]
    target = tmp_path / "export.xlsx"
    register_export(user=admin, register=get_register("proposals"), target=str(target))
    log, problems = import_file(user=admin, register=get_register("proposals"), file_name="e.xlsx", data=target.read_bytes())
    assert problems == [] and (log.created, log.updated, log.unchanged) == (0, 0, 4)
    assert Proposal.objects.get(number="=JY-4").title == "=HYPERLINK(\"x\")"


def test_every_bad_row_is_reported_with_row_column_and_reason(district, personas):
    log, problems = run(personas["qingbo_admin"], [
        row(状态="已通过"),
        row(建议编号="JY2024-002", 提出日期="2099-01-01"),
        row(建议编号="JY2024-003", 状态="已实施", 采纳日期="2024-03-05"),
        row(建议编号="JY2024-004", 状态="已采纳", 采纳日期="2024-01-01"),
        row(建议编号="JY2024-005", 所在单位="不存在的单位"),
        row(建议编号="JY2024-006", 经济效益="5"),
        row(建议编号="JY2024-007", 采纳日期="2024-03-05"),
        row(建议编号="JY2024-008", 提出人身份证号="330102199001011235"),
        row(建议编号="JY2024-009", 状态="已实施", 采纳日期="2024-03-05", 经济效益="-3"),
        row(建议编号="JY2024-001", 标题=""),
    ])
    assert [str(p) for p in problems] == [
        "第 2 行「状态」已通过：不是允许的值，应为：已提交/审核中/已采纳/未采纳/已实施",
        "第 3 行「提出日期」2099-01-01：日期不能晚于今天",
        "第 4 行「经济效益(万元)」：已实施的建议须填写经济效益(万元)",
        "第 5 行「采纳日期」2024-01-01：采纳日期不能早于提出日期",
        "第 6 行「所在单位」不存在的单位：在您的管辖范围内找不到这个单位或组织",
        "第 9 行「提出人身份证号」330102199001011235：身份证号校验位错误",
        "第 10 行「经济效益(万元)」-3：经济效益不能为负数",
        "第 11 行「标题」：必填，不能为空",
    ]
    assert log.status == ImportStatus.INVALID and not Proposal.objects.exists()


def test_an_estimated_benefit_on_a_proposal_under_review_imports_with_a_notice(district, personas):
    """SPEC does not forbid it (offices keep estimates): the row imports, the preview says so,
    and the benefit counts only where §5 says (of adopted proposals)."""
    from indicators.catalog import BY_KEY, figure
    from indicators.scope import Scope

    log, problems = run(personas["qingbo_admin"], [
        row(状态="审核中", 经济效益="12.5"),
        row(建议编号="JY2024-002", 状态="已提交", 采纳日期="2024-03-05"),
        row(建议编号="JY2024-003", 状态="已采纳", 采纳日期="2024-03-05", 经济效益="3"),
    ])
    assert problems == [] and log.status == ImportStatus.DONE and log.created == 3
    assert "第 2 行「经济效益(万元)」：状态为“审核中”的建议填写了经济效益" in log.notes[0]
    assert "第 3 行「采纳日期」" in log.notes[1]
    assert Proposal.objects.get(number="JY2024-001").benefit == Decimal("12.5")
    scope = Scope(2024, district.qingbo_union.path, personas["qingbo_admin"])
    assert figure(BY_KEY["proposals.submitted"], scope) == 3
    assert figure(BY_KEY["proposals.benefit_wan"], scope) == 3


def test_a_repeated_number_in_the_file_names_the_first_row(district, personas):
    _, problems = run(personas["qingbo_admin"], [row(), row(标题="又一条")])
    assert [str(p) for p in problems] == ["第 3 行「建议编号」JY2024-001：与第 2 行重复：同一条记录在文件中出现了两次"]


# --- scoping ------------------------------------------------------------------------------------

def test_a_sibling_street_cannot_import_into_qingbo(district, personas, make_proposal, tmp_path):
    make_proposal("JY-QB", status=S.REVIEWING)
    hubin = personas["hubin_admin"]
    _, problems = run(hubin, [row(建议编号="JY-QB", 所在单位=district.hubin_employer.credit_code, 状态="已采纳"),
                              row(建议编号="JY-NEW", 所在单位=district.qingbo_employer.credit_code)])
    assert [str(p) for p in problems] == [
        "第 2 行「建议编号」JY-QB：该记录不在您的管辖范围内，不能导入或修改",
        f"第 3 行「所在单位」{district.qingbo_employer.credit_code}：在您的管辖范围内找不到这个单位或组织",
    ]
    assert Proposal.objects.get(number="JY-QB").status == S.REVIEWING
    make_proposal("JY-HB", unit=district.hubin_employer)
    target = tmp_path / "hubin.xlsx"
    assert register_export(user=hubin, register=get_register("proposals"), target=str(target)) == 1
    assert [r[0] for r in sheet_rows(target)[1:]] == ["JY-HB"]


# --- state changes ------------------------------------------------------------------------------

def test_an_import_that_moves_a_state_legally_is_recorded_as_an_import_transition(district, personas, make_proposal):
    reviewing = make_proposal("JY-1", status=S.REVIEWING)
    adopted = make_proposal("JY-2", status=S.ADOPTED, submitted_on=dt.date(2024, 3, 1))
    admin = personas["union_admin"]
    log, problems = run(admin, [
        row(建议编号="JY-1", 标题=reviewing.title, 状态="已采纳"),
        row(建议编号="JY-2", 标题=adopted.title, 状态="已实施", 采纳日期="2024-03-11", 经济效益="20"),
    ])
    assert problems == [] and (log.created, log.updated) == (0, 2)
    reviewing.refresh_from_db()
    assert reviewing.status == S.ADOPTED and reviewing.adopted_on == timezone.localdate()
    assert Proposal.objects.get(number="JY-2").benefit == Decimal(20)
    for proposal, old, new in ((reviewing, S.REVIEWING, S.ADOPTED), (adopted, S.ADOPTED, S.IMPLEMENTED)):
        [transition] = transitions_of(proposal)
        assert (transition.from_state, transition.to_state, transition.via, transition.reason) == (old, new, Via.IMPORT, log.tag)
        assert transition.user == admin


def test_an_import_that_moves_a_state_illegally_is_a_row_error(district, personas, make_proposal):
    make_proposal("JY-1", status=S.SUBMITTED)
    make_proposal("JY-2", status=S.REJECTED)
    log, problems = run(personas["qingbo_admin"], [
        row(建议编号="JY-1", 状态="已实施", 采纳日期="2024-03-05", 经济效益="3"),
        row(建议编号="JY-2", 状态="审核中"),
    ])
    assert [str(p) for p in problems] == [
        "第 2 行「状态」已实施：状态不能从“已提交”直接变为“已实施”：“已提交”只能变为“审核中”",
        "第 3 行「状态」审核中：状态不能从“未采纳”直接变为“审核中”：“未采纳”已办结，不能再变更",
    ]
    assert log.status == ImportStatus.INVALID
    assert Proposal.objects.get(number="JY-1").status == S.SUBMITTED


def test_a_row_that_leaves_the_state_alone_records_no_transition(district, personas, make_proposal):
    proposal = make_proposal("JY-1", status=S.REVIEWING)
    log, problems = run(personas["qingbo_admin"], [row(建议编号="JY-1", 标题="新标题", 状态="审核中")])
    assert problems == [] and log.updated == 1
    assert transitions_of(proposal) == [] and Proposal.objects.get(pk=proposal.pk).title == "新标题"
