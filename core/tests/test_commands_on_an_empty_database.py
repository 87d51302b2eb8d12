"""Every command of SPEC §6 (demo aside: it is slow and fills the database) on a freshly migrated,
empty database: what the user sees — output, the file written, exit status 1 as a CommandError."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from accounts.models import User
from audit.models import Action, AuditEntry
from conftest import make_id_number
from indicators.catalog import INDICATORS
from orgs.models import Employer, Org
from registers.catalog import registers
from registers.models import ImportLog, ImportStatus
from registers.tests.files import csv_bytes, xlsx
from training.models import Certificate
from workers.models import Worker

REGISTERS = sorted(registers())


@pytest.fixture
def empty(db) -> None:
    """The `db` fixture's database as `uniondesk migrate` leaves it: no org, no account."""
    assert not Org.objects.exists() and not User.objects.exists()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def adduser(*args: str) -> str:
    """No password on standard input: a one-time password is printed."""
    out = io.StringIO()
    call_command("adduser", *args, stdout=out, stdin=io.StringIO(""))
    return out.getvalue()


def sheet_rows(path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


# --- adduser --------------------------------------------------------------------------------------

def test_adduser_on_an_empty_database_makes_the_org_the_root_and_prints_a_one_time_password(empty):
    output = adduser("admin", "--org", "上城区总工会", "--role", "admin")
    assert "组织树为空：已建立根组织 上城区总工会（区总工会）" in output
    assert re.search(r"一次性密码：\S{12}", output)
    root = Org.objects.get()
    assert root.depth == 1 and User.objects.get(username="admin").org == root


# --- template -------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", REGISTERS)
def test_template_writes_the_blank_template_of_every_register(empty, tmp_path, slug):
    path = tmp_path / f"{slug}.xlsx"
    output = run("template", slug, str(path))
    assert output.strip() == f"已写出“{registers()[slug].label}”导入模板：{path}"
    assert sheet_rows(path)[0] == registers()[slug].headers


def test_template_of_an_unknown_register_is_refused(empty, tmp_path):
    with pytest.raises(CommandError, match="没有名为“nosuch”的台账") as refused:
        run("template", "nosuch", str(tmp_path / "x.xlsx"))
    assert refused.value.returncode == 1


# --- export ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", REGISTERS)
def test_export_of_an_empty_tree_is_the_headers_alone(empty, tmp_path, slug):
    path = tmp_path / f"{slug}.xlsx"
    output = run("export", slug, str(path))
    register = registers()[slug]
    assert output.strip() == f"已导出“{register.label}”0行：{path}"
    assert sheet_rows(path) == [register.headers]
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.object_type == register.label and entry.detail["行数"] == 0


def test_export_as_an_unknown_account_is_refused(empty, tmp_path):
    with pytest.raises(CommandError, match="没有名为“nobody”的有效账号"):
        run("export", "workers", str(tmp_path / "w.xlsx"), "--as", "nobody")
    assert not (tmp_path / "w.xlsx").exists()


# --- import ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", REGISTERS)
def test_import_of_a_file_with_only_the_headers_says_so_as_on_any_database(empty, tmp_path, slug):
    """The import engine treats a file without data rows as a mistake (registers/importing.py),
    on an empty tree as on a full one: not a refusal for the empty tree."""
    path = tmp_path / f"{slug}.xlsx"
    path.write_bytes(xlsx([registers()[slug].headers]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="共 1 处问题，未写入任何数据") as refused:
        call_command("import", slug, str(path), stdout=out)
    assert refused.value.returncode == 1
    assert out.getvalue().splitlines() == ["第 2 行：表头下面没有数据行"]
    assert ImportLog.objects.get().status == ImportStatus.INVALID


def test_import_of_the_first_orgs_builds_the_tree(empty, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes([["组织名称", "组织类型", "上级组织"], ["上城区总工会", "区总工会", ""],
                                ["清波街道总工会", "街道总工会", "上城区总工会"]]))
    assert "新增 2" in run("import", "orgs", str(path))
    assert Org.objects.get(depth=1).name == "上城区总工会"


def test_import_of_workers_reports_each_row_whose_employer_is_not_found(empty, tmp_path, capsys):
    headers = registers()["workers"].headers
    rows = [["张三", make_id_number(seq="101"), "某某科技有限公司", "", "是", "", "已签订", "", "", "", "", ""],
            ["李四", make_id_number(seq="103"), "91330102MA2B00000X", "123", "否", "", "未签订", "", "", "", "", ""]]
    path = tmp_path / "workers.xlsx"
    path.write_bytes(xlsx([headers, *rows]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="共 3 处问题，未写入任何数据") as refused:
        call_command("import", "workers", str(path), stdout=out)
    assert refused.value.returncode == 1
    assert out.getvalue().splitlines() == [
        "第 2 行「所在单位」某某科技有限公司：在您的管辖范围内找不到这个单位",
        "第 3 行「所在单位」91330102MA2B00000X：在您的管辖范围内找不到这个单位",
        "第 3 行「手机号」123：手机号应为以1开头的11位数字",
    ]
    assert not Worker.objects.exists() and ImportLog.objects.get().status == ImportStatus.INVALID


def test_import_of_employers_reports_the_street_not_found(empty, tmp_path):
    headers = registers()["employers"].headers
    row = ["91330102MA2B3C4D5E", "某某科技有限公司", "企业", "清波街道", "", "", "", "", ""]
    path = tmp_path / "employers.xlsx"
    path.write_bytes(xlsx([headers, row]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import", "employers", str(path), stdout=out)
    assert "第 2 行「所属街道」清波街道：在您的管辖范围内找不到这个街道" in out.getvalue()
    assert not Employer.objects.exists()


def test_import_of_a_row_good_in_itself_is_refused_as_belonging_to_no_org(empty, tmp_path):
    """A certificate need name no employer (it falls back to the importer's org): on an empty tree
    there is none, so the row is refused, not written ownerless."""
    headers = registers()["certificates"].headers
    good = ["Z001", "张三", make_id_number(seq="101"), "焊工", "", "2025-03-01", "", ""]
    path = tmp_path / "certificates.xlsx"
    path.write_bytes(xlsx([headers, good, ["Z001", *good[1:]]]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="共 2 处问题，未写入任何数据。") as refused:
        call_command("import", "certificates", str(path), stdout=out)
    assert refused.value.returncode == 1
    assert out.getvalue().splitlines() == [
        "第 2 行：组织树为空，这条记录没有可归属的组织，请先导入组织（uniondesk import orgs）",
        "第 3 行「证书编号」Z001：与第 2 行重复：同一条记录在文件中出现了两次",
    ]
    # refused like any bad file: nothing written, the attempt in the import log
    assert not Certificate.objects.exists() and ImportLog.objects.get().status == ImportStatus.INVALID


def test_import_as_an_unknown_account_is_refused(empty, tmp_path):
    path = tmp_path / "workers.xlsx"
    path.write_bytes(xlsx([registers()["workers"].headers]))
    with pytest.raises(CommandError, match="没有名为“nobody”的有效账号"):
        run("import", "workers", str(path), "--as", "nobody")
    assert not ImportLog.objects.exists()


# --- report annual --------------------------------------------------------------------------------

def test_report_json_has_no_org_and_every_indicator_empty(empty, capsys):
    call_command("report", "annual", "--year", "2025", "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert body["year"] == 2025 and body["org"] is None
    assert list(body["indicators"]) == [i.key for i in INDICATORS]
    # a rate has an empty denominator: null; a count or a sum is 0
    assert body["indicators"] == {i.key: None if i.unit == "%" else 0 for i in INDICATORS}
    assert body["indicators"]["members.rate"] is None and body["indicators"]["members.count"] == 0


def test_report_json_to_a_file(empty, tmp_path, capsys):
    path = tmp_path / "r.json"
    call_command("report", "annual", "--year", "2025", "-o", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["org"] is None
    assert capsys.readouterr().out == ""


def test_report_for_an_org_that_does_not_exist_is_refused(empty):
    with pytest.raises(CommandError, match="找不到名为“清波街道总工会”的组织") as refused:
        call_command("report", "annual", "--year", "2025", "--org", "清波街道总工会")
    assert refused.value.returncode == 1


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_a_report_document_of_an_empty_tree_is_the_report_of_nothing(empty, tmp_path, fmt):
    path = tmp_path / f"r.{fmt}"
    call_command("report", "annual", "--year", "2025", "--format", fmt, "-o", str(path))
    content = path.read_bytes()
    if fmt == "docx":
        import docx

        paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
        assert "2025年工会工作总结" in paragraphs and not any("全区有" in p for p in paragraphs)  # no claims
    elif fmt == "xlsx":
        rows = {row[0]: row for row in sheet_rows(path)[2:]}
        assert rows["提出合理化建议"][1] == 0 and rows["劳动合同签订率"][1] == ""
    else:
        assert content.startswith(b"%PDF")


def test_after_adduser_alone_the_root_has_its_report_document(empty, tmp_path):
    adduser("admin", "--org", "上城区总工会", "--role", "admin")
    path = tmp_path / "r.xlsx"
    call_command("report", "annual", "--year", "2025", "--format", "xlsx", "-o", str(path))
    rows = {row[0]: row for row in sheet_rows(path)[2:]}
    assert sheet_rows(path)[0][0] == "上城区总工会2025年主要指标" and sheet_rows(path)[1][:2] == ["指标", "2025年"]
    assert rows["工会会员"][1] == 0 and rows["入会率"][1] == ""  # a rate of nothing: a blank cell
