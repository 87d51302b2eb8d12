"""The registers' JSON API: rows masked and scoped, one record with its workflow, and moves
refused or recorded exactly as on the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from proposals.models import Proposal
from workflows.models import Transition, Via


@pytest.fixture
def proposal(district):
    return Proposal.objects.create(number="JY-9", title="改进排班", proposer="张清波", id_number=district.qingbo_worker.id_number,
                                   employer=district.qingbo_employer, submitted_on=dt.date(2025, 3, 1), node=district.qingbo_union)


def test_rows_are_masked_and_scoped(login, proposal):
    body = login("qingbo_admin").get(reverse("api:register-rows", args=["proposals"])).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["建议编号"] == "JY-9" and row["提出人身份证号"] != proposal.id_number and "*" in row["提出人身份证号"]
    assert login("hubin_admin").get(reverse("api:register-rows", args=["proposals"])).json()["count"] == 0
    assert login("hubin_admin").get(reverse("api:register-record", args=["proposals", proposal.pk])).status_code == 404


def test_an_illegal_move_is_refused_in_chinese_and_a_legal_one_recorded(login, proposal):
    client = login("qingbo_admin")
    url = reverse("api:register-move", args=["proposals", proposal.pk])
    refused = client.post(url, {"to": "已实施", "changes": {"benefit": "3"}}, content_type="application/json")
    assert refused.status_code == 400 and "状态不能从“已提交”直接变为“已实施”" in refused.json()["detail"]
    ok = client.post(url, {"to": "审核中", "reason": "转技术科"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["state"] == "审核中" and ok.json()["next_states"] == ["已采纳", "未采纳"]
    step = Transition.objects.get(object_id=proposal.pk)
    assert (step.via, step.reason, step.username) == (Via.API, "转技术科", "qingbo_admin")


def test_a_viewer_cannot_move_and_a_sibling_cannot_see(login, proposal):
    url = reverse("api:register-move", args=["proposals", proposal.pk])
    assert login("qingbo_viewer").post(url, {"to": "审核中"}, content_type="application/json").status_code == 403
    assert login("hubin_admin").post(url, {"to": "审核中"}, content_type="application/json").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "已提交"
