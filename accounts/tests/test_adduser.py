"""`uniondesk adduser` (SPEC §6): password from stdin, or a printed one-time password."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import PasswordHistory, User
from audit.models import Action, AuditEntry
from orgs.models import Org, OrgType

GOOD = "Str0ng!Pass"


def adduser(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    call_command("adduser", *args, stdin=io.StringIO(stdin), stdout=out)
    return out.getvalue()


def test_password_from_stdin_is_validated_and_kept(district):
    output = adduser("zhao", "--org", "清波街道总工会", "--role", "admin", "--name", "赵敏", stdin=GOOD + "\n")
    user = User.objects.get(username="zhao")
    assert user.check_password(GOOD) and not user.must_change_password
    assert (user.org, user.role, user.full_name) == (district.qingbo, "admin", "赵敏")
    assert PasswordHistory.objects.filter(user=user).count() == 1
    assert "已创建账号 zhao" in output and GOOD not in output
    entry = AuditEntry.objects.get(action=Action.CREATE)
    assert entry.username == "命令行" and entry.object_id == str(user.pk) and GOOD not in str(entry.detail)


def test_without_a_password_on_stdin_a_one_time_password_is_printed(district):
    output = adduser("qian", "--org", "上城区总工会", "--role", "sysadmin")
    password = re.search(r"一次性密码：(\S+)", output).group(1)
    user = User.objects.get(username="qian")
    assert user.check_password(password) and user.must_change_password and user.manages_accounts
    assert password not in str(AuditEntry.objects.get(action=Action.CREATE).detail)


def test_a_weak_password_from_stdin_is_refused(district):
    with pytest.raises(CommandError, match="至少3类"):
        adduser("sun", "--org", "上城区总工会", "--role", "viewer", stdin="alllowercase\n")
    assert not User.objects.filter(username="sun").exists()


def test_an_org_name_must_match_exactly(district):
    with pytest.raises(CommandError, match="找不到组织“清波街道”"):
        adduser("li", "--org", "清波街道", "--role", "viewer")


def test_a_taken_username_is_refused(personas):
    with pytest.raises(CommandError, match="已存在"):
        adduser("qingbo_admin", "--org", "上城区总工会", "--role", "viewer")


def test_an_unknown_role_is_refused(district):
    with pytest.raises(CommandError, match="invalid choice"):
        adduser("zhou", "--org", "上城区总工会", "--role", "boss")


def test_on_an_empty_tree_the_org_becomes_the_root(db):
    adduser("first", "--org", "上城区总工会", "--role", "sysadmin")
    root = Org.objects.get()
    assert root.name == "上城区总工会" and root.org_type == OrgType.DISTRICT and root.depth == 1
    assert User.objects.get(username="first").org == root
    assert list(AuditEntry.objects.order_by("id").values_list("action", "object_repr")) == [
        (Action.CREATE, "上城区总工会"), (Action.CREATE, "first"),
    ]


def test_the_console_script_works_on_a_freshly_migrated_database(tmp_path: Path):
    env = {
        **os.environ, "UNIONDESK_VAR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "uniondesk.settings",
    }
    cli = [sys.executable, "-m", "uniondesk.cli"]

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - our own console script
            [*cli, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )

    assert run("migrate", "-v", "0").returncode == 0
    made = run("adduser", "admin", "--org", "上城区总工会", "--role", "admin")
    assert made.returncode == 0, made.stderr
    assert "已建立根组织 上城区总工会" in made.stdout and re.search(r"一次性密码：\S{12}", made.stdout)
    piped = run("adduser", "viewer", "--org", "上城区总工会", "--role", "viewer", stdin=GOOD + "\n")
    assert piped.returncode == 0 and "密码已按标准输入设置" in piped.stdout
    missing = run("adduser", "x", "--org", "没有这个组织", "--role", "viewer")
    assert missing.returncode == 1 and "找不到组织“没有这个组织”" in missing.stderr
