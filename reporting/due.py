"""On the to-do list (SPEC §8): a parent's children overdue with their year's filing, or waiting
to be received; a node's own filing returned by its parent."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from indicators.models import FiledReport, FilingState
from orgs.models import Org
from todo.due import DueItem

from .models import FilingDue
from .selectors import board

if TYPE_CHECKING:
    from accounts.models import User

OVERDUE = "下级逾期未上报"
WAITING = "下级上报待接收"
RETURNED = "上报被退回"


def due_items(user: User, today: dt.date) -> list[DueItem]:
    """Only an admin of the node acts on its filings: the items are theirs alone."""
    if not user.writes_business_data or user.org is None:
        return []
    org, items = user.org, []
    url = reverse("reporting:board")
    dues = FilingDue.objects.filter(org=org).order_by("year")
    waiting_years = set(
        FiledReport.objects.filter(
            org__in=Org.objects.get_children(org), state=FilingState.FILED
        ).values_list("year", flat=True)
    )
    years = sorted({d.year for d in dues if d.due_on < today} | waiting_years)
    for year in years:
        the_board = board(org, year)
        for row in the_board.overdue(today):
            assert the_board.due is not None  # noqa: S101 — overdue only past a due date
            items.append(
                DueItem(
                    kind=OVERDUE,
                    title=f"{row.org.name} {year}年",
                    url=f"{url}?year={year}",
                    due=the_board.due.due_on,
                    today=today,
                    node=row.org.name,
                    key=f"filings:{row.org.pk}:{year}:overdue",
                    note=f"现为“{row.state}”",
                )
            )
        for row in the_board.rows:
            if row.state == FilingState.FILED and row.latest is not None:
                items.append(
                    DueItem(
                        kind=WAITING,
                        title=f"{row.org.name} {year}年（第{row.latest.version}版）",
                        url=f"{url}?year={year}",
                        due=timezone.localdate(row.latest.filed_at),
                        today=today,
                        node=row.org.name,
                        key=f"filings:{row.org.pk}:{year}:waiting",
                        note="请接收或退回",
                    )
                )
    check = reverse("reporting:check")
    for year in sorted(set(FiledReport.objects.filter(org=org).values_list("year", flat=True))):
        last = FiledReport.objects.filter(org=org, year=year).order_by("-version").first()
        if last is not None and last.state == FilingState.RETURNED and last.decided_at is not None:
            items.append(
                DueItem(
                    kind=RETURNED,
                    title=f"{org.name} {year}年（第{last.version}版）",
                    url=f"{check}?year={year}",
                    due=timezone.localdate(last.decided_at),
                    today=today,
                    node=org.name,
                    key=f"filings:{org.pk}:{year}:returned",
                    note=f"退回原因：{last.reason}",
                )
            )
    return items
