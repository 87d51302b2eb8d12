"""Foundings still 筹建中 FOUNDING_WARN_DAYS after their 启动日期 (SPEC §7), for the to-do list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from registers.pages import record_url
from todo.due import DueItem

from .models import Founding
from .rules import due_on, warn_days

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "foundings"  # the register its items are of


def due_items(user: User, today: dt.date) -> Iterable[DueItem]:
    """Each founding of the user's subtree still 筹建中 on the day it became due or later, oldest first."""
    queryset = (
        Founding.objects.visible_to(user)
        .due(today)
        .select_related("node")
        .order_by("started_on", "number")
    )
    for founding in queryset:
        yield DueItem(
            kind="工会组建筹建超期",
            title=f"{founding.number} {founding.name}",
            url=record_url("foundings", founding.pk),
            due=due_on(founding.started_on),
            today=today,
            node=founding.node.name,
            key=f"foundings:{founding.pk}:overdue",
            note=f"启动日期 {founding.started_on:%Y-%m-%d}，已超过{warn_days()}天仍在筹建中",
        )
