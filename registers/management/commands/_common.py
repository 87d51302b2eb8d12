"""What the register commands share: REGISTER, and who the command acts as (SPEC §6 --as)."""

from __future__ import annotations

import getpass

from django.core.management.base import CommandError

from accounts.models import Role, User
from orgs.models import Org
from registers.catalog import registers
from registers.declarations import Register


def register_arg(slug: str) -> Register:
    found = registers()
    if slug not in found:
        raise CommandError(f"没有名为“{slug}”的台账；可用：{'、'.join(found)}")
    return found[slug]


def acting_user(username: str | None, *, empty_tree_ok: bool = False) -> User:
    """--as USERNAME: that account's subtree and rights; without it, the root with an admin's
    (or, to import the first orgs into an empty database, an admin above an empty tree)."""
    if username:
        user = User.objects.select_related("org").filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有名为“{username}”的有效账号")
        if not user.reads_business_data:
            raise CommandError(f"账号“{username}”的角色无权查看业务数据")
        return user
    root = Org.objects.filter(depth=1).first()
    if root is None and not empty_tree_ok:
        raise CommandError("组织树为空：请先导入组织或运行 uniondesk demo")
    # an unsaved account standing for the command line; the audit log names the OS user
    return User(username=f"命令行:{getpass.getuser()}", org=root, role=Role.ADMIN)
