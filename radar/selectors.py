"""The radar (SPEC §9): every open employer of the viewer's subtree on a date D, its score and
level, and the signals that made them.

One query for the employers and one grouped query per signal, whatever their number
(signals.Signal.counts); the rest is arithmetic in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from orgs.models import Employer

from .rules import LEVEL_RANK, Window, level_of
from .signals import SIGNALS, Signal

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Reason:
    signal: Signal
    count: int
    weight: int

    @property
    def points(self) -> int:
        return self.count * self.weight


@dataclass
class Standing:
    """An employer on the radar: its score, level and the reasons (signals with a count)."""

    pk: int
    name: str
    credit_code: str
    street: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)

    @property
    def level(self) -> str:
        return level_of(self.score)

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.level]

    def count_of(self, name: str) -> int:
        return next((r.count for r in self.reasons if r.signal.name == name), 0)


def open_employers(user: User, day: dt.date) -> QuerySet[Employer]:
    """The employers of the viewer's subtree not closed (注销日期) on or before `day`."""
    return Employer.objects.visible_to(user).exclude(closed_on__lte=day)


def radar(
    user: User,
    day: dt.date,
    *,
    employers: QuerySet[Employer] | None = None,
    signals: tuple[Signal, ...] = SIGNALS,
) -> list[Standing]:
    """Every open employer of `employers` (default: all the viewer's) on `day`, highest score
    first, ties by credit code; the employers with no signal are there with a score of 0."""
    chosen = employers if employers is not None else open_employers(user, day)
    window = Window.ending(day)
    rows = chosen.order_by().values_list("pk", "name", "credit_code", "street__name")
    # 所属街道 as people type it: 清波街道总工会 → 清波街道 (Org.short_name)
    standings = {
        pk: Standing(pk, name, code, (street or "").removesuffix("总工会"))
        for pk, name, code, street in rows
    }
    if not standings:
        return []
    # one employer asked for (its page): each signal's query narrowed to it
    only = next(iter(standings)) if len(standings) == 1 else None
    for signal in signals:
        weight = signal.weight
        for pk, count in signal.counts(user, window, only).items():
            standing = standings.get(pk)
            if standing is not None and count:
                standing.reasons.append(Reason(signal, count, weight))
    return sorted(standings.values(), key=lambda s: (-s.score, s.credit_code))


def standing_of(user: User, employer: Employer, day: dt.date) -> Standing | None:
    """One employer's standing (its page), None when it is closed on `day` or not the viewer's."""
    found = radar(user, day, employers=open_employers(user, day).filter(pk=employer.pk))
    return found[0] if found else None
