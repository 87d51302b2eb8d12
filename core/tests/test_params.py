"""The query parameter layer (core/params.py): what a user sees when a parameter cannot be used."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse

from core.params import clean_query
from core.tests.records import qingbo_record
from registers.catalog import registers

YEAR_FILTERED = [slug for slug, r in registers().items() if r.filterset is not None and "year" in r.filterset.base_filters]


@pytest.mark.parametrize("slug", YEAR_FILTERED)
def test_an_impossible_year_is_named_above_the_list_and_left_out(client, personas, district, slug):
    record, _ = qingbo_record(district, slug)
    client.force_login(personas["qingbo_admin"])
    for year in ["-1", "99999", "1" * 18]:
        page = client.get(registers()[slug].list_page, {"year": year})
        assert page.status_code == 200 and "应为 1 至 9999 之间的整数，未按此条件筛选" in page.content.decode()
        rows = client.get(reverse("api:register-rows", args=[slug]), {"year": year})
        assert rows.status_code == 200 and record.pk in [row["id"] for row in rows.json()["results"]]


def test_a_nul_byte_in_a_search_is_dropped(client, personas, district):
    client.force_login(personas["qingbo_admin"])
    found = client.get(reverse("api:org-list"), {"q": "清波\x00示范"}).json()["items"]
    assert [o["name"] for o in found] == ["清波示范企业工会"]
    assert client.get(reverse("api:worker-list"), {"status": "\x00"}).status_code == 200
    assert client.get(reverse("registers:import-list"), {"register": "work\x00ers"}).status_code == 200


def test_a_page_past_any_register_is_refused_in_chinese(client, personas, district):
    client.force_login(personas["qingbo_admin"])
    response = client.get(reverse("api:register-rows", args=["workers"]), {"page": "99999999999999999999"})
    assert response.status_code == 400 and response.json()["detail"] == "参数 page 的值无效（应不大于1000000）"


def test_clean_query_drops_control_characters_and_keeps_a_clean_query_as_it_is():
    dirty = QueryDict("q=%E6%B8%85%00%01%E6%B3%A2&q=a%7F&year=2024")
    assert clean_query(dirty).getlist("q") == ["清波", "a"] and clean_query(dirty)["year"] == "2024"
    clean = QueryDict("q=清波")
    assert clean_query(clean) is clean


def test_an_id_in_digits_other_than_ascii_is_ignored_not_a_server_error(client, personas, district):
    """'²' is a digit to str.isdigit() but not to int(): an address carrying one is a slip."""
    client.force_login(personas["qingbo_admin"])
    for odd in ["²", "1²", "½"]:
        page = client.get(reverse("orgs:org-create"), {"parent": odd})
        assert page.status_code == 200 and "清波街道总工会" in page.content.decode()
        assert client.get(reverse("indicators:list"), {"org": odd}).status_code == 404
