"""The worker register: search, filters, masking, reveal with reason, history."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action, AuditEntry
from conftest import make_id_number
from workers.models import LabourContract, Worker


def test_search_by_full_id_number_finds_the_worker_but_shows_it_masked(login, district):
    w = district.qingbo_worker
    page = login("qingbo_admin").get(reverse("workers:worker-list"), {"q": w.id_number, "reason": "核实"}).content.decode()
    assert "张清波" in page and "李晓梅" not in page
    # the search box and its links echo what the user typed; no table cell shows the full number
    assert not re.search(rf"<td[^>]*>[^<]*{w.id_number}", page)
    assert f"{w.id_number[:6]}********{w.id_number[-4:]}" in page


def test_search_by_name_and_filters(login, district):
    client = login("district_admin")
    url = reverse("workers:worker-list")
    assert "陈湖滨" in client.get(url, {"q": "陈湖"}).content.decode()
    unsigned = client.get(url, {"labour_contract": LabourContract.UNSIGNED}).content.decode()
    assert "赵小店" in unsigned and "张清波" not in unsigned
    hubin = client.get(url, {"street": district.hubin.pk}).content.decode()
    assert "陈湖滨" in hubin and "张清波" not in hubin
    non_members = client.get(url, {"is_member": "0"}).content.decode()
    assert "王建国" in non_members and "张清波" not in non_members


@pytest.mark.parametrize("persona", ["district_admin", "qingbo_admin", "qingbo_viewer", "union_admin"])
def test_detail_page_masks_id_and_mobile_for_every_role(login, district, persona):
    page = login(persona).get(reverse("workers:worker-detail", args=[district.qingbo_worker.pk])).content.decode()
    assert district.qingbo_worker.id_number not in page and "13812345678" not in page
    assert "138****5678" in page


def test_admin_reveals_with_a_reason_and_the_reveal_is_audited(login, district):
    w = district.qingbo_worker
    response = login("qingbo_admin").post(reverse("workers:worker-reveal", args=[w.pk]), {"reason": "核实困难职工身份"})
    page = response.content.decode()
    assert w.id_number in page and "13812345678" in page
    entry = AuditEntry.objects.get(action=Action.REVEAL)
    assert entry.username == "qingbo_admin" and entry.detail == {"原因": "核实困难职工身份"}
    assert entry.object_repr == "张清波" and entry.org_id == district.qingbo.pk


def test_reveal_without_reason_shows_nothing(login, district):
    page = login("qingbo_admin").post(reverse("workers:worker-reveal", args=[district.qingbo_worker.pk]), {"reason": ""}).content.decode()
    assert district.qingbo_worker.id_number not in page
    assert not AuditEntry.objects.filter(action=Action.REVEAL, result="成功").exists()


def test_viewer_cannot_reveal(login, district):
    response = login("qingbo_viewer").post(reverse("workers:worker-reveal", args=[district.qingbo_worker.pk]), {"reason": "想看"})
    assert response.status_code == 403
    assert district.qingbo_worker.id_number not in response.content.decode()


def test_create_worker_derives_gender_and_birth_and_refuses_bad_ids(login, district):
    client = login("qingbo_admin")
    good = make_id_number(born="19850615", seq="452")
    data = {"name": "新职工", "employer": district.qingbo_employer.pk, "labour_contract": "已签订", "status": "在职"}
    bad = client.post(reverse("workers:worker-create"), {**data, "id_number": good[:17] + ("1" if good[17] != "1" else "2")})
    assert "校验位错误" in bad.content.decode()
    client.post(reverse("workers:worker-create"), {**data, "id_number": good})
    worker = Worker.objects.get(name="新职工")
    assert worker.gender == "女" and str(worker.birth_date) == "1985-06-15"
    assert worker.node_id == district.qingbo_union.pk


def test_worker_cannot_be_placed_at_a_sibling_streets_employer(login, district):
    response = login("qingbo_admin").post(reverse("workers:worker-create"), {
        "name": "越界", "id_number": make_id_number(seq="777"), "employer": district.hubin_employer.pk,
        "labour_contract": "已签订", "status": "在职",
    })
    assert response.status_code == 200 and not Worker.objects.filter(name="越界").exists()


def test_edit_keeps_the_id_when_left_blank_and_history_masks_personal_data(login, district):
    client = login("qingbo_admin")
    w = district.qingbo_worker
    form_page = client.get(reverse("workers:worker-edit", args=[w.pk])).content.decode()
    assert w.id_number not in form_page
    client.post(reverse("workers:worker-edit", args=[w.pk]), {
        "name": "张清波", "id_number": "", "employer": w.employer_id, "mobile": "13900001111",
        "labour_contract": "已签订", "status": "在职", "is_member": "on",
    })
    w.refresh_from_db()
    assert w.mobile == "13900001111" and w.id_number == district.qingbo_worker.id_number
    detail = client.get(reverse("workers:worker-detail", args=[w.pk])).content.decode()
    assert "手机号" in detail and "139****1111" in detail and "13900001111" not in detail
    entry = AuditEntry.objects.get(action=Action.UPDATE, object_repr="张清波")
    assert entry.detail["手机号"] == ["138****5678", "139****1111"]


def _add_workers(district, n: int, start: int) -> None:
    for i in range(start, start + n):
        w = Worker(
            name=f"批量{i}", id_number=make_id_number(born="19920202", seq=f"{i:03d}"), employer=district.qingbo_employer,
            node=district.qingbo_employer.node, labour_contract="已签订",
        )
        w.derive_from_id()
        w.save()


@pytest.mark.parametrize("url_name", ["workers:worker-list", "orgs:employer-list", "orgs:org-list", "orgs:tree"])
def test_list_pages_run_the_same_number_of_queries_as_rows_grow(login, district, url_name):
    client = login("district_admin")
    url = reverse(url_name)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _add_workers(district, 60, 100)
    from conftest import make_credit_code
    from orgs.models import Employer, EmployerType, Org, OrgType

    for i in range(10):
        union = Org.objects.add_child(district.hubin, instance=Org(name=f"湖滨新工会{i}", org_type=OrgType.GRASSROOTS))
        Employer.objects.create(
            name=f"湖滨新单位{i}", credit_code=make_credit_code(f"91330102MA2C{i:05d}"), employer_type=EmployerType.ENTERPRISE,
            street=district.hubin, union=union, node=union,
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many]


def test_partial_id_search_matches_only_the_region_code(login, district):
    w = district.qingbo_worker
    client = login("qingbo_viewer")
    url = reverse("workers:worker-list")
    region = client.get(url, {"q": w.id_number[:6]}).content.decode()
    right_prefix = client.get(url, {"q": w.id_number[:10]}).content.decode()
    wrong_prefix = client.get(url, {"q": w.id_number[:6] + "2000"}).content.decode()
    # digits past the region code find nobody, right or wrong: guessing them reveals nothing
    assert "张清波" in region
    assert "张清波" not in right_prefix and "张清波" not in wrong_prefix


def test_edit_form_does_not_echo_the_mobile_and_blank_keeps_it(login, district):
    client = login("qingbo_admin")
    w = district.qingbo_worker
    assert "13812345678" not in client.get(reverse("workers:worker-edit", args=[w.pk])).content.decode()
    client.post(reverse("workers:worker-edit", args=[w.pk]), {
        "name": "张清波新", "id_number": "", "mobile": "", "employer": w.employer_id,
        "labour_contract": "已签订", "status": "在职", "is_member": "on",
    })
    w.refresh_from_db()
    assert w.name == "张清波新" and w.mobile == "13812345678"


def test_changing_the_id_keeps_the_birth_date_masked_in_the_audit_log(login, district):
    w = district.qingbo_worker
    login("qingbo_admin").post(reverse("workers:worker-edit", args=[w.pk]), {
        "name": w.name, "id_number": make_id_number(born="19850615", seq="453"), "employer": w.employer_id,
        "labour_contract": "已签订", "status": "在职",
    })
    detail = AuditEntry.objects.get(action=Action.UPDATE).detail
    assert detail["出生日期"] == ["1990-**-**", "1985-**-**"]
