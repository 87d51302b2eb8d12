"""The reviewer's inbox; the register's list, record and move pages are the generic ones."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.lists import paginate
from core.permissions import business_reader
from registers.pages import record_url

from .rules import WAIT_DAYS, is_late
from .selectors import inbox as waiting_proposals


@business_reader
def inbox(request: HttpRequest) -> HttpResponse:
    """Proposals waiting for review in the user's subtree, oldest first, with the days waited."""
    today = timezone.localdate()
    page = paginate(request, waiting_proposals(user=request.user))
    rows = [(p, p.days_waiting(today), is_late(p.submitted_on, today), record_url("proposals", p.pk)) for p in page]
    return render(request, "proposals/inbox.html", {
        "page": page, "rows": rows, "wait_days": WAIT_DAYS, "today": today,
        "nav": "proposals", "title": "合理化建议待审",
    })
