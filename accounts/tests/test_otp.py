"""Two factors: password, then a TOTP code from an authenticator app (django-otp)."""

from __future__ import annotations

import re
from base64 import b32encode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action, AuditEntry
from conftest import PASSWORD

from .conftest import totp_code

SETUP = reverse("accounts:otp-setup")
VERIFY = reverse("accounts:otp-verify")


def wrong(code: str) -> str:
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


@pytest.fixture
def bound(personas):
    """qingbo_admin with a confirmed authenticator."""
    return TOTPDevice.objects.create(user=personas["qingbo_admin"], name="动态口令", confirmed=True)


def test_with_two_factors_on_a_user_without_a_device_binds_one_after_the_password(client, personas, otp_on):
    user = personas["qingbo_admin"]
    response = client.post(reverse("accounts:login"), {"username": "qingbo_admin", "password": PASSWORD})
    assert response.url == "/"
    for page in ("/", reverse("orgs:org-list"), reverse("accounts:password-change")):
        response = client.get(page)
        assert response.status_code == 302 and response.url.startswith(SETUP), page

    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert 'src="data:image/svg+xml' in page
    assert secret[:4] + " " + secret[4:8] in page  # the key, in groups of four, for typing in
    assert "<script" not in page.split("</head>")[1]  # nothing inline for the CSP to refuse

    response = client.post(f"{SETUP}?next=/orgs/", {"token": totp_code(device), "next": "/orgs/"})
    assert response.status_code == 302 and response.url == "/orgs/"
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action=Action.OTP_SETUP, user_id_value=user.pk).count() == 1


def test_setup_shows_the_same_secret_until_it_is_confirmed(login, otp_on):
    client = login("qingbo_admin")

    def qr_and_secret() -> list[str]:
        return re.findall(r'src="(data:[^"]+)"|<p class="masked">([^<]+)<', client.get(SETUP).content.decode())

    first = qr_and_secret()
    assert len(first) == 2 and qr_and_secret() == first
    assert TOTPDevice.objects.count() == 1


def test_setup_refuses_a_wrong_code(login, personas, otp_on):
    client = login("qingbo_admin")
    client.get(SETUP)
    device = TOTPDevice.objects.get()
    response = client.post(SETUP, {"token": wrong(totp_code(device))})
    assert response.status_code == 200 and "动态口令不正确" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/").status_code == 302


def test_with_a_device_every_page_waits_for_the_code_and_a_right_one_opens_the_site(
    login, personas, bound, otp_on
):
    client = login("qingbo_admin")
    response = client.get(reverse("workers:worker-list"))
    assert response.status_code == 302 and response.url == f"{VERIFY}?next=/workers/"
    assert client.get(SETUP).url.startswith(VERIFY)  # no second device while one is bound
    response = client.post(f"{VERIFY}?next=/workers/", {"token": totp_code(bound), "next": "/workers/"})
    assert response.status_code == 302 and response.url == "/workers/"
    page = client.get("/workers/")
    assert page.status_code == 200
    assert "双因素认证（动态口令）已关闭" not in page.content.decode()
    assert AuditEntry.objects.filter(action=Action.LOGIN, detail__步骤="动态口令").count() == 1


def test_a_wrong_code_is_refused_audited_and_slows_the_next_try(login, personas, bound, otp_on):
    client = login("qingbo_admin")
    response = client.post(VERIFY, {"token": wrong(totp_code(bound))})
    assert response.status_code == 200 and "动态口令不正确" in response.content.decode()
    entry = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert entry.user_id_value == personas["qingbo_admin"].pk and entry.detail == {"原因": "动态口令错误"}
    # django-otp throttling: straight after a failure even the right code must wait
    response = client.post(VERIFY, {"token": totp_code(bound)})
    assert "动态口令错误次数过多" in response.content.decode()
    assert client.get("/").status_code == 302
    bound.refresh_from_db()
    bound.throttle_reset()
    assert client.post(VERIFY, {"token": totp_code(bound)}).status_code == 302
    assert client.get("/").status_code == 200


def test_a_code_works_only_once(login, personas, bound, otp_on):
    code = totp_code(bound)
    assert login("qingbo_admin").post(VERIFY, {"token": code}).status_code == 302
    thief = Client()
    thief.force_login(personas["qingbo_admin"])
    response = thief.post(VERIFY, {"token": code})
    assert response.status_code == 200 and "动态口令不正确" in response.content.decode()


def test_letters_are_not_a_code(login, bound, otp_on):
    response = login("qingbo_admin").post(VERIFY, {"token": "12a456"})
    assert "动态口令为6位数字" in response.content.decode()


def test_with_two_factors_off_nothing_asks_for_a_code(login, bound):
    client = login("qingbo_admin")
    page = client.get("/")
    assert page.status_code == 200
    assert "双因素认证（动态口令）已关闭" in page.content.decode()
    assert client.get(VERIFY).url == "/"
    assert client.get(SETUP).url == "/"
