"""The generic register pages (registers/record_views.py) work for the contract registers: the
same checks as an import, the parties written after the record, the stage moved with a reason."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from contracts.models import Contract, Stage
from workflows.models import Transition

from .conftest import make_contract, make_instructor


def test_list_detail_and_forms_of_both_registers_answer(district, login):
    instructor = make_instructor(district.qingbo, liaison=district.qingbo)
    contract = make_contract("QY2024-0001", [district.qingbo_no_union, district.qingbo_employer], instructor=instructor,
                             contract_type="区域性集体合同")
    client = login("qingbo_admin")
    for slug, pk in (("contracts", contract.pk), ("instructors", instructor.pk)):
        for name, kwargs in (("registers:record-list", {"slug": slug}), ("registers:record-detail", {"slug": slug, "pk": pk}),
                             ("registers:record-edit", {"slug": slug, "pk": pk}), ("registers:record-create", {"slug": slug})):
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, (slug, name)
    page = client.get(reverse("registers:record-detail", kwargs={"slug": "contracts", "pk": contract.pk})).content.decode()
    assert "已签订待报送" in page and reverse("contracts:employer", args=[district.qingbo_no_union.pk]) in page


def test_an_edit_through_the_page_rewrites_the_parties(district, login):
    contract = make_contract("QY2024-0001", [district.qingbo_no_union, district.qingbo_employer], contract_type="区域性集体合同")
    client = login("qingbo_admin")
    url = reverse("registers:record-edit", kwargs={"slug": "contracts", "pk": contract.pk})
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data[form.by_column["签约单位"]] = "清波示范科技有限公司"
    assert client.post(url, data).status_code == 302
    contract.refresh_from_db()
    assert list(contract.parties.all()) == [district.qingbo_employer] and contract.node == district.qingbo_union


def test_the_page_moves_the_stage_with_the_date_it_needs(district, login):
    contract = make_contract("JT2024-0001", [district.qingbo_employer], signed_on=dt.date(2024, 3, 1))
    url = reverse("registers:record-move", kwargs={"slug": "contracts", "pk": contract.pk}) + "?to=已报送"
    response = login("qingbo_admin").post(url, {"to": "已报送", "reason": "报区人社局", "submitted_on": "2024-03-06"})
    assert response.status_code == 302
    contract = Contract.objects.get(pk=contract.pk)
    assert (contract.stage, contract.submitted_on) == (Stage.SUBMITTED, dt.date(2024, 3, 6))
    assert Transition.objects.get(object_id=contract.pk).reason == "报区人社局"
