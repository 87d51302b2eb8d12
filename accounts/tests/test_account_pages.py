"""系统管理员's account pages: scoped to its own subtree, every change audited, no passwords kept."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import PasswordHistory, User
from audit.models import Action, AuditEntry
from audit.services import verify_chain
from conftest import PASSWORD

from .test_login import fail, post_login
from .test_passwords import sessions_of

LIST = reverse("accounts:account-list")
CREATE = reverse("accounts:account-create")


def url(name: str, account) -> str:
    return reverse(f"accounts:{name}", args=[account.pk])


def shown_password(response) -> str:
    return re.search(r'<dd class="masked">([^<]+)</dd>', response.content.decode()).group(1)


def listed(response) -> set[str]:
    return set(re.findall(r'<a href="/accounts/\d+/">([^<]+)</a>', response.content.decode()))


@pytest.fixture
def qingbo_sysadmin(district):
    """A 系统管理员 bound to 清波街道: manages 清波's accounts only."""
    user = User(username="qingbo_sysadmin", org=district.qingbo, role="sysadmin", must_change_password=False)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_sysadmin_lists_every_account_of_its_subtree(login, personas):
    response = login("sysadmin").get(LIST)
    assert response.status_code == 200
    assert listed(response) == set(personas)
    page = response.content.decode()
    assert "身份证" not in page and "手机" not in page  # accounts carry no personal data


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=qingbo", {"qingbo_admin", "qingbo_viewer", "qingbo_auditor"}),
        ("role=auditor", {"district_auditor", "qingbo_auditor"}),
        ("state=disabled", set()),
    ],
)
def test_sysadmin_searches_and_filters_accounts(login, personas, query, expected):
    assert listed(login("sysadmin").get(f"{LIST}?{query}")) == expected


def test_org_filter_takes_the_org_and_everything_below_it(login, personas, district):
    response = login("sysadmin").get(f"{LIST}?org={district.qingbo.pk}")
    assert listed(response) == {"qingbo_admin", "union_admin", "qingbo_viewer", "qingbo_auditor"}


def test_account_list_pages(login, personas, settings):
    settings.UNIONDESK_PAGE_SIZE = 3
    client = login("sysadmin")
    first, third = client.get(f"{LIST}?sort=username"), client.get(f"{LIST}?sort=username&page=3")
    assert listed(first) == {"district_admin", "district_auditor", "hubin_admin"}
    assert listed(third) == {"union_admin", "sysadmin"}
    assert "共 8 条" in first.content.decode()


def test_account_list_query_count_does_not_grow_with_rows(login, personas, district):
    client = login("sysadmin")
    client.get(LIST)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    before = queries()
    User.objects.bulk_create(
        User(username=f"extra{i}", org=district.hubin_union, role="viewer", password="!") for i in range(30)
    )
    assert queries() == before


def test_street_sysadmin_sees_only_its_own_street(qingbo_sysadmin, personas, client):
    client.force_login(qingbo_sysadmin)
    assert listed(client.get(LIST)) == {
        "qingbo_admin", "union_admin", "qingbo_viewer", "qingbo_auditor", "qingbo_sysadmin",
    }
    form = client.get(CREATE).content.decode()
    assert "清波示范企业工会" in form and "湖滨" not in form and "上城区总工会" not in form


@pytest.mark.parametrize("page", ["account-detail", "account-edit"])
def test_street_sysadmin_gets_404_for_an_account_of_the_sibling_street(qingbo_sysadmin, personas, client, page):
    client.force_login(qingbo_sysadmin)
    assert client.get(url(page, personas["hubin_admin"])).status_code == 404


@pytest.mark.parametrize("action", ["account-disable", "account-reset-password", "account-reset-otp"])
def test_street_sysadmin_cannot_act_on_the_sibling_street(qingbo_sysadmin, personas, client, action):
    client.force_login(qingbo_sysadmin)
    assert client.post(url(action, personas["hubin_admin"])).status_code == 404
    hubin = User.objects.get(username="hubin_admin")
    assert hubin.is_active and hubin.check_password(PASSWORD)


def test_street_sysadmin_cannot_bind_an_account_outside_its_street(qingbo_sysadmin, district, client):
    client.force_login(qingbo_sysadmin)
    response = client.post(CREATE, {"username": "newbie", "full_name": "新人", "org": district.hubin.pk, "role": "admin"})
    assert response.status_code == 200 and "所选组织不在您的管辖范围内" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


def test_sysadmin_creates_an_account_and_sees_its_one_time_password_once(login, district):
    client = login("sysadmin")
    response = client.post(CREATE, {"username": "li_ming", "full_name": "李明", "org": district.qingbo.pk, "role": "viewer"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = shown_password(response)
    account = User.objects.get(username="li_ming")
    assert account.full_name == "李明" and account.org == district.qingbo and account.role == "viewer"
    assert account.must_change_password and account.check_password(password)
    assert PasswordHistory.objects.filter(user=account).count() == 1

    entry = AuditEntry.objects.get(action=Action.CREATE)
    assert entry.object_id == str(account.pk) and entry.org_id == district.qingbo.pk
    assert password not in str(entry.detail) and entry.detail["密码"] == "一次性密码，首次登录须修改"
    # the detail page never shows it again
    assert password not in client.get(url("account-detail", account)).content.decode()

    newcomer = Client()
    assert post_login(newcomer, "li_ming", password).status_code == 302
    assert newcomer.get("/").url == reverse("accounts:password-change")


def test_a_username_is_taken_whatever_its_case(login, personas, district):
    response = login("sysadmin").post(CREATE, {"username": "QINGBO_ADMIN", "full_name": "重名", "org": district.qingbo.pk, "role": "viewer"})
    assert "已存在" in response.content.decode()
    assert User.objects.filter(username__iexact="qingbo_admin").count() == 1


def test_sysadmin_edits_name_org_and_role_and_the_change_is_audited(login, personas, district):
    account = personas["qingbo_viewer"]
    response = login("sysadmin").post(
        url("account-edit", account), {"full_name": "王查看", "org": district.hubin.pk, "role": "auditor"}
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.full_name, account.org, account.role) == ("王查看", district.hubin, "auditor")
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.detail == {
        "操作": "修改账号", "姓名": ["", "王查看"], "所属组织": ["清波街道总工会", "湖滨街道总工会"], "角色": ["查看者", "审计员"],
    }


def test_sysadmin_cannot_change_its_own_role_or_disable_itself(login, personas, district):
    client = login("sysadmin")
    me = personas["sysadmin"]
    response = client.post(url("account-edit", me), {"full_name": "管理员", "org": district.root.pk, "role": "viewer"})
    assert "不能修改自己的角色或所属组织" in response.content.decode()
    client.post(url("account-disable", me))
    me.refresh_from_db()
    assert me.role == "sysadmin" and me.is_active


def test_sysadmin_disables_and_enables_an_account(login, personas):
    client = login("sysadmin")
    account = personas["qingbo_viewer"]
    client.post(url("account-disable", account))
    account.refresh_from_db()
    assert not account.is_active
    assert listed(client.get(f"{LIST}?state=disabled")) == {"qingbo_viewer"}
    assert post_login(Client(), "qingbo_viewer", PASSWORD).status_code == 200  # refused
    client.post(url("account-enable", account))
    account.refresh_from_db()
    assert account.is_active
    assert [e.detail["操作"] for e in AuditEntry.objects.filter(action=Action.UPDATE).order_by("id")] == ["停用账号", "启用账号"]


def test_sysadmin_resets_a_password_and_the_old_sessions_end(login, personas):
    account = personas["qingbo_viewer"]
    owner = Client()
    owner.force_login(account)
    response = login("sysadmin").post(url("account-reset-password", account))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = shown_password(response)
    account.refresh_from_db()
    assert account.must_change_password and account.check_password(password) and not account.check_password(PASSWORD)
    assert timezone.now() - account.password_changed_at < timezone.timedelta(seconds=10)
    assert PasswordHistory.objects.filter(user=account).first().password == account.password
    assert sessions_of(account) == 0 and owner.get("/").status_code == 302
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.detail == {"操作": "重置密码", "结束会话数": 1} and password not in str(entry.detail)


def test_sysadmin_resets_a_lost_authenticator_and_the_user_binds_a_new_one(login, personas, settings):
    account = personas["qingbo_admin"]
    TOTPDevice.objects.create(user=account, name="旧手机", confirmed=True)
    login("sysadmin").post(url("account-reset-otp", account))
    assert not TOTPDevice.objects.filter(user=account).exists()
    assert AuditEntry.objects.get(action=Action.UPDATE).detail == {"操作": "重置动态口令", "删除设备数": 1, "结束会话数": 0}
    settings.OTP_REQUIRED = True
    user = Client()
    post_login(user, "qingbo_admin", PASSWORD)
    assert user.get("/").url.startswith(reverse("accounts:otp-setup"))


def test_sysadmin_lifts_a_login_lock(login, personas):
    fail(Client(), "qingbo_admin", 5)
    client = login("sysadmin")
    assert "已锁定" in client.get(url("account-detail", personas["qingbo_admin"])).content.decode()
    client.post(url("account-unlock", personas["qingbo_admin"]))
    assert post_login(Client(), "qingbo_admin", PASSWORD).status_code == 302


def test_no_page_lets_anyone_change_or_remove_audit_entries(login, personas):
    client = login("sysadmin")
    client.post(url("account-disable", personas["qingbo_admin"]))
    before = list(AuditEntry.objects.order_by("id").values_list("id", "hash"))
    for persona in ("sysadmin", "district_auditor", "district_admin"):
        browser = login(persona)
        for name in ("audit:entry-list", "audit:chain-check"):
            for method in ("post", "put", "delete", "patch"):
                getattr(browser, method)(reverse(name), {"id": before[0][0], "result": "失败"})
    after = list(AuditEntry.objects.order_by("id").values_list("id", "hash"))
    assert after[: len(before)] == before  # appended to, never changed
    assert verify_chain().ok
