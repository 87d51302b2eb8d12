"""The assessment workflow through the one move(): every legal and illegal step, who may make it
(the street scores first, the district scores, decides and revokes; a sibling street gets nothing),
the score frozen at each step and at the decision, and the honour the name writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import Action, AuditEntry
from harmony.choices import Status
from harmony.models import Assessment, ReviewStep
from harmony.rules import EDGES
from honours.models import Honour
from mediation.models import Case, MediationLevel, MediationOrg
from workflows.models import Transition
from workflows.services import move

from .factories import assessment, changes_for, reach, scoring_table

pytestmark = pytest.mark.django_db

# from, to, who
LEGAL = [
    (Status.APPLIED, Status.STREET_REVIEWED, "qingbo_admin"),
    (
        Status.APPLIED,
        Status.STREET_REVIEWED,
        "district_admin",
    ),  # a level above may act for the street
    (Status.STREET_REVIEWED, Status.DISTRICT_REVIEWED, "district_admin"),
    (Status.DISTRICT_REVIEWED, Status.NAMED, "district_admin"),
    (Status.DISTRICT_REVIEWED, Status.FAILED, "district_admin"),
    (Status.NAMED, Status.REVOKED, "district_admin"),
]


def _transitions(record) -> list[tuple]:
    return list(
        Transition.objects.filter(
            content_type=ContentType.objects.get_for_model(Assessment),
            object_id=record.pk,
        ).values_list("from_state", "to_state", "user__username")
    )


@pytest.mark.parametrize(("old", "new", "persona"), LEGAL)
def test_each_legal_step_is_made_by_its_level_recorded_and_audited(
    district, personas, old, new, persona
):
    scoring_table(district)
    record = reach(assessment(district), old, personas["district_admin"])
    before = len(_transitions(record))
    saved = move(
        record,
        new,
        user=personas[persona],
        reason="未达标" if new == Status.FAILED else "意见",
        changes=changes_for(new),
    )
    assert saved.status == new == Assessment.objects.get().status
    assert _transitions(record)[before:] == [(old, new, persona)]
    assert AuditEntry.objects.filter(action=Action.TRANSITION, username=persona).exists()


ILLEGAL = [
    (old, new)
    for old in Status.values
    for new in Status.values
    if old != new and new not in EDGES.get(old, ())
]


@pytest.mark.parametrize(("old", "new"), ILLEGAL)
def test_each_illegal_step_is_refused_in_chinese_and_changes_nothing(district, personas, old, new):
    scoring_table(district)
    record = reach(assessment(district), old, personas["district_admin"])
    with pytest.raises(ValidationError) as refusal:
        move(record, new, user=personas["district_admin"], reason="理由", changes=changes_for(new))
    assert f"状态不能从“{old}”直接变为“{new}”" in str(refusal.value)
    assert Assessment.objects.get().status == old


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (Status.STREET_REVIEWED, Status.DISTRICT_REVIEWED),
        (Status.DISTRICT_REVIEWED, Status.NAMED),
        (Status.DISTRICT_REVIEWED, Status.FAILED),
        (Status.NAMED, Status.REVOKED),
    ],
)
def test_the_street_may_not_make_the_districts_steps(district, personas, old, new):
    scoring_table(district)
    record = reach(assessment(district), old, personas["district_admin"])
    with pytest.raises(PermissionDenied, match="只能由区总工会的管理员办理"):
        move(record, new, user=personas["qingbo_admin"], reason="理由", changes=changes_for(new))
    assert Assessment.objects.get().status == old


def test_the_employers_union_may_declare_but_not_review(district, personas):
    scoring_table(district)
    record = assessment(district)
    with pytest.raises(
        PermissionDenied, match="街道初审只能由街道（系统）工会或区总工会的管理员办理"
    ):
        move(record, Status.STREET_REVIEWED, user=personas["union_admin"])


@pytest.mark.parametrize("persona", ["hubin_admin", "qingbo_viewer"])
def test_a_sibling_street_or_a_viewer_moves_nothing(district, personas, persona):
    scoring_table(district)
    record = assessment(district)
    with pytest.raises(PermissionDenied):
        move(record, Status.STREET_REVIEWED, user=personas[persona])
    assert Assessment.objects.get().status == Status.APPLIED and not ReviewStep.objects.exists()


def test_a_sibling_street_gets_404_on_every_page_of_the_assessment(district, login):
    record = assessment(district)
    client = login("hubin_admin")
    for url in (
        reverse("harmony:assessment", args=[record.pk]),
        reverse("registers:record-detail", args=["assessments", record.pk]),
        reverse("registers:record-move", args=["assessments", record.pk]) + "?to=街道初审",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("harmony:mark", args=[record.pk])).status_code == 404
    assert (
        not client.get(reverse("registers:record-list", args=["assessments"]))
        .context["page"]
        .object_list
    )


def test_no_step_scores_before_the_years_table_is_entered(district, personas):
    record = assessment(district)
    with pytest.raises(ValidationError, match="2024年度的评分表尚未制定"):
        move(record, Status.STREET_REVIEWED, user=personas["qingbo_admin"])
    assert Assessment.objects.get().status == Status.APPLIED


def test_each_scored_step_freezes_its_items_and_score(district, personas):
    scoring_table(district)
    record = reach(assessment(district), Status.STREET_REVIEWED, personas["qingbo_admin"])
    step = ReviewStep.objects.get()
    # 清波示范科技: 3 在职 workers, all signed, 2 members (66.7 %), a union; no contract, no mediation org
    assert record.street_score == step.score == Decimal("40.0")
    assert {i["name"]: i["score"] for i in step.items}["入会率达标"] == "10.0"
    assert step.username == "qingbo_admin" and step.as_of == dt.date(2024, 12, 31)


def test_the_score_is_frozen_at_the_decision_whatever_the_registers_say_after(
    district, personas, login
):
    scoring_table(district)
    admin = personas["district_admin"]
    record = reach(assessment(district), Status.DISTRICT_REVIEWED, admin)
    assert record.district_score == Decimal("40.0")
    # a dispute against the employer arrives after the district's review: it does not move the score
    committee = MediationOrg.objects.create(
        name="清波调委会",
        level=MediationLevel.STREET,
        org=district.qingbo,
        founded_on=dt.date(2015, 1, 1),
        node=district.qingbo,
    )
    Case.objects.create(
        number="2024劳调1",
        applicant="张清波",
        respondent_employer=district.qingbo_employer,
        dispute_type="劳动报酬",
        applied_on=dt.date(2024, 6, 1),
        mediation_org=committee,
        status="已申请",
        node=district.qingbo,
    )
    record = move(record, Status.NAMED, user=admin, changes=changes_for(Status.NAMED))
    decision = ReviewStep.objects.get(step=Status.NAMED)
    assert decision.score == record.district_score == Decimal("40.0")
    # and later changes to the registers leave every frozen step alone
    district.qingbo_employer.workers.update(labour_contract="未签订")
    record.refresh_from_db()
    assert record.district_score == Decimal("40.0")
    assert list(ReviewStep.objects.values_list("step", "score")) == [
        (Status.STREET_REVIEWED, Decimal("40.0")),
        (Status.DISTRICT_REVIEWED, Decimal("40.0")),
        (Status.NAMED, Decimal("40.0")),
    ]
    page = login("district_admin").get(
        reverse("registers:record-detail", args=["assessments", record.pk])
    )
    assert "区总评审（" in page.text and "得分 40.0，合格分 40.0" in page.text


def test_a_score_under_the_pass_mark_cannot_be_named_but_may_fail(district, personas):
    scoring_table(district, passing="60")
    admin = personas["district_admin"]
    record = reach(assessment(district), Status.DISTRICT_REVIEWED, admin)
    with pytest.raises(ValidationError, match="区总评审得分 40.0 未达到合格分 60.0，不能命名"):
        move(record, Status.NAMED, user=admin, changes=changes_for(Status.NAMED))
    assert not Honour.objects.exists()
    assert move(record, Status.FAILED, user=admin, reason="得分未达合格分").status == Status.FAILED


@pytest.mark.parametrize("level", ["区级", "市级"])
def test_naming_writes_exactly_one_honour_and_revocation_sets_its_year(district, personas, level):
    scoring_table(district)
    admin = personas["district_admin"]
    record = reach(assessment(district, level=level), Status.NAMED, admin)
    honour = Honour.objects.get()
    assert (
        honour.honour_type,
        honour.level,
        honour.year,
        honour.employer,
        honour.name,
        honour.revoked_year,
    ) == (
        "劳动关系和谐企业",
        level,
        2025,
        district.qingbo_employer,
        district.qingbo_employer.name,
        None,
    )
    assert record.honour == honour and honour.node == district.qingbo_union
    record = move(record, Status.REVOKED, user=admin, changes=changes_for(Status.REVOKED))
    honour.refresh_from_db()
    assert (
        Honour.objects.count() == 1
        and honour.revoked_year == 2025
        and record.revoke_reason == "发生集体劳动争议"
    )


def test_a_higher_bodys_name_needs_its_document_number(district, personas):
    scoring_table(district)
    admin = personas["district_admin"]
    record = reach(assessment(district, level="省级"), Status.DISTRICT_REVIEWED, admin)
    with pytest.raises(ValidationError, match="命名文号"):
        move(
            record,
            Status.NAMED,
            user=admin,
            changes={"named_on": dt.date(2025, 1, 20), "named_doc": ""},
        )
    assert (
        not Honour.objects.exists() and Assessment.objects.get().status == Status.DISTRICT_REVIEWED
    )


def test_naming_links_an_honour_already_registered_instead_of_writing_another(district, personas):
    scoring_table(district)
    employer = district.qingbo_employer
    imported = Honour(honour_type="劳动关系和谐企业", name=employer.name, level="区级", year=2025)
    imported.set_unit(employer)
    imported.save()
    record = reach(assessment(district), Status.NAMED, personas["district_admin"])
    assert Honour.objects.count() == 1 and record.honour == imported


def test_the_api_and_the_move_page_refuse_a_step_of_another_level_and_make_one_of_theirs(
    district, personas, client
):
    scoring_table(district)
    record = assessment(district)
    api = reverse("api:register-move", args=["assessments", record.pk])
    client.force_login(personas["union_admin"])
    refused = client.post(api, {"to": Status.STREET_REVIEWED}, content_type="application/json")
    assert refused.status_code == 403 and "街道初审只能由" in refused.json()["detail"]
    client.force_login(personas["hubin_admin"])
    assert (
        client.post(
            api, {"to": Status.STREET_REVIEWED}, content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(personas["qingbo_admin"])
    done = client.post(api, {"to": Status.STREET_REVIEWED}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == Status.STREET_REVIEWED
    page = client.post(
        reverse("registers:record-move", args=["assessments", record.pk]),
        {"to": Status.DISTRICT_REVIEWED},
    )
    assert page.status_code == 200 and "区总评审只能由区总工会的管理员办理" in page.text
    assert (
        Assessment.objects.get().status == Status.STREET_REVIEWED
        and ReviewStep.objects.count() == 1
    )


def test_the_assessment_page_reads_the_same_number_of_queries_whatever_its_steps_and_marks(
    district, personas, login
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from harmony.models import ManualMark

    scoring_table(district)
    record = reach(assessment(district), Status.STREET_REVIEWED, personas["qingbo_admin"])
    client = login("district_admin")
    url = reverse("harmony:assessment", args=[record.pk])
    client.get(url)  # sessions and caches warm
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    step = ReviewStep.objects.get()
    for _ in range(5):
        step.pk = None
        step.save()
    ManualMark.objects.create(
        assessment=record,
        item="职工满意度",
        points=5,
        evidence=b"%PDF",
        evidence_name="a.pdf",
        evidence_type="application/pdf",
        at=timezone.now(),
    )
    with CaptureQueriesContext(connection) as later:
        page = client.get(url)
    assert page.status_code == 200 and page.text.count("街道初审：40.0 分") == 6
    assert len(later) == len(first)
