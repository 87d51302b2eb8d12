"""Login, logout and the lockout after five failures (django-axes, username-based)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from audit.models import Action, AuditEntry, Result
from conftest import PASSWORD

from .conftest import audit_actions

WRONG = "Wr0ng!password"


def post_login(client, username: str, password: str, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


def fail(client, username: str, times: int) -> None:
    for _ in range(times):
        post_login(client, username, WRONG)


def move_attempts_back(minutes: float) -> None:
    """The clock for axes: its attempts say when they happened; move them into the past."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_page_is_a_chinese_form(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "登录工会工作台" in page and 'name="username"' in page and 'name="password"' in page
    assert "连续5次输错密码，账号将锁定30分钟" in page


def test_right_password_logs_in_and_records_login(client, personas):
    response = post_login(client, "qingbo_admin", PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    entry = AuditEntry.objects.get(action=Action.LOGIN)
    assert entry.user_id_value == personas["qingbo_admin"].pk
    assert entry.org_id == personas["qingbo_admin"].org_id and entry.detail == {"步骤": "口令"}


def test_wrong_password_is_refused_and_audited_with_the_typed_username(client, personas):
    response = post_login(client, "qingbo_admin", WRONG)
    assert response.status_code == 200 and not is_logged_in(client)
    assert "用户名或密码错误" in response.content.decode()
    entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert entry.username == "qingbo_admin" and entry.result == Result.FAILED
    assert entry.org_id == personas["qingbo_admin"].org_id
    assert entry.user_id_value is None  # nobody was authenticated
    assert WRONG not in str(entry.detail) and entry.detail == {"原因": "用户名或密码错误"}


def test_unknown_username_is_audited_exactly_as_typed(client, db):
    post_login(client, "Zhang.San 不存在", WRONG)
    entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert entry.username == "Zhang.San 不存在" and entry.org_id is None


def test_failure_message_counts_towards_the_lock(client, personas):
    fail(client, "qingbo_admin", 2)
    response = post_login(client, "qingbo_admin", WRONG)
    assert "已连续失败3次，连续失败5次将锁定30分钟" in response.content.decode()


def test_fifth_failure_locks_the_username_and_shows_the_chinese_lockout_page(client, personas):
    fail(client, "qingbo_admin", 4)
    response = post_login(client, "qingbo_admin", WRONG)
    assert response.status_code == 429
    assert "账号已锁定" in response.content.decode()
    assert audit_actions() == [Action.LOGIN_FAILED] * 5 + [Action.LOCKOUT]
    lockout = AuditEntry.objects.get(action=Action.LOCKOUT)
    assert lockout.username == "qingbo_admin" and lockout.result == Result.REFUSED
    assert lockout.detail == {"连续失败次数": 5, "锁定分钟": 30}


def test_sixth_attempt_with_right_password_is_locked_out(client, personas):
    fail(client, "qingbo_admin", 5)
    response = post_login(client, "qingbo_admin", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "账号已锁定" in page and "即使输入正确的密码也无法登录" in page
    assert not is_logged_in(client)
    assert client.get("/").status_code == 302
    last = AuditEntry.objects.order_by("-id").first()
    assert last.action == Action.LOGIN_FAILED and last.detail == {"原因": "账号已锁定"}
    assert not AuditEntry.objects.filter(action=Action.LOGIN).exists()
    assert AuditEntry.objects.filter(action=Action.LOCKOUT).count() == 1  # one lock, one entry


def test_four_failures_do_not_lock_and_a_success_clears_them(client, personas):
    fail(client, "qingbo_admin", 4)
    assert post_login(client, "qingbo_admin", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="qingbo_admin").exists()


def test_lock_is_per_username_so_colleagues_behind_the_same_address_still_log_in(client, personas):
    fail(client, "qingbo_admin", 5)
    assert post_login(client, "hubin_admin", PASSWORD).status_code == 302


def test_lock_holds_for_thirty_minutes_and_then_lifts(client, personas):
    fail(client, "qingbo_admin", 5)
    move_attempts_back(29)
    assert post_login(client, "qingbo_admin", PASSWORD).status_code == 429
    move_attempts_back(1.05)
    response = post_login(client, "qingbo_admin", PASSWORD)
    assert response.status_code == 302 and is_logged_in(client)


def test_attempts_while_locked_do_not_extend_the_lock(client, personas):
    fail(client, "qingbo_admin", 5)
    move_attempts_back(20)
    assert post_login(client, "qingbo_admin", WRONG).status_code == 429
    move_attempts_back(10.05)  # thirty minutes after the fifth failure
    assert post_login(client, "qingbo_admin", PASSWORD).status_code == 302


def test_failures_older_than_thirty_minutes_do_not_count(client, personas):
    fail(client, "qingbo_admin", 4)
    move_attempts_back(31)
    response = post_login(client, "qingbo_admin", WRONG)
    assert response.status_code == 200  # the fifth failure, but not within 30 minutes
    assert post_login(client, "qingbo_admin", PASSWORD).status_code == 302


def test_disabled_account_cannot_log_in_and_the_audit_says_why(client, personas):
    user = personas["qingbo_admin"]
    user.is_active = False
    user.save()
    response = post_login(client, "qingbo_admin", PASSWORD)
    assert response.status_code == 200 and not is_logged_in(client)
    assert "用户名或密码错误" in response.content.decode()  # the page does not confirm the account exists
    assert AuditEntry.objects.get(action=Action.LOGIN_FAILED).detail == {"原因": "账号已停用"}


def test_logout_ends_the_session_and_is_audited(client, personas):
    post_login(client, "qingbo_admin", PASSWORD)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert client.get("/").status_code == 302
    assert audit_actions() == [Action.LOGIN, Action.LOGOUT]


def test_logout_by_get_is_refused(client, personas):
    post_login(client, "qingbo_admin", PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert is_logged_in(client)


@pytest.mark.parametrize(("wanted", "lands"), [("/orgs/", "/orgs/"), ("https://evil.example/", "/")])
def test_next_only_leads_within_the_site(client, personas, wanted, lands):
    response = post_login(client, "qingbo_admin", PASSWORD, next=wanted)
    assert response.url == lands


def test_next_survives_a_mistyped_password(client, personas):
    page = post_login(client, "qingbo_admin", WRONG, next="/workers/").content.decode()
    assert 'name="next" value="/workers/"' in page
