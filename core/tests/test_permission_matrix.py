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


def _qingbo_import(d) -> dict:
    """A checked import with a bad row, uploaded by 清波's admin (its node is 清波街道)."""
    from accounts.models import User
    from registers.catalog import get_register
    from registers.imports import check_import, start_import

    data = "姓名,身份证号,所在单位,劳动合同\n甲,123,x,已签订\n".encode()
    user = User.objects.get(username="qingbo_admin")
    log = start_import(user=user, register=get_register("workers"), file_name="职工.csv", data=data)
    return {"pk": check_import(log).pk}


def _qingbo_record(d) -> dict:
    """A record of a register with generic pages, owned by 清波街道 (a mediation committee)."""
    import datetime as dt

    from mediation.models import MediationLevel, MediationOrg

    org = MediationOrg.objects.create(name="清波街道劳动争议调解委员会", level=MediationLevel.STREET, org=d.qingbo,
                                      node=d.qingbo, founded_on=dt.date(2015, 1, 1))
    return {"slug": "mediation_orgs", "pk": org.pk}


def _qingbo_case(d) -> dict:
    """A case in 已申请 at 清波's committee: the move page's record."""
    import datetime as dt

    from mediation.models import Case

    org = _qingbo_record(d)["pk"]
    case = Case.objects.create(number="2026劳调9", applicant="张清波", respondent_employer=d.qingbo_employer,
                               dispute_type="劳动报酬", applied_on=dt.date(2026, 1, 5), mediation_org_id=org,
                               status="已申请", node=d.qingbo)
    return {"slug": "cases", "pk": case.pk}


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
    "workers:person": ("get", lambda d: ({"slug": "workers", "pk": d.qingbo_worker.pk}, ""), READ_QINGBO),
    "api:org-list": ("get", lambda d: ({}, ""), API_ANY),
    "api:org-detail": ("get", lambda d: ({"pk": d.qingbo_union.pk}, ""), API_QINGBO),
    "api:employer-list": ("get", lambda d: ({}, ""), API_ANY),
    "api:employer-detail": ("get", lambda d: ({"pk": d.qingbo_employer.pk}, ""), API_QINGBO),
    "api:worker-list": ("get", lambda d: ({}, ""), API_ANY),
    "api:worker-detail": ("get", lambda d: ({"pk": d.qingbo_worker.pk}, ""), API_QINGBO),
    "api:register-rows": ("get", lambda d: ({"slug": "mediation_orgs"}, ""), API_ANY),
    "api:register-record": ("get", lambda d: (_qingbo_record(d), ""), expect(200, 200, 404, 404, 200, 403, 403, 403, 401)),
    # a move without its JSON body is refused before anything is read; registers/tests/test_api.py
    # walks the roles (viewer 403, sibling 404) with a body
    # a move the case may make: only writers of 清波 make it, the sibling street finds no record
    "api:register-move": ("post", lambda d: (_qingbo_case(d), ""), expect(200, 200, 404, 404, 403, 403, 403, 403, 401),
                          {"to": "已受理", "changes": {"accepted_on": "2026-01-06"}}),
    "api:openapi-json": ("get", lambda d: ({}, ""), expect(200, 200, 200, 200, 200, 200, 200, 200, 302)),
    "api:api-root": ("get", lambda d: ({}, ""), expect(*[404] * 9)),
    "registers:template": ("get", lambda d: ({"slug": "workers"}, ""), READ_ANY),
    "registers:export": ("get", lambda d: ({"slug": "workers"}, ""), READ_ANY),
    "registers:import": ("get", lambda d: ({"slug": "workers"}, ""), WRITE_ANY),
    "registers:import-list": ("get", lambda d: ({}, ""), WRITE_ANY),
    "registers:import-detail": ("get", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET),
    "registers:import-marked": ("get", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET),
    "registers:import-confirm": ("post", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET_POST),
    "registers:import-undo": ("post", lambda d: (_qingbo_import(d), ""), WRITE_QINGBO_STREET_POST),
    "core:area": ("get", lambda d: ({"slug": "relations"}, ""), expect(*[302] * 9)),  # to indicators:area
    "registers:record-list": ("get", lambda d: ({"slug": "mediation_orgs"}, ""), READ_ANY),
    "registers:record-create": ("get", lambda d: ({"slug": "mediation_orgs"}, ""), WRITE_ANY),
    "registers:record-detail": ("get", lambda d: (_qingbo_record(d), ""), READ_QINGBO_STREET),
    "registers:record-edit": ("get", lambda d: (_qingbo_record(d), ""), WRITE_QINGBO_STREET),
    "registers:record-delete": ("get", lambda d: (_qingbo_record(d), ""), WRITE_QINGBO_STREET),
    "registers:record-move": ("get", lambda d: (_qingbo_case(d), "?to=已受理"), WRITE_QINGBO_STREET),
    "audit:entry-list": ("get", lambda d: ({}, ""), AUDIT),
    "audit:chain-check": ("get", lambda d: ({}, ""), AUDIT),
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
    missing = _named_urls() - set(MATRIX) - MATRIX_ELSEWHERE
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
