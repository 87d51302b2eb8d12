"""A 已命名 harmonious employer that turns 红 is due for review on the admins' to-do list."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from radar.due import KIND
from todo.due import collect

from . import builders as b


def honour(
    employer, year: int, *, revoked_year: int | None = None, honour_type: str = "劳动关系和谐企业"
):
    from honours.models import Honour

    made = Honour(
        honour_type=honour_type,
        name=employer.name,
        level="区级",
        year=year,
        revoked_year=revoked_year,
    )
    made.set_unit(employer)
    made.derive_keys()
    made.save()
    return made


def items(user, today) -> list:
    return [item for item in collect(user, today) if item.kind == KIND]


def test_a_named_employer_that_turns_red_is_due_for_review(district, personas, today):
    employer = district.qingbo_employer
    honour(employer, today.year - 1)
    b.lead(employer, today, people=9)  # 20: 橙
    assert items(personas["qingbo_admin"], today) == []
    b.case(employer, today, people=20)  # +30: 红
    [item] = items(personas["qingbo_admin"], today)
    assert item.title == employer.name and item.url == reverse(
        "orgs:employer-detail", args=[employer.pk]
    )
    assert "风险线索1次" in item.note and "集体争议1次" in item.note
    assert items(personas["district_admin"], today) == [item]
    assert items(personas["hubin_admin"], today) == []  # not in its subtree
    assert items(personas["qingbo_viewer"], today) == []  # a reader reviews nothing


def test_a_revoked_title_or_another_honour_is_not_reviewed(district, personas, today):
    employer = district.qingbo_employer
    honour(employer, today.year - 2, revoked_year=today.year)
    honour(employer, today.year - 1, honour_type="模范职工之家")
    b.lead(employer, today, people=10)  # 40: 红
    assert items(personas["qingbo_admin"], today) == []


def test_a_red_employer_without_the_title_is_not_on_the_list(district, personas, today):
    b.lead(district.hubin_employer, today, people=10)
    honour(district.qingbo_employer, today.year)
    assert items(personas["district_admin"], today) == []


def test_the_to_do_page_shows_it(login, district, today):
    honour(district.qingbo_employer, today.year)
    b.lead(district.qingbo_employer, today - dt.timedelta(days=1), people=10)
    page = login("qingbo_admin").get(reverse("todo:due-list")).content.decode()
    assert KIND in page and district.qingbo_employer.name in page
