"""The requests of the replica drill (scripts/drill-replica.sh): drives the pages with Django's test
client against a real primary and streaming replica, and judges each step by the statements the
two servers logged while it ran (log_statement = all), not by the code.

    PRIMARY_LOG=… REPLICA_LOG=… DATABASE_URL=… DATABASE_REPLICA_URL=… uv run python scripts/drill_replica.py
"""
# ruff: noqa: E402 (the project's modules are imported once django.setup() has run)

from __future__ import annotations

import io
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")
os.environ.update(SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", UNIONDESK_2FA="0")
django.setup()

import xlsxwriter
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.validators import credit_code_check_char, id_check_char
from indicators.models import FiledReport, ReportJob
from mediation.choices import CaseStatus
from mediation.models import Case, MediationOrg
from orgs.models import Employer, EmployerType, Org, OrgType
from registers.catalog import get_register
from registers.models import ImportLog, ImportStatus
from reporting.logic import rules
from workers.models import LabourContract, Worker

# a statement Django ran (its connections are named "uniondesk"; the drill's psql checks are not)
STATEMENT = re.compile(r" uniondesk: LOG:  statement: (.*)$")
# what the primary reads around a replica page: the session, the user, their rights and org, and
# the audit chain's head an export appends to
LOGIN_TABLES = ("django_session", "accounts_", "orgs_org", "axes_", "otp_", "audit_auditentry")
failures: list[str] = []


class Log:
    """The statements a server logged since the last look."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.offset = self.path.stat().st_size

    def new(self) -> list[str]:
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            text = handle.read().decode("utf-8", "replace")
        self.offset += len(text.encode("utf-8", "replace"))
        return [m.group(1) for line in text.splitlines() if (m := STATEMENT.search(line))]


TABLE = re.compile(r'(?:FROM|JOIN) "([a-z0-9_]+)"')
WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE")


def tables(sql: str) -> set[str]:
    return set(TABLE.findall(sql))


def business_reads(statements: list[str], also: tuple[str, ...] = ()) -> list[str]:
    """Reads (SELECT, or a cursor DECLAREd over one) of anything beyond the login's tables."""
    return [s for s in statements if not s.upper().startswith(WRITES)
            and any(not t.startswith(LOGIN_TABLES + also) for t in tables(s))]


primary, replica = Log(os.environ["PRIMARY_LOG"]), Log(os.environ["REPLICA_LOG"])


def step(name: str, expect: str, run: Callable[[], object], *, primary_reads: tuple[str, ...] = ()) -> None:
    """Run one step and check where its statements went: expect "replica" (business reads on the
    replica, none on the primary but of `primary_reads` tables, no write on the replica) or
    "primary" (nothing at all on the replica)."""
    primary.new(), replica.new()
    run()
    time.sleep(0.2)  # the servers write their logs as they go; leave them a moment
    on_primary, on_replica = primary.new(), replica.new()
    read_primary, read_replica = business_reads(on_primary, primary_reads), business_reads(on_replica)
    writes = [s for s in on_primary if s.upper().startswith(WRITES)]
    if expect == "replica":
        passed = bool(read_replica) and not read_primary and not any(s.upper().startswith(WRITES) for s in on_replica)
    else:
        passed = not on_replica and bool(on_primary)
    print(f"   {'通过' if passed else '失败'}  {name:<14} 副本 {len(on_replica):>4} 条语句（业务读 {len(read_replica):>3}）"
          f"   主库 {len(on_primary):>4} 条（业务读 {len(business_reads(on_primary)):>3}，写 {len(writes):>3}）")
    if not passed:
        failures.append(name)
        for where, statements in (("副本", on_replica), ("主库", on_primary)):
            for sql in statements[:12]:
                print(f"         {where}: {sql[:160]}")


def ok(response, *codes: int) -> None:
    if response.status_code not in codes:
        failures.append(f"{response.request['PATH_INFO']} 返回 {response.status_code}")
        form = (response.context or {}).get("form") if response.context is not None else None
        if form is not None and form.errors:
            print(f"         表单错误：{form.errors.as_text()}")


def get(client: Client, url: str) -> Callable[[], None]:
    return lambda: ok(client.get(url), 200)


def form_data(slug: str, cells: dict[str, str]) -> dict[str, str]:
    headers = get_register(slug).headers
    return {f"c{headers.index(h)}": v for h, v in cells.items()}


def id_number(seq: int) -> str:
    first17 = f"33010619850214{seq % 1000:03d}"
    return first17 + id_check_char(first17)


def small_district() -> None:
    """A district of its own on an empty database (the demo district takes longer to load than the
    drill may run): one street, one union, one employer and its workers, an admin and a viewer."""
    root = Org.objects.add_root(instance=Org(name="演练区总工会", org_type=OrgType.DISTRICT))
    street = Org.objects.add_child(root, instance=Org(name="演练街道总工会", org_type=OrgType.STREET))
    union = Org.objects.add_child(street, instance=Org(name="演练企业工会", org_type=OrgType.GRASSROOTS))
    body = "91330102MA2D00001"
    employer = Employer.objects.create(name="演练科技有限公司", credit_code=body + credit_code_check_char(body),
                                       employer_type=EmployerType.ENTERPRISE, street=street, union=union, node=union, headcount=10)
    for seq, name in enumerate(["张演练", "李演练", "王演练"], start=101):
        worker = Worker(name=name, id_number=id_number(seq), employer=employer, node=union, mobile="13812345678",
                        labour_contract=LabourContract.SIGNED, is_member=True)
        worker.derive_from_id()
        worker.save()
    for username, role in (("district_admin", "admin"), ("viewer", "viewer")):
        user = User(username=username, org=root, role=role, must_change_password=False, password_changed_at=timezone.now())
        user.set_unusable_password()
        user.save()


def worker_file(employer: Employer) -> bytes:
    row = {"姓名": "演练职工", "身份证号": id_number(int(time.time())), "所在单位": employer.credit_code,
           "手机号": "13900001111", "是否会员": "否", "入会日期": "", "劳动合同": "已签订", "在职状态": ""}
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("职工")
    for c, header in enumerate(row):
        sheet.write_string(0, c, header)
        sheet.write_string(1, c, row[header])
    book.close()
    return buffer.getvalue()


def main() -> int:
    setup_test_environment()  # the test client's host name is allowed
    # the drill asks pages, not their static files: they name them by plain names, without the
    # manifest `collectstatic` builds for production
    override_settings(STORAGES=settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
    if not Org.objects.exists():
        small_district()
    pin = settings.REPLICA_PIN_SECONDS
    admin, viewer = User.objects.get(username="district_admin"), User.objects.get(username="viewer")
    writer, reader = Client(), Client()
    writer.force_login(admin)
    reader.force_login(viewer)
    year = timezone.localdate().year - 1

    print("== 只读页面：应由副本读取（主库只读会话与用户）")
    for name, url in [
        ("首页（工作台）", "/"), ("工作台", f"/indicators/dashboard/?year={year}"),
        ("指标列表", f"/indicators/?year={year}"), ("指标下钻", f"/indicators/labour_contracts.signed/?year={year}"),
        ("职工素质建设", "/indicators/area/quality/"), ("劳动关系", "/indicators/area/relations/"),
        ("导出：命名表彰", "/registers/honours/export/"),
        ("导出：指标下钻", f"/registers/honours/export/?indicator=honours.learning_orgs&year={year}"),
    ]:
        step(name, "replica", get(writer, url))
    # the job's own row is the primary's (the worker writes its status and file there)
    step("年度报告（后台生成）", "replica", primary_reads=("indicators_reportjob",),
         run=lambda: ok(writer.post(reverse("indicators:report-start"), {"year": year, "fmt": "xlsx"}), 302))
    if ReportJob.objects.get(user=admin).status != ReportJob.Status.DONE:
        failures.append("年度报告未生成")

    print("== 写入、定稿、导入、流程：只在主库（副本不执行任何语句）")
    street = Org.objects.filter(depth=2).order_by("path").first()
    stamp = time.strftime("%H%M%S")
    committee = {"名称": f"演练调解委员会{stamp}", "层级": "街道调解委员会", "所属组织或单位": street.name, "成立日期": "2015-03-01"}
    step("新增记录", "primary", lambda: ok(writer.post(
        reverse("registers:record-create", args=["mediation_orgs"]), form_data("mediation_orgs", committee)), 302))
    unfiled = next(y for y in range(year, 2000, -1) if not FiledReport.objects.filter(org=admin.org, year=y).exists())
    # 上报 as the check page sends it: each 提示 explained (SPEC §8; one that found nothing is dropped)
    explained = {f"explain_{rule.key}": "演练：已核对" for rule in rules()}
    step(f"定稿 {unfiled} 年", "primary", lambda: ok(writer.post(
        reverse("reporting:file"), {"year": unfiled, **explained}), 302))
    if not FiledReport.objects.filter(org=admin.org, year=unfiled).exists():
        failures.append("定稿未完成")
    employer = Employer.objects.filter(closed_on__isnull=True).order_by("pk").first()
    upload = SimpleUploadedFile("职工.xlsx", worker_file(employer),
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    step("导入：上传并检查", "primary", lambda: ok(writer.post(reverse("registers:import", args=["workers"]), {"file": upload}), 302))
    log = ImportLog.objects.order_by("-pk").first()
    step("导入：确认写入", "primary", lambda: ok(writer.post(reverse("registers:import-confirm", args=[log.pk])), 302))
    log.refresh_from_db()
    if log.status != ImportStatus.DONE:
        failures.append(f"导入未完成：{log.status}")
    number = f"演练{stamp}"
    step("新增调解案件", "primary", lambda: ok(writer.post(reverse("registers:record-create", args=["cases"]), form_data("cases", {
        "案件编号": number, "申请人": "张演练", "被申请单位": employer.name, "争议类型": "劳动报酬",
        "申请日期": timezone.localdate().isoformat(), "调解组织": committee["名称"], "状态": CaseStatus.APPLIED})), 302))
    case = Case.objects.get(number=number)
    step("流程：案件受理", "primary", lambda: ok(writer.post(
        reverse("registers:record-move", args=["cases", case.pk]),
        {"to": CaseStatus.ACCEPTED, "reason": "演练", "accepted_on": timezone.localdate().isoformat()}), 302))

    print(f"== 刚写入的会话在 {pin:g} 秒内读主库；其他用户照常读副本")
    step("写入者立即看工作台", "primary", get(writer, "/indicators/dashboard/"))
    step("另一用户同时看工作台", "replica", get(reader, "/indicators/dashboard/"))
    time.sleep(pin)
    step(f"写入者 {pin:g} 秒后看工作台", "replica", get(writer, "/indicators/dashboard/"))

    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT application_name, state, replay_lag FROM pg_stat_replication")
        streams = cursor.fetchall()
    seen = MediationOrg.objects.using("replica").filter(name=committee["名称"]).exists()
    lags = "、".join(f"{state}，回放延迟 {lag.total_seconds() * 1000:.1f} 毫秒" if lag else f"{state}，无待回放"
                    for _, state, lag in streams)
    print(f"== 复制：{lags or '主库没有复制连接'}；演练写入的记录{'已' if seen else '未'}出现在副本上")
    if not streams or not seen:
        failures.append("复制未运行")
    if failures:
        print("演练失败：" + "；".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
