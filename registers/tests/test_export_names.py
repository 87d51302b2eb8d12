"""A masked export (a viewer's) is for reading: a unit is named by its 单位名称, not its 信用代码.
An export in clear keeps the codes, so it re-imports unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from registers.catalog import registers
from registers.services import by_name, export_rows
from registers.xlsx import MASKED_NOTICE

from .test_export import body, rows_of


def exported(login, persona: str, slug: str) -> list[dict]:
    rows = rows_of(body(login(persona).get(reverse("registers:export", args=[slug]))))
    if rows[0][0] == MASKED_NOTICE:
        rows = rows[1:]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_a_viewers_worker_export_names_the_employer(login, district):
    rows = exported(login, "qingbo_viewer", "workers")
    assert {r["所在单位"] for r in rows} == {district.qingbo_employer.name, district.qingbo_no_union.name}
    codes = {district.qingbo_employer.credit_code, district.qingbo_no_union.credit_code}
    assert not codes & {cell for r in rows for cell in r.values()}


def test_an_admins_worker_export_keeps_the_codes_it_reimports_with(login, district):
    rows = exported(login, "qingbo_admin", "workers")
    assert {r["所在单位"] for r in rows} == {district.qingbo_employer.credit_code, district.qingbo_no_union.credit_code}


def test_a_viewers_proposal_export_names_the_unit(login, district):
    from proposals.models import Proposal

    Proposal.objects.create(number="Q1", title="节能", proposer="张三", id_number=district.qingbo_worker.id_number,
                            employer=district.qingbo_employer, submitted_on=dt.date(2024, 3, 1),
                            node=district.qingbo_union)
    assert [r["所在单位"] for r in exported(login, "qingbo_viewer", "proposals")] == [district.qingbo_employer.name]


@pytest.mark.parametrize("slug", sorted(registers()))
def test_every_registers_named_export_reads_no_code_for_a_unit(personas, slug):
    register = registers()[slug]
    names = [by_name(c.source) for c in register.columns if c.ref is not None]
    queryset = register.queryset(personas["district_admin"])
    sql = str(queryset.values_list(*names).query) if names else ""
    assert "credit_code" not in sql
    list(export_rows(register, queryset, masked=True, names=True))  # the named sources read
