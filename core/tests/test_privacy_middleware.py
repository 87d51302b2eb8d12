"""What every response carries and what a reach outside one's subtree leaves in the audit log."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.urls import reverse

from audit.models import Action, AuditEntry, Result
from core.tests.matrix import PERSONA_ORDER
from core.tests.records import qingbo_record
from core.tests.test_permission_matrix import MATRIX, REGISTER_MATRIX
from core.tests.test_person_search import HOLDERS
from registers.catalog import registers


def _call(client, name: str, district) -> object:
    method, build, _expected, *body = MATRIX[name]
    kwargs, query = build(district)
    url = reverse(name, kwargs=kwargs) + query
    if body:
        return getattr(client, method)(url, data=json.dumps(body[0]), content_type="application/json")
    return getattr(client, method)(url)


def test_nothing_served_by_any_url_is_stored_by_a_browser_or_proxy(client, personas, district):
    """Every URL of the URL conf (the permission matrix lists them all), as a persona it serves:
    pages, exports, templates, the API and attachments alike."""
    downloads = 0
    for name in sorted(MATRIX):
        expected = MATRIX[name][2]
        persona = next((p for p in PERSONA_ORDER if 200 <= expected[p] < 400), "anonymous")
        with transaction.atomic():
            client.logout()
            if persona != "anonymous":
                client.force_login(personas[persona])
            response = _call(client, name, district)
            transaction.set_rollback(True)
        cache = response.get("Cache-Control", "")
        assert "no-store" in cache and "private" in cache, (name, persona, response.status_code, cache)
        downloads += "attachment" in response.get("Content-Disposition", "")
    assert downloads >= 1  # a public form's attachment among them
    # the routes every register has (its pages, export, template, import and API), for one register
    record, _ = qingbo_record(district, "cases")
    client.force_login(personas["district_admin"])
    for name, (method, build, _expected, *body) in REGISTER_MATRIX.items():
        kwargs, query = build("cases", record)
        url = reverse(name, kwargs=kwargs) + query
        with transaction.atomic():
            response = (getattr(client, method)(url, data=json.dumps(body[0]), content_type="application/json")
                        if body else getattr(client, method)(url))
            transaction.set_rollback(True)
        cache = response.get("Cache-Control", "")
        assert "no-store" in cache and "private" in cache, (name, response.status_code, cache)
        if name in ("registers:export", "registers:template"):
            assert "attachment" in response.get("Content-Disposition", ""), name


def test_static_assets_keep_their_own_caching(client, personas):
    client.force_login(personas["qingbo_admin"])
    assert "no-store" not in client.get("/static/ud/app.css").get("Cache-Control", "")


def _detail_url(slug: str, pk: int) -> str:
    own = {"workers": "workers:worker-detail"}
    return reverse(own[slug], args=[pk]) if slug in own else reverse("registers:record-detail", args=[slug, pk])


def _denied() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=Action.DENIED).order_by("id"))


@pytest.mark.parametrize("slug", sorted(HOLDERS))
def test_a_sibling_streets_reach_for_a_record_is_a_404_and_one_audit_entry(login, district, slug):
    record = HOLDERS[slug](district, district.qingbo_worker.id_number)
    hubin = login("hubin_admin")
    for url in (_detail_url(slug, record.pk), reverse("api:register-record", args=[slug, record.pk])):
        response = hubin.get(url)
        assert response.status_code == 404
        assert "张清波" not in response.content.decode()
    page, api = _denied()
    for entry, path in zip((page, api), (_detail_url(slug, record.pk), reverse("api:register-record", args=[slug, record.pk])),
                           strict=True):
        assert entry.username == "hubin_admin" and entry.org_id == district.hubin.pk and entry.result == Result.REFUSED
        assert entry.object_repr == path and entry.object_type == str(registers()[slug].model._meta.verbose_name)
        assert entry.detail == {"原因": "记录不在本人范围内", "方法": "GET", "编号": str(record.pk)}
        sealed = entry.seal_payload().decode()
        assert district.qingbo_worker.id_number not in sealed and "张清波" not in sealed


@pytest.mark.parametrize(("url_name", "record"), [
    ("orgs:org-detail", "qingbo_union"), ("orgs:employer-detail", "qingbo_employer"),
    ("workers:worker-edit", "qingbo_worker"), ("api:org-detail", "qingbo_union"),
    ("api:employer-detail", "qingbo_employer"), ("api:worker-detail", "qingbo_worker"),
])
def test_a_reach_for_the_tree_or_a_worker_is_audited_too(login, district, url_name, record):
    response = login("hubin_admin").get(reverse(url_name, args=[getattr(district, record).pk]))
    assert response.status_code == 404
    [entry] = _denied()
    assert entry.detail["编号"] == str(getattr(district, record).pk)


def test_a_record_that_does_not_exist_or_lies_in_ones_subtree_leaves_no_entry(login, district):
    hubin = login("hubin_admin")
    assert hubin.get(reverse("workers:worker-detail", args=[999_999])).status_code == 404
    assert hubin.get(reverse("workers:worker-detail", args=[district.hubin_worker.pk])).status_code == 200
    assert login("district_admin").get(reverse("workers:worker-detail", args=[district.qingbo_worker.pk])).status_code == 200
    assert _denied() == []


def test_an_api_refusal_is_audited_once(login, district):
    viewer = login("qingbo_viewer")
    case = HOLDERS["cases"](district, district.qingbo_worker.id_number)
    refused = viewer.post(reverse("api:register-move", args=["cases", case.pk]), data=json.dumps({"to": "已受理"}),
                          content_type="application/json")
    assert refused.status_code == 403
    assert login("district_auditor").get(reverse("api:worker-list")).status_code == 403
    moved, listed = _denied()
    assert moved.username == "qingbo_viewer" and moved.object_type == "API" and moved.detail["方法"] == "POST"
    assert moved.detail["原因"] == "您的角色无权修改业务数据。"
    assert listed.username == "district_auditor" and listed.object_repr == reverse("api:worker-list")


def test_a_page_refusal_is_still_one_entry(login, district):
    assert login("qingbo_viewer").get(reverse("workers:worker-create")).status_code == 403
    assert len(_denied()) == 1


def test_a_reach_for_another_subtrees_attachment_is_audited(login, district):
    from public.tests.permissions import _qingbo_ticket

    ticket = _qingbo_ticket(district)["pk"]
    response = login("hubin_admin").get(reverse("public:attachment", args=[ticket]))
    assert response.status_code == 404 and response["Cache-Control"] == "no-store, private"
    [entry] = _denied()
    assert entry.object_repr == reverse("public:attachment", args=[ticket]) and entry.object_type == "合理化建议"
