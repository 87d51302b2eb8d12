"""The pages every declared register gets: list, detail, create/edit with the import's own checks,
conflicting edits, delete, and workflow moves (here on the mediation registers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from registers.catalog import get_register, registers
from registers.imports import import_file
from workflows.models import Transition

from .files import xlsx

GENERIC = sorted(slug for slug, r in registers().items() if not r.list_url and r.model is not None)


def form_data(slug: str, cells: dict[str, str], **extra: str) -> dict[str, str]:
    """{header: text} → the form's POST data (one field per register column, c0, c1…)."""
    headers = get_register(slug).headers
    return {f"c{headers.index(h)}": v for h, v in cells.items()} | extra


ORG_CELLS = {"名称": "清波街道劳动争议调解委员会", "层级": "街道调解委员会", "所属组织或单位": "清波街道总工会", "成立日期": "2015-03-01"}


@pytest.fixture
def committee(login):
    client = login("qingbo_admin")
    response = client.post(reverse("registers:record-create", args=["mediation_orgs"]), form_data("mediation_orgs", ORG_CELLS))
    assert response.status_code == 302, response.content.decode()
    from mediation.models import MediationOrg

    return MediationOrg.objects.get(name=ORG_CELLS["名称"])


@pytest.mark.parametrize("slug", GENERIC)
def test_every_register_has_a_list_and_a_form(login, district, slug):
    client = login("district_admin")
    page = client.get(reverse("registers:record-list", args=[slug]))
    assert page.status_code == 200 and get_register(slug).label in page.content.decode()
    form = client.get(reverse("registers:record-create", args=[slug]))
    assert form.status_code == 200
    assert all(header in form.content.decode() for header in get_register(slug).headers)


def test_a_form_creates_the_record_with_history_and_audit(committee, district):
    assert committee.node == district.qingbo
    assert list(committee.history.values_list("history_type", "history_user__username")) == [("+", "qingbo_admin")]
    assert AuditEntry.objects.filter(action=Action.CREATE, object_repr=committee.name).exists()


def test_a_form_refuses_what_an_import_refuses_with_the_same_words(login, district, personas):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    bad = ORG_CELLS | {"成立日期": future, "所属组织或单位": "湖滨街道总工会"}
    _, problems = import_file(user=personas["qingbo_admin"], register=get_register("mediation_orgs"), file_name="x.xlsx",
                              data=xlsx([list(bad), list(bad.values())]))
    reasons = {p.column: p.reason for p in problems}
    assert set(reasons) == {"成立日期", "所属组织或单位"}
    page = login("qingbo_admin").post(reverse("registers:record-create", args=["mediation_orgs"]), form_data("mediation_orgs", bad))
    text = page.content.decode()
    assert page.status_code == 200 and all(reason in text for reason in reasons.values())
    from mediation.models import MediationOrg

    assert not MediationOrg.objects.exists()


def test_a_form_does_not_overwrite_an_existing_key(login, committee):
    page = login("qingbo_admin").post(reverse("registers:record-create", args=["mediation_orgs"]), form_data("mediation_orgs", ORG_CELLS))
    assert "已有名称为“清波街道劳动争议调解委员会”的调解组织记录" in page.content.decode()


def test_an_edit_over_someone_elses_save_is_a_conflict_not_an_overwrite(login, committee):
    client = login("qingbo_admin")
    url = reverse("registers:record-edit", args=["mediation_orgs", committee.pk])
    form = client.get(url).context["form"]
    version = form.initial["version"]
    # someone else saves first
    first = client.post(url, form_data("mediation_orgs", ORG_CELLS | {"成立日期": "2016-01-01"}, version=version))
    assert first.status_code == 302
    second = client.post(url, form_data("mediation_orgs", ORG_CELLS | {"成立日期": "2017-01-01"}, version=version))
    assert "已被他人修改" in second.content.decode()
    committee.refresh_from_db()
    assert committee.founded_on == dt.date(2016, 1, 1)


def test_sibling_street_gets_nothing(login, committee):
    client = login("hubin_admin")
    assert client.get(reverse("registers:record-detail", args=["mediation_orgs", committee.pk])).status_code == 404
    assert client.get(reverse("registers:record-edit", args=["mediation_orgs", committee.pk])).status_code == 404
    assert committee.name not in client.get(reverse("registers:record-list", args=["mediation_orgs"])).content.decode()
    assert client.post(reverse("registers:record-delete", args=["mediation_orgs", committee.pk])).status_code == 404


def test_a_case_moves_through_its_workflow_from_its_page(login, district, committee):
    client = login("qingbo_admin")
    cells = {"案件编号": "2026劳调0001", "申请人": "张清波", "被申请单位": district.qingbo_employer.name, "争议类型": "劳动报酬",
             "申请日期": "2026-01-05", "调解组织": committee.name, "状态": "已申请"}
    created = client.post(reverse("registers:record-create", args=["cases"]), form_data("cases", cells))
    assert created.status_code == 302
    from mediation.models import Case

    case = Case.objects.get(number="2026劳调0001")
    move = reverse("registers:record-move", args=["cases", case.pk])
    assert client.get(move + "?to=调解成功").status_code == 404  # not a next step of 已申请
    refused = client.post(move, {"to": "已受理", "reason": "材料齐全"})  # 受理日期 is asked for
    assert refused.status_code == 200 and "须填写受理日期" in refused.content.decode()  # once, with the rule's reason
    done = client.post(move, {"to": "已受理", "reason": "材料齐全", "accepted_on": "2026-01-06"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == "已受理" and case.accepted_on == dt.date(2026, 1, 6)
    last = Transition.objects.filter(object_id=case.pk).order_by("id").last()
    assert (last.from_state, last.to_state, last.reason, last.username) == ("已申请", "已受理", "材料齐全", "qingbo_admin")
    page = client.get(reverse("registers:record-detail", args=["cases", case.pk])).content.decode()
    assert "材料齐全" in page and "已受理" in page
    # the edit form leaves the state to the workflow
    assert "c10" not in client.get(reverse("registers:record-edit", args=["cases", case.pk])).context["form"].fields


def test_a_viewer_reads_but_cannot_write(login, committee):
    client = login("qingbo_viewer")
    assert client.get(reverse("registers:record-detail", args=["mediation_orgs", committee.pk])).status_code == 200
    assert client.get(reverse("registers:record-edit", args=["mediation_orgs", committee.pk])).status_code == 403
    assert client.get(reverse("registers:record-create", args=["mediation_orgs"])).status_code == 403


def test_editing_a_workflow_record_keeps_its_state(login, district, committee):
    client = login("qingbo_admin")
    cells = {"案件编号": "2026劳调0002", "申请人": "张清波", "被申请单位": district.qingbo_employer.credit_code, "争议类型": "劳动报酬",
             "申请日期": "2026-01-05", "调解组织": committee.name, "状态": "已申请"}
    client.post(reverse("registers:record-create", args=["cases"]), form_data("cases", cells))
    from mediation.models import Case

    case = Case.objects.get(number="2026劳调0002")
    url = reverse("registers:record-edit", args=["cases", case.pk])
    version = client.get(url).context["form"].initial["version"]
    edited = {k: v for k, v in cells.items() if k != "状态"} | {"申请人": "张晓波"}
    assert client.post(url, form_data("cases", edited, version=version)).status_code == 302
    case.refresh_from_db()
    assert (case.applicant, case.status) == ("张晓波", "已申请")
    # the list and the page show the employer by name, not by the code the export writes
    assert district.qingbo_employer.name in client.get(reverse("registers:record-list", args=["cases"])).content.decode()


def test_a_list_sums_what_it_shows(login, district):
    from honours.models import Facility

    for name, funds, node, employer in (("书屋一", "2.50", district.qingbo_union, district.qingbo_employer),
                                        ("书屋二", "1.25", district.qingbo_union, district.qingbo_employer),
                                        ("湖滨书屋", "9", district.hubin_union, district.hubin_employer)):
        Facility.objects.create(facility_type="职工书屋", name=name, employer=employer, unit_key=f"单位:{employer.pk}",
                                built_on=dt.date(2020, 1, 1), funds=funds, node=node)
    page = login("qingbo_admin").get(reverse("registers:record-list", args=["facilities"])).content.decode()
    assert "专项经费合计：<strong>3.75 万元</strong>" in page and "湖滨书屋" not in page


def test_a_changed_applicant_id_is_masked_in_the_history_and_the_audit_log(login, district, committee):
    from conftest import make_id_number

    first, second = make_id_number(born="19880808", seq="311"), make_id_number(born="19880808", seq="422")
    client = login("qingbo_admin")
    cells = {"案件编号": "2026劳调0003", "申请人": "张清波", "申请人身份证号": first, "被申请单位": district.qingbo_employer.credit_code,
             "争议类型": "劳动报酬", "申请日期": "2026-01-05", "调解组织": committee.name, "状态": "已申请"}
    client.post(reverse("registers:record-create", args=["cases"]), form_data("cases", cells))
    from mediation.models import Case

    case = Case.objects.get(number="2026劳调0003")
    url = reverse("registers:record-edit", args=["cases", case.pk])
    version = client.get(url).context["form"].initial["version"]
    edited = {k: v for k, v in cells.items() if k != "状态"} | {"申请人身份证号": second}
    assert client.post(url, form_data("cases", edited, version=version)).status_code == 302
    page = login("qingbo_viewer").get(reverse("registers:record-detail", args=["cases", case.pk])).content.decode()
    assert first not in page and second not in page and first[:6] + "********" + first[-4:] in page
    assert not any(first in str(e.detail) or second in str(e.detail) for e in AuditEntry.objects.all())
