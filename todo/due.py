"""What is due or overdue (SPEC §4), gathered from every register that has deadlines.

Each app with deadlines has a `due.py` with `due_items(user, today) -> Iterable[DueItem]`, computed
from dates in the query (no stored flag that can go stale); DUE_MODULES lists them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User

#: the apps whose `due.py` yields DueItems
#: the register each module's items are of (a register without deadlines has none)
DUE_OF_REGISTER = {"proposals": "proposals.due", "contracts": "contracts.due", "cases": "mediation.due",
                   "inspections": "supervision.due", "assistance": "assistance.due"}
DUE_MODULES = [*DUE_OF_REGISTER.values(), "accounts.due"]  # accounts: admin rights awaiting an admin


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

    def of_register(self, register: str) -> bool:
        return self.key.startswith(f"{register}:")


def collect(user: User, today: dt.date, modules: Sequence[str] = tuple(DUE_MODULES)) -> list[DueItem]:
    """Everything due or overdue in the user's subtree (from `modules`, all by default), most
    urgent first: furthest past its deadline, then nearest to it."""
    import importlib

    items: list[DueItem] = []
    for module in modules:
        items.extend(importlib.import_module(module).due_items(user, today))
    return sorted(items, key=lambda item: (item.days_left, item.kind, item.title))


def for_register(user: User, today: dt.date, register: str) -> list[DueItem]:
    """What is due in one register (its front page, SPEC §4)."""
    module = DUE_OF_REGISTER.get(register)
    return collect(user, today, [module]) if module else []
