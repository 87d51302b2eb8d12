"""The district of these tests holds a member in each union since 2020, so that neither union is a
空壳工会 (union.empty) each filing would have to explain; the members' own rules are tested in
members/tests/test_consistency.py."""

from __future__ import annotations

import datetime as dt

import pytest

from members.tests.helpers import member_of


@pytest.fixture
def district(district):
    member_of(district, joined_on=dt.date(2020, 1, 1), is_migrant=True)  # 张清波 in 清波's union
    member_of(
        district,
        worker=district.hubin_worker,
        node=district.hubin_union,
        joined_on=dt.date(2020, 1, 1),
    )  # 陈湖滨 in 湖滨's union
    return district
