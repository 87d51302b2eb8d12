"""What is due or overdue (SPEC §4), gathered from every app that has deadlines.

Each app with deadlines has a `due.py` with `due_items(user, today) -> Iterable[DueItem]`, computed
from dates in the query (no stored flag that can go stale), found here by discovery. A `due.py`
whose items are of one register says which in `REGISTER` (its slug), so that register's list page
shows them; accounts' (admin rights awaiting an admin) is of none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from core.discovery import app_modules
from core.freshness import Kept
from core.scoping import sight

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class DueItem:
    kind: str  # what is due, as a cadre says it: 集体合同待报送审查, 调解案件即将超期…
    title: str  # the record: its 编号 and name
    url: str  # its page
    due: dt.date  # the deadline (for a waiting item: the day it became overdue or due)
    today: dt.date
    node: str = ""  # the owning node's name
    key: str = ""  # stable identity for reminders: "<register>:<pk>:<kind>"
    note: str = ""  # one line more: 申请日期, 整改期限…

    @property
    def days_left(self) -> int:
        """Days until the deadline; negative once it has passed."""
        return (self.due - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@cache
def due_modules() -> list[ModuleType]:
    """Every app's `due.py` that yields DueItems, in INSTALLED_APPS order (this one, todo's own,
    is the mechanism and yields none); found once per process."""
    return [module for module in app_modules("due") if hasattr(module, "due_items")]


def collect(user: User, today: dt.date, registers: Collection[str] | None = None) -> list[DueItem]:
    """Everything due or overdue in the user's subtree (of the due lists of `registers`, every
    list by default), most urgent first: furthest past its deadline, then nearest to it. Kept
    while no commit changes business data (core/freshness.py): the dashboard and 待办 ask it on
    every request, and some lists (the radar's, the children's filings) read many records."""
    which = tuple(sorted(registers)) if registers is not None else None
    kept = Kept("due", user.pk, sight(user), user.role, today, which)
    if "items" not in kept.values:
        kept.values["items"] = _collect(user, today, registers)
        kept.keep()
    return list(kept.values["items"])


def _collect(user: User, today: dt.date, registers: Collection[str] | None) -> list[DueItem]:
    items: list[DueItem] = []
    for module in due_modules():
        if registers is None or getattr(module, "REGISTER", "") in registers:
            items.extend(module.due_items(user, today))
    return sorted(items, key=lambda item: (item.days_left, item.kind, item.title))


def for_register(user: User, today: dt.date, register: str) -> list[DueItem]:
    """What is due in one register (its front page, SPEC §4)."""
    return collect(user, today, [register])
