"""What pages say, as a Chinese reader expects it: lists without a stray 、, full-width colons after
labels, one 全部 per filter, no internal keys."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from indicators.catalog import INDICATORS
from registers.catalog import registers

REGISTERS = sorted(registers())


@pytest.mark.parametrize("slug", REGISTERS)
def test_the_import_page_names_each_required_column_once(login, district, slug):
    register = registers()[slug]
    page = login("qingbo_admin").get(reverse("registers:import", args=[slug])).content.decode()
    assert f"必填列：{'、'.join(register.required_headers)}。" in page
    assert "、。" not in page


@pytest.mark.parametrize("slug", REGISTERS)
def test_form_labels_end_with_a_full_width_colon_and_speak_chinese(login, district, slug):
    page = login("qingbo_admin").get(reverse("registers:record-create", args=[slug]))
    if page.status_code != 200:  # a register whose records are made on pages of their own
        page = login("qingbo_admin").get(reverse("workers:worker-create"))
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", page.content.decode())
    assert labels and all(label.endswith("：") for label in labels), labels
    assert "Select an option" not in page.content.decode()  # a blank choice in Chinese too


@pytest.mark.parametrize("url", [reverse("registers:record-list", args=[s]) for s in REGISTERS]
                         + [reverse("workers:worker-list"), reverse("orgs:employer-list"), reverse("orgs:org-list")])
def test_each_filter_offers_all_once(login, district, url):
    page = login("district_admin").get(url).content.decode()
    for name, options in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', page, re.S):
        assert options.count(">全部<") <= 1, name


def test_the_indicator_list_shows_labels_not_internal_keys(login, district):
    page = login("qingbo_admin").get(reverse("indicators:list") + "?year=2024").content.decode()
    visible = re.sub(r"<[^>]+>", " ", page)
    assert all(i.label in visible and i.key not in visible for i in INDICATORS)
