"""The founding register: import and its row errors, the workflow (every move legal and illegal),
the 已成立 transaction (the union, the employers, the audit, all or nothing), imported 已成立 rows
linking or creating their union, and scoping between sibling streets (SPEC §7)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import Action, AuditEntry
from conftest import make_credit_code
from core.signals import union_founded
from foundings.models import Founding
from orgs.models import Employer, EmployerType, Org, OrgType
from registers.catalog import get_register
from registers.imports import import_file
from registers.pages import record_url
from registers.services import register_export
from registers.tests.files import xlsx
from workers.models import Worker
from workflows.models import Transition
from workflows.services import move

HEADERS = [
    "组建编号",
    "拟建工会名称",
    "组建形式",
    "涉及单位",
    "所属街道",
    "启动日期",
    "会员大会日期",
    "批复日期",
    "批复文号",
    "状态",
]


def run(user, rows, name="组建.xlsx", headers=HEADERS):
    return import_file(
        user=user, register=get_register("foundings"), file_name=name, data=xlsx([headers, *rows])
    )


def row(**cells) -> list:
    values = {
        "组建编号": "ZJ2024-001",
        "拟建工会名称": "清波未建会商店工会",
        "组建形式": "单独建会",
        "涉及单位": "清波未建会商店",
        "所属街道": "清波街道",
        "启动日期": "2024-03-01",
        "会员大会日期": "",
        "批复日期": "",
        "批复文号": "",
        "状态": "筹建中",
    }
    values.update(cells)
    return [values[h] for h in HEADERS]


def shop(street, n: int, union=None) -> Employer:
    """Another small employer of the street, by default without a union."""
    return Employer.objects.create(
        name=f"{street.short_name()}小店{n}",
        credit_code=make_credit_code(f"92330102MA2D{n:05d}"),
        employer_type=EmployerType.ENTERPRISE,
        street=street,
        union=union,
        node=union or street,
        headcount=5,
    )


def founding(
    district,
    number="ZJ2024-001",
    *,
    units=None,
    form="单独建会",
    name="清波未建会商店工会",
    status="筹建中",
    street=None,
    **extra,
) -> Founding:
    units = units or [district.qingbo_no_union]
    street = street or district.qingbo
    record = Founding.objects.create(
        number=number,
        name=name,
        form=form,
        unit_codes="；".join(u.credit_code for u in units),
        street=street,
        started_on=extra.pop("started_on", dt.date(2024, 3, 1)),
        status=status,
        node=street,
        **extra,
    )
    record.units.set(units)
    return record


def establish(record, user, **changes):
    changes = {"congress_on": dt.date(2024, 5, 10), "approved_on": dt.date(2024, 6, 1), **changes}
    return move(record, "已成立", user=user, changes=changes)


def problems_of(log):
    return [(p[0], p[1], p[2], p[3]) for p in log.problems]


# --- import and row errors ---------------------------------------------------------------------


def test_a_good_file_creates_a_founding_owned_by_its_street(district, personas):
    log, problems = run(personas["qingbo_admin"], [row()])
    assert problems == [] and log.created == 1
    record = Founding.objects.get(number="ZJ2024-001")
    assert record.node == district.qingbo and record.street == district.qingbo
    assert list(record.units.all()) == [district.qingbo_no_union] and record.union is None
    assert Transition.objects.filter(object_id=record.pk, from_state="", to_state="筹建中").exists()


def test_row_errors_name_row_column_and_value(district, personas):
    other = shop(district.qingbo, 1)
    hubin_shop = shop(district.hubin, 2)
    log, problems = run(
        personas["district_admin"],
        [
            row(组建编号="A1", 涉及单位=f"清波未建会商店；{other.credit_code}"),  # 单独建会 of two
            row(组建编号="A2", 拟建工会名称="清波示范企业工会"),  # the name of an existing org
            row(
                组建编号="A3", 拟建工会名称="新工会3", 涉及单位="清波示范科技有限公司"
            ),  # already has a union
            row(
                组建编号="A4", 拟建工会名称="新工会4", 涉及单位=hubin_shop.credit_code
            ),  # another street's employer
            row(组建编号="A5", 拟建工会名称="新工会5", 状态="已成立"),  # 已成立 without its dates
            row(
                组建编号="A6",
                拟建工会名称="新工会6",
                会员大会日期="2024-05-01",
                批复日期="2024-04-01",
            ),
            row(
                组建编号="A7",
                拟建工会名称="新工会7",
                涉及单位="清波未建会商店；清波未建会商店",
                组建形式="联合建会",
            ),
        ],
    )
    assert log.created == 0
    found = problems_of(log)
    assert (
        2,
        "涉及单位",
        "清波未建会商店；" + other.credit_code,
        "单独建会只能涉及一家单位（本行填写了2家）；多家单位共同建会请选“联合建会”",
    ) in found
    assert (
        3,
        "拟建工会名称",
        "清波示范企业工会",
        "系统中已有名为“清波示范企业工会”的组织，拟建工会名称不能与现有组织重名",
    ) in found
    assert (
        4,
        "涉及单位",
        "清波示范科技有限公司",
        "“清波示范科技有限公司”已有所属工会（清波示范企业工会），不能再组建工会",
    ) in found
    assert (
        5,
        "涉及单位",
        hubin_shop.credit_code,
        "“湖滨街道小店2”的所属街道是湖滨街道，不在本次组建的所属街道",
    ) in found
    assert {(p[0], p[1], p[3]) for p in found if p[0] == 6} == {
        (6, "会员大会日期", "状态为“已成立”时须填写会员大会日期"),
        (6, "批复日期", "状态为“已成立”时须填写批复日期"),
    }
    assert (7, "批复日期", "2024-04-01", "批复日期不能早于会员大会日期") in found
    assert any(
        p[0] == 8 and p[1] == "涉及单位" and "涉及单位重复：清波未建会商店" in p[3] for p in found
    )
    assert (
        Founding.objects.count() == 0 and Org.objects.filter(name__startswith="新工会").count() == 0
    )


def test_a_joint_founding_of_one_employer_is_a_notice_in_a_file(district, personas):
    log, problems = run(personas["qingbo_admin"], [row(组建形式="联合建会")])
    assert problems == [] and log.created == 1
    assert any("联合建会一般涉及两家及以上单位" in note for note in log.notes)


# --- the workflow ------------------------------------------------------------------------------


def test_established_creates_the_union_under_the_street_and_moves_its_employer(district, personas):
    record = founding(district)
    worker = Worker.objects.filter(employer=district.qingbo_no_union).get()
    assert worker.node == district.qingbo
    received = []
    union_founded.connect(
        lambda **kw: received.append(kw), weak=False, dispatch_uid="test-founding"
    )
    try:
        moved = establish(record, personas["qingbo_admin"])
    finally:
        union_founded.disconnect(dispatch_uid="test-founding")
    union = Org.objects.get(name="清波未建会商店工会")
    assert union.org_type == OrgType.GRASSROOTS and Org.objects.get_parent(union) == district.qingbo
    assert union.founded_on == dt.date(2024, 6, 1)
    assert moved.status == "已成立" and moved.union == union
    shop_ = Employer.objects.get(pk=district.qingbo_no_union.pk)
    assert shop_.union == union and shop_.node == union
    worker.refresh_from_db()
    assert (
        worker.node == union
    )  # the employer's records follow it: their later figures are the union's
    assert [(r["union"], r["employers"], r["on"], r["user"]) for r in received] == [
        (union, [shop_], dt.date(2024, 6, 1), personas["qingbo_admin"])
    ]
    actions = set(
        AuditEntry.objects.filter(object_repr__contains="清波未建会商店").values_list(
            "action", flat=True
        )
    )
    assert {Action.CREATE, Action.MOVE, Action.TRANSITION} <= actions
    assert Transition.objects.filter(
        object_id=record.pk, from_state="筹建中", to_state="已成立"
    ).exists()


def test_a_joint_founding_creates_a_joint_union_of_every_employer(district, personas):
    other = shop(district.qingbo, 3)
    record = founding(
        district, units=[district.qingbo_no_union, other], form="联合建会", name="清波联合工会"
    )
    establish(record, personas["district_admin"])
    union = Org.objects.get(name="清波联合工会")
    assert union.org_type == OrgType.JOINT
    assert set(Employer.objects.filter(union=union)) == {district.qingbo_no_union, other}


def test_established_is_all_or_nothing(district, personas):
    other = shop(district.qingbo, 4)
    record = founding(
        district, units=[district.qingbo_no_union, other], form="联合建会", name="清波联合工会"
    )
    # meanwhile the second employer was put under a union
    Employer.objects.filter(pk=other.pk).update(
        union=district.qingbo_union, node=district.qingbo_union
    )
    audited = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="已有所属工会"):
        establish(record, personas["qingbo_admin"])
    record.refresh_from_db()
    assert record.status == "筹建中" and record.union is None
    assert not Org.objects.filter(name="清波联合工会").exists()
    assert Employer.objects.get(pk=district.qingbo_no_union.pk).union is None
    assert AuditEntry.objects.count() == audited
    assert not Transition.objects.filter(object_id=record.pk, to_state="已成立").exists()


def test_established_refuses_a_name_taken_since(district, personas):
    record = founding(district, name="清波示范企业工会")
    with pytest.raises(ValidationError, match="不能与现有组织重名"):
        establish(record, personas["qingbo_admin"])
    record.refresh_from_db()
    assert record.status == "筹建中"


def test_established_needs_the_congress_and_the_approval(district, personas):
    record = founding(district)
    with pytest.raises(ValidationError, match="会员大会日期、批复日期"):
        move(record, "已成立", user=personas["qingbo_admin"])
    assert not Org.objects.filter(name="清波未建会商店工会").exists()


def test_stopped_needs_a_reason_and_creates_nothing(district, personas):
    record = founding(district)
    with pytest.raises(ValidationError, match="须填写原因"):
        move(record, "已中止", user=personas["qingbo_admin"])
    stopped = move(record, "已中止", user=personas["qingbo_admin"], reason="企业搬离本街道")
    assert stopped.status == "已中止" and stopped.union is None
    assert Employer.objects.get(pk=district.qingbo_no_union.pk).union is None
    assert Transition.objects.get(object_id=record.pk, to_state="已中止").reason == "企业搬离本街道"


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("已成立", "筹建中"),
        ("已成立", "已中止"),
        ("已中止", "筹建中"),
        ("已中止", "已成立"),
    ],
)
def test_a_closed_founding_moves_nowhere(district, personas, start, to):
    record = founding(
        district, status=start, congress_on=dt.date(2024, 5, 1), approved_on=dt.date(2024, 6, 1)
    )
    with pytest.raises(ValidationError, match="已办结"):
        move(record, to, user=personas["qingbo_admin"], reason="试", changes={})


def test_a_move_to_the_same_state_is_refused(district, personas):
    with pytest.raises(ValidationError, match="已是“筹建中”"):
        move(founding(district), "筹建中", user=personas["qingbo_admin"])


def test_a_viewer_cannot_move_a_founding(district, personas):
    with pytest.raises(PermissionDenied):
        establish(founding(district), personas["qingbo_viewer"])


def test_the_record_page_moves_a_founding_to_established(district, login):
    record = founding(district)
    client = login("qingbo_admin")
    url = reverse("registers:record-move", args=["foundings", record.pk])
    page = client.post(
        url, {"to": "已成立", "congress_on": "2024-05-10", "approved_on": "2024-06-01"}
    )
    assert page.status_code == 302
    union = Org.objects.get(name="清波未建会商店工会")
    detail = client.get(record_url("foundings", record.pk)).content.decode()
    assert "已成立" in detail and reverse("orgs:org-detail", args=[union.pk]) in detail


def test_an_established_founding_is_not_deleted_and_says_why(district, login):
    record = founding(district)
    client = login("qingbo_admin")
    client.post(reverse("registers:record-move", args=["foundings", record.pk]),
                {"to": "已成立", "congress_on": "2024-05-10", "approved_on": "2024-06-01"})
    page = client.post(reverse("registers:record-delete", args=["foundings", record.pk]))
    assert page.status_code == 200 and "已成立工会“清波未建会商店工会”，不能删除" in page.content.decode()
    assert Founding.objects.filter(pk=record.pk).exists()


# --- imported 已成立 rows ------------------------------------------------------------------------

ESTABLISHED = {
    "状态": "已成立",
    "会员大会日期": "2024-05-10",
    "批复日期": "2024-06-01",
    "批复文号": "清总工〔2024〕3号",
}


def test_an_imported_established_row_creates_its_union(district, personas):
    log, problems = run(personas["qingbo_admin"], [row(**ESTABLISHED)])
    assert problems == [] and log.created == 1
    union = Org.objects.get(name="清波未建会商店工会")
    assert Org.objects.get_parent(union) == district.qingbo and union.org_type == OrgType.GRASSROOTS
    assert Founding.objects.get().union == union
    assert Employer.objects.get(pk=district.qingbo_no_union.pk).union == union


def test_an_imported_established_row_links_the_org_of_its_name(district, personas):
    union = Org.objects.add_child(
        district.qingbo, instance=Org(name="清波未建会商店工会", org_type=OrgType.GRASSROOTS)
    )
    orgs = Org.objects.count()
    log, problems = run(personas["qingbo_admin"], [row(**ESTABLISHED)])
    assert problems == []
    assert Org.objects.count() == orgs and Founding.objects.get().union == union
    assert Employer.objects.get(pk=district.qingbo_no_union.pk).union == union


def test_an_imported_established_row_refuses_an_org_of_another_kind_or_street(district, personas):
    Org.objects.add_child(
        district.qingbo, instance=Org(name="清波联合工会", org_type=OrgType.JOINT)
    )
    log, problems = run(
        personas["district_admin"],
        [
            row(**ESTABLISHED, 拟建工会名称="清波联合工会"),
            row(**ESTABLISHED, 组建编号="ZJ2024-002", 拟建工会名称="湖滨示范企业工会"),
        ],
    )
    found = problems_of(log)
    assert (
        2,
        "拟建工会名称",
        "清波联合工会",
        "已有名为“清波联合工会”的联合基层工会，与组建形式应成立的基层工会不符",
    ) in found
    assert (
        3,
        "拟建工会名称",
        "湖滨示范企业工会",
        "系统中已有名为“湖滨示范企业工会”的组织，拟建工会名称不能与现有组织重名",
    ) in found
    assert Founding.objects.count() == 0


def test_a_file_moving_a_founding_to_established_creates_the_union(district, personas):
    run(personas["qingbo_admin"], [row()])
    log, problems = run(personas["qingbo_admin"], [row(**ESTABLISHED)])
    assert problems == [] and log.updated == 1
    record = Founding.objects.get()
    assert record.status == "已成立" and record.union.name == "清波未建会商店工会"
    assert Transition.objects.filter(
        object_id=record.pk, from_state="筹建中", to_state="已成立"
    ).exists()


def test_a_file_cannot_reopen_an_established_founding_or_change_its_employers(district, personas):
    run(personas["qingbo_admin"], [row(**ESTABLISHED)])
    other = shop(district.qingbo, 5)
    log, _ = run(personas["qingbo_admin"], [row(**ESTABLISHED, 涉及单位=other.credit_code)])
    assert any("不能再修改涉及单位" in p[3] for p in log.problems)
    log, _ = run(personas["qingbo_admin"], [row()])
    assert any("状态不能从“已成立”直接变为“筹建中”" in p[3] for p in log.problems)


def test_an_established_founding_re_imports_its_export_unchanged(district, personas):
    run(personas["qingbo_admin"], [row(**ESTABLISHED)])
    target = io.BytesIO()
    register_export(
        user=personas["qingbo_admin"], register=get_register("foundings"), target=target
    )
    log, problems = import_file(
        user=personas["qingbo_admin"],
        register=get_register("foundings"),
        file_name="导出.xlsx",
        data=target.getvalue(),
    )
    assert problems == [] and log.unchanged == 1


# --- scoping -------------------------------------------------------------------------------------


def test_a_sibling_street_sees_nothing_of_a_founding(district, personas, login):
    record = founding(district)
    assert not Founding.objects.visible_to(personas["hubin_admin"]).exists()
    assert not Founding.objects.visible_to(personas["union_admin"]).exists()
    client = login("hubin_admin")
    assert client.get(record_url("foundings", record.pk)).status_code == 404
    assert (
        "ZJ2024-001"
        not in client.get(reverse("registers:record-list", args=["foundings"])).content.decode()
    )
    moved = client.post(
        reverse("registers:record-move", args=["foundings", record.pk]),
        {"to": "已成立", "congress_on": "2024-05-10", "approved_on": "2024-06-01"},
    )
    assert moved.status_code == 404
    assert not Org.objects.filter(name="清波未建会商店工会").exists()


def test_a_street_cannot_found_under_a_sibling_street(district, personas):
    log, _ = run(personas["hubin_admin"], [row()])
    assert problems_of(log) == [
        (2, "涉及单位", "清波未建会商店", "“清波未建会商店”：在您的管辖范围内找不到这个单位")
    ]
    hubin_shop = shop(district.hubin, 6)
    log, _ = run(personas["hubin_admin"], [row(涉及单位=hubin_shop.credit_code)])
    assert problems_of(log) == [(2, "所属街道", "清波街道", "在您的管辖范围内找不到这个街道")]
    founding(district)
    log, _ = run(
        personas["hubin_admin"], [row(所属街道="湖滨街道", 涉及单位=hubin_shop.credit_code)]
    )
    assert problems_of(log) == [
        (2, "组建编号", "ZJ2024-001", "该记录不在您的管辖范围内，不能导入或修改")
    ]


# --- the to-do list --------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "listed"), [(179, False), (180, True), (181, True)])
def test_a_founding_is_due_once_it_has_been_preparing_for_the_warn_days(
    district, personas, days, listed
):
    from foundings.due import due_items

    record = founding(district, started_on=dt.date(2024, 1, 1))
    today = dt.date(2024, 1, 1) + dt.timedelta(days=days)
    items = list(due_items(personas["qingbo_admin"], today))
    assert [i.title for i in items] == (["ZJ2024-001 清波未建会商店工会"] if listed else [])
    if listed:
        assert items[0].due == dt.date(2024, 6, 29) and items[0].url == record_url(
            "foundings", record.pk
        )
    assert list(due_items(personas["hubin_admin"], today)) == []


def test_the_warn_days_come_from_the_setting(district, personas, settings):
    from foundings.due import due_items

    settings.FOUNDING_WARN_DAYS = 30
    founding(district, started_on=dt.date(2024, 1, 1))
    assert [i.due for i in due_items(personas["qingbo_admin"], dt.date(2024, 1, 31))] == [
        dt.date(2024, 1, 31)
    ]
    assert list(due_items(personas["qingbo_admin"], dt.date(2024, 1, 30))) == []


def test_an_established_or_stopped_founding_is_not_due(district, personas):
    from foundings.due import due_items

    founding(district, status="已中止", started_on=dt.date(2023, 1, 1))
    assert list(due_items(personas["qingbo_admin"], dt.date(2024, 6, 1))) == []


# --- 启动组建 from the 未建会 list ----------------------------------------------------------------


def test_the_unionless_list_offers_a_founding_form_filled_in_for_the_employer(district, login):
    client = login("qingbo_admin")
    page = client.get(reverse("orgs:employer-list"), {"has_union": "0"}).content.decode()
    assert page.count("启动组建") == 1  # 清波未建会商店 only: the others have a union
    url = html.unescape(re.search(r'href="([^"]*)">启动组建</a>', page).group(1))
    assert url.startswith(reverse("registers:record-create", args=["foundings"]))
    form = client.get(url).content.decode()
    assert (
        district.qingbo_no_union.credit_code in form
        and "清波街道" in form
        and "清波未建会商店工会" in form
    )
    assert (
        login("qingbo_viewer")
        .get(reverse("orgs:employer-list"), {"has_union": "0"})
        .content.decode()
        .count("启动组建")
        == 0
    )


def test_an_unchanged_preparing_founding_re_imports_after_its_employer_found_a_union(
    district, personas, login
):
    founding(district, "ZJ2024-001")
    Employer.objects.filter(pk=district.qingbo_no_union.pk).update(
        union=district.qingbo_union, node=district.qingbo_union
    )
    log, problems = run(personas["qingbo_admin"], [row()])
    assert problems == [] and log.unchanged == 1
    record = Founding.objects.get()
    page = login("qingbo_admin").get(record_url("foundings", record.pk)).content.decode()
    assert (
        "“清波未建会商店”已有所属工会（清波示范企业工会），不能再组建工会，请调整涉及单位或中止组建"
        in page
    )
    log, _ = run(personas["qingbo_admin"], [row(启动日期="2024-03-02", 组建形式="联合建会")])
    assert log.updated == 1  # a change elsewhere in the row is no change of its employers
    other = shop(district.qingbo, 7)
    log, _ = run(
        personas["qingbo_admin"],
        [row(组建形式="联合建会", 涉及单位=f"清波未建会商店；{other.credit_code}")],
    )
    assert any("已有所属工会" in p[3] for p in log.problems)


def test_an_import_that_founded_unions_cannot_be_undone(district, personas):
    from registers.imports import undo_import

    log, _ = run(personas["qingbo_admin"], [row(**ESTABLISHED)])
    with pytest.raises(ValidationError, match="不能撤销整批导入"):
        undo_import(log=log, user=personas["qingbo_admin"])
    assert Founding.objects.get().union.name == "清波未建会商店工会"
    preparing, _ = run(
        personas["qingbo_admin"],
        [row(组建编号="ZJ2024-009", 拟建工会名称="另一工会", 涉及单位="清波未建会商店")],
    )
    assert preparing.problems  # the shop has its union now
