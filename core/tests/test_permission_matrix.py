"""Every URL × every persona: the status each one gets (pretix-style permission walk).

The records used are in 清波's subtree, so 湖滨街道管理员 (the sibling street) must get 404 on every
record page, and the meta-test below fails when a URL is added without a row here.
"""

from __future__ import annotations

import importlib
import importlib.util
import json

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.tests.matrix import (
    API_ANY,
    API_QINGBO,
    AUDIT,
    HOME,
    PERSONA_ORDER,
    READ_ANY,
    READ_QINGBO,
    READ_QINGBO_STREET,
    WRITE_ANY,
    WRITE_QINGBO,
    WRITE_QINGBO_STREET,
    WRITE_QINGBO_STREET_POST,
    expect,
)
from core.tests.records import BUILDERS, qingbo_record
from registers.catalog import registers


def _qingbo_import(d) -> dict:
    """A checked import with a bad row, uploaded by 清波's admin (its node is 清波街道)."""
    from accounts.models import User
    from registers.catalog import get_register
    from registers.imports import check_import, start_import

    data = "姓名,身份证号,所在单位,劳动合同\n甲,123,x,已签订\n".encode()
    user = User.objects.get(username="qingbo_admin")
    log = start_import(user=user, register=get_register("workers"), file_name="职工.csv", data=data)
    return {"pk": check_import(log).pk}


# name: (method, kwargs/query builder(district) -> (kwargs, query), expected[, JSON body])
MATRIX = {
    "core:home": ("get", lambda d: ({}, ""), HOME),
    "orgs:tree": ("get", lambda d: ({}, ""), READ_ANY),
    "orgs:tree-node": ("get", lambda d: ({"pk": d.qingbo.pk}, ""), READ_QINGBO_STREET),
    "orgs:org-list": ("get", lambda d: ({}, ""), READ_ANY),
    "orgs:org-detail": ("get", lambda d: ({"pk": d.qingbo_union.pk}, ""), READ_QINGBO),
    "orgs:org-create": ("get", lambda d: ({}, f"?parent={d.qingbo.pk}"), WRITE_QINGBO_STREET),
    "orgs:org-edit": ("get", lambda d: ({"pk": d.qingbo_union.pk}, ""), WRITE_QINGBO),
    "orgs:org-move": ("get", lambda d: ({"pk": d.qingbo_union.pk}, ""), WRITE_QINGBO),
    "orgs:org-delete": ("get", lambda d: ({"pk": d.qingbo_union.pk}, ""), WRITE_QINGBO),
    "orgs:employer-list": ("get", lambda d: ({}, ""), READ_ANY),
    "orgs:employer-detail": ("get", lambda d: ({"pk": d.qingbo_employer.pk}, ""), READ_QINGBO),
    "orgs:employer-create": ("get", lambda d: ({}, ""), WRITE_ANY),
    "orgs:employer-edit": ("get", lambda d: ({"pk": d.qingbo_employer.pk}, ""), WRITE_QINGBO),
    "orgs:employer-move": ("get", lambda d: ({"pk": d.qingbo_employer.pk}, ""), WRITE_QINGBO),
    "orgs:employer-delete": ("get", lambda d: ({"pk": d.qingbo_employer.pk}, ""), WRITE_QINGBO),
    "workers:worker-list": ("get", lambda d: ({}, ""), READ_ANY),
    "workers:worker-detail": ("get", lambda d: ({"pk": d.qingbo_worker.pk}, ""), READ_QINGBO),
    "workers:worker-create": ("get", lambda d: ({}, ""), WRITE_ANY),
    "workers:worker-edit": ("get", lambda d: ({"pk": d.qingbo_worker.pk}, ""), WRITE_QINGBO),
    "workers:worker-reveal": ("post", lambda d: ({"pk": d.qingbo_worker.pk}, ""), WRITE_QINGBO),
    "workers:worker-delete": ("get", lambda d: ({"pk": d.qingbo_worker.pk}, ""), WRITE_QINGBO),
    "registers:person": ("get", lambda d: ({"slug": "workers", "pk": d.qingbo_worker.pk}, ""), READ_QINGBO),
    "api:org-list": ("get", lambda d: ({}, ""), API_ANY),
    "api:org-detail": ("get", lambda d: ({"pk": d.qingbo_union.pk}, ""), API_QINGBO),
    "api:employer-list": ("get", lambda d: ({}, ""), API_ANY),
    "api:employer-detail": ("get", lambda d: ({"pk": d.qingbo_employer.pk}, ""), API_QINGBO),
    "api:worker-list": ("get", lambda d: ({}, ""), API_ANY),
    "api:worker-detail": ("get", lambda d: ({"pk": d.qingbo_worker.pk}, ""), API_QINGBO),
    "api:openapi-json": ("get", lambda d: ({}, ""), expect(200, 200, 200, 200, 200, 200, 200, 200, 302)),
    "api:api-root": ("get", lambda d: ({}, ""), expect(*[404] * 9)),
    "registers:import-list": ("get", lambda d: ({}, ""), WRITE_ANY),
    "registers:import-detail": ("get", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET),
    "registers:import-marked": ("get", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET),
    "registers:import-confirm": ("post", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET_POST),
    "registers:import-undo": ("post", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET_POST),
    "registers:import-retry": ("post", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET_POST),
    "core:area": ("get", lambda d: ({"slug": "relations"}, ""), expect(*[302] * 9)),  # to indicators:area
    "audit:entry-list": ("get", lambda d: ({}, ""), AUDIT),
    "audit:chain-check": ("get", lambda d: ({}, ""), AUDIT),
}

def _writers(owner: str, ok: int) -> dict[str, int]:
    """A write on 清波's record: the sibling street finds nothing, the grassroots admin only its own."""
    return expect(ok, ok, 404, ok if owner == "qingbo_union" else 404, 403, 403, 403, 403, 302)


def _readers(owner: str) -> dict[str, int]:
    return READ_QINGBO if owner == "qingbo_union" else READ_QINGBO_STREET


def _generic(register) -> bool:
    return not register.list_url and register.model is not None


OWN_PAGES_READ = expect(404, 404, 404, 404, 404, 403, 403, 403, 302)  # orgs, employers, workers: pages of their own
OWN_PAGES_WRITE = expect(404, 404, 404, 404, 403, 403, 403, 403, 302)


def _next_state(record) -> str:
    flow = getattr(type(record), "WORKFLOW", None)
    return next(iter(flow.next_states(getattr(record, flow.field))), "") if flow else ""


# The routes every register has, walked for every slug of registers.catalog.registers() with the
# register's record in 清波's subtree (core/tests/records.py).
# name: (method, kwargs/query builder(slug, record) -> (kwargs, query), expected(register, owner, record)[, JSON body])
REGISTER_MATRIX = {
    "registers:record-list": ("get", lambda s, r: ({"slug": s}, ""),
                              lambda reg, owner, r: READ_ANY if _generic(reg) else OWN_PAGES_READ),
    "registers:record-create": ("get", lambda s, r: ({"slug": s}, ""),
                                lambda reg, owner, r: WRITE_ANY if _generic(reg) else OWN_PAGES_WRITE),
    "registers:record-detail": ("get", lambda s, r: ({"slug": s, "pk": r.pk}, ""),
                                lambda reg, owner, r: _readers(owner) if _generic(reg) else OWN_PAGES_READ),
    "registers:record-edit": ("get", lambda s, r: ({"slug": s, "pk": r.pk}, ""),
                              lambda reg, owner, r: _writers(owner, 200) if _generic(reg) else OWN_PAGES_WRITE),
    "registers:record-delete": ("get", lambda s, r: ({"slug": s, "pk": r.pk}, ""),
                                lambda reg, owner, r: _writers(owner, 200) if _generic(reg) else OWN_PAGES_WRITE),
    # the first step its workflow allows; a register without one has no move page (404 once the record is found)
    "registers:record-move": ("get", lambda s, r: ({"slug": s, "pk": r.pk}, f"?to={_next_state(r)}"),
                              lambda reg, owner, r: _writers(owner, 200 if _generic(reg) and _next_state(r) else 404)
                              if _generic(reg) else OWN_PAGES_WRITE),
    "registers:template": ("get", lambda s, r: ({"slug": s}, ""), lambda reg, owner, r: READ_ANY),
    "registers:export": ("get", lambda s, r: ({"slug": s}, ""), lambda reg, owner, r: READ_ANY),
    "registers:import": ("get", lambda s, r: ({"slug": s}, ""), lambda reg, owner, r: WRITE_ANY),
    "api:register-rows": ("get", lambda s, r: ({"slug": s}, ""), lambda reg, owner, r: API_ANY),
    "api:register-record": ("get", lambda s, r: ({"slug": s, "pk": r.pk}, ""),
                            lambda reg, owner, r: API_QINGBO if owner == "qingbo_union"
                            else expect(200, 200, 404, 404, 200, 403, 403, 403, 401)),
    # a step no workflow has: refused with 400 to the writers who reach the record (registers/tests/test_api.py
    # makes real moves), 404 to those who cannot, 403 to the roles that may not write
    "api:register-move": ("post", lambda s, r: ({"slug": s, "pk": r.pk}, ""),
                          lambda reg, owner, r: {**_writers(owner, 400), "anonymous": 401}, {"to": "不存在的状态"}),
}

# Each business app lists its own URLs in `<app>/tests/permissions.py` as MATRIX, same shape.
for _app in settings.INSTALLED_APPS:
    if "." not in _app and importlib.util.find_spec(_app) and importlib.util.find_spec(f"{_app}.tests") \
            and importlib.util.find_spec(f"{_app}.tests.permissions"):
        MATRIX.update(importlib.import_module(f"{_app}.tests.permissions").MATRIX)

# URLs outside the business/audit areas are covered by their own apps' tests; they are listed
# here so the meta-test still notices a new one.
MATRIX_ELSEWHERE: set[str] = set()
try:  # accounts' URLs are tested in accounts/tests/test_permissions.py
    from accounts.tests.test_permissions import ACCOUNT_MATRIX

    MATRIX_ELSEWHERE |= set(ACCOUNT_MATRIX)
except ImportError:
    MATRIX_ELSEWHERE |= {"accounts:login", "accounts:logout", "accounts:password-change", "accounts:account-list"}


def _named_urls(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _named_urls(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_named_url_is_in_the_matrix():
    missing = _named_urls() - set(MATRIX) - set(REGISTER_MATRIX) - MATRIX_ELSEWHERE
    assert not missing, f"add these URLs to the permission matrix: {sorted(missing)}"


CASES = [(name, persona) for name in MATRIX for persona in PERSONA_ORDER]


@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_url_answers_each_persona_as_the_matrix_says(client, personas, district, name, persona):
    method, build, expected, *body = MATRIX[name]
    kwargs, query = build(district)
    if persona != "anonymous":
        client.force_login(personas[persona])
    url = reverse(name, kwargs=kwargs) + query
    if body:  # a JSON API call with the body a real client sends
        response = getattr(client, method)(url, data=json.dumps(body[0]), content_type="application/json")
    else:
        response = getattr(client, method)(url)
    assert response.status_code == expected[persona], (name, persona, response.status_code)


def _answer(client, method: str, url: str, body: list) -> int:
    if body:  # a JSON API call with the body a real client sends
        return getattr(client, method)(url, data=json.dumps(body[0]), content_type="application/json").status_code
    return getattr(client, method)(url).status_code


@pytest.mark.parametrize("slug", list(registers()))
def test_register_urls_answer_each_persona_as_the_matrix_says(client, personas, district, slug):
    """Every route of every register, with 清波's record of that register, for every persona."""
    register = registers()[slug]
    record, owner = qingbo_record(district, slug)
    wrong = []
    for persona in PERSONA_ORDER:
        client.logout()
        if persona != "anonymous":
            client.force_login(personas[persona])
        for name, (method, build, expected, *body) in REGISTER_MATRIX.items():
            kwargs, query = build(slug, record)
            status = _answer(client, method, reverse(name, kwargs=kwargs) + query, body)
            if status != expected(register, owner, record)[persona]:
                wrong.append((name, persona, status, expected(register, owner, record)[persona]))
    assert not wrong, f"{slug}: (url, persona, got, expected) {wrong}"


def test_every_register_has_a_record_builder():
    assert set(registers()) <= set(BUILDERS), "add a builder to core/tests/records.py"
