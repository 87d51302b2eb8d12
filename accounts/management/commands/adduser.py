"""uniondesk adduser USERNAME --org NAME --role admin|viewer|auditor|sysadmin (SPEC §6).

The password comes from standard input when that is not a terminal (`echo … | uniondesk
adduser …`): it must meet the password policy and is kept as the user's own. Otherwise a
one-time password is generated and printed once; it must be changed at first login.
On a database whose org tree is still empty, NAME becomes the tree's root, so that a new
installation can be started with `migrate` and `adduser` alone.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.models import Role
from accounts.services import COMMAND_LINE, account_create
from audit.models import Action
from audit.services import audit_record
from orgs.models import Org, OrgType


class Command(BaseCommand):
    help = "新建账号：密码从标准输入读入，未提供时生成并打印一次性密码（首次登录须修改）。"
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--org", required=True, help="所属组织的组织名称（须完全一致）")
        parser.add_argument("--role", required=True, choices=Role.values, help="角色")
        parser.add_argument("--name", dest="full_name", default="", help="姓名")

    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password_from(options.get("stdin") or sys.stdin)
        with transaction.atomic():
            org = self._org(options["org"])
            try:
                account, one_time = account_create(
                    by=None, username=options["username"], org=org, role=options["role"],
                    full_name=options["full_name"], password=password,
                )
            except ValidationError as error:
                raise CommandError("；".join(_messages(error))) from None
        role = account.get_role_display()
        self.stdout.write(f"已创建账号 {account.username}（{org.name} · {role}）")
        if one_time:
            self.stdout.write(f"一次性密码：{one_time}")
            self.stdout.write("请妥善交给本人；首次登录时须修改密码。此密码不会再次显示。")
        else:
            self.stdout.write("密码已按标准输入设置。")

    @staticmethod
    def _password_from(stream: Any) -> str | None:
        if stream is None or stream.isatty():
            return None
        lines = stream.read().splitlines()
        return (lines[0] if lines else "") or None

    def _org(self, name: str) -> Org:
        name = name.strip()
        org = Org.objects.filter(name=name).first()
        if org is not None:
            return org
        if Org.objects.exists():
            raise CommandError(f"找不到组织“{name}”：--org 须与某个组织的组织名称完全一致。")
        org_type = OrgType.CITY if name.endswith("市总工会") else OrgType.DISTRICT
        org = Org(name=name, org_type=org_type)
        try:
            org.full_clean(exclude=["path", "depth", "numchild"])
        except ValidationError as error:
            raise CommandError("；".join(_messages(error))) from None
        org = Org.objects.add_root(instance=org)
        audit_record(
            action=Action.CREATE, username=COMMAND_LINE, org=org, obj=org,
            detail={"组织类型": org_type, "说明": "组织树为空，由 adduser 建立根组织", "系统用户": _os_user()},
        )
        self.stdout.write(f"组织树为空：已建立根组织 {name}（{org_type}）")
        return org


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for errors in error.message_dict.values() for m in errors]
    return list(error.messages)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return ""
