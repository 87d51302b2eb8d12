"""The 15-day limit (劳动争议调解仲裁法 §14), the to-do items, and mediation orgs in being (SPEC §4, §5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation.agreement import yuan_in_words
from mediation.due import due_items
from mediation.models import Case, CaseStatus, MediationLevel, MediationOrg
from mediation.rules import (
    ARBITRATION_NOTICE,
    FAILED_NOTICE,
    days_left,
    deadline,
    is_overdue,
    notices,
)
from mediation.selectors import mediation_orgs_in_being
from registers.pages import record_url

from .conftest import make_case

APPLIED = dt.date(2024, 3, 1)
LIMIT = dt.date(2024, 3, 16)  # 申请日期 + 15 days: the last day within the limit


def open_case(**fields) -> Case:
    return Case(applied_on=APPLIED, status=fields.pop("status", CaseStatus.MEDIATING), **fields)


def test_the_limit_is_the_fifteenth_day_after_the_application():
    assert deadline(open_case().applied_on) == LIMIT


@pytest.mark.parametrize(("today", "overdue", "left"), [
    (dt.date(2024, 3, 1), False, 15), (dt.date(2024, 3, 15), False, 1), (LIMIT, False, 0),
    (dt.date(2024, 3, 17), True, -1), (dt.date(2024, 5, 1), True, -46),
])
def test_an_open_case_is_overdue_from_the_day_after_its_limit(today, overdue, left):
    for status in (CaseStatus.APPLIED, CaseStatus.ACCEPTED, CaseStatus.MEDIATING):
        case = open_case(status=status)
        assert (is_overdue(case, today), days_left(case, today)) == (overdue, left)


@pytest.mark.parametrize("status", [CaseStatus.SUCCEEDED, CaseStatus.FAILED, CaseStatus.WITHDRAWN])
def test_a_closed_case_is_never_overdue(status):
    case = open_case(status=status)
    assert not is_overdue(case, dt.date(2025, 1, 1)) and days_left(case, dt.date(2025, 1, 1)) is None


def test_the_page_notice_counts_down_then_sends_the_case_on_to_arbitration():
    assert notices(open_case(), dt.date(2024, 3, 10)) == []  # six days left
    assert notices(open_case(), dt.date(2024, 3, 11)) == [("warn", "15日调解期限至2024-03-16，还剩5天；期满未达成调解协议的，申请人可以申请仲裁。")]
    assert notices(open_case(), LIMIT)[0][1].startswith("15日调解期限至2024-03-16，还剩0天")
    assert notices(open_case(), dt.date(2024, 3, 17)) == [("bad", ARBITRATION_NOTICE.format(applied="2024-03-01"))]
    assert "申请人可以依法向劳动人事争议仲裁委员会申请仲裁" in notices(open_case(), dt.date(2024, 3, 17))[0][1]
    assert notices(open_case(status=CaseStatus.FAILED), dt.date(2024, 3, 2)) == [("warn", FAILED_NOTICE)]
    assert notices(open_case(status=CaseStatus.SUCCEEDED), dt.date(2025, 1, 1)) == []


@pytest.fixture
def cases(district, mediation) -> dict[str, Case]:
    """Open cases applied 9, 10, 15, 16 days before 2024-03-31, a closed old one, and one of 湖滨."""
    today = dt.date(2024, 3, 31)

    def case(number: str, days_ago: int, org=None, respondent=None, **fields) -> Case:
        return make_case(org or mediation.qingbo, respondent or district.qingbo_employer, number=number,
                         applied_on=today - dt.timedelta(days=days_ago), **fields)

    return {
        "fresh": case("C-09", 9),
        "five_left": case("C-10", 10, status=CaseStatus.ACCEPTED, accepted_on=today - dt.timedelta(days=9)),
        "last_day": case("C-15", 15),
        "overdue": case("C-16", 16),
        "closed": case("C-40", 40, status=CaseStatus.WITHDRAWN, closed_on=today - dt.timedelta(days=39)),
        "hubin": case("H-20", 20, org=mediation.hubin, respondent=district.hubin_employer),
    }


TODAY = dt.date(2024, 3, 31)


def numbers(queryset) -> list[str]:
    return sorted(queryset.values_list("number", flat=True))


def test_the_query_computes_overdue_and_due_soon_as_the_functions_do(cases):
    assert numbers(Case.objects.overdue(TODAY)) == ["C-16", "H-20"]
    assert numbers(Case.objects.not_overdue(TODAY)) == ["C-09", "C-10", "C-15", "C-40"]
    assert numbers(Case.objects.due_within(5, TODAY)) == ["C-10", "C-15"]
    assert numbers(Case.objects.due_within(0, TODAY)) == ["C-15"]
    for case in Case.objects.all():
        assert Case.objects.overdue(TODAY).filter(pk=case.pk).exists() == is_overdue(case, TODAY)
    # a day later the last-day case is overdue too
    assert numbers(Case.objects.overdue(TODAY + dt.timedelta(days=1))) == ["C-15", "C-16", "H-20"]


def test_due_items_list_the_users_cases_near_and_past_the_limit(cases, personas):
    items = list(due_items(personas["qingbo_admin"], TODAY))
    assert [(i.title.split()[0], i.kind, i.due, i.days_left, i.overdue) for i in items] == [
        ("C-16", "调解案件已超期", dt.date(2024, 3, 30), -1, True),
        ("C-15", "调解案件即将超期", dt.date(2024, 3, 31), 0, False),
        ("C-10", "调解案件即将超期", dt.date(2024, 4, 5), 5, False),
    ]
    overdue = items[0]
    assert overdue.url == record_url("cases", cases["overdue"].pk) and overdue.node == "清波街道总工会"
    assert overdue.title == "C-16 张清波与清波示范科技有限公司" and overdue.key == f"cases:{cases['overdue'].pk}:overdue"
    assert "申请仲裁" in overdue.note
    assert [i.title.split()[0] for i in due_items(personas["hubin_admin"], TODAY)] == ["H-20"]
    assert list(due_items(personas["district_auditor"], TODAY)) == []


def test_mediation_orgs_in_being_at_a_date(district, mediation):
    group = mediation.qingbo_group
    MediationOrg.objects.filter(pk=group.pk).update(founded_on=dt.date(2022, 6, 1), closed_on=dt.date(2024, 12, 31))
    shop = MediationOrg.objects.create(name="清波未建会商店人民调解委员会", level=MediationLevel.PEOPLE,
                                       employer=district.qingbo_no_union, node=district.qingbo, founded_on=dt.date(2020, 1, 1))

    def in_being(day: dt.date) -> list[str]:
        return sorted(MediationOrg.objects.in_being_at(day).values_list("name", flat=True))

    everyone = sorted(MediationOrg.objects.values_list("name", flat=True))
    assert in_being(dt.date(2024, 12, 30)) == everyone
    assert group.name not in in_being(dt.date(2024, 12, 31))  # revoked on that day
    assert group.name not in in_being(dt.date(2022, 5, 31))  # not yet founded
    # an employer that closes takes its mediation organisation with it
    type(district.qingbo_no_union).objects.filter(pk=district.qingbo_no_union.pk).update(closed_on=dt.date(2023, 3, 1))
    assert shop.name in in_being(dt.date(2023, 2, 28)) and shop.name not in in_being(dt.date(2023, 3, 1))
    # the report's four figures, by 层级 at the end of Y, in a subtree
    qingbo = MediationOrg.objects.in_subtree(district.qingbo.path)
    assert mediation_orgs_in_being(key="mediation.street", year=2024, queryset=qingbo).count() == 1
    assert mediation_orgs_in_being(key="mediation.enterprise", year=2023).count() == 1
    assert mediation_orgs_in_being(key="mediation.enterprise", year=2024).count() == 0
    assert mediation_orgs_in_being(key="mediation.district", year=2024).count() == 1
    assert mediation_orgs_in_being(key="mediation.people", year=2022).count() == 1


@pytest.mark.parametrize(("amount", "words"), [
    ("0", "零元整"), ("0.5", "伍角"), ("0.05", "伍分"), ("1", "壹元整"), ("10", "壹拾元整"), ("15", "壹拾伍元整"),
    ("100", "壹佰元整"), ("105", "壹佰零伍元整"), ("1005.5", "壹仟零伍元伍角"), ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"), ("16409.02", "壹万陆仟肆佰零玖元零贰分"), ("10000", "壹万元整"),
    ("100000", "壹拾万元整"), ("200300", "贰拾万零叁佰元整"), ("1001000", "壹佰万壹仟元整"), ("1000100", "壹佰万零壹佰元整"),
    ("10005.50", "壹万零伍元伍角"), ("107000.53", "壹拾万柒仟元伍角叁分"), ("100000001", "壹亿零壹元整"),
    ("100010000", "壹亿零壹万元整"), ("1234567890.12", "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
    ("12.345", "壹拾贰元叁角伍分"),  # rounded half-up to the 分
])
def test_amounts_in_chinese_capital_numerals(amount, words):
    assert yuan_in_words(Decimal(amount)) == words


def test_a_negative_amount_has_no_capital_form():
    with pytest.raises(ValueError):
        yuan_in_words(Decimal("-1"))
