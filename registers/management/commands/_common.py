"""What the register commands share: REGISTER, and who the command acts as (SPEC §6 --as)."""

from __future__ import annotations

import getpass

from django.core.management.base import CommandError

from accounts.models import Role, User
from core.declarations import Register
from orgs.models import Org
from registers.catalog import registers


def register_arg(slug: str) -> Register:
    found = registers()
    if slug not in found:
        raise CommandError(f"没有名为“{slug}”的台账；可用：{'、'.join(found)}")
    return found[slug]


def acting_user(username: str | None) -> User:
    """--as USERNAME: that account's subtree and rights; without it, the root with an admin's.
    On an empty org tree (a freshly migrated database, SPEC §6) that admin is bound to no org
    yet (`org` is None): the first orgs import, another register's rows each fail on the
    employer or org they name, and an export is the headers alone."""
    if username:
        user = User.objects.select_related("org").filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有名为“{username}”的有效账号")
        if not user.reads_business_data:
            raise CommandError(f"账号“{username}”的角色无权查看业务数据")
        return user
    root = Org.objects.filter(depth=1).first()
    # an unsaved account standing for the command line; the audit log names the OS user
    return User(username=f"命令行:{getpass.getuser()}", org=root, role=Role.ADMIN)
