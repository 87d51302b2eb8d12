"""The members' 逻辑检查 (SPEC §8): 空壳工会 (union.empty) and members 在籍 at a closed employer
(member.closed_employer), each counted in the node's subtree as the user sees it, each with the
records it found behind its drill-down."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from members.models import Member
from orgs.models import Employer, Org
from reporting.logic import check, rule_of
from workers.models import Worker

from .helpers import member_of

Y = 2024


def counts(org, user=None, year=Y) -> dict[str, int]:
    return {o.rule.key: o.count for o in check(org, year, user)}


def found(org, key: str, user=None, year=Y) -> list:
    return list(next(o for o in check(org, year, user) if o.rule.key == key).records)


def test_both_rules_are_declared_with_their_levels():
    assert (rule_of("union.empty").level, rule_of("member.closed_employer").level) == (
        "提示",
        "错误",
    )


def test_a_union_without_a_member_at_the_end_of_the_year_is_an_empty_shell(district, personas):
    # neither union holds a membership: each street counts its own, the district both
    assert [counts(o)["union.empty"] for o in (district.root, district.qingbo, district.hubin)] == [
        2,
        1,
        1,
    ]
    member_of(district, joined_on=dt.date(Y, 3, 1))  # 张清波 joins 清波's union in Y
    assert counts(district.qingbo)["union.empty"] == 0
    assert counts(district.qingbo, year=Y - 1)["union.empty"] == 1  # not yet a member then
    assert counts(district.root)["union.empty"] == 1
    # a sibling street's admin never counts 清波's union, filled or not
    assert counts(district.root, personas["hubin_admin"])["union.empty"] == 1
    assert [o.name for o in found(district.root, "union.empty", personas["hubin_admin"])] == [
        "湖滨示范企业工会"
    ]
    # a union founded after Y or closed by its end is not counted for Y; a street never is
    Org.objects.filter(pk=district.hubin_union.pk).update(founded_on=dt.date(Y + 1, 2, 1))
    assert counts(district.hubin)["union.empty"] == 0
    Org.objects.filter(pk=district.hubin_union.pk).update(
        founded_on=dt.date(2010, 1, 1), closed_on=dt.date(Y, 6, 30)
    )
    assert counts(district.hubin)["union.empty"] == 0
    assert counts(district.hubin, year=Y - 1)["union.empty"] == 1


def test_a_member_who_left_does_not_fill_a_union(district):
    member_of(district, status="已退会", joined_on=dt.date(2020, 1, 1))  # left on 1 Apr 2024
    assert counts(district.qingbo, year=Y - 1)["union.empty"] == 0
    assert counts(district.qingbo)["union.empty"] == 1


def test_the_empty_unions_drill_down_lists_them(login, district):
    member_of(district, joined_on=dt.date(Y, 3, 1))
    page = login("district_admin").get(
        reverse("reporting:rule", kwargs={"key": "union.empty"}) + f"?year={Y}"
    )
    assert page.status_code == 200 and page.context["page"].paginator.count == 1
    html = page.content.decode()
    assert "湖滨示范企业工会" in html and "清波示范企业工会" not in html
    sibling = login("hubin_admin").get(
        reverse("reporting:rule", kwargs={"key": "union.empty"})
        + f"?year={Y}&org={district.qingbo.pk}"
    )
    assert sibling.status_code in (403, 404) or sibling.context["page"].paginator.count == 0


def test_a_member_still_active_at_a_closed_employer_is_an_error(district, personas):
    member = member_of(district, joined_on=dt.date(2022, 5, 1))  # 张清波 of 清波示范科技
    assert counts(district.root)["member.closed_employer"] == 0
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(closed_on=dt.date(Y, 6, 30))
    assert counts(district.qingbo)["member.closed_employer"] == 1
    assert counts(district.root)["member.closed_employer"] == 1
    assert counts(district.qingbo, year=Y - 1)["member.closed_employer"] == 0  # open then
    assert counts(district.hubin)["member.closed_employer"] == 0
    assert counts(district.root, personas["hubin_admin"])["member.closed_employer"] == 0
    assert found(district.qingbo, "member.closed_employer", personas["qingbo_admin"]) == [member]
    # 保留会籍, as the closure should have made it: nothing to find
    Member.objects.filter(pk=member.pk).update(status="保留会籍")
    member.periods.update(state="保留会籍")
    assert counts(district.qingbo)["member.closed_employer"] == 0


def test_a_member_outside_the_workers_register_is_read_by_its_own_employer(district):
    worker = Worker.objects.get(name="陈湖滨")
    member = member_of(
        district,
        worker=worker,
        node=district.hubin_union,
        joined_on=dt.date(2022, 5, 1),
    )
    Member.objects.filter(pk=member.pk).update(worker=None, employer=district.hubin_employer)
    Employer.objects.filter(pk=district.hubin_employer.pk).update(closed_on=dt.date(Y, 12, 31))
    assert counts(district.hubin)["member.closed_employer"] == 1  # closed on the last day of Y
    assert counts(district.qingbo)["member.closed_employer"] == 0
    Employer.objects.filter(pk=district.hubin_employer.pk).update(closed_on=dt.date(Y + 1, 1, 1))
    assert counts(district.hubin)["member.closed_employer"] == 0


def test_the_closed_employers_drill_down_lists_the_members(login, district):
    member_of(district, joined_on=dt.date(2022, 5, 1))
    Employer.objects.filter(pk=district.qingbo_employer.pk).update(closed_on=dt.date(Y, 6, 30))
    url = reverse("reporting:rule", kwargs={"key": "member.closed_employer"}) + f"?year={Y}"
    page = login("qingbo_admin").get(url)
    assert page.status_code == 200 and page.context["page"].paginator.count == 1
    assert login("hubin_admin").get(url).context["page"].paginator.count == 0


def test_a_worker_imported_as_a_member_of_a_closed_employer_is_kept_from_the_closing_day(
    district, personas
):
    from members import services

    Employer.objects.filter(pk=district.hubin_employer.pk).update(closed_on=dt.date(2023, 6, 30))
    services.members_join_workers(
        joined=[(district.hubin_worker.id_number, dt.date(2019, 3, 1))],
        user=personas["hubin_admin"],
    )
    member = Member.objects.get(id_number=district.hubin_worker.id_number)
    assert (member.status, member.node, member.change_reason) == (
        "保留会籍",
        district.hubin,
        "单位关闭",
    )
    assert list(member.periods.values_list("union__name", "state", "started_on", "ended_on")) == [
        ("湖滨示范企业工会", "在籍", dt.date(2019, 3, 1), dt.date(2023, 6, 30)),
        ("湖滨街道总工会", "保留会籍", dt.date(2023, 6, 30), None),
    ]
    assert counts(district.hubin, year=2023)["member.closed_employer"] == 0
    assert (
        counts(district.hubin, year=2023)["union.empty"] == 1
    )  # its members are at the street now
