"""Every accounts URL × every persona (core's matrix test reads ACCOUNT_MATRIX to know they exist).

Only 系统管理员 reaches the account pages; every other role gets 403 and the refusal is audited.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from core.tests.matrix import PERSONA_ORDER, expect

#                        dist qb   hubin union view audD audQ sys  anon
ANYONE_IN = expect(200, 200, 200, 200, 200, 200, 200, 200, 302)
LOGIN_PAGE = expect(302, 302, 302, 302, 302, 302, 302, 302, 200)
ALWAYS_REDIRECT = expect(302, 302, 302, 302, 302, 302, 302, 302, 302)
MANAGE = expect(403, 403, 403, 403, 403, 403, 403, 200, 302)
MANAGE_ACTION = expect(403, 403, 403, 403, 403, 403, 403, 302, 302)


# an admin of 清波 or above decides a request at 清波; the sibling street and the union below get 404
CONFIRM = expect(200, 200, 404, 404, 403, 403, 403, 403, 302)
DECIDE_ACTION = expect(302, 302, 404, 404, 403, 403, 403, 403, 302)
ADMINS = expect(200, 200, 200, 200, 403, 403, 403, 403, 302)


def _target(d, personas):
    return {"pk": personas["qingbo_viewer"].pk}


def _grant(d, personas):
    """The sysadmin asks for 清波's viewer to become 清波's admin."""
    from accounts.services import account_update

    account_update(by=personas["sysadmin"], account=personas["qingbo_viewer"], full_name="", org=d.qingbo, role="admin")
    return {"pk": personas["qingbo_viewer"].admin_grants.get().pk}


# name: (method, kwargs builder(district, personas), expected)
ACCOUNT_MATRIX = {
    "accounts:login": ("get", lambda d, p: {}, LOGIN_PAGE),
    "accounts:logout": ("post", lambda d, p: {}, ALWAYS_REDIRECT),
    "accounts:password-change": ("get", lambda d, p: {}, ANYONE_IN),
    # with 2FA off (the suite's default) both pages send everyone on; test_otp covers them on
    "accounts:otp-setup": ("get", lambda d, p: {}, ALWAYS_REDIRECT),
    "accounts:otp-verify": ("get", lambda d, p: {}, ALWAYS_REDIRECT),
    "accounts:account-list": ("get", lambda d, p: {}, MANAGE),
    "accounts:account-create": ("get", lambda d, p: {}, MANAGE),
    "accounts:account-detail": ("get", _target, MANAGE),
    "accounts:account-edit": ("get", _target, MANAGE),
    "accounts:account-disable": ("post", _target, MANAGE_ACTION),
    "accounts:account-enable": ("post", _target, MANAGE_ACTION),
    "accounts:account-reset-password": ("post", _target, MANAGE),  # shows the new password
    "accounts:account-reset-otp": ("post", _target, MANAGE_ACTION),
    "accounts:account-unlock": ("post", _target, MANAGE_ACTION),
    "accounts:grant-cancel": ("post", _grant, MANAGE_ACTION),
    "accounts:grant-list": ("get", lambda d, p: {}, ADMINS),
    "accounts:grant-confirm": ("post", _grant, CONFIRM),  # shows the new password
    "accounts:grant-reject": ("post", _grant, DECIDE_ACTION),
}

CASES = [(name, persona) for name in ACCOUNT_MATRIX for persona in PERSONA_ORDER]


@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_accounts_url_answers_each_persona_as_the_matrix_says(client, personas, district, name, persona):
    method, build, expected = ACCOUNT_MATRIX[name]
    if persona != "anonymous":
        client.force_login(personas[persona])
    response = getattr(client, method)(reverse(name, kwargs=build(district, personas)))
    assert response.status_code == expected[persona], (name, persona, response.status_code)
    if response.status_code == 403:
        assert AuditEntry.objects.filter(action=Action.DENIED, user_id_value=personas[persona].pk).exists()


def test_every_accounts_url_is_in_the_matrix():
    from django.urls import get_resolver

    resolver = get_resolver()
    names = {
        f"accounts:{p.name}" for p in resolver.namespace_dict["accounts"][1].url_patterns if getattr(p, "name", None)
    }
    assert names == set(ACCOUNT_MATRIX)
