"""Each signal of SPEC §9 on records either side of its window and of its threshold, the levels at
their edges, and the radar's scoping: it counts only what the viewer may open."""

from __future__ import annotations

import datetime as dt

import pytest

from radar.rules import Window, level_of
from radar.selectors import radar, standing_of

from . import builders as b

D = dt.date(2025, 6, 30)
START = dt.date(2024, 6, 30)  # D − 12 months: outside the window; the day after is inside


def counts(user, employer, day: dt.date = D) -> dict[str, int]:
    standing = standing_of(user, employer, day)
    return {r.signal.name: r.count for r in standing.reasons} if standing else {}


@pytest.fixture
def root(personas):
    return personas["district_admin"]


def test_the_window_is_the_twelve_months_up_to_and_including_d():
    window = Window.ending(D)
    assert (
        not window.holds(START) and window.holds(START + dt.timedelta(days=1)) and window.holds(D)
    )
    assert not window.holds(D + dt.timedelta(days=1))
    assert Window.ending(dt.date(2024, 2, 29)).start == dt.date(2023, 2, 28)


def test_a_case_counts_inside_the_window_only(district, root):
    employer = district.qingbo_employer
    b.case(employer, START)  # on the window's open end: out
    b.case(employer, D + dt.timedelta(days=1))  # after D: out
    assert counts(root, employer) == {}
    b.case(employer, START + dt.timedelta(days=1))
    b.case(employer, D)
    assert counts(root, employer) == {"劳动争议": 2}


def test_ten_people_make_a_collective_dispute_nine_do_not(district, root):
    employer = district.qingbo_employer
    b.case(employer, D, people=9)
    b.case(employer, D)  # 涉及人数 blank: an individual dispute
    assert counts(root, employer) == {"劳动争议": 2}
    b.case(employer, D, people=10)
    assert counts(root, employer) == {"劳动争议": 2, "集体争议": 1}
    assert standing_of(root, employer, D).score == 2 * 5 + 30


def test_an_overdue_finding_is_not_also_counted_as_not_rectified(district, root):
    employer = district.qingbo_employer
    b.inspection(
        employer, dt.date(2025, 3, 1), deadline=D, result="未整改"
    )  # the deadline day is still in time
    assert counts(root, employer) == {"未整改": 1}
    assert counts(root, employer, D + dt.timedelta(days=1)) == {"整改逾期": 1}
    b.inspection(employer, dt.date(2025, 3, 1), deadline=dt.date(2025, 4, 1), result="已整改")
    b.inspection(employer, dt.date(2025, 3, 1), deadline=dt.date(2025, 4, 1), result="整改中")
    b.inspection(
        employer, START, deadline=dt.date(2024, 8, 1), result="未整改"
    )  # inspected before the window
    assert counts(root, employer) == {"整改逾期": 1, "未整改": 1}


def test_a_lapsed_collective_contract_counts_once_when_none_is_in_force(district, root):
    employer = district.qingbo_employer
    b.contract(
        employer, dt.date(2023, 7, 1), term_years=2
    )  # ran out on 2025-07-01: still in force at D
    assert counts(root, employer) == {}
    assert counts(root, employer, dt.date(2025, 7, 1)) == {"集体合同断签": 1}
    # ran out the day after the window opened
    other = district.hubin_employer
    b.contract(
        other, dt.date(2023, 7, 1), term_years=1
    )  # ran out 2024-07-01: inside (START is 2024-06-30)
    assert counts(root, other) == {"集体合同断签": 1}
    assert counts(root, other, dt.date(2025, 7, 1)) == {}  # by then it ran out before the window


def test_a_contract_in_force_or_a_later_one_stops_the_lapse(district, root):
    employer = district.qingbo_employer
    b.contract(employer, dt.date(2023, 1, 1), term_years=2)  # ran out 2025-01-01
    assert counts(root, employer) == {"集体合同断签": 1}
    b.contract(
        employer, dt.date(2025, 2, 1), term_years=3, contract_type="工资专项集体协议"
    )  # renewed
    assert counts(root, employer) == {}


def test_only_the_latest_contract_is_read(district, root):
    """The latest (later 签订日期) ran out before the window; an older, longer one ran out in it:
    the latest decides, and it did not run out in the window."""
    employer = district.qingbo_employer
    b.contract(employer, dt.date(2022, 3, 1), term_years=3)  # ran out 2025-03-01, inside
    b.contract(
        employer, dt.date(2023, 3, 1), term_years=1
    )  # the latest: ran out 2024-03-01, before
    assert counts(root, employer) == {}


def test_a_female_workers_contract_does_not_count(district, root):
    b.contract(
        district.qingbo_employer,
        dt.date(2023, 1, 1),
        term_years=2,
        contract_type="女职工特殊保护专项集体合同",
    )
    assert counts(root, district.qingbo_employer) == {}


def test_the_signing_rate_flags_below_ninety_percent(district, root):
    employer = district.hubin_employer  # 2 signed already
    b.workers(employer, 88, labour_contract="已签订")
    b.workers(employer, 10, labour_contract="未签订")  # 90 of 100: 90 %
    b.workers(employer, 5, labour_contract="无需签订")  # not in the rate
    b.workers(employer, 5, labour_contract="未签订", status="离职")  # not 在职
    assert counts(root, employer) == {}
    b.workers(employer, 1, labour_contract="未签订")  # 90 of 101: 89.1 %
    assert counts(root, employer) == {"劳动合同签订率低": 1}


def test_the_signing_rate_needs_ten_workers(district, root):
    employer = district.qingbo_no_union  # 1 未签订 already
    b.workers(employer, 8, labour_contract="未签订")  # 9 workers, none signed
    assert counts(root, employer) == {}
    b.workers(employer, 1, labour_contract="未签订")
    assert counts(root, employer) == {"劳动合同签订率低": 1}


def test_no_union_counts_from_twenty_five_employed_workers(district, root):
    employer = district.qingbo_no_union  # 1 worker already, 未签订
    b.workers(employer, 23)
    b.workers(employer, 3, status="离职")
    assert "未建会" not in counts(root, employer)  # 24 在职
    b.workers(employer, 1)
    assert counts(root, employer)["未建会"] == 1
    b.workers(district.qingbo_employer, 30)  # has a union
    assert "未建会" not in counts(root, district.qingbo_employer)


def test_emergency_assistance_counts_by_the_workers_id_number(district, root):
    worker = district.qingbo_worker
    b.assistance(worker, D, node=district.qingbo_union)
    b.assistance(worker, START, node=district.qingbo_union)  # before the window
    b.assistance(worker, D, node=district.qingbo_union, kind="金秋助学")
    assert counts(root, district.qingbo_employer) == {"急难救助": 1}
    assert counts(root, district.hubin_employer) == {}


def test_leads_weigh_by_people_and_drop_when_found_untrue(district, root):
    employer = district.qingbo_employer
    b.lead(employer, D, people=9)
    b.lead(employer, D)
    b.lead(employer, D, people=30, verdict="不属实")
    b.lead(employer, START, people=30)
    assert counts(root, employer) == {"风险线索": 2}
    b.lead(employer, D, people=10, verdict="属实")
    assert counts(root, employer) == {"风险线索": 2, "重大风险线索": 1}
    assert standing_of(root, employer, D).score == 2 * 20 + 40


@pytest.mark.parametrize(
    ("score", "level"),
    [(9, "无"), (10, "黄"), (19, "黄"), (20, "橙"), (39, "橙"), (40, "红"), (0, "无")],
)
def test_levels_at_their_edges(score, level):
    assert level_of(score) == level


def test_the_deployment_sets_weights_and_thresholds(district, root, settings):
    employer = district.qingbo_employer
    b.case(employer, D)  # 劳动争议: 5
    assert standing_of(root, employer, D).level == "无"
    settings.RADAR = {"weights": {"劳动争议": 12}, "thresholds": {"黄": 12}}
    standing = standing_of(root, employer, D)
    assert (standing.score, standing.level, standing.reasons[0].weight) == (12, "黄", 12)


def test_levels_from_records_at_nine_and_ten_points(district, root):
    employer = district.qingbo_employer
    b.assistance(district.qingbo_worker, D, node=district.qingbo_union)  # 3
    b.case(employer, D)  # 5
    assert standing_of(root, employer, D).score == 8
    b.assistance(district.qingbo_worker, D, node=district.qingbo_union)  # 11
    assert standing_of(root, employer, D).level == "黄"


def test_a_closed_employer_is_not_on_the_radar(district, root):
    employer = district.qingbo_employer
    b.lead(employer, D - dt.timedelta(days=1), people=10)
    employer.closed_on = D
    employer.save()
    assert standing_of(root, employer, D) is None
    assert standing_of(root, employer, D - dt.timedelta(days=1)).level == "红"


def test_highest_first_then_by_credit_code(district, root):
    for employer in (district.hubin_employer, district.qingbo_employer):
        b.lead(employer, D)
    b.lead(district.qingbo_no_union, D, people=12)
    order = [(s.name, s.score) for s in radar(root, D) if s.score]
    codes = sorted([district.hubin_employer.credit_code, district.qingbo_employer.credit_code])
    by_code = {
        district.hubin_employer.credit_code: district.hubin_employer.name,
        district.qingbo_employer.credit_code: district.qingbo_employer.name,
    }
    assert order == [
        (district.qingbo_no_union.name, 40),
        (by_code[codes[0]], 20),
        (by_code[codes[1]], 20),
    ]


# --- scoping ------------------------------------------------------------------------------------------


def test_a_street_sees_its_own_employers_only(district, personas):
    names = {s.name for s in radar(personas["qingbo_admin"], D)}
    assert names == {district.qingbo_employer.name, district.qingbo_no_union.name}
    assert {s.name for s in radar(personas["hubin_admin"], D)} == {district.hubin_employer.name}
    assert radar(personas["sysadmin"], D) == []  # sees no business data


def test_a_collective_dispute_in_a_sibling_street_never_shows(district, personas):
    """A case the sibling street's committee handles against a 清波 employer is 湖滨's record: the
    qingbo admin cannot open it, so it is not counted either — the district admin sees it."""
    b.case(district.qingbo_employer, D, people=20, by=district.hubin)
    b.case(district.hubin_employer, D, people=20)
    qingbo = radar(personas["qingbo_admin"], D)
    assert all(s.score == 0 for s in qingbo)
    hubin = radar(personas["hubin_admin"], D)
    assert [(s.name, s.score) for s in hubin] == [(district.hubin_employer.name, 30)]
    assert counts(personas["district_admin"], district.qingbo_employer) == {"集体争议": 1}


def test_the_query_count_does_not_grow_with_the_employers(
    district, root, django_assert_num_queries
):
    from orgs.models import Employer

    b.lead(district.qingbo_employer, D)
    with django_assert_num_queries(11):  # the employers, then one per signal
        radar(root, D)
    Employer.objects.bulk_create(
        [
            Employer(
                name=f"新单位{i}",
                credit_code=f"X{i:017d}",
                employer_type="企业",
                street=district.qingbo,
                node=district.qingbo,
            )
            for i in range(30)
        ]
    )
    for employer in Employer.objects.filter(name__startswith="新单位")[:5]:
        b.lead(employer, D)
        b.case(employer, D)
    with django_assert_num_queries(11):
        assert len(radar(root, D)) == 33


def test_no_signal_without_the_records_behind_it(district, root):
    """Every signal at once on one employer: each count has its records, a count-type signal as
    many as it counts."""
    from radar.signals import BY_NAME

    employer = district.qingbo_no_union  # no union
    b.workers(employer, 30, labour_contract="未签订")
    worker = employer.workers.first()
    b.case(employer, D, people=12)
    b.case(employer, D)
    b.inspection(employer, dt.date(2025, 3, 1), deadline=dt.date(2025, 4, 1), result="整改中")
    b.inspection(employer, dt.date(2025, 3, 1), deadline=D, result="未整改")
    b.contract(employer, dt.date(2023, 1, 1), term_years=2)
    b.assistance(worker, D, node=district.qingbo)
    b.lead(employer, D, people=3)
    b.lead(employer, D, people=30)
    standing = standing_of(root, employer, D)
    assert {r.signal.name for r in standing.reasons} == set(BY_NAME)
    assert standing.score == 30 + 5 + 15 + 10 + 10 + 10 + 5 + 3 + 20 + 40
    for reason in standing.reasons:
        records = reason.signal.records_of(root, Window.ending(D), employer.pk)
        assert records.exists(), reason.signal.name
        if not reason.signal.holds:
            assert records.count() == reason.count, reason.signal.name
