"""The org tree, org and employer pages as the personas use them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from conftest import make_credit_code
from orgs.models import Employer, Org, OrgType
from workers.models import Worker


def test_tree_shows_counts_per_node_and_flags_employers_without_union(login, district):
    page = login("district_admin").get(reverse("orgs:tree")).content.decode()
    assert "上城区总工会" in page and "清波街道总工会" in page and "湖滨街道总工会" in page
    # 清波: 1 union, 2 employers (one without union), 4 employed workers
    assert "基层工会 1 · 单位 2 · 在职职工 4" in page
    assert "未建会 1" in page


def test_tree_node_expands_to_its_children_with_counts(login, district):
    page = login("district_admin").get(reverse("orgs:tree-node", args=[district.qingbo.pk])).content.decode()
    assert "清波示范企业工会" in page and "基层工会 1 · 单位 1 · 在职职工 3" in page
    assert "湖滨" not in page


def test_street_admin_tree_starts_at_their_street_and_shows_nothing_of_the_sibling(login, district):
    page = login("hubin_admin").get(reverse("orgs:tree")).content.decode()
    assert "湖滨街道总工会" in page
    assert "清波" not in page and "上城区总工会</a>" not in page


@pytest.mark.parametrize("url_name", ["orgs:org-list", "orgs:employer-list", "workers:worker-list", "orgs:tree", "core:home"])
def test_sibling_street_admin_lists_hold_nothing_of_qingbo(login, district, url_name):
    page = login("hubin_admin").get(reverse(url_name)).content.decode()
    assert "清波" not in page and "张清波" not in page


def test_search_filters_and_sorting_of_employers(login, district):
    client = login("district_admin")
    url = reverse("orgs:employer-list")
    by_code = client.get(url, {"q": district.hubin_employer.credit_code}).content.decode()
    assert "湖滨示范酒店有限公司" in by_code and "清波示范科技" not in by_code
    no_union = client.get(url, {"has_union": "0"}).content.decode()
    assert "清波未建会商店" in no_union and "湖滨示范酒店" not in no_union
    by_street = client.get(url, {"street": district.hubin.pk}).content.decode()
    assert "湖滨示范酒店" in by_street and "清波示范科技" not in by_street
    descending = client.get(url, {"sort": "-name"}).content.decode()
    ascending = client.get(url, {"sort": "name"}).content.decode()
    names = ["清波示范科技有限公司", "湖滨示范酒店有限公司"]
    assert sorted(names, key=ascending.index) == list(reversed(sorted(names, key=descending.index)))


def test_admin_creates_a_union_under_their_street_and_the_history_shows_it(login, district):
    client = login("qingbo_admin")
    response = client.post(
        reverse("orgs:org-create") + f"?parent={district.qingbo.pk}",
        {"name": "清波新建企业工会", "org_type": OrgType.GRASSROOTS, "chairman": "王主席"},
    )
    org = Org.objects.get(name="清波新建企业工会")
    assert response.status_code == 302 and org.path.startswith(district.qingbo.path)
    detail = client.get(reverse("orgs:org-detail", args=[org.pk])).content.decode()
    assert "qingbo_admin" in detail and "新增" in detail
    assert AuditEntry.objects.filter(action=Action.CREATE, object_repr="清波新建企业工会", username="qingbo_admin").exists()


def test_a_street_cannot_be_created_under_a_street(login, district):
    client = login("district_admin")
    response = client.post(
        reverse("orgs:org-create") + f"?parent={district.qingbo.pk}", {"name": "错误街道", "org_type": OrgType.STREET}
    )
    assert response.status_code == 200 and not Org.objects.filter(name="错误街道").exists()


def test_editing_an_org_records_before_and_after_on_its_page(login, district):
    client = login("qingbo_admin")
    client.post(reverse("orgs:org-edit", args=[district.qingbo_union.pk]), {
        "name": "清波示范企业工会", "org_type": OrgType.GRASSROOTS, "chairman": "李新主席",
    })
    detail = client.get(reverse("orgs:org-detail", args=[district.qingbo_union.pk])).content.decode()
    assert "工会主席" in detail and "李新主席" in detail
    entry = AuditEntry.objects.get(action=Action.UPDATE, object_repr="清波示范企业工会")
    assert entry.detail["工会主席"] == ["", "李新主席"]


def test_referenced_org_cannot_be_deleted_only_closed(login, district):
    client = login("district_admin")
    response = client.post(reverse("orgs:org-delete", args=[district.qingbo_union.pk]), follow=True)
    assert "不能删除" in response.content.decode()
    assert Org.objects.filter(pk=district.qingbo_union.pk).exists()


def test_unreferenced_org_is_deleted_and_audited(login, district):
    empty = Org.objects.add_child(district.hubin, instance=Org(name="湖滨空工会", org_type=OrgType.GRASSROOTS))
    login("hubin_admin").post(reverse("orgs:org-delete", args=[empty.pk]))
    assert not Org.objects.filter(pk=empty.pk).exists()
    assert AuditEntry.objects.filter(action=Action.DELETE, object_repr="湖滨空工会").exists()


def test_moving_a_union_to_another_street_moves_its_employers_and_is_audited(login, district):
    client = login("district_admin")
    response = client.post(
        reverse("orgs:org-move", args=[district.qingbo_union.pk]),
        {"new_parent": district.hubin.pk, "reason": "企业迁址"},
    )
    assert response.status_code == 302
    union = Org.objects.get(pk=district.qingbo_union.pk)
    assert union.path.startswith(Org.objects.get(pk=district.hubin.pk).path)
    assert Org.objects.find_problems() == ([], [], [], [], [])
    # 湖滨's admin now sees the union's employer and workers; 清波's no longer does.
    assert login("hubin_admin").get(reverse("orgs:employer-detail", args=[district.qingbo_employer.pk])).status_code == 200
    assert login("qingbo_admin").get(reverse("orgs:employer-detail", args=[district.qingbo_employer.pk])).status_code == 404
    entry = AuditEntry.objects.get(action=Action.MOVE)
    assert entry.detail["原因"] == "企业迁址" and entry.detail["新上级"] == "湖滨街道总工会"


def test_street_admin_cannot_move_a_union_into_the_sibling_street(login, district):
    client = login("qingbo_admin")
    response = client.post(
        reverse("orgs:org-move", args=[district.qingbo_union.pk]), {"new_parent": district.hubin.pk, "reason": "x"}
    )
    assert response.status_code == 200  # the sibling street is not even a choice
    assert Org.objects.get(pk=district.qingbo_union.pk).path.startswith(district.qingbo.path)


def test_moving_an_employer_takes_its_workers_to_the_new_node(login, district):
    client = login("qingbo_admin")
    client.post(
        reverse("orgs:employer-move", args=[district.qingbo_no_union.pk]),
        {"street": district.qingbo.pk, "union": district.qingbo_union.pk, "reason": "已建会"},
    )
    employer = Employer.objects.get(pk=district.qingbo_no_union.pk)
    assert employer.union_id == district.qingbo_union.pk and employer.node_id == district.qingbo_union.pk
    assert set(Worker.objects.filter(employer=employer).values_list("node_id", flat=True)) == {district.qingbo_union.pk}


def test_employer_with_workers_cannot_be_deleted(login, district):
    response = login("qingbo_admin").post(reverse("orgs:employer-delete", args=[district.qingbo_employer.pk]), follow=True)
    assert "注销日期" in response.content.decode()
    assert Employer.objects.filter(pk=district.qingbo_employer.pk).exists()


def test_employer_with_bad_credit_code_is_refused_with_the_reason(login, district):
    good = make_credit_code("91330102MA2B00009")
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    response = login("qingbo_admin").post(reverse("orgs:employer-create"), {
        "credit_code": wrong_check, "name": "新单位", "employer_type": "企业", "street": district.qingbo.pk,
    })
    assert "校验位错误" in response.content.decode()
    assert not Employer.objects.filter(name="新单位").exists()


def test_viewer_cannot_write_even_by_posting(login, district):
    response = login("qingbo_viewer").post(reverse("orgs:org-edit", args=[district.qingbo_union.pk]), {"name": "改名"})
    assert response.status_code == 403
    assert Org.objects.get(pk=district.qingbo_union.pk).name == "清波示范企业工会"
    assert AuditEntry.objects.filter(action=Action.DENIED, username="qingbo_viewer").exists()


def test_org_list_filtered_by_street_holds_that_street_and_its_unions_only(login, district):
    page = login("district_admin").get(reverse("orgs:org-list"), {"street": district.qingbo.pk}).content.decode()
    rows = page.split("<tbody>")[1]
    assert "清波示范企业工会" in rows and "清波街道总工会" in rows
    assert "湖滨" not in rows


def test_a_union_id_outside_the_subtree_filters_nothing_in(login, district):
    page = login("qingbo_admin").get(reverse("workers:worker-list"), {"union": district.hubin_union.pk}).content.decode()
    assert "陈湖滨" not in page and "湖滨示范企业工会" not in page


def test_union_admin_adds_an_employer_to_its_union_in_the_street_above(login, district):
    client = login("union_admin")
    response = client.post(reverse("orgs:employer-create"), {
        "credit_code": make_credit_code("91330102MA2B00077"), "name": "清波新入会商店", "employer_type": "企业",
        "street": district.qingbo.pk, "union": district.qingbo_union.pk,
    })
    assert response.status_code == 302
    assert Employer.objects.get(name="清波新入会商店").node_id == district.qingbo_union.pk


def test_union_admin_cannot_add_an_employer_without_its_union(login, district):
    response = login("union_admin").post(reverse("orgs:employer-create"), {
        "credit_code": make_credit_code("91330102MA2B00078"), "name": "街道直属商店", "employer_type": "企业",
        "street": district.qingbo.pk,
    })
    assert "不在您的管辖范围内" in response.content.decode()
    assert not Employer.objects.filter(name="街道直属商店").exists()


def test_an_orgs_type_cannot_be_changed_by_editing(login, district):
    client = login("qingbo_admin")
    client.post(reverse("orgs:org-edit", args=[district.qingbo.pk]), {"name": "清波街道总工会", "org_type": OrgType.GRASSROOTS})
    assert Org.objects.get(pk=district.qingbo.pk).org_type == OrgType.STREET


def test_an_org_named_in_the_audit_log_is_closed_not_deleted(login, district):
    from audit.services import audit_record

    empty = Org.objects.add_child(district.hubin, instance=Org(name="湖滨旧工会", org_type=OrgType.GRASSROOTS))
    audit_record(action=Action.UPDATE, username="someone", org=empty, object_repr="x")
    response = login("hubin_admin").post(reverse("orgs:org-delete", args=[empty.pk]), follow=True)
    assert response.status_code == 200 and "审计日志记录" in response.content.decode()
    assert Org.objects.filter(pk=empty.pk).exists()


def test_a_malformed_parent_falls_back_to_the_users_own_node(login, district):
    assert login("qingbo_admin").get(reverse("orgs:org-create") + "?parent=abc").status_code == 200


def test_admin_of_a_system_union_can_add_an_employer_in_any_street_of_the_district(client, district):
    from accounts.models import User

    system = Org.objects.add_child(district.root, instance=Org(name="区卫生健康系统工会", org_type=OrgType.SYSTEM))
    hospital = Org.objects.add_child(system, instance=Org(name="区人民医院工会", org_type=OrgType.GRASSROOTS))
    admin = User.objects.create(username="health_admin", org=system, role="admin", must_change_password=False)
    client.force_login(admin)
    response = client.post(reverse("orgs:employer-create"), {
        "credit_code": make_credit_code("12330102MB0000011"), "name": "区人民医院", "employer_type": "事业单位",
        "street": district.hubin.pk, "union": hospital.pk,
    })
    assert response.status_code == 302
    assert Employer.objects.get(name="区人民医院").node_id == hospital.pk


def test_the_tree_has_a_single_root(district):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Org.objects.add_root(instance=Org(name="另一个区总工会", org_type=OrgType.DISTRICT))
