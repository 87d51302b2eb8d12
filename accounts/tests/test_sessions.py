"""Session limits: 30 minutes idle, 12 hours from login; disabling an account ends its sessions.

Time moves by editing the times the session keeps on the server (and the stored session's own
expiry), as a clock would.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.services import SESSION_LAST_SEEN, SESSION_LOGIN_AT
from audit.models import Action, AuditEntry

from .test_passwords import sessions_of

LOGIN = reverse("accounts:login")


def age_session(client, *, idle: timedelta | None = None, since_login: timedelta | None = None) -> None:
    session = client.session
    now = timezone.now()
    if idle is not None:
        session[SESSION_LAST_SEEN] = (now - idle).timestamp()
    if since_login is not None:
        session[SESSION_LOGIN_AT] = (now - since_login).timestamp()
    session.save()
    if idle is not None:  # the stored session's own expiry moves with the clock too
        Session.objects.filter(session_key=session.session_key).update(expire_date=F("expire_date") - idle)


def test_login_stamps_the_session_on_the_server(login):
    client = login("qingbo_admin")
    now = timezone.now().timestamp()
    assert abs(client.session[SESSION_LOGIN_AT] - now) < 5
    assert abs(client.session[SESSION_LAST_SEEN] - now) < 5


def test_twenty_nine_idle_minutes_keep_the_session_and_a_request_renews_it(login):
    client = login("qingbo_admin")
    age_session(client, idle=timedelta(minutes=29))
    assert client.get("/").status_code == 200
    assert timezone.now().timestamp() - client.session[SESSION_LAST_SEEN] < 5


def test_thirty_one_idle_minutes_end_the_session(login, personas):
    client = login("qingbo_admin")
    age_session(client, idle=timedelta(minutes=31))
    response = client.get(reverse("orgs:org-list"))
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/orgs/"
    assert "超过30分钟未操作，会话已结束，请重新登录" in client.get(response.url).content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action=Action.SESSION_END)
    assert entry.user_id_value == personas["qingbo_admin"].pk
    assert entry.detail == {"原因": "超过30分钟未操作"}


def test_twelve_hours_after_login_the_session_ends_however_busy(login):
    client = login("qingbo_admin")
    age_session(client, since_login=timedelta(hours=11, minutes=59))
    assert client.get("/").status_code == 200
    age_session(client, since_login=timedelta(hours=12, minutes=1), idle=timedelta(seconds=5))
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert "登录已超过12小时" in client.get(response.url).content.decode()
    assert AuditEntry.objects.get(action=Action.SESSION_END).detail == {"原因": "登录已超过12小时"}


def test_an_expired_htmx_request_is_sent_to_the_login_page_as_a_whole(login):
    client = login("qingbo_admin")
    age_session(client, idle=timedelta(hours=1))
    response = client.get(reverse("orgs:org-list"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == LOGIN


def test_disabling_an_account_ends_its_sessions(client, personas):
    from accounts.services import account_set_active

    victim = personas["qingbo_admin"]
    office, home = Client(), Client()
    office.force_login(victim)
    home.force_login(victim)
    assert office.get("/").status_code == 200 and home.get("/").status_code == 200

    ended = account_set_active(by=personas["sysadmin"], account=victim, active=False)
    assert ended == 2 and sessions_of(victim) == 0
    for browser in (office, home):
        response = browser.get("/")
        assert response.status_code == 302 and response.url.startswith(LOGIN)

    # enabling again does not bring an old session back
    account_set_active(by=personas["sysadmin"], account=victim, active=True)
    assert office.get("/").status_code == 302


def test_disabling_from_the_page_logs_the_other_browser_out(personas):
    sysadmin, victim = Client(), Client()
    sysadmin.force_login(personas["sysadmin"])
    victim.force_login(personas["qingbo_viewer"])
    assert victim.get("/").status_code == 200
    sysadmin.post(reverse("accounts:account-disable", args=[personas["qingbo_viewer"].pk]))
    response = victim.get("/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.detail == {"操作": "停用账号", "结束会话数": 1}
    assert entry.user_id_value == personas["sysadmin"].pk and entry.object_id == str(personas["qingbo_viewer"].pk)
