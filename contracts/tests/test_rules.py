"""A contract's deadlines and status on dates either side of each limit, in Python and in the
query alike (SPEC §4; 《集体合同规定》§38, §42, §47)."""

from __future__ import annotations

import datetime as dt

import pytest

from contracts.models import Contract, Status
from contracts.rules import (
    add_years,
    contract_status,
    effective_on,
    expires_on,
    in_review_since,
    notices,
    review_ends,
    submit_deadline,
)

SIGNED = dt.date(2024, 5, 5)


def contract(**fields) -> Contract:
    values = {"signed_on": SIGNED, "term_years": 3, "submitted_on": None, "approved_on": None}
    values.update(fields)
    return Contract(number="JT2024-0001", contract_type="综合性集体合同", signing_mode="新签", covered_workers=10, **values)


def test_add_years_keeps_the_day_and_turns_29_february_into_28():
    assert add_years(dt.date(2024, 5, 5), 3) == dt.date(2027, 5, 5)
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_the_submission_is_due_on_the_tenth_day_after_signing_and_overdue_the_day_after():
    c = contract()
    assert submit_deadline(c.signed_on) == dt.date(2024, 5, 15)
    assert notices(c, dt.date(2024, 5, 15))[0][0] == "warn"
    assert notices(c, dt.date(2024, 5, 16))[0][0] == "bad"


def test_it_takes_effect_the_day_after_the_bureaus_15_days_or_on_an_earlier_approval():
    submitted = contract(submitted_on=dt.date(2024, 5, 10))
    assert review_ends(submitted.submitted_on) == dt.date(2024, 5, 25)
    assert in_review_since(dt.date(2024, 5, 25)) == submitted.submitted_on  # the query's side of it
    assert effective_on(submitted) == dt.date(2024, 5, 26)
    assert effective_on(contract(submitted_on=dt.date(2024, 5, 10), approved_on=dt.date(2024, 5, 18))) == dt.date(2024, 5, 18)
    # an approval recorded after the 15 days changes nothing: it was in force already
    assert effective_on(contract(submitted_on=dt.date(2024, 5, 10), approved_on=dt.date(2024, 6, 30))) == dt.date(2024, 5, 26)
    assert effective_on(contract()) is None


@pytest.mark.django_db
def test_in_force_from_signing_until_the_day_the_term_ends(district):
    c = contract(party_codes=district.qingbo_employer.credit_code, node=district.qingbo_union)
    assert expires_on(c) == dt.date(2027, 5, 5)
    c.derive()
    c.save()

    def in_force_at(day: dt.date) -> bool:
        return Contract.objects.in_force_at(day).filter(pk=c.pk).exists()

    assert not in_force_at(dt.date(2024, 5, 4))
    assert in_force_at(SIGNED) and in_force_at(dt.date(2027, 5, 4))
    assert not in_force_at(dt.date(2027, 5, 5))


# (contract fields, today, status): each limit with the day before and the day it passes
CASES = [
    ({"signed_on": None}, dt.date(2024, 5, 1), Status.DRAFT),
    ({}, SIGNED, Status.TO_SUBMIT),
    ({}, dt.date(2024, 5, 16), Status.TO_SUBMIT),  # overdue, still to submit
    ({"submitted_on": dt.date(2024, 5, 10)}, dt.date(2024, 5, 10), Status.IN_REVIEW),
    ({"submitted_on": dt.date(2024, 5, 10)}, dt.date(2024, 5, 25), Status.IN_REVIEW),  # the 15th day
    ({"submitted_on": dt.date(2024, 5, 10)}, dt.date(2024, 5, 26), Status.IN_FORCE),
    ({"submitted_on": dt.date(2024, 5, 10), "approved_on": dt.date(2024, 5, 12)}, dt.date(2024, 5, 11), Status.IN_REVIEW),
    ({"submitted_on": dt.date(2024, 5, 10), "approved_on": dt.date(2024, 5, 12)}, dt.date(2024, 5, 12), Status.IN_FORCE),
    ({"submitted_on": dt.date(2024, 5, 10)}, dt.date(2027, 2, 3), Status.IN_FORCE),  # 91 days left
    ({"submitted_on": dt.date(2024, 5, 10)}, dt.date(2027, 2, 4), Status.EXPIRING),  # 90 days left
    ({"submitted_on": dt.date(2024, 5, 10)}, dt.date(2027, 5, 4), Status.EXPIRING),  # its last day
    ({"submitted_on": dt.date(2024, 5, 10)}, dt.date(2027, 5, 5), Status.EXPIRED),
    ({}, dt.date(2027, 5, 5), Status.EXPIRED),  # never submitted, and over
    ({"term_years": 1, "submitted_on": dt.date(2024, 5, 10)}, dt.date(2025, 5, 5), Status.EXPIRED),
]


@pytest.mark.parametrize(("fields", "today", "status"), CASES, ids=[f"{s}-{t}" for _, t, s in CASES])
def test_status_on_either_side_of_each_limit(fields, today, status):
    assert contract_status(contract(**fields), today) == status


@pytest.mark.django_db
def test_the_query_computes_the_same_status_as_the_rule(district):
    made = []
    for i, (fields, _, _) in enumerate(CASES):
        c = contract(**fields)
        c.number, c.party_codes, c.node = f"T{i:03d}", district.qingbo_employer.credit_code, district.qingbo_union
        c.derive()
        c.save()
        made.append(c)
    for i, (_, today, status) in enumerate(CASES):
        annotated = Contract.objects.with_status(today).get(pk=made[i].pk).status
        assert annotated == status == contract_status(made[i], today), (i, today)
    assert set(Contract.objects.with_status_of(Status.EXPIRED, dt.date(2027, 5, 5)).values_list("number", flat=True)) >= {
        "T011", "T012"}


def test_every_status_has_its_notice():
    assert "尚未签订" in notices(contract(signed_on=None), SIGNED)[0][1]
    css, text = notices(contract(), dt.date(2024, 5, 16))[0]
    assert css == "bad" and "2024-05-15" in text and "已逾期 1 天" in text
    css, text = notices(contract(), dt.date(2024, 5, 15))[0]
    assert css == "warn" and "还有 0 天" in text
    assert "自 2024-05-26 起生效" in notices(contract(submitted_on=dt.date(2024, 5, 10)), dt.date(2024, 5, 20))[0][1]
    assert notices(contract(submitted_on=dt.date(2024, 5, 10)), dt.date(2025, 1, 1)) == []
    assert "有效期至 2027-05-04" in notices(contract(submitted_on=dt.date(2024, 5, 10)), dt.date(2027, 3, 1))[0][1]
    assert notices(contract(submitted_on=dt.date(2024, 5, 10)), dt.date(2027, 6, 1))[0] == (
        "bad", "已到期：有效期至 2027-05-04，尚未续签。")
