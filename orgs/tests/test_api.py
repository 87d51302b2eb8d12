"""The JSON API answers within the caller's subtree only, with personal data masked."""

from django.urls import reverse


def test_sibling_street_gets_no_qingbo_rows_from_any_list(login, district):
    client = login("hubin_admin")
    for name in ("api:org-list", "api:employer-list", "api:worker-list"):
        body = client.get(reverse(name)).json()
        assert body["count"] > 0
        assert "清波" not in str(body) and "张清波" not in str(body)


def test_worker_api_masks_personal_data(login, district):
    body = login("district_admin").get(reverse("api:worker-detail", args=[district.qingbo_worker.pk])).json()
    assert body["id_number_masked"].startswith("330102********")
    assert body["mobile_masked"] == "138****5678"
    assert district.qingbo_worker.id_number not in str(body)


def test_union_admin_sees_only_its_employers(login, district):
    body = login("union_admin").get(reverse("api:employer-list")).json()
    assert [e["name"] for e in body["items"]] == ["清波示范科技有限公司"]
