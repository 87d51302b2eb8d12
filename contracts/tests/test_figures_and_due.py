"""SPEC §5's contract figures, the to-do items, the procedure's services and the contract pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import make_credit_code
from contracts import selectors
from contracts.due import EXPIRED, EXPIRING, TO_SUBMIT, due_items
from contracts.models import Stage
from orgs.models import Employer
from workflows.models import Transition
from workflows.services import move, record_created

from .conftest import make_contract


@pytest.fixture
def regional(district):
    """A 区域性集体合同 of 清波 covering both its employers, signed 2023 for three years."""
    return make_contract("QY2023-0001", [district.qingbo_no_union, district.qingbo_employer],
                         contract_type="区域性集体合同", signed_on=dt.date(2023, 6, 1), covered=300)


def test_units_and_covered_workers_take_each_employers_latest_contract_in_force(district, regional):
    make_contract("JT2024-0001", [district.qingbo_employer], signed_on=dt.date(2024, 6, 1), covered=120)
    make_contract("NZ2024-0001", [district.qingbo_employer], contract_type="女职工特殊保护专项集体合同",
                  signed_on=dt.date(2024, 7, 1), covered=40)
    make_contract("HB2022-0001", [district.hubin_employer], signed_on=dt.date(2022, 1, 1), covered=50)
    make_contract("HB2024-0001", [district.hubin_employer], signed_on=dt.date(2024, 12, 31), term=1, covered=55,
                  contract_type="工资专项集体协议")
    # 2024: both of 清波's (the company's latest is its own 2024 contract, the shop's the regional
    # one), 湖滨's latest is its wage agreement signed on 31 Dec; the 女职工 contract does not count
    assert set(selectors.units_total(2024).values_list("name", flat=True)) == {
        "清波示范科技有限公司", "清波未建会商店", "湖滨示范酒店有限公司"}
    assert set(selectors.covered_contracts(2024).values_list("number", flat=True)) == {
        "JT2024-0001", "QY2023-0001", "HB2024-0001"}
    assert selectors.covered_workers(2024) == 120 + 300 + 55
    assert set(selectors.units_signed(2024).values_list("name", flat=True)) == {"清波示范科技有限公司", "湖滨示范酒店有限公司"}
    # 2023: the regional contract covers both and is counted once
    assert selectors.covered_workers(2023, org=district.qingbo) == 300
    assert selectors.units_total(2023, org=district.qingbo).count() == 2
    assert selectors.units_signed(2023).count() == 2
    # 2025: the 2022 contract ran out on 1 Jan 2025 and the wage agreement on 31 Dec 2025
    assert set(selectors.units_total(2025).values_list("name", flat=True)) == {"清波示范科技有限公司", "清波未建会商店"}


def test_a_contract_owned_in_another_street_counts_for_the_employers_it_covers_here(district, personas):
    """SPEC §5: an employer-based figure uses the employer's node, not the contract's."""
    from indicators.catalog import BY_KEY, figure
    from indicators.scope import Scope

    make_contract("HY2024-0001", [district.hubin_employer, district.qingbo_employer], contract_type="行业性集体合同",
                  signed_on=dt.date(2024, 5, 1), covered=70)
    qingbo = Scope(2024, district.qingbo.path)
    assert [e.name for e in BY_KEY["contracts.units_total"].records(qingbo)] == ["清波示范科技有限公司"]
    assert figure(BY_KEY["contracts.units_signed"], qingbo) == 1
    assert figure(BY_KEY["contracts.covered_workers"], qingbo) == 70
    # 清波's admin counts the contracts they may open (the figure, its drill-down and its export
    # are the same records), and files what their pages show
    from indicators.filing import file_report
    from reporting.tests.flow import union_accepted

    union_accepted(personas, district, 2024)  # the street files once its union's year is received
    admin = personas["qingbo_admin"]
    seen = Scope(2024, district.qingbo.path, admin)
    assert figure(BY_KEY["contracts.covered_workers"], seen) == 0 and figure(BY_KEY["contracts.units_total"], seen) == 0
    filed = file_report(user=admin, org=district.qingbo, year=2024)
    assert filed.figures["contracts.units_total"] == 0 and filed.records_of("contracts.units_total") == []
    assert figure(BY_KEY["contracts.units_total"], Scope(2024, district.hubin.path)) == 1


def test_the_latest_of_two_signed_the_same_day_is_the_higher_number(district):
    make_contract("JT2024-0002", [district.qingbo_employer], signed_on=dt.date(2024, 6, 1), covered=80)
    make_contract("JT2024-0010", [district.qingbo_employer], signed_on=dt.date(2024, 6, 1), covered=90,
                  contract_type="工资专项集体协议")
    assert list(selectors.covered_contracts(2024).values_list("number", flat=True)) == ["JT2024-0010"]
    assert selectors.covered_workers(2024) == 90
    # numbers as people read them, not as text: HT-10 is higher than HT-9
    make_contract("HT-9", [district.hubin_employer], signed_on=dt.date(2024, 6, 1), covered=30)
    make_contract("HT-10", [district.hubin_employer], signed_on=dt.date(2024, 6, 1), covered=40,
                  contract_type="工资专项集体协议")
    assert selectors.covered_workers(2024, org=district.hubin) == 40


def test_an_employer_closed_by_the_end_of_the_year_drops_out(district, regional):
    Employer.objects.filter(pk=district.qingbo_no_union.pk).update(closed_on=dt.date(2024, 12, 31))
    assert selectors.units_total(2024).get() == district.qingbo_employer
    assert selectors.units_total(2023).count() == 2
    assert selectors.covered_workers(2024) == 300  # the contract still counts for the open employer


def test_due_items_submission_expiry_and_expired_without_renewal(district, personas):
    user = personas["qingbo_admin"]
    today = dt.date(2024, 6, 1)
    make_contract("A-SOON", [district.qingbo_employer], signed_on=dt.date(2024, 5, 22))  # due 6-01
    make_contract("A-LATE", [district.qingbo_employer], signed_on=dt.date(2024, 5, 21))  # due 5-31
    make_contract("A-DONE", [district.qingbo_employer], signed_on=dt.date(2024, 5, 20), submitted_on=dt.date(2024, 5, 25))
    make_contract("B-ENDS", [district.qingbo_no_union], signed_on=dt.date(2021, 8, 30), submitted_on=dt.date(2021, 9, 1))
    make_contract("B-LATER", [district.qingbo_no_union], signed_on=dt.date(2021, 8, 31), submitted_on=dt.date(2021, 9, 1))
    gone = make_contract("C-GONE", [district.qingbo_no_union], signed_on=dt.date(2021, 6, 1), submitted_on=dt.date(2021, 6, 2))
    old = make_contract("C-OLD", [district.qingbo_employer], signed_on=dt.date(2020, 1, 1), submitted_on=dt.date(2020, 1, 2))
    make_contract("C-RENEWED", [district.qingbo_employer], signed_on=dt.date(2023, 1, 1), renews=old,
                  submitted_on=dt.date(2023, 1, 2))
    make_contract("C-STALE", [district.qingbo_employer], signed_on=dt.date(2020, 5, 31), submitted_on=dt.date(2020, 6, 1))
    make_contract("HB-LATE", [district.hubin_employer], signed_on=dt.date(2024, 5, 1))
    items = {i.title.split()[0]: i for i in due_items(user, today)}
    assert set(items) == {"A-SOON", "A-LATE", "B-ENDS", "C-GONE"}
    assert (items["A-SOON"].kind, items["A-SOON"].due, items["A-SOON"].overdue) == (TO_SUBMIT, dt.date(2024, 6, 1), False)
    assert (items["A-LATE"].due, items["A-LATE"].overdue, items["A-LATE"].days_left) == (dt.date(2024, 5, 31), True, -1)
    # B-ENDS is in force until 29 Aug 2024, 89 days on; B-LATER one day longer, outside the 90 days
    assert (items["B-ENDS"].kind, items["B-ENDS"].due, items["B-ENDS"].overdue) == (EXPIRING, dt.date(2024, 8, 29), False)
    assert (items["C-GONE"].kind, items["C-GONE"].overdue) == (EXPIRED, True)
    assert items["C-GONE"].url == f"/registers/contracts/{gone.pk}/" and items["C-GONE"].node == "清波街道总工会"
    assert items["A-SOON"].title == "A-SOON 清波示范科技有限公司"
    assert due_items(personas["hubin_admin"], today).__next__().title.startswith("HB-LATE")


def test_the_procedure_moves_one_step_at_a_time_recording_who_when_and_why(district, personas):
    """Each step is a workflow move, as the record page and the API make it."""
    user = personas["qingbo_admin"]
    draft = make_contract("JT2024-0100", [district.qingbo_employer], signed_on=None, term=2, covered=30)
    record_created(draft, user=user)
    assert (draft.stage, draft.expires_on, draft.node) == (Stage.DRAFT, None, district.qingbo_union)
    with pytest.raises(ValidationError, match="变为“已报送”需要填写|不能从“草拟”直接变为“已报送”"):
        move(draft, Stage.SUBMITTED, user=user, changes={"submitted_on": dt.date(2024, 5, 1)})
    signed = move(draft, Stage.SIGNED, user=user, reason="首席代表签字", changes={"signed_on": dt.date(2024, 5, 5)})
    assert (signed.stage, signed.expires_on) == (Stage.SIGNED, dt.date(2026, 5, 5))
    with pytest.raises(ValidationError, match="报送审查日期不能早于签订日期"):
        move(signed, Stage.SUBMITTED, user=user, changes={"submitted_on": dt.date(2024, 5, 1)})
    submitted = move(signed, Stage.SUBMITTED, user=user, reason="报人社局", changes={"submitted_on": dt.date(2024, 5, 8)})
    approved = move(submitted, Stage.APPROVED, user=user, changes={"approved_on": dt.date(2024, 5, 20)})
    assert approved.stage == Stage.APPROVED
    moves = Transition.objects.filter(object_id=draft.pk, content_type__model="contract")
    assert [(t.from_state, t.to_state, t.reason, t.username) for t in moves] == [
        ("", "草拟", "", "qingbo_admin"), ("草拟", "已签订", "首席代表签字", "qingbo_admin"),
        ("已签订", "已报送", "报人社局", "qingbo_admin"), ("已报送", "审查通过", "", "qingbo_admin")]
    with pytest.raises(ValidationError, match="已是“审查通过”状态"):
        move(approved, Stage.APPROVED, user=user, changes={"approved_on": dt.date(2024, 5, 21)})


def test_the_employer_page_shows_every_contract_newest_first_with_status_and_renewals(district, login, regional):
    old = make_contract("JT2020-0001", [district.qingbo_employer], signed_on=dt.date(2020, 3, 1))
    make_contract("JT2023-0001", [district.qingbo_employer], signed_on=dt.date(2023, 3, 1), renews=old,
                  submitted_on=dt.date(2023, 3, 5))
    page = login("qingbo_admin").get(reverse("contracts:employer", args=[district.qingbo_employer.pk])).content.decode()
    assert "今天没有生效的集体合同" in page  # all three ran out by the time this test runs
    page = page.split("<tbody>")[1]
    assert page.index("QY2023-0001") < page.index("JT2023-0001") < page.index("JT2020-0001")
    assert "续签自" in page and "已由" in page and "已到期" in page
    assert "清波未建会商店" in page  # the other party of the regional contract
    assert login("hubin_admin").get(reverse("contracts:employer", args=[district.qingbo_employer.pk])).status_code == 404


def test_the_uncovered_page_lists_open_enterprises_without_a_contract_in_force(district, login):
    make_contract("JT2024-0001", [district.qingbo_employer], signed_on=timezone.localdate() - dt.timedelta(days=30))
    make_contract("JT2019-0001", [district.qingbo_no_union], signed_on=dt.date(2019, 1, 1))
    big = Employer.objects.create(name="清波大厂", credit_code=make_credit_code("91330102MA2B00021"), employer_type="企业",
                                  street=district.qingbo, node=district.qingbo, headcount=900)
    Employer.objects.create(name="清波已注销公司", credit_code=make_credit_code("91330102MA2B00022"), employer_type="企业",
                            street=district.qingbo, node=district.qingbo, closed_on=dt.date(2020, 1, 1))
    client = login("district_admin")
    page = client.get(reverse("contracts:uncovered") + f"?street={district.qingbo.pk}").content.decode()
    assert page.index(big.name) < page.index("清波未建会商店")
    assert "JT2019-0001，有效期至 2021-12-31" in page
    assert "清波示范科技有限公司" not in page and "湖滨示范酒店有限公司" not in page and "清波已注销公司" not in page
    assert "湖滨示范酒店有限公司" in client.get(reverse("contracts:uncovered")).content.decode()
    # a street outside the user's subtree is ignored: the sibling sees its own
    page = login("hubin_admin").get(reverse("contracts:uncovered") + f"?street={district.qingbo.pk}").content.decode()
    assert "湖滨示范酒店有限公司" in page and big.name not in page


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_contract_pages_query_the_same_number_of_times_however_many_rows(district, login):
    client = login("district_admin")
    employer_url = reverse("contracts:employer", args=[district.qingbo_employer.pk])
    uncovered_url = reverse("contracts:uncovered")
    old = make_contract("JT2019-0001", [district.qingbo_employer], signed_on=dt.date(2019, 3, 1))
    few = (_queries(client, employer_url), _queries(client, uncovered_url))
    make_contract("JT2022-0001", [district.qingbo_employer, district.qingbo_no_union], signed_on=dt.date(2022, 3, 1),
                  renews=old, contract_type="区域性集体合同")
    make_contract("NZ2022-0001", [district.qingbo_employer], signed_on=dt.date(2022, 3, 1), contract_type="女职工特殊保护专项集体合同")
    for i in range(5):
        Employer.objects.create(name=f"清波新企业{i}", credit_code=make_credit_code(f"91330102MA2B0003{i}"),
                                employer_type="企业", street=district.qingbo, node=district.qingbo, headcount=i)
    assert (_queries(client, employer_url), _queries(client, uncovered_url)) == few
