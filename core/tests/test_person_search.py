"""Searching by 身份证号 on every register that holds one: a role that may not reveal the number
cannot confirm a guess on any list page, export or API route; a role that may reveal it looks a
full number up only with a reason, audited; no audit entry keeps a number in clear."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from audit.models import Action, AuditEntry
from conftest import make_id_number
from core.filters import PersonSearchFilter
from core.masking import mask_id_number
from registers.catalog import registers

HELD_BY = "张清波"  # district.qingbo_worker: the number every register's record below holds
CANDIDATE = make_id_number(born="19900101", seq="999")  # a valid number no one holds


def _entry(d: Any, number: str) -> Any:
    from contests.models import Competition, Entry

    competition = Competition.objects.create(name="清波技能赛", year=2024, contest_type="技能竞赛", level="街道",
                                             organisers="清波街道总工会", host_org=d.qingbo, node=d.qingbo)
    return Entry.objects.create(competition=competition, item="焊工", name=HELD_BY, id_number=number, node=d.qingbo)


def _course(d: Any) -> Any:
    from training.models import Course

    return Course.objects.create(name="清波焊工培训", category="技术培训", organisers="清波街道总工会",
                                 start_date=dt.date(2024, 3, 1), host_org=d.qingbo, node=d.qingbo)


def _attendance(d: Any, number: str) -> Any:
    from training.models import Attendance

    return Attendance.objects.create(course=_course(d), name=HELD_BY, id_number=number, node=d.qingbo)


def _certificate(d: Any, number: str) -> Any:
    from training.models import Certificate

    return Certificate.objects.create(number="ZS-0001", name=HELD_BY, id_number=number, title="焊工证",
                                      issued_on=dt.date(2024, 5, 1), node=d.qingbo)


def _honour(d: Any, number: str) -> Any:
    from honours.models import Honour

    honour = Honour(name=HELD_BY, honour_type="知识型职工", level="区级", year=2023, id_number=number)
    honour.set_unit(d.qingbo_employer)
    honour.derive_keys()
    honour.save()
    return honour


def _proposal(d: Any, number: str) -> Any:
    from proposals.models import Proposal

    proposal = Proposal(number="JY-0001", title="节能改造", proposer=HELD_BY, id_number=number,
                        submitted_on=dt.date(2024, 3, 1))
    proposal.party = d.qingbo_employer
    proposal.node_id = proposal.owning_node_id()
    proposal.save()
    return proposal


def _instructor(d: Any, number: str) -> Any:
    from contracts.models import Instructor

    return Instructor.objects.create(name=HELD_BY, id_number=number, appointed_on=dt.date(2020, 1, 1), node=d.qingbo)


def _contract(d: Any, number: str) -> Any:
    from contracts.models import Contract, ContractParty

    contract = Contract.objects.create(
        number="HT-0001", contract_type="综合性集体合同", signing_mode="新签", party_codes=d.qingbo_employer.credit_code,
        signed_on=dt.date(2024, 3, 1), term_years=3, covered_workers=3, instructor=_instructor(d, number),
        node=d.qingbo_employer.node,
    )
    ContractParty.objects.create(contract=contract, employer=d.qingbo_employer, position=0)
    return contract


def _case(d: Any, number: str) -> Any:
    from mediation.models import Case, MediationOrg

    committee = MediationOrg.objects.create(name="清波街道调解委员会", level="街道调解委员会", org=d.qingbo,
                                            node=d.qingbo, founded_on=dt.date(2015, 1, 1))
    return Case.objects.create(number="2024劳调00001", applicant=HELD_BY, applicant_id_number=number,
                               respondent_employer=d.qingbo_employer, dispute_type="劳动报酬",
                               applied_on=dt.date(2024, 1, 5), mediation_org=committee, node=d.qingbo)


def _application(d: Any, number: str) -> Any:
    from assistance.models import Application

    return Application.objects.create(number="JZ-0001", applicant=HELD_BY, id_number=number, kind="医疗救助",
                                      applied_on=dt.date(2024, 3, 1), node=d.qingbo)


def _member(d: Any, number: str) -> Any:
    from members.models import Member

    return Member.objects.create(name=HELD_BY, id_number=number, node=d.qingbo, joined_on=dt.date(2024, 3, 1),
                                 status="在籍")


#: a record holding the number, for every register with a 身份证号 column (the worker holds its own)
HOLDERS: dict[str, Callable[[Any, str], Any]] = {
    "workers": lambda d, number: d.qingbo_worker, "entries": _entry, "attendance": _attendance,
    "certificates": _certificate, "honours": _honour, "proposals": _proposal, "instructors": _instructor,
    "contracts": _contract, "cases": _case, "assistance": _application,
    "members": _member,
}


def _holds_id_numbers(register: Any) -> bool:
    return any(c.mask is mask_id_number for c in register.columns)


PERSON_REGISTERS = sorted(slug for slug, r in registers().items() if _holds_id_numbers(r))


def test_every_register_holding_id_numbers_has_a_record_builder_here():
    assert set(PERSON_REGISTERS) == set(HOLDERS)


def _searches_people(slug: str) -> bool:
    filterset = registers()[slug].filterset
    return filterset is not None and isinstance(filterset.base_filters.get("q"), PersonSearchFilter)


def _list_url(slug: str) -> str:
    return registers()[slug].list_page


def _table(html: str) -> str:
    """The rows of the list (the last table body: a register's due box comes before it)."""
    return re.findall(r"<tbody>.*?</tbody>", html, re.S)[-1]


def _found(html: str) -> bool:
    return "<tr" in _table(html) and 'class="muted"' not in _table(html)


def _sheet(response: Any) -> list[list]:
    content = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def _answers(client: Any, slug: str, query: dict[str, str]) -> tuple[str, list[list], Any]:
    """What the list page's rows, the export's rows and the API's rows are for one search."""
    page = client.get(_list_url(slug), query)
    export = client.get(reverse("registers:export", args=[slug]), query)
    api = client.get(reverse("api:register-rows", args=[slug]), query)
    assert page.status_code == export.status_code == api.status_code == 200
    return _table(page.content.decode()), _sheet(export), api.json()


@pytest.mark.parametrize("slug", PERSON_REGISTERS)
def test_a_viewer_cannot_confirm_a_candidate_number(login, district, slug):
    held = district.qingbo_worker.id_number
    HOLDERS[slug](district, held)
    viewer = login("qingbo_viewer")
    for query in ({"q": held}, {"q": held, "reason": "核实身份"}, {"q": f" {held} "}, {"q": held[:10]}):
        guessed = {**query, "q": query["q"].replace(held[: len(query["q"].strip())], CANDIDATE[: len(query["q"].strip())])}
        assert _answers(viewer, slug, query) == _answers(viewer, slug, guessed), query
    # the region code, which the masked number shows, still finds the record where people are searched
    if _searches_people(slug):
        assert _found(viewer.get(_list_url(slug), {"q": held[:6]}).content.decode())
        # typed in full-width digits (a Chinese input method), the region code finds it too
        full_width = held[:6].translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
        assert _found(viewer.get(_list_url(slug), {"q": full_width}).content.decode())


@pytest.mark.parametrize("slug", [s for s in PERSON_REGISTERS if _searches_people(s)])
def test_an_admin_looks_up_a_full_number_only_with_a_reason_and_it_is_audited(login, district, slug):
    held = district.qingbo_worker.id_number
    HOLDERS[slug](district, held)
    admin = login("qingbo_admin")
    without = admin.get(_list_url(slug), {"q": held}).content.decode()
    assert not _found(without) and "请填写查询原因" in without and 'name="reason"' in without
    assert not AuditEntry.objects.filter(action=Action.REVEAL).exists()
    assert _found(admin.get(_list_url(slug), {"q": held, "reason": "核实帮扶对象"}).content.decode())
    api = admin.get(reverse("api:register-rows", args=[slug]), {"q": held, "reason": "核实帮扶对象"}).json()
    assert api["count"] == 1
    entries = AuditEntry.objects.filter(action=Action.REVEAL, username="qingbo_admin")
    assert entries.count() == 2
    entry = entries.first()
    assert entry.detail == {"原因": "核实帮扶对象", "查询": mask_id_number(held)}
    assert held not in entry.object_repr and mask_id_number(held) in entry.object_repr


def test_a_viewer_is_told_why_a_long_number_finds_nothing(login, district):
    held = district.qingbo_worker.id_number
    page = login("qingbo_viewer").get(reverse("workers:worker-list"), {"q": held}).content.decode()
    assert "只能按身份证号前 6 位（地区码）查询" in page and not _found(page)


def test_a_case_number_that_starts_with_digits_is_still_found(login, district):
    _case(district, district.qingbo_worker.id_number)
    page = login("qingbo_viewer").get(_list_url("cases"), {"q": "2024劳调"}).content.decode()
    assert _found(page) and "地区码" not in page


def test_the_audit_log_after_searches_and_exports_holds_no_full_number(login, district):
    held = district.qingbo_worker.id_number
    mobile = district.qingbo_worker.mobile
    for persona in ("qingbo_viewer", "qingbo_admin"):
        client = login(persona)
        for slug in ("workers", "entries", "assistance"):
            for query in ({"q": f" {held}"}, {"q": held, "reason": f"核实 {held}"}, {"q": held[:14]}, {"q": mobile}):
                client.get(_list_url(slug), query)
                client.get(reverse("registers:export", args=[slug]), query)
                client.get(reverse("api:register-rows", args=[slug]), query)
    log = " ".join(f"{e.object_repr} {e.detail}" for e in AuditEntry.objects.all())
    assert AuditEntry.objects.filter(action=Action.EXPORT).count() == 2 * 3 * 4
    for secret in (held, held[:14], mobile):
        assert secret not in log
    assert mask_id_number(held) in log


def _masked_list_columns(slug: str) -> list[str]:
    return [f"c{i}" for i, c in enumerate(registers()[slug].list_columns) if c.mask]


@pytest.mark.parametrize("slug", [s for s in sorted(registers()) if not registers()[s].list_url and _masked_list_columns(s)])
def test_a_list_cannot_be_sorted_by_a_masked_number(login, district, slug):
    """Sorted by full numbers, two masked rows would say whose birth date comes first."""
    page = login("qingbo_viewer").get(_list_url(slug)).content.decode()
    assert "sort=" in page  # the other columns still sort
    for key in _masked_list_columns(slug):
        assert f"sort={key}" not in page and f"sort=-{key}" not in page
