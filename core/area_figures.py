"""The year's figures on the two area front pages, each linked to the list of what it counts.

Issue-level indicators (SPEC §5) build on the registers' own selectors; these are the working
counts a cadre looks at first: how much of each register's work fell in the year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from registers.pages import list_url


@dataclass(frozen=True)
class Figure:
    label: str
    value: Any
    unit: str
    url: str


def _link(slug: str, **params: Any) -> str:
    return list_url(slug) + ("?" + urlencode(params) if params else "")


def _years(*querysets_and_fields: tuple[Any, str]) -> list[int]:
    """The years that hold records, newest first (the front page opens on the first)."""
    found: set[int] = set()
    for queryset, path in querysets_and_fields:
        found |= set(queryset.annotate(y=ExtractYear(path)).values_list("y", flat=True).distinct()
                     if not path.endswith("year") else queryset.values_list(path, flat=True).distinct())
    this_year = timezone.localdate().year
    return sorted((y for y in found if y and y <= this_year), reverse=True)


def _wan(value: Decimal | None) -> str:
    return f"{(value or Decimal(0)):,.2f}"


class Quality:
    def years(self, user: Any) -> list[int]:
        from contests.models import Competition
        from proposals.models import Proposal
        from training.models import Course

        return _years((Competition.objects.visible_to(user), "year"), (Course.objects.visible_to(user), "start_date"),
                      (Proposal.objects.visible_to(user), "submitted_on"))

    def __call__(self, user: Any, year: int) -> list[Figure]:
        from contests.models import Competition, participants_total
        from honours.models import Facility, Honour
        from proposals.selectors import adopted, benefit_wan, submitted
        from training.models import Certificate, Course, person_times_total

        competitions = Competition.objects.visible_to(user).filter(year=year)
        courses = Course.objects.visible_to(user).filter(start_date__year=year)
        certificates = Certificate.objects.visible_to(user).filter(issued_on__year=year)
        proposals = submitted(_proposals(user), year)
        facilities = Facility.objects.visible_to(user).open_at(dt.date(year, 12, 31))
        return [
            Figure("竞赛", competitions.count(), "项", _link("competitions", year=year)),
            Figure("参赛职工", participants_total(competitions), "人", _link("entries", year=year)),
            Figure("培训项目", courses.count(), "个", _link("courses", year=year)),
            Figure("培训人次", person_times_total(courses), "人次", _link("attendance", year=year)),
            Figure("获得证书", certificates.values("id_number").distinct().count(), "人", _link("certificates", year=year)),
            Figure("提出合理化建议", proposals.count(), "条", _link("proposals", year=year)),
            Figure("已采纳", adopted(_proposals(user), year).count(), "条", _link("proposals", year=year)),
            Figure("创造经济效益", _wan(benefit_wan(_proposals(user), year)), "万元", _link("proposals", year=year)),
            Figure("现行命名表彰", Honour.objects.visible_to(user).in_force(year).count(), "个", _link("honours", status="current")),
            Figure("在用职工阵地", facilities.count(), "个", _link("facilities", status="open")),
            Figure("阵地专项经费", _wan(facilities.aggregate(s=Sum("funds"))["s"]), "万元", _link("facilities", status="open")),
        ]


def _proposals(user: Any) -> Any:
    from proposals.models import Proposal

    return Proposal.objects.visible_to(user)


class Relations:
    def years(self, user: Any) -> list[int]:
        from contracts.models import Contract
        from mediation.models import Case
        from meetings.models import Meeting

        return _years((Meeting.objects.visible_to(user), "held_on"), (Contract.objects.visible_to(user), "signed_on"),
                      (Case.objects.visible_to(user), "applied_on"))

    def __call__(self, user: Any, year: int) -> list[Figure]:
        from assistance.models import Application
        from contracts.models import Contract, Instructor
        from contracts.selectors import covered_workers, units_total
        from mediation.models import Case
        from meetings.models import Meeting
        from orgs.models import Employer
        from supervision.models import Inspection

        today = timezone.localdate()
        contracts = Contract.objects.visible_to(user)
        employers = Employer.objects.visible_to(user)
        cases = Case.objects.visible_to(user).filter(applied_on__year=year)
        inspections = Inspection.objects.visible_to(user).filter(inspected_on__year=year)
        applications = Application.objects.visible_to(user).filter(applied_on__year=year)
        paid = applications.filter(status="已发放").aggregate(s=Sum("approved_amount"))["s"]
        return [
            Figure("召开会议", Meeting.objects.visible_to(user).filter(held_on__year=year).count(), "次", _link("meetings", year=year)),
            Figure("在聘协商指导员", Instructor.objects.visible_to(user).active_at(dt.date(year, 12, 31)).count(), "名", _link("instructors")),
            Figure("新（续）签集体合同", contracts.filter(signed_on__year=year).count(), "份", _link("contracts", year=year)),
            Figure("集体合同覆盖单位", units_total(year, base=employers, contracts=contracts).count(), "家", _link("contracts")),
            Figure("覆盖职工", covered_workers(year, base=employers, contracts=contracts), "人", _link("contracts")),
            Figure("受理调解案件", cases.count(), "件", _link("cases", year=year)),
            Figure("调解成功", cases.filter(status="调解成功").count(), "件", _link("cases", year=year, status="调解成功")),
            Figure("超期未结案件（当前）", Case.objects.visible_to(user).overdue(today).count(), "件", _link("cases", overdue="1")),
            Figure("法律监督检查", inspections.count(), "次", _link("inspections", year=year)),
            Figure("整改逾期（当前）", Inspection.objects.visible_to(user).overdue(today).count(), "项", _link("inspections", overdue="1")),
            Figure("帮扶救助申请", applications.count(), "件", _link("assistance", year=year)),
            Figure("已发放救助金", f"{(paid or Decimal(0)):,.2f}", "元", _link("assistance", year=year, status="已发放")),
        ]


quality = Quality()
relations = Relations()
