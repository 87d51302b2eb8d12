"""Reporting up the tree (SPEC §8): the 逻辑检查 rules, the filing state machine, the board and its
roll-up, scoping, the to-do list and the statistical return."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from indicators.filing import file_report, filed
from indicators.models import FiledReport
from indicators.scope import Scope
from reporting.logic import check, rule_of
from reporting.selectors import board, roll_up
from reporting.services import filing_accept, filing_due_set, filing_reopen, filing_return
from reporting.tests.flow import union_accepted

Y = 2024


def counts(org, user=None, year=Y) -> dict[str, int]:
    return {o.rule.key: o.count for o in check(org, year, user)}


# --- the rules --------------------------------------------------------------------------------


def test_every_rule_of_spec_is_declared_with_its_level():
    assert {
        key: rule_of(key).level
        for key in (
            "employer.women_over_total",
            "contract.covers_more",
            "case.settled_without_date",
            "union.empty",
            "member.closed_employer",
            "figure.jump",
        )
    } == {
        "employer.women_over_total": "错误",
        "contract.covers_more": "提示",
        "case.settled_without_date": "错误",
        "union.empty": "提示",
        "member.closed_employer": "错误",
        "figure.jump": "提示",
    }


def test_women_over_total_finds_open_employers_in_the_subtree_only(district):
    from orgs.models import Employer

    assert counts(district.root)["employer.women_over_total"] == 0
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(female_headcount=11)  # of 10
    Employer.objects.filter(pk=district.hubin_employer.pk).update(
        female_headcount=10
    )  # equal: fine
    assert counts(district.root)["employer.women_over_total"] == 1
    assert counts(district.qingbo)["employer.women_over_total"] == 1
    assert counts(district.hubin)["employer.women_over_total"] == 0
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(closed_on=dt.date(Y, 6, 30))
    assert counts(district.root)["employer.women_over_total"] == 0  # closed by the end of Y


def test_an_employer_breaking_a_rule_imports_with_a_notice(district):
    from orgs.models import Employer

    employer = Employer(
        name="超员公司",
        credit_code=district.qingbo_employer.credit_code,
        employer_type="企业",
        street=district.qingbo,
        node=district.qingbo,
        headcount=5,
        female_headcount=6,
    )
    assert "employer.women_over_total" in employer.import_notices()["female_headcount"]
    employer._from_file = True
    employer.clean()  # a row of a file: no error, the check finds it


def test_contract_covers_more_than_its_employers_hold(district):
    from core.tests.records import _contract
    from orgs.models import Employer

    contract = _contract(district)  # 100 covered, its one employer holds 10
    assert counts(district.qingbo)["contract.covers_more"] == 1
    assert counts(district.hubin)["contract.covers_more"] == 0
    assert counts(district.qingbo, year=2030)["contract.covers_more"] == 0  # no longer in force
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(headcount=None)
    assert (
        counts(district.qingbo)["contract.covers_more"] == 0
    )  # an employer of no 职工人数: skipped
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(headcount=100)
    assert counts(district.qingbo)["contract.covers_more"] == 0
    assert contract.pk


def test_a_settled_case_without_its_date_is_an_error(district):
    from core.tests.records import _case
    from mediation.models import Case

    case = _case(district)
    assert counts(district.qingbo)["case.settled_without_date"] == 0
    Case.objects.filter(pk=case.pk).update(status="调解成功")
    assert counts(district.qingbo)["case.settled_without_date"] == 1
    assert (
        counts(district.qingbo, year=Y + 1)["case.settled_without_date"] == 0
    )  # applied in another year
    Case.objects.filter(pk=case.pk).update(closed_on=dt.date(Y, 3, 10))
    assert counts(district.qingbo)["case.settled_without_date"] == 0


def _proposals(district, year: int, n: int) -> None:
    from proposals.models import Proposal

    Proposal.objects.bulk_create(
        Proposal(
            number=f"JY{year}QB{i:05d}",
            title=f"建议{i}",
            proposer="张清波",
            employer=district.qingbo_employer,
            submitted_on=dt.date(year, 3, 1),
            node=district.qingbo_union,
        )
        for i in range(n)
    )


def test_figure_jump_counts_the_indicators_that_jumped_each_with_its_drill_down(district):
    _proposals(district, Y - 1, 10)
    _proposals(district, Y, 15)  # +5: half of 10, not more
    outcome = next(o for o in check(district.qingbo, Y, None) if o.rule.key == "figure.jump")
    assert outcome.count == 0
    _proposals_more(district)  # +6: more than half
    outcome = next(o for o in check(district.qingbo, Y, None) if o.rule.key == "figure.jump")
    assert outcome.count == 1 and "合理化建议" in outcome.findings[0].text
    assert outcome.findings[0].url.startswith(
        reverse("indicators:detail", args=["proposals.submitted"])
    )


def _proposals_more(district) -> None:
    from proposals.models import Proposal

    Proposal.objects.create(
        number="JY2024QB99999",
        title="再一条",
        proposer="张清波",
        employer=district.qingbo_employer,
        submitted_on=dt.date(Y, 5, 1),
        node=district.qingbo_union,
    )


def test_the_check_page_lists_each_rule_and_its_count_falls_once_the_record_is_fixed(
    login, district
):
    from orgs.models import Employer

    Employer.objects.filter(pk=district.qingbo_employer.pk).update(female_headcount=11)
    client = login("qingbo_admin")
    page = client.get(reverse("reporting:check") + f"?year={Y}")
    assert [
        o.count for o in page.context["outcomes"] if o.rule.key == "employer.women_over_total"
    ] == [1]
    drill = client.get(reverse("reporting:rule", args=["employer.women_over_total"]) + f"?year={Y}")
    assert (
        drill.context["page"].paginator.count == 1
        and "清波示范科技有限公司" in drill.content.decode()
    )
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(female_headcount=3)
    page = client.get(reverse("reporting:check") + f"?year={Y}")
    assert [
        o.count for o in page.context["outcomes"] if o.rule.key == "employer.women_over_total"
    ] == [0]


# --- filing, a state machine -----------------------------------------------------------------


def test_a_year_is_filed_accepted_returned_and_filed_again_as_a_new_version(personas, district):
    union, street = personas["union_admin"], personas["qingbo_admin"]
    first = file_report(user=union, org=district.qingbo_union, year=Y)
    assert (first.state, first.version) == ("已上报", 1) and filed(
        district.qingbo_union, Y
    ) == first
    with pytest.raises(ValidationError, match="退回须填写原因"):
        filing_return(user=street, child=district.qingbo_union, year=Y, reason=" ")
    filing_return(user=street, child=district.qingbo_union, year=Y, reason="职工人数有误")
    assert filed(district.qingbo_union, Y) is None  # a returned year has no current filing
    with pytest.raises(ValidationError, match="只有“已上报”的可以接收"):
        filing_accept(user=street, child=district.qingbo_union, year=Y)
    second = file_report(user=union, org=district.qingbo_union, year=Y)
    assert (second.state, second.version) == ("已上报", 2)
    with pytest.raises(ValidationError, match="不能重复上报"):
        file_report(user=union, org=district.qingbo_union, year=Y)
    filing_accept(user=street, child=district.qingbo_union, year=Y)
    assert filed(district.qingbo_union, Y).state == "已接收"
    from audit.models import AuditEntry

    assert (
        AuditEntry.objects.filter(object_type="年度报告定稿").count() == 4
    )  # filed, 退回, filed, 接收


def test_a_parent_files_only_once_its_expected_children_are_accepted(personas, district):
    street = personas["qingbo_admin"]
    with pytest.raises(ValidationError, match="下级尚未全部接收.*清波示范企业工会"):
        file_report(user=street, org=district.qingbo, year=Y)
    union_accepted(personas, district, Y)
    assert file_report(user=street, org=district.qingbo, year=Y).state == "已上报"


def test_reopening_needs_a_reason_and_waits_for_the_parents_own_filing_to_be_returned(
    personas, district
):
    union_accepted(personas, district, Y)
    street, root = personas["qingbo_admin"], personas["district_admin"]
    file_report(user=street, org=district.qingbo, year=Y)
    with pytest.raises(ValidationError, match="须先由上级退回"):
        filing_reopen(user=street, child=district.qingbo_union, year=Y, reason="补录")
    filing_return(user=root, child=district.qingbo, year=Y, reason="请补录工会")
    with pytest.raises(ValidationError, match="须填写原因"):
        filing_reopen(user=street, child=district.qingbo_union, year=Y, reason="")
    assert (
        filing_reopen(user=street, child=district.qingbo_union, year=Y, reason="补录").state
        == "已退回"
    )


def test_filing_is_refused_while_an_error_or_an_unexplained_hint_remains(personas, district):
    from core.tests.records import _contract
    from orgs.models import Employer

    union = personas["union_admin"]
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(female_headcount=11)
    with pytest.raises(ValidationError, match="employer.women_over_total"):
        file_report(user=union, org=district.qingbo_union, year=Y)
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(female_headcount=5)
    _contract(district)
    with pytest.raises(ValidationError, match="contract.covers_more.*须填写说明"):
        file_report(user=union, org=district.qingbo_union, year=Y)
    filing = file_report(
        user=union,
        org=district.qingbo_union,
        year=Y,
        explanations={"contract.covers_more": "含派遣职工", "figure.jump": "无关"},
    )
    assert filing.explanations == {
        "contract.covers_more": "含派遣职工"
    }  # a hint that found nothing needs none


def test_the_current_year_another_nodes_year_and_a_viewer_are_refused(personas, district):
    from django.utils import timezone

    with pytest.raises(ValidationError, match="尚未结束"):
        file_report(
            user=personas["union_admin"], org=district.qingbo_union, year=timezone.localdate().year
        )
    with pytest.raises(PermissionDenied):  # 湖滨 has an admin of its own: no 代报
        file_report(user=personas["district_admin"], org=district.hubin, year=Y)
    with pytest.raises(PermissionDenied):
        file_report(user=personas["qingbo_viewer"], org=district.qingbo, year=Y)
    with pytest.raises(PermissionDenied):  # only the parent receives
        filing_accept(user=personas["district_admin"], child=district.qingbo_union, year=Y)


def test_a_child_without_an_admin_is_filed_by_its_parent_and_the_root_files_final(
    personas, district
):
    from orgs.models import Org

    quiet = Org.objects.add_child(
        district.root, instance=Org(name="望江街道总工会", org_type="街道总工会")
    )
    root = personas["district_admin"]
    on_behalf = file_report(user=root, org=quiet, year=Y)
    assert (on_behalf.state, on_behalf.on_behalf) == ("已接收", True)
    with pytest.raises(ValidationError, match="湖滨街道总工会.*清波街道总工会|清波街道总工会"):
        file_report(user=root, org=district.root, year=Y)
    union_accepted(personas, district, Y)
    for name, street in (("qingbo_admin", district.qingbo), ("hubin_admin", district.hubin)):
        file_report(user=personas[name], org=street, year=Y)
        filing_accept(user=root, child=street, year=Y)
    assert file_report(user=root, org=district.root, year=Y).state == "已定稿"


# --- the board, the roll-up, scoping -----------------------------------------------------------


def test_the_roll_up_equals_the_live_figure_when_nothing_changed_since_filing(personas, district):
    from workers.models import Worker

    union_accepted(personas, district, Y)
    rows = {r.indicator.key: r for r in roll_up(district.qingbo, Y, personas["qingbo_admin"])}
    assert "members.rate" not in rows and "contracts.covered_workers" not in rows  # not additive
    assert all(r.difference == 0 for r in rows.values()), {
        k: r.difference for k, r in rows.items() if r.difference
    }
    assert (
        rows["workers.employed"].live if "workers.employed" in rows else rows["members.count"].live
    ) >= 0
    assert (rows["members.count"].live, rows["members.count"].filed, rows["members.count"].own) == (
        2,
        2,
        0,
    )
    Worker.objects.filter(name="王建国").update(is_member=True)  # a member since the union filed
    row = next(
        r
        for r in roll_up(district.qingbo, Y, personas["qingbo_admin"])
        if r.indicator.key == "members.count"
    )
    assert (row.live, row.filed, row.difference, row.added, row.removed) == (3, 2, 1, 1, 0)


def test_the_board_shows_each_child_and_acts_on_it(login, personas, district):
    file_report(user=personas["union_admin"], org=district.qingbo_union, year=Y, explanations={})
    client = login("qingbo_admin")
    page = client.get(reverse("reporting:board") + f"?year={Y}")
    assert [(r.org.name, r.state, r.latest.version) for r in page.context["board"].rows] == [
        ("清波示范企业工会", "已上报", 1)
    ]
    response = client.post(
        reverse("reporting:return"),
        {"year": Y, "child": district.qingbo_union.pk, "reason": "请核对"},
    )
    assert response.status_code == 302
    assert FiledReport.objects.get(org=district.qingbo_union).state == "已退回"
    assert (
        client.post(reverse("reporting:due"), {"year": Y, "due_on": f"{Y + 1}-01-20"}).status_code
        == 302
    )
    assert board(district.qingbo, Y).due.due_on == dt.date(Y + 1, 1, 20)


def test_a_street_never_sees_a_siblings_board_nor_acts_on_its_children(login, personas, district):
    file_report(user=personas["union_admin"], org=district.qingbo_union, year=Y)
    client = login("hubin_admin")
    assert (
        client.get(reverse("reporting:board") + f"?year={Y}&org={district.qingbo.pk}").status_code
        == 404
    )
    assert (
        client.get(reverse("reporting:check") + f"?year={Y}&org={district.qingbo.pk}").status_code
        == 404
    )
    assert (
        client.get(reverse("reporting:stats") + f"?year={Y}&org={district.qingbo.pk}").status_code
        == 404
    )
    assert (
        client.post(
            reverse("reporting:accept"), {"year": Y, "child": district.qingbo_union.pk}
        ).status_code
        == 404
    )
    own = client.get(reverse("reporting:board") + f"?year={Y}")
    assert [r.org.name for r in own.context["board"].rows] == ["湖滨示范企业工会"]
    assert FiledReport.objects.get(org=district.qingbo_union).state == "已上报"


def test_overdue_children_are_on_the_parents_to_do_list_and_a_return_on_the_childs(
    personas, district
):
    from reporting.due import due_items

    today = dt.date(Y + 1, 2, 1)
    filing_due_set(
        user=personas["qingbo_admin"], org=district.qingbo, year=Y, due_on=dt.date(Y + 1, 1, 20)
    )
    assert [i.kind for i in due_items(personas["qingbo_admin"], today)] == ["下级逾期未上报"]
    assert due_items(personas["hubin_admin"], today) == []
    file_report(user=personas["union_admin"], org=district.qingbo_union, year=Y)
    assert [i.kind for i in due_items(personas["qingbo_admin"], today)] == ["下级上报待接收"]
    filing_return(
        user=personas["qingbo_admin"], child=district.qingbo_union, year=Y, reason="请核对"
    )
    assert [(i.kind, i.note) for i in due_items(personas["union_admin"], today)] == [
        ("上报被退回", "退回原因：请核对")
    ]


# --- the statistical return ---------------------------------------------------------------------


def test_the_statistical_return_has_a_row_per_child_then_own_and_total(login, district):
    import openpyxl

    response = login("district_admin").get(reverse("reporting:stats") + f"?year={Y}")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    labels = [sheet.cell(row=r, column=1).value for r in range(4, sheet.max_row + 1)]
    assert labels == ["清波街道总工会", "湖滨街道总工会", "本级", "合计"]
    headers = [
        sheet.cell(row=3, column=c).value or sheet.cell(row=2, column=c).value
        for c in range(1, sheet.max_column + 1)
    ]
    employed = headers.index("在职职工") + 1
    assert [sheet.cell(row=r, column=employed).value for r in range(4, 8)] == [4, 2, 0, 6]
    assert "indicators/workers.employed/" in sheet.cell(row=7, column=employed).hyperlink.target
    rate = headers.index("入会率(%)") + 1
    assert (
        sheet.cell(row=7, column=rate).value == 66.7
        and sheet.cell(row=6, column=rate).value is None
    )


MEMBER_COLUMNS = {
    "会员": "members.total",
    "其中女会员": "members.women",
    "农民工会员": "members.migrant",
    "新就业形态会员": "members.new_employment",
    "本年新入会会员": "members.joined",
}


def test_the_statistical_return_has_the_member_columns_of_the_catalogue(login, district):
    import openpyxl

    from indicators.catalog import BY_KEY, figure
    from members.tests.helpers import member_of
    from reporting.stats import COLUMNS
    from workers.models import Worker

    assert all(column.key in BY_KEY for column in COLUMNS)  # every column of SPEC §8 is shown
    # beside 张清波 (a man, 农民工) and 陈湖滨 (a man, conftest): 李晓梅 (a woman, 新就业形态, joined
    # in Y) in 清波, 周西湖 (a woman) in 湖滨
    member_of(district, worker=Worker.objects.get(name="李晓梅"), employment="新就业形态")
    member_of(
        district,
        worker=Worker.objects.get(name="周西湖"),
        node=district.hubin_union,
        joined_on=dt.date(2021, 1, 1),
    )
    response = login("district_admin").get(reverse("reporting:stats") + f"?year={Y}")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [
        sheet.cell(row=3, column=c).value or sheet.cell(row=2, column=c).value
        for c in range(1, sheet.max_column + 1)
    ]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(4, sheet.max_row + 1)}

    def cells(label: str) -> dict[str, int]:
        return {
            key: sheet.cell(row=rows[label], column=headers.index(header) + 1).value
            for header, key in MEMBER_COLUMNS.items()
        }

    def catalogue(org) -> dict[str, int]:
        return {key: figure(BY_KEY[key], Scope(Y, org.path)) for key in MEMBER_COLUMNS.values()}

    assert cells("清波街道总工会") == catalogue(district.qingbo)
    assert cells("合计") == catalogue(district.root)
    assert cells("清波街道总工会") == {
        "members.total": 2,
        "members.women": 1,
        "members.migrant": 1,
        "members.new_employment": 1,
        "members.joined": 1,
    }
    assert cells("合计")["members.total"] == 4 and cells("合计")["members.women"] == 2
    assert cells("本级")["members.total"] == 0
    women = headers.index("其中女会员") + 1
    assert (
        "indicators/members.women/" in sheet.cell(row=rows["合计"], column=women).hyperlink.target
    )
    drill = BY_KEY["members.women"].records(Scope(Y, district.root.path))
    assert sorted(m.shown_name for m in drill) == ["周西湖", "李晓梅"]  # its drill-down: the women


def test_scope_of_a_rule_is_the_users_own(personas, district):
    from orgs.models import Employer

    Employer.objects.filter(pk=district.qingbo_employer.pk).update(female_headcount=11)
    assert counts(district.root, personas["hubin_admin"])["employer.women_over_total"] == 0
    assert Scope(Y, district.root.path).year == Y


# --- the command --------------------------------------------------------------------------------


def _report(capsys, *args: str) -> dict:
    import json

    from django.core.management import call_command

    call_command("report", *args)
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_every_reporting_command_works_on_an_empty_database(capsys, tmp_path):
    from django.core.management import CommandError

    found = _report(capsys, "check", "--year", str(Y))
    assert list(found)[:2] == ["year", "org"] and found["org"] is None
    assert [r["rule"] for r in found["rules"]] == [
        "employer.women_over_total",
        "contract.covers_more",
        "case.settled_without_date",
        "union.empty",
        "member.closed_employer",
        "figure.jump",
    ]
    assert _report(capsys, "status", "--year", str(Y)) == {
        "year": Y,
        "org": None,
        "due": None,
        "children": [],
    }
    assert _report(capsys, "stats", "--year", str(Y), "-o", str(tmp_path / "s.xlsx"))["rows"] == []
    for args in (["file"], ["due", "--date", f"{Y + 1}-01-20"], ["accept", "--child", "x"]):
        with pytest.raises(CommandError, match="还没有组织"):
            _report(capsys, *args, "--year", str(Y))


def test_the_commands_walk_a_year_up_the_tree(capsys, personas, district, tmp_path):
    from django.core.management import CommandError

    filed_now = _report(capsys, "file", "--year", str(Y), "--as", "union_admin")
    assert (filed_now["org"], filed_now["state"], filed_now["version"]) == (
        "清波示范企业工会",
        "已上报",
        1,
    )
    status = _report(capsys, "status", "--year", str(Y), "--as", "qingbo_admin")
    assert [(c["org"], c["state"], c["version"]) for c in status["children"]] == [
        ("清波示范企业工会", "已上报", 1)
    ]
    with pytest.raises(CommandError, match="须填写原因"):
        _report(
            capsys,
            "return",
            "--year",
            str(Y),
            "--as",
            "qingbo_admin",
            "--child",
            "清波示范企业工会",
        )
    assert (
        _report(
            capsys,
            "accept",
            "--year",
            str(Y),
            "--as",
            "qingbo_admin",
            "--child",
            "清波示范企业工会",
        )["state"]
        == "已接收"
    )
    assert (
        _report(
            capsys, "due", "--year", str(Y), "--as", "qingbo_admin", "--date", f"{Y + 1}-01-20"
        )["due"]
        == f"{Y + 1}-01-20"
    )
    with pytest.raises(
        CommandError, match="找不到"
    ):  # a sibling's node is not in the user's subtree
        _report(capsys, "check", "--year", str(Y), "--as", "hubin_admin", "--org", "清波街道总工会")
    from orgs.models import Employer

    Employer.objects.filter(pk=district.qingbo_employer.pk).update(female_headcount=11)
    with pytest.raises(SystemExit) as exit_:
        _report(capsys, "check", "--year", str(Y), "--org", "清波街道总工会")
    assert exit_.value.code == 1 and '"count": 1' in capsys.readouterr().out
    with pytest.raises(CommandError, match="employer.women_over_total"):
        _report(capsys, "file", "--year", str(Y), "--as", "qingbo_admin")
    stats = _report(capsys, "stats", "--year", str(Y), "-o", str(tmp_path / "s.xlsx"))
    assert [row["org"] for row in stats["rows"]] == [
        "清波街道总工会",
        "湖滨街道总工会",
        "本级",
        "合计",
    ]
    assert (tmp_path / "s.xlsx").stat().st_size > 0
