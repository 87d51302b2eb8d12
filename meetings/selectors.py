"""Reads of the meeting register that the year's page and the annual report share (SPEC §5).

Each returns a QuerySet: the figure is its count, the drill-down is the same QuerySet listed.
`org` limits to that org's subtree (None: the whole tree); a page passes `Meeting.objects.visible_to(user)`
as `base` so a user never counts beyond their own subtree.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from orgs.models import Org

from .models import Meeting, MeetingQuerySet, MeetingType


def _base(org: Org | None, base: MeetingQuerySet | None, year: int) -> MeetingQuerySet:
    """SPEC §5: a convener closed on or before 31 Dec Y drops out of year-Y figures with its meetings."""
    queryset = base if base is not None else Meeting.objects.all()
    queryset = queryset.in_subtree(org.path) if org is not None else queryset
    end = dt.date(year, 12, 31)
    return queryset.exclude(node__closed_on__lte=end).exclude(convener_employer__closed_on__lte=end)


def meetings_in(year: int, *, org: Org | None = None, base: MeetingQuerySet | None = None) -> MeetingQuerySet:
    """The meetings of year Y with their 议题 and 形成文件, in the order they were held."""
    return _base(org, base, year).held_in(year).order_by("held_on", "meeting_type", "session", "id")


def held_up_to(meeting_type: str, day: dt.date, *, org: Org | None = None,
               base: MeetingQuerySet | None = None) -> MeetingQuerySet:
    """Meetings of one type held on or before `day`, every session since the first (已召开七次)."""
    return _base(org, base, day.year).of_type(meeting_type).held_by(day).order_by("held_on", "id")


def joint_total(year: int, *, org: Org | None = None, base: MeetingQuerySet | None = None) -> MeetingQuerySet:
    """meetings.joint_total: 政府与工会联席会议 held on or before 31 Dec Y."""
    return held_up_to(MeetingType.JOINT, dt.date(year, 12, 31), org=org, base=base)


def tripartite_total(year: int, *, org: Org | None = None, base: MeetingQuerySet | None = None) -> MeetingQuerySet:
    """meetings.tripartite_total: 劳动关系三方协调会议 held up to the end of Y."""
    return held_up_to(MeetingType.TRIPARTITE, dt.date(year, 12, 31), org=org, base=base)


def years_held(base: MeetingQuerySet) -> list[int]:
    """The years that have meetings, newest first (for a year picker)."""
    return sorted({d.year for d in base.dates("held_on", "year")}, reverse=True)


def search(queryset: MeetingQuerySet, text: str) -> MeetingQuerySet:
    text = text.strip()
    return queryset.filter(Q(topics__contains=text) | Q(documents__contains=text)) if text else queryset
