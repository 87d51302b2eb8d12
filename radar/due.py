"""A 已命名 harmonious employer that turns 红 is due for review (SPEC §9), on the to-do list of
the admins whose subtree holds it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from honours.models import Honour, HonourType
from todo.due import DueItem

from .choices import Level
from .selectors import open_employers, radar

if TYPE_CHECKING:
    from accounts.models import User

KIND = "和谐企业风险复核"


def due_items(user: User, today: dt.date) -> Iterator[DueItem]:
    """Employers holding a 劳动关系和谐企业 title in force this year (not revoked) whose radar level
    today is 红, as the user's radar sees them."""
    if not getattr(user, "writes_business_data", False):
        return
    titles = (
        Honour.objects.visible_to(user)
        .filter(honour_type=HonourType.HARMONIOUS, employer__isnull=False)
        .in_force(today.year)
    )
    named = open_employers(user, today).filter(pk__in=titles.values("employer_id"))
    for standing in radar(user, today, employers=named):
        if standing.level != Level.RED:
            break  # highest first: the rest are lower
        reasons = "、".join(f"{r.signal.name}{r.count}次" for r in standing.reasons)
        yield DueItem(
            kind=KIND,
            title=standing.name,
            url=reverse("orgs:employer-detail", args=[standing.pk]),
            due=today,
            today=today,
            node=standing.street,
            key=f"radar:{standing.pk}:red",
            note=f"劳动关系和谐企业，风险等级红（得分{standing.score}：{reasons}），请复核其称号",
        )
