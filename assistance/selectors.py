"""Reads of the assistance register: what waits at the user's level (the queue and the due list)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from orgs.models import GRASSROOTS
from workflows.models import Transition

from .models import Application, Status
from .rules import DISTRICT_LEVEL, STREET_OR_ABOVE, due_on

if TYPE_CHECKING:
    from accounts.models import User


def waiting_for(user: User) -> QuerySet:
    """Applications waiting at the user's level, oldest application first, each annotated with
    `entered_at`, the last time it moved into its present state (None when no move is recorded).

    A street (or 系统工会) has the 已申请 of its subtree to review; the district has what the
    streets passed on (街道审核, 区总审批) and the 已申请 no street stands over (owned by the
    district itself or by a grassroots union directly under it). A grassroots union reviews none."""
    org = getattr(user, "org", None)
    queryset = Application.objects.visible_to(user)
    if org is None or org.org_type not in STREET_OR_ABOVE:
        return queryset.none()
    if org.org_type in DISTRICT_LEVEL:
        no_street = Q(node__depth=org.depth) | Q(node__depth=org.depth + 1, node__org_type__in=GRASSROOTS)
        waiting = Q(status__in=(Status.STREET_REVIEWED, Status.DISTRICT_APPROVED)) | (Q(status=Status.APPLIED) & no_street)
    else:
        waiting = Q(status=Status.APPLIED)
    entered = Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(Application), object_id=OuterRef("pk"), to_state=OuterRef("status"),
    ).order_by("-at", "-id").values("at")[:1]
    return (queryset.filter(waiting).annotate(entered_at=Subquery(entered)).select_related("node")
            .order_by("applied_on", "number"))


@dataclass(frozen=True)
class Waiting:
    application: Application
    since: dt.date  # the day it reached the level that has to act
    due: dt.date


def waiting_since(application: Application) -> dt.date:
    """An 已申请 waits from its 申请日期; a later state from the day it reached it (its last move
    into it; the 申请日期 when the register holds no such move, e.g. an older record)."""
    entered = getattr(application, "entered_at", None)
    if application.status == Status.APPLIED or entered is None:
        return application.applied_on
    return max(timezone.localdate(entered), application.applied_on)


def waiting_rows(user: User) -> list[Waiting]:
    rows = []
    for application in waiting_for(user):
        since = waiting_since(application)
        rows.append(Waiting(application, since, due_on(since)))
    return rows
