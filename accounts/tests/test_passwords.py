"""The password policy: complexity, no reuse of the last five, 90-day expiry, first-login change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordHistory
from accounts.services import account_change_password
from audit.models import Action, AuditEntry
from conftest import PASSWORD

NEW = "N3w!Secret-pass"
CHANGE = reverse("accounts:password-change")


def change(client, old: str, new: str, again: str | None = None):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": again or new})


def sessions_of(user) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk))


def test_first_login_forces_a_password_change_on_every_page(client, personas):
    user = personas["qingbo_admin"]
    user.must_change_password = True
    user.save()
    client.post(reverse("accounts:login"), {"username": "qingbo_admin", "password": PASSWORD})
    for page in ("/", reverse("orgs:org-list"), reverse("workers:worker-list")):
        response = client.get(page)
        assert response.status_code == 302 and response.url == CHANGE, page
    page = client.get(CHANGE).content.decode()
    assert "首次登录" in page and "一次性密码" in page


def test_forced_change_still_lets_the_user_log_out_and_load_static_files(client, personas):
    user = personas["qingbo_admin"]
    user.must_change_password = True
    user.save()
    client.force_login(user)
    assert client.get("/static/ud/app.css").status_code != 302
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")


@pytest.mark.parametrize(("age_days", "forced"), [(89, False), (91, True)])
def test_a_password_older_than_ninety_days_must_be_changed(client, personas, age_days, forced):
    user = personas["qingbo_admin"]
    user.password_changed_at = timezone.now() - timedelta(days=age_days)
    user.save()
    client.force_login(user)
    response = client.get("/")
    assert (response.status_code == 302 and response.url == CHANGE) is forced
    if forced:
        page = client.get(CHANGE).content.decode()
        assert "密码已过期" in page and "超过90天" in page


def test_password_change_ends_every_session_including_this_one(client, personas):
    user = personas["qingbo_admin"]
    laptop = Client()
    laptop.force_login(user)
    client.force_login(user)
    assert sessions_of(user) == 2

    response = change(client, PASSWORD, NEW)
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert "密码已修改，请重新登录" in client.get(response.url).content.decode()
    assert sessions_of(user) == 0
    assert client.get("/").status_code == 302
    assert laptop.get("/").status_code == 302

    user.refresh_from_db()
    assert user.check_password(NEW) and not user.must_change_password
    assert timezone.now() - user.password_changed_at < timedelta(seconds=10)
    assert PasswordHistory.objects.filter(user=user).first().password == user.password
    entry = AuditEntry.objects.get(action=Action.PASSWORD_CHANGE)
    assert entry.detail == {"原因": "本人修改", "结束会话数": 2} and NEW not in str(entry.detail)
    assert AuditEntry.objects.filter(action=Action.SESSION_END, detail__原因="密码已修改").count() == 1
    assert client.post(reverse("accounts:login"), {"username": "qingbo_admin", "password": NEW}).status_code == 302


def test_first_login_change_clears_the_flag(client, personas):
    user = personas["qingbo_admin"]
    user.must_change_password = True
    user.save()
    client.force_login(user)
    change(client, PASSWORD, NEW)
    user.refresh_from_db()
    assert not user.must_change_password
    assert AuditEntry.objects.get(action=Action.PASSWORD_CHANGE).detail["原因"] == "首次登录"
    client.post(reverse("accounts:login"), {"username": "qingbo_admin", "password": NEW})
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("abcdefg12", "至少3类"),  # two classes
        ("ABCDEFGH", "至少3类"),
        ("Ab1!", "至少要包含 8 个字符"),
        (PASSWORD, "最近5次"),  # the current one
    ],
)
def test_weak_or_reused_passwords_are_refused(client, personas, new, message):
    client.force_login(personas["qingbo_admin"])
    response = change(client, PASSWORD, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    personas["qingbo_admin"].refresh_from_db()
    assert personas["qingbo_admin"].check_password(PASSWORD)


def test_wrong_old_password_or_mismatch_is_refused(client, personas):
    client.force_login(personas["qingbo_admin"])
    assert "原密码不正确" in change(client, "Not-the-0ld", NEW).content.decode()
    assert "两次输入的新密码不一致" in change(client, PASSWORD, NEW, NEW + "x").content.decode()
    assert not AuditEntry.objects.filter(action=Action.PASSWORD_CHANGE).exists()


def test_one_of_the_last_five_is_refused_and_the_sixth_last_is_accepted(personas):
    user = personas["qingbo_admin"]
    sequence = [f"Pw{i}!abcdef" for i in range(6)]  # Pw0 … Pw5; Pw5 ends up current
    old = PASSWORD
    for password in sequence:
        account_change_password(user=user, old_password=old, new_password=password)
        old = password
    assert PasswordHistory.objects.filter(user=user).count() == 5  # only what the rule needs
    for recent in sequence[1:]:
        with pytest.raises(ValidationError, match="最近5次"):
            account_change_password(user=user, old_password=old, new_password=recent)
    account_change_password(user=user, old_password=old, new_password=sequence[0])
    user.refresh_from_db()
    assert user.check_password(sequence[0])


def test_passwords_are_stored_with_argon2(product_hashers, personas):
    user = personas["qingbo_admin"]
    account_change_password(user=user, old_password=PASSWORD, new_password=NEW)
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert PasswordHistory.objects.filter(user=user).first().password.startswith("argon2$")
