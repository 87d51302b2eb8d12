"""三权分立: a 系统管理员 never obtains a working admin login. Whatever gives admin rights (a new
admin account, a role or node change to admin, an admin's new password, a re-enabled admin) takes
effect only when an admin of that node or above confirms it, and the one-time password is shown
to that admin alone, to hand to the holder."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AdminGrant, GrantState, User
from audit.models import Action, AuditEntry
from conftest import PASSWORD

from .test_login import post_login

CREATE = reverse("accounts:account-create")
GRANTS = reverse("accounts:grant-list")


def url(name: str, pk: int) -> str:
    return reverse(f"accounts:{name}", args=[pk])


def passwords_in(response) -> list[str]:
    return re.findall(r'<dd class="masked">([^<]+)</dd>', response.content.decode())


def admin_logins(passwords: list[str]) -> list[str]:
    """The active admin accounts any of these passwords opens."""
    admins = User.objects.filter(role="admin", is_active=True)
    return [a.username for a in admins for p in passwords if a.has_usable_password() and a.check_password(p)]


def _create(client, district, seen):
    response = client.post(CREATE, {"username": "li_ming", "full_name": "李明", "org": district.qingbo.pk, "role": "admin"}, follow=True)
    seen += passwords_in(response)
    return User.objects.get(username="li_ming")


def _role(client, district, seen):
    viewer = User.objects.get(username="qingbo_viewer")
    seen += passwords_in(client.post(url("account-reset-password", viewer.pk)))  # a viewer's: shown
    client.post(url("account-edit", viewer.pk), {"full_name": "王", "org": district.qingbo.pk, "role": "admin"})
    return viewer


def _move(client, district, seen):
    admin = User.objects.get(username="union_admin")
    client.post(url("account-edit", admin.pk), {"full_name": "基层管理员", "org": district.root.pk, "role": "admin"})
    return admin


def _reset(client, district, seen):
    admin = User.objects.get(username="qingbo_admin")
    seen += passwords_in(client.post(url("account-reset-password", admin.pk), follow=True))
    return admin


def _enable(client, district, seen):
    admin = User.objects.get(username="qingbo_admin")
    client.post(url("account-disable", admin.pk))
    client.post(url("account-enable", admin.pk), follow=True)
    return admin


PATHS = {"create": _create, "role": _role, "move": _move, "reset": _reset, "enable": _enable}


@pytest.mark.parametrize("path", PATHS)
def test_the_sysadmin_obtains_no_working_admin_login_by_any_path(login, personas, district, path):
    before = {u.username: (u.org_id, u.password) for u in User.objects.filter(role="admin", is_active=True)}
    seen: list[str] = []
    account = PATHS[path](login("sysadmin"), district, seen)
    assert admin_logins(seen) == []
    after = {u.username: (u.org_id, u.password) for u in User.objects.filter(role="admin", is_active=True)}
    assert {k: v for k, v in after.items() if k in before or k == account.username} == {
        k: v for k, v in before.items() if path != "enable" or k != account.username
    }
    grant = AdminGrant.objects.get(account=account, state=GrantState.PENDING)
    assert "待管理员确认" in login("sysadmin").get(url("account-detail", account.pk)).content.decode()
    # nor can the sysadmin confirm its own request
    assert login("sysadmin").post(url("grant-confirm", grant.pk)).status_code == 403


@pytest.mark.parametrize("path", PATHS)
def test_an_admin_of_the_node_or_above_confirms_and_alone_sees_the_password(login, personas, district, path):
    account = PATHS[path](login("sysadmin"), district, [])
    grant = AdminGrant.objects.get(account=account, state=GrantState.PENDING)
    admin = login("district_admin")
    todo = admin.get(reverse("todo:due-list")).content.decode()
    assert "管理员授权待确认" in todo and account.username in todo
    response = admin.post(url("grant-confirm", grant.pk))
    account.refresh_from_db()
    assert account.is_active and account.role == "admin" and account.org == grant.org
    if path == "enable":  # the holder keeps their own password
        assert response.status_code == 302 and post_login(Client(), account.username, PASSWORD).status_code == 302
    else:
        [password] = passwords_in(response)
        assert "no-store" in response["Cache-Control"] and account.must_change_password
        assert post_login(Client(), account.username, password).status_code == 302
        assert password not in login("sysadmin").get(url("account-detail", account.pk)).content.decode()
        assert all(password not in str(e.detail) for e in AuditEntry.objects.all())
    steps = [e.detail.get("操作", "") for e in AuditEntry.objects.filter(action=Action.UPDATE, object_id=str(account.pk))]
    label = grant.get_kind_display()
    assert f"申请{label}" in steps and f"确认{label}" in steps
    confirmed = AuditEntry.objects.get(detail__操作=f"确认{label}")
    assert confirmed.username == "district_admin" and confirmed.detail["申请人"] == "sysadmin"


def test_only_an_admin_at_the_node_or_above_may_decide(login, personas, district):
    _reset(login("sysadmin"), district, [])  # for 清波's admin
    grant = AdminGrant.objects.get()
    for persona in ("hubin_admin", "union_admin", "qingbo_admin"):  # sibling, below, the holder
        client = login(persona)
        assert url("grant-confirm", grant.pk) not in client.get(GRANTS).content.decode()
        assert client.post(url("grant-confirm", grant.pk)).status_code == 404
    assert login("qingbo_viewer").post(url("grant-confirm", grant.pk)).status_code == 403
    grant.refresh_from_db()
    assert grant.state == GrantState.PENDING


def test_a_rejected_request_changes_nothing_and_says_why(login, personas, district):
    account = _role(login("sysadmin"), district, [])
    grant = AdminGrant.objects.get()
    admin = login("qingbo_admin")
    assert "请填写拒绝的原因" in admin.post(url("grant-reject", grant.pk), follow=True).content.decode()
    admin.post(url("grant-reject", grant.pk), {"reason": "本人已调离"})
    grant.refresh_from_db()
    account.refresh_from_db()
    assert grant.state == GrantState.REJECTED and account.role == "viewer"
    assert AuditEntry.objects.get(detail__操作="拒绝授予管理员角色").detail["原因"] == "本人已调离"


def test_a_request_lapses_after_seven_days(login, personas, district):
    _reset(login("sysadmin"), district, [])
    AdminGrant.objects.update(requested_at=AdminGrant.objects.get().requested_at - timedelta(days=8))
    admin = login("district_admin")
    assert url("grant-confirm", AdminGrant.objects.get().pk) not in admin.get(GRANTS).content.decode()
    assert admin.post(url("grant-confirm", AdminGrant.objects.get().pk)).status_code == 404


def test_the_sysadmin_takes_back_a_request(login, personas, district):
    _reset(login("sysadmin"), district, [])
    grant = AdminGrant.objects.get()
    login("sysadmin").post(url("grant-cancel", grant.pk))
    grant.refresh_from_db()
    assert grant.state == GrantState.CANCELLED
    assert login("district_admin").post(url("grant-confirm", grant.pk)).status_code == 404
    # taken back twice: the second says what became of it, in plain words
    page = login("sysadmin").post(url("grant-cancel", grant.pk), follow=True).content.decode()
    assert "该申请已撤回。" in page and "已已" not in page


def test_reaching_for_a_request_or_an_account_outside_ones_node_is_audited(login, personas, district):
    """A sibling's or a lower admin's try at a grant above them, and a street's 系统管理员 opening
    an account of the district, each leave one entry, as any record of another subtree does."""
    _reset(login("sysadmin"), district, [])  # for 清波's admin
    grant = AdminGrant.objects.get()
    for persona in ("hubin_admin", "union_admin"):
        before = AuditEntry.objects.filter(action=Action.DENIED).count()
        assert login(persona).post(url("grant-confirm", grant.pk)).status_code == 404
        entry = AuditEntry.objects.filter(action=Action.DENIED).latest("id")
        assert AuditEntry.objects.filter(action=Action.DENIED).count() == before + 1
        assert entry.username == persona and entry.detail["编号"] == str(grant.pk)
    street_sysadmin = User.objects.create(username="qingbo_sysadmin", org=district.qingbo, role="sysadmin",
                                          must_change_password=False, password_changed_at=timezone.now())
    client = Client()
    client.force_login(street_sysadmin)
    district_admin = personas["district_admin"]
    assert client.get(url("account-detail", district_admin.pk)).status_code == 404
    entry = AuditEntry.objects.filter(action=Action.DENIED).latest("id")
    assert entry.username == "qingbo_sysadmin" and entry.detail["编号"] == str(district_admin.pk)
    before = AuditEntry.objects.filter(action=Action.DENIED).count()
    assert client.get(url("account-detail", 10**12)).status_code == 404  # no such account: nothing reached
    assert AuditEntry.objects.filter(action=Action.DENIED).count() == before
