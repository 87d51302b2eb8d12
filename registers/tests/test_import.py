"""Importing the org, employer and worker registers: checks, upsert, all-or-nothing, scoping,
duplicate uploads, undo and the command line (SPEC §2, §3, §6)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from audit.models import Action, AuditEntry
from conftest import make_credit_code, make_id_number
from orgs.models import Employer, Org
from registers.catalog import get_register
from registers.imports import AlreadyImported, import_file, undo_import
from registers.marking import write_marked
from registers.models import ImportLog, ImportStatus
from registers.services import register_export
from workers.models import Worker

from .files import WORKER_HEADERS, csv_bytes, xls, xlsx

NEW_ID = make_id_number(region="330106", born="19850214", seq="902")  # a woman born 1985-02-14


def run(user, slug: str, data: bytes, name: str = "导入.xlsx"):
    return import_file(user=user, register=get_register(slug), file_name=name, data=data)


def worker_row(district, **overrides):
    row = {"姓名": "新职工", "身份证号": NEW_ID, "所在单位": district.qingbo_employer.credit_code, "手机号": "13900001111",
           "是否会员": "是", "入会日期": "2023-05-14", "劳动合同": "已签订", "在职状态": ""}
    row.update(overrides)
    return [row[h] for h in WORKER_HEADERS]


# --- writing ------------------------------------------------------------------------------------

def test_a_good_file_creates_workers_with_derived_fields_history_log_and_audit(district, personas):
    log, problems = run(personas["qingbo_admin"], "workers", xlsx([WORKER_HEADERS, worker_row(district)]))
    assert problems == [] and log.status == ImportStatus.DONE
    assert (log.rows, log.created, log.updated, log.unchanged) == (1, 1, 0, 0)
    worker = Worker.objects.get(id_number=NEW_ID)
    assert (worker.gender, worker.birth_date, worker.status) == ("女", dt.date(1985, 2, 14), "在职")
    assert worker.node == district.qingbo_union and worker.joined_on == dt.date(2023, 5, 14) and worker.is_member
    assert list(worker.history.values_list("history_type", "history_change_reason", "history_user__username")) == [
        ("+", log.tag, "qingbo_admin")]
    assert log.username == "qingbo_admin" and len(log.sha256) == 64 and log.file_name == "导入.xlsx"
    entry = AuditEntry.objects.get(action=Action.IMPORT)
    assert entry.detail["新增"] == 1 and entry.detail["SHA-256"] == log.sha256


DATE_FORMS = ["2023-05-14", "2023/5/14", "2023年5月14日", dt.date(2023, 5, 14)]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "csv-utf8-bom", "csv-utf8", "csv-gbk", "csv-gb18030"])
def test_every_format_and_date_form_reads_the_same_records(district, personas, kind):
    ids = [make_id_number(born=f"1980010{i + 1}", seq=f"80{i}") for i in range(4)]
    rows = [WORKER_HEADERS] + [
        worker_row(district, 身份证号=ids[i], 姓名=f"职工{i}", 入会日期=form if not kind.startswith("csv") or isinstance(form, str) else "2023-05-14")
        for i, form in enumerate(DATE_FORMS)]
    data = {"xlsx": lambda: xlsx(rows), "xls": lambda: xls(rows), "csv-utf8-bom": lambda: csv_bytes(rows, "utf-8-sig"),
            "csv-utf8": lambda: csv_bytes(rows, "utf-8"), "csv-gbk": lambda: csv_bytes(rows, "gbk"),
            "csv-gb18030": lambda: csv_bytes(rows, "gb18030")}[kind]()
    log, problems = run(personas["qingbo_admin"], "workers", data, f"职工.{kind.split('-')[0]}")
    assert problems == [], [str(p) for p in problems]
    assert log.created == 4
    assert set(Worker.objects.filter(id_number__in=ids).values_list("joined_on", flat=True)) == {dt.date(2023, 5, 14)}
    assert set(Worker.objects.filter(id_number__in=ids).values_list("name", flat=True)) == {"职工0", "职工1", "职工2", "职工3"}


def test_numbers_typed_as_text_and_text_typed_as_numbers(district, personas):
    rows = [["统一社会信用代码", "单位名称", "单位类型", "所属街道", "职工人数", "女职工人数"],
            [make_credit_code("91330102MA2B00009"), "清波新办公司", "企业", "清波街道", "120", 30.0]]
    log, problems = run(personas["qingbo_admin"], "employers", xlsx(rows))
    assert problems == []
    employer = Employer.objects.get(name="清波新办公司")
    assert (employer.headcount, employer.female_headcount, employer.node) == (120, 30, district.qingbo)
    # a phone typed as a number is taken; an ID Excel turned into a float has lost digits
    rows = [WORKER_HEADERS, worker_row(district, 手机号=13900001111, 身份证号=3.30106198502149e17)]
    log, problems = run(personas["qingbo_admin"], "workers", xlsx(rows))
    assert [p.column for p in problems] == ["身份证号"] and "末几位已丢失" in problems[0].reason


def test_every_problem_is_reported_with_row_column_value_and_nothing_is_written(district, personas):
    bad_id = "330102199001011235"
    rows = [WORKER_HEADERS,
            worker_row(district),  # good
            worker_row(district, 身份证号=bad_id, 姓名="坏身份证"),
            worker_row(district, 身份证号=make_id_number(seq="903"), 所在单位="不存在的单位", 手机号="12345", 劳动合同="口头约定"),
            worker_row(district, 身份证号=make_id_number(seq="904"), 入会日期="2099-01-01", 是否会员="Y"),
            worker_row(district, 姓名=""),  # duplicate key of row 2, and a blank required name
            ]
    before = Worker.objects.count()
    log, problems = run(personas["qingbo_admin"], "workers", xlsx(rows))
    lines = [str(p) for p in problems]
    assert f"第 3 行「身份证号」{bad_id}：身份证号校验位错误" in lines
    assert "第 4 行「所在单位」不存在的单位：在您的管辖范围内找不到这个单位" in lines
    assert any(line.startswith("第 4 行「手机号」12345：") for line in lines)
    assert any(line.startswith("第 4 行「劳动合同」口头约定：不是允许的值") for line in lines)
    assert any(line.startswith("第 5 行「入会日期」2099-01-01：") for line in lines)
    assert "第 5 行「是否会员」Y：应填“是”或“否”" in lines
    assert "第 6 行「姓名」：必填，不能为空" in lines
    assert log.status == ImportStatus.INVALID and Worker.objects.count() == before
    assert not Worker.objects.filter(id_number=NEW_ID).exists()


def test_a_phone_written_with_dashes_is_taken_as_its_digits(district, personas):
    log, problems = run(personas["qingbo_admin"], "workers", xlsx([WORKER_HEADERS, worker_row(district, 手机号="139-0000-1111")]))
    assert problems == [] and Worker.objects.get(id_number=NEW_ID).mobile == "13900001111"


def test_a_repeated_key_in_the_file_names_the_first_row(district, personas):
    rows = [WORKER_HEADERS, worker_row(district), worker_row(district, 姓名="又一个")]
    _, problems = run(personas["qingbo_admin"], "workers", xlsx(rows))
    assert [str(p) for p in problems] == [f"第 3 行「身份证号」{NEW_ID}：与第 2 行重复：同一条记录在文件中出现了两次"]


def test_header_problems_and_other_sheets_are_said(district, personas):
    rows = [["姓名", "身份证号", "工号", "备注", "序号"], ["甲", NEW_ID, "001", "x", 1]]
    log, problems = run(personas["qingbo_admin"], "workers", xlsx(rows, sheets=2))
    text = " ".join(str(p) for p in problems)
    assert "“工号”不是“职工”台账的列" in text and "缺少必填列：所在单位、劳动合同" in text
    assert any("只读取了第一个" in note for note in log.notes)
    log, problems = run(personas["qingbo_admin"], "workers", xlsx([WORKER_HEADERS, [None] * 8]))
    assert [str(p) for p in problems] == ["第 2 行：表头下面没有数据行"]


def test_upsert_updates_by_key_and_counts_unchanged_rows(district, personas):
    kept, changed = district.qingbo_worker, Worker.objects.get(name="李晓梅")
    code = district.qingbo_employer.credit_code
    rows = [["姓名", "身份证号", "所在单位", "手机号", "是否会员", "劳动合同"],
            [kept.name, kept.id_number, code, kept.mobile, "是", kept.labour_contract],
            [changed.name, changed.id_number, code, "13700000000", "否", "已签订"],
            ["新职工", NEW_ID, "清波示范科技有限公司", "", "否", "未签订"]]
    log, problems = run(personas["qingbo_admin"], "workers", xlsx(rows))
    assert problems == [] and (log.created, log.updated, log.unchanged) == (1, 1, 1)
    changed.refresh_from_db()
    assert (changed.mobile, changed.is_member) == ("13700000000", False)
    # the columns left out of the file keep their values
    assert changed.post == "" and changed.status == "在职"
    kinds = list(changed.history.order_by("history_date").values_list("history_type", "history_change_reason"))
    assert kinds == [("+", None), ("~", log.tag)]
    assert not kept.history.filter(history_change_reason=log.tag).exists()


@pytest.mark.parametrize("slug", ["orgs", "employers", "workers"])
def test_an_admins_export_imports_back_unchanged(district, personas, slug, tmp_path):
    admin = personas["district_admin"]
    target = tmp_path / "export.xlsx"
    Worker.objects.filter(pk=district.qingbo_worker.pk).update(post="=HYPERLINK(\"x\")")  # formula-like text
    register_export(user=admin, register=get_register(slug), target=str(target))
    log, problems = run(admin, slug, target.read_bytes())
    assert problems == [] and log.status == ImportStatus.DONE
    assert (log.created, log.updated) == (0, 0) and log.unchanged == log.rows > 0
    assert Worker.objects.get(pk=district.qingbo_worker.pk).post == "=HYPERLINK(\"x\")"


@pytest.mark.parametrize("slug", ["orgs", "employers", "workers"])
def test_a_street_admins_export_imports_back_unchanged(district, personas, slug, tmp_path):
    """The street's own row names its parent, the district, which lies above the street's subtree."""
    admin = personas["qingbo_admin"]
    target = tmp_path / "export.xlsx"
    register_export(user=admin, register=get_register(slug), target=str(target))
    log, problems = run(admin, slug, target.read_bytes())
    assert problems == [] and log.unchanged == log.rows > 0


def test_a_new_org_cannot_be_put_above_the_importers_subtree(district, personas):
    headers = ["组织名称", "组织类型", "上级组织"]
    _, problems = run(personas["qingbo_admin"], "orgs", xlsx([headers, ["清波新街道总工会", "街道总工会", district.root.name]]))
    assert [p.reason for p in problems] == ["在您的管辖范围内找不到这个上级组织"]


def test_a_masked_export_is_refused(district, personas, tmp_path):
    target = tmp_path / "masked.xlsx"
    viewer = personas["qingbo_viewer"]
    register_export(user=viewer, register=get_register("workers"), target=str(target))
    log, problems = run(personas["qingbo_admin"], "workers", target.read_bytes())
    assert log.status == ImportStatus.INVALID and "脱敏" in log.message


def test_the_same_file_twice_is_already_imported_and_changes_nothing(district, personas):
    data = xlsx([WORKER_HEADERS, worker_row(district)])
    first, _ = run(personas["qingbo_admin"], "workers", data)
    Worker.objects.filter(id_number=NEW_ID).update(mobile="13600000000")
    with pytest.raises(AlreadyImported, match=f"已于 .* 由 qingbo_admin 导入（{first}）"):
        run(personas["qingbo_admin"], "workers", data)
    assert Worker.objects.get(id_number=NEW_ID).mobile == "13600000000"
    assert ImportLog.objects.count() == 1


# --- scoping ------------------------------------------------------------------------------------

def test_a_street_admin_cannot_import_into_a_sibling_street(district, personas):
    hubin_worker = district.hubin_worker
    rows = [WORKER_HEADERS,
            worker_row(district, 所在单位=district.hubin_employer.credit_code),
            worker_row(district, 身份证号=hubin_worker.id_number, 姓名="改名")]
    log, problems = run(personas["qingbo_admin"], "workers", xlsx(rows))
    assert [str(p) for p in problems] == [
        f"第 2 行「所在单位」{district.hubin_employer.credit_code}：在您的管辖范围内找不到这个单位",
        f"第 3 行「身份证号」{hubin_worker.id_number}：该记录不在您的管辖范围内，不能导入或修改",
    ]
    hubin_worker.refresh_from_db()
    assert hubin_worker.name == "陈湖滨" and not Worker.objects.filter(id_number=NEW_ID).exists()
    rows = [["统一社会信用代码", "单位名称", "单位类型", "所属街道"], [make_credit_code("91330102MA2B00010"), "越界公司", "企业", "湖滨街道"]]
    _, problems = run(personas["qingbo_admin"], "employers", xlsx(rows))
    assert [p.reason for p in problems] == ["该记录不在您的管辖范围内，不能导入"]
    assert not Employer.objects.filter(name="越界公司").exists()


def test_a_name_matching_several_employers_asks_for_the_code(district, personas):
    Employer.objects.create(name="清波示范科技有限公司", credit_code=make_credit_code("91330102MA2B00011"),
                            employer_type="企业", street=district.qingbo, node=district.qingbo)
    _, problems = run(personas["qingbo_admin"], "workers", xlsx([WORKER_HEADERS, worker_row(district, 所在单位="清波示范科技有限公司")]))
    assert [p.reason for p in problems] == ["您的管辖范围内有 2 个同名单位，请改填统一社会信用代码"]


# --- orgs and employers -------------------------------------------------------------------------

def test_orgs_come_in_parents_first_whatever_the_row_order(district, personas):
    rows = [["组织名称", "组织类型*", "上级组织", "成立日期"],
            ["清波新街工会", "联合基层工会", "清波第二街道总工会", "2020-01-01"],
            ["清波第二街道总工会", "街道总工会", "上城区总工会", ""]]
    log, problems = run(personas["district_admin"], "orgs", xlsx(rows))
    assert problems == [] and log.created == 2
    child = Org.objects.get(name="清波新街工会")
    assert Org.objects.get_parent(child).name == "清波第二街道总工会"
    assert child.history.get().history_change_reason == log.tag


def test_org_rows_that_break_the_tree_are_refused(district, personas):
    rows = [["组织名称", "组织类型", "上级组织"],
            ["甲工会", "基层工会", "乙工会"], ["乙工会", "基层工会", "甲工会"],  # a circle
            ["丙街道", "街道总工会", "清波示范企业工会"],  # a street under a grassroots union
            ["丁工会", "基层工会", ""],  # a second root
            ["清波街道总工会", "街道总工会", "湖滨街道总工会"]]  # a move
    _, problems = run(personas["district_admin"], "orgs", xlsx(rows))
    reasons = {(p.row, p.reason) for p in problems}
    assert (4, "基层工会下不能设立街道总工会") in reasons
    assert any(row == 5 and "只有根组织" in reason for row, reason in reasons)
    assert any(row == 6 and "导入不能调整隶属关系" in reason for row, reason in reasons)
    assert not Org.objects.filter(name__in=["甲工会", "乙工会", "丙街道"]).exists()
    _, problems = run(personas["district_admin"], "orgs", xlsx(rows[:3]))
    assert "上级组织关系形成了循环" in {p.reason for p in problems}


def test_an_import_cannot_move_an_employer(district, personas):
    employer = district.qingbo_employer
    rows = [["统一社会信用代码", "单位名称", "单位类型", "所属街道", "所属工会"],
            [employer.credit_code, employer.name, "企业", "清波街道", ""]]
    _, problems = run(personas["qingbo_admin"], "employers", xlsx(rows))
    assert problems and "调整隶属" in problems[0].reason
    rows[1][4] = "清波示范企业工会"
    rows[1][1] = "清波示范科技股份有限公司"
    log, problems = run(personas["qingbo_admin"], "employers", xlsx(rows))
    assert problems == [] and log.updated == 1


def test_the_first_orgs_go_into_an_empty_database_from_the_command_line(db, tmp_path, capsys):
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes([["组织名称", "组织类型", "上级组织"], ["上城区总工会", "区总工会", ""],
                                ["清波街道总工会", "街道总工会", "上城区总工会"]], "gbk"))
    call_command("import", "orgs", str(path))
    assert "新增 2" in capsys.readouterr().out
    assert Org.objects.get(depth=1).name == "上城区总工会"


# --- the command line ---------------------------------------------------------------------------

def test_import_command_exit_codes_and_report(district, personas, tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([WORKER_HEADERS, worker_row(district, 手机号="123")]))
    with pytest.raises(CommandError, match="共 1 处问题，未写入任何数据"):
        call_command("import", "workers", str(bad), "--as", "qingbo_admin")
    assert "第 2 行「手机号」123：" in capsys.readouterr().out
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([WORKER_HEADERS, worker_row(district)]))
    call_command("import", "workers", str(good), "--as", "qingbo_admin")
    assert "新增 1，更新 0，未变化 0" in capsys.readouterr().out
    call_command("import", "workers", str(good))
    assert "本次未做任何修改" in capsys.readouterr().out
    with pytest.raises(CommandError, match="无权导入"):
        call_command("import", "workers", str(good), "--as", "qingbo_viewer")
    with pytest.raises(CommandError, match="不是有效的 Excel"):
        (tmp_path / "fake.xlsx").write_bytes(b"not a workbook")
        call_command("import", "workers", str(tmp_path / "fake.xlsx"))


def test_import_command_exits_1_from_the_shell(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"x")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "uniondesk.cli", "import", "nosuch", str(bad)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "没有名为“nosuch”的台账" in result.stderr


# --- undo ---------------------------------------------------------------------------------------

def _import_one_new_one_changed(district, user):
    changed = Worker.objects.get(name="李晓梅")
    rows = [WORKER_HEADERS, worker_row(district),
            worker_row(district, 姓名=changed.name, 身份证号=changed.id_number, 手机号="13700000000")]
    log, problems = run(user, "workers", xlsx(rows))
    assert problems == []
    return log, changed


def test_undo_deletes_what_was_created_and_restores_what_was_updated(district, personas):
    log, changed = _import_one_new_one_changed(district, personas["qingbo_admin"])
    undo_import(log=log, user=personas["qingbo_admin"])
    changed.refresh_from_db()
    assert changed.mobile == "13812345678" and changed.is_member
    assert not Worker.objects.filter(id_number=NEW_ID).exists()
    log.refresh_from_db()
    assert log.status == ImportStatus.UNDONE and log.undone_by == "qingbo_admin"
    assert AuditEntry.objects.filter(action=Action.IMPORT_UNDO, username="qingbo_admin").exists()
    assert changed.history.latest("history_date").history_change_reason == f"撤销{log.tag}"


def test_undo_is_refused_once_a_record_changed_later_and_for_other_users(district, personas):
    from django.core.exceptions import PermissionDenied, ValidationError

    from workers.services import worker_update

    log, changed = _import_one_new_one_changed(district, personas["qingbo_admin"])
    with pytest.raises(PermissionDenied):
        undo_import(log=log, user=personas["hubin_admin"])
    with pytest.raises(PermissionDenied):
        undo_import(log=log, user=personas["union_admin"])  # below the importer, not the importer
    worker_update(user=personas["qingbo_admin"], worker=Worker.objects.get(id_number=NEW_ID), post="焊工")
    with pytest.raises(ValidationError, match="导入之后已有 1 条记录被修改"):
        undo_import(log=log, user=personas["district_admin"])
    assert Worker.objects.filter(id_number=NEW_ID).exists()


def test_imports_can_be_undone_newest_first(district, personas):
    admin = personas["qingbo_admin"]
    first, _ = run(admin, "workers", xlsx([WORKER_HEADERS, worker_row(district)]))
    second, problems = run(admin, "workers", xlsx([WORKER_HEADERS, worker_row(district, 手机号="13600000000")]))
    assert problems == [] and second.updated == 1
    undo_import(log=second, user=admin)
    assert Worker.objects.get(id_number=NEW_ID).mobile == "13900001111"
    undo_import(log=first, user=admin)
    assert not Worker.objects.filter(id_number=NEW_ID).exists()


def test_a_district_admin_may_undo_a_street_import(district, personas):
    data = xlsx([WORKER_HEADERS, worker_row(district)])
    log, _ = run(personas["qingbo_admin"], "workers", data)
    assert bytes(ImportLog.objects.get(pk=log.pk).data) == b""  # the written file is not kept
    undo_import(log=log, user=personas["district_admin"])
    assert not Worker.objects.filter(id_number=NEW_ID).exists()
    # the same file may then be imported again
    log2, problems = run(personas["qingbo_admin"], "workers", data)
    assert problems == [] and log2.created == 1


def test_undo_of_new_orgs_removes_them_from_the_tree(district, personas):
    rows = [["组织名称", "组织类型", "上级组织"], ["清波第三工会", "基层工会", "清波街道总工会"]]
    log, _ = run(personas["qingbo_admin"], "orgs", xlsx(rows))
    undo_import(log=log, user=personas["qingbo_admin"])
    assert not Org.objects.filter(name="清波第三工会").exists()
    district.qingbo.refresh_from_db()
    assert district.qingbo.numchild == 1


# --- the marked copy ----------------------------------------------------------------------------

@pytest.mark.parametrize("maker,name", [(xlsx, "职工.xlsx"), (csv_bytes, "职工.csv"), (xls, "职工.xls")])
def test_the_marked_copy_reds_bad_cells_explains_them_and_imports_once_fixed(district, personas, maker, name):
    rows = [WORKER_HEADERS, worker_row(district), worker_row(district, 身份证号=make_id_number(seq="905"), 手机号="123")]
    log, problems = run(personas["qingbo_admin"], "workers", maker(rows), name)
    buffer = io.BytesIO()
    assert write_marked(get_register("workers"), log.file_name, bytes(log.data), log.problems, buffer) == 1
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    phone = sheet.cell(3, WORKER_HEADERS.index("手机号") + 1)
    assert str(phone.value) == "123" and phone.fill.fgColor.rgb.endswith("FECACA")
    assert "手机号" in phone.comment.text
    assert sheet.cell(1, len(WORKER_HEADERS) + 1).value == "备注"
    assert "手机号“123”" in sheet.cell(3, len(WORKER_HEADERS) + 1).value
    assert sheet.cell(2, len(WORKER_HEADERS) + 1).value is None
    assert sheet.cell(2, 2).value == NEW_ID  # IDs stay text
    # the user fixes the marked cell and uploads the marked copy itself
    phone.value = "13900002222"
    fixed = io.BytesIO()
    sheet.parent.save(fixed)
    log, problems = run(personas["qingbo_admin"], "workers", fixed.getvalue(), "职工-问题标注.xlsx")
    assert problems == [] and log.created == 2
