"""The two working areas beyond the tree (SPEC §2), 职工素质建设 and 劳动关系, and their front pages: the
year's figures of the user's subtree, each an indicator of the catalogue linked to its drill-down,
the area's registers and what is due there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.permissions import business_reader
from core.replica import reads_replica
from core.validators import year_param
from registers.catalog import registers
from todo.due import collect

from .catalog import BY_KEY, Indicator, Number, figure
from .scope import Scope

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Area:
    slug: str
    label: str
    pages: tuple[tuple[str, str], ...] = ()  # (label, URL name) of the area's own pages
    figures: tuple[str, ...] = ()  # indicator keys: the year's figures on the front page, in this order
    # (model label, date or year field) of the records whose years the year picker offers
    years: tuple[tuple[str, str], ...] = ()

    @property
    def registers(self) -> tuple[str, ...]:
        """The slugs of the registers that declare this area, in catalogue order (the order a
        cadre works through them)."""
        return tuple(slug for slug, register in registers().items() if register.area == self.slug)

    @property
    def navs(self) -> tuple[str, ...]:
        return (self.slug, *self.registers)


AREAS = (
    Area(
        "quality", "职工素质建设",
        pages=(("合理化建议待审", "proposals:inbox"),),
        figures=("competition.count", "competition.participants", "training.courses", "training.all_person_times",
                 "certificates.people", "proposals.submitted", "proposals.adopted", "proposals.benefit_wan",
                 "honours.in_force", "facilities.open", "facilities.funds_wan"),
        years=(("contests.Competition", "year"), ("training.Course", "start_date"),
               ("proposals.Proposal", "submitted_on")),
    ),
    Area(
        "relations", "劳动关系",
        pages=(("风险雷达", "radar:radar"), ("未签集体合同的单位", "contracts:uncovered"),
               ("帮扶救助审批", "assistance:queue"), ("和谐企业评分表", "harmony:tables")),
        figures=("meetings.held", "instructors.active", "contracts.signed", "contracts.units_total",
                 "contracts.covered_workers", "mediation.cases", "mediation.succeeded", "mediation.overdue",
                 "supervision.inspections", "supervision.overdue", "assistance.applications",
                 "assistance.paid_wan", "harmony.named", "harmony.named_total"),
        years=(("meetings.Meeting", "held_on"), ("contracts.Contract", "signed_on"), ("mediation.Case", "applied_on")),
    ),
)


def get_area(slug: str) -> Area | None:
    return next((a for a in AREAS if a.slug == slug), None)


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: Number
    url: str

    @property
    def label(self) -> str:
        return self.indicator.label


def drill_url(key: str, year: int) -> str:
    """The indicator's drill-down for the user's own org (the page's scope)."""
    return f"{reverse('indicators:detail', args=[key])}?year={year}"


def years_held(user: User, areas: tuple[Area, ...] = AREAS) -> list[int]:
    """The years up to this one that hold records of the areas' registers, newest first."""
    found: set[int] = set()
    for area in areas:
        for label, field in area.years:
            queryset = apps.get_model(label).objects.visible_to(user).order_by()
            if not field.endswith("year"):
                queryset = queryset.annotate(**{f"{field}_y": ExtractYear(field)})
                field = f"{field}_y"
            found |= set(queryset.values_list(field, flat=True).distinct())
    this_year = timezone.localdate().year
    return sorted((y for y in found if y and y <= this_year), reverse=True)


def figures(user: User, area: Area, year: int) -> list[Figure]:
    scope = Scope(year, user.org.path, user)  # the drill-down's scope: ?year=Y for the user's org
    return [Figure(BY_KEY[key], figure(BY_KEY[key], scope), drill_url(key, year)) for key in area.figures]


@business_reader
@reads_replica
def area(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_area(slug)
    if found is None:
        raise Http404("没有这个栏目")
    today = timezone.localdate()
    catalog = registers()
    cards = [(catalog[s], catalog[s].queryset(request.user).count()) for s in found.registers if s in catalog]
    years = years_held(request.user, (found,))
    year = year_param(request.GET.get("year"), years[0] if years else today.year, today=today)
    due = collect(request.user, today, found.registers)  # what is due in its registers
    return render(request, "indicators/area.html", {
        "area": found, "cards": cards, "figures": figures(request.user, found, year), "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "due": due[:15], "due_total": len(due), "overdue": sum(1 for i in due if i.overdue),
        "title": found.label, "nav": found.slug,
    })
