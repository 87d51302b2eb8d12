"""The meetings of a year with their 议题 and 形成文件 (what the annual report lists, SPEC §5)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.permissions import business_reader
from core.validators import year_param
from registers.pages import record_url

from . import selectors
from .models import Meeting, MeetingType


@business_reader
def by_year(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    visible = Meeting.objects.visible_to(request.user)
    year = year_param(request.GET.get("year"), today.year, today=today)
    meetings = list(selectors.meetings_in(year, base=visible))
    totals = [
        (MeetingType.JOINT.label, selectors.joint_total(year, base=visible).count()),
        (MeetingType.TRIPARTITE.label, selectors.tripartite_total(year, base=visible).count()),
    ]
    years = selectors.years_held(visible)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return render(request, "meetings/by_year.html", {
        "year": year, "years": years, "totals": totals,
        "rows": [(m, record_url("meetings", m.pk)) for m in meetings],
        "title": f"{year}年会议", "nav": "meetings",
    })
