"""Every register lists newest first by the record's own date, then by its key; the registers of
the tree (orgs, employers, workers), which have no such date, by name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from registers.catalog import registers
from registers.ordering import list_order, own_date

TREE = {"orgs", "employers", "workers"}


@pytest.mark.parametrize("slug", sorted(registers()))
def test_a_registers_list_is_newest_first_by_its_own_date_then_its_key(login, district, slug):
    register = registers()[slug]
    url = register.list_page
    page = login("district_admin").get(url)
    listed = page.context["page"].object_list
    if slug in TREE:  # listed by name, as the database orders names
        names = [record.name for record in listed]
        assert own_date(register) is None and len(names) > 1
        assert names == list(register.model.objects.filter(name__in=names).order_by("name", "pk")
                             .values_list("name", flat=True))
        return
    order = list(page.context["page"].paginator.object_list.query.order_by)  # the query that ordered the page
    date = own_date(register)
    assert date is not None, "a register of records names the date it happened (Register.date)"
    field = register.model._meta.get_field(date.split("__")[0])
    assert order == list_order(register) and order[0] == f"-{date}"
    assert field.get_internal_type() in ("DateField", "PositiveSmallIntegerField", "ForeignKey")


def _proposals(district) -> None:
    from proposals.models import Proposal

    for number, day in (("JY-2", dt.date(2024, 3, 1)), ("JY-9", dt.date(2024, 5, 1)), ("JY-1", dt.date(2024, 3, 1)),
                        ("JY-5", dt.date(2023, 12, 1))):
        Proposal.objects.create(number=number, title=number, proposer="张三", employer=district.qingbo_employer,
                                submitted_on=day, node=district.qingbo_union)


def test_proposals_list_newest_first_then_by_number_on_the_list_and_the_drill_down(login, district):
    _proposals(district)
    client = login("qingbo_admin")
    listed = [row.number for row, _ in client.get(registers()["proposals"].list_page).context["rows"]]
    assert listed == ["JY-9", "JY-1", "JY-2", "JY-5"]
    drill = client.get(reverse("indicators:detail", args=["proposals.submitted"]) + "?year=2024")
    assert [row.number for row, _ in drill.context["rows"]] == ["JY-9", "JY-1", "JY-2"]


def test_the_newest_first_header_is_marked_and_a_click_sorts_oldest_first(login, district):
    _proposals(district)
    client = login("qingbo_admin")
    page = client.get(registers()["proposals"].list_page)
    marked = [h for h in page.context["headers"] if h.arrow]
    assert [(h.label, h.arrow) for h in marked] == [("提出日期", "▼")]
    oldest = client.get(registers()["proposals"].list_page + f"?sort={marked[0].sort_to}")
    assert [row.number for row, _ in oldest.context["rows"]][0] == "JY-5"
