"""The radar's arithmetic (SPEC §9): the window, the weights, the levels.

The weights and thresholds are SPEC §9's unless the deployment sets them: the `RADAR` setting
(from the environment variable of that name, as JSON), e.g.
`RADAR='{"weights": {"风险线索": 25}, "thresholds": {"红": 50}}'`. A name it does not know is ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .choices import Level

#: a mediation case or a lead with this many people involved or more is collective / major
COLLECTIVE_PEOPLE = 10
#: a union is due (工会法 §10) where this many 在职 workers are registered
UNION_DUE_WORKERS = 25
#: the 劳动合同 signing rate below which an employer is flagged, in percent
SIGNING_RATE_FLOOR = 90
#: … when at least this many of its 在职 workers are 已签订 or 未签订
SIGNING_RATE_MIN_WORKERS = 10

#: SPEC §9's thresholds, highest first: a score of at least this is of that level
THRESHOLDS: dict[str, int] = {Level.RED: 40, Level.ORANGE: 20, Level.YELLOW: 10}


@dataclass(frozen=True)
class Window:
    """(D − 12 months, D]: a record counts when its own date is after `start` and on or before `end`."""

    start: dt.date
    end: dt.date

    @classmethod
    def ending(cls, day: dt.date) -> Window:
        try:
            start = day.replace(year=day.year - 1)
        except ValueError:  # 29 February: twelve months back is 28 February
            start = day.replace(year=day.year - 1, day=28)
        return cls(start, day)

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start < day <= self.end

    def on(self, field: str) -> dict[str, dt.date]:
        """The lookups of a date field in the window, for `filter(**window.on("field"))`."""
        return {f"{field}__gt": self.start, f"{field}__lte": self.end}


def _configured() -> dict[str, Any]:
    value = getattr(settings, "RADAR", None) or {}
    return value if isinstance(value, dict) else {}


def weight_of(name: str, default: int) -> int:
    """A signal's weight: the deployment's, else SPEC §9's."""
    weights = _configured().get("weights") or {}
    value = weights.get(name, default) if isinstance(weights, dict) else default
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def thresholds() -> list[tuple[str, int]]:
    """(level, lowest score) from 红 down to 黄, the deployment's where it sets them."""
    configured = _configured().get("thresholds") or {}
    out = []
    for level, default in THRESHOLDS.items():
        value = configured.get(level, default) if isinstance(configured, dict) else default
        out.append(
            (
                str(level),
                int(value)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else default,
            )
        )
    return out


def level_of(score: int) -> str:
    """红 ≥ 40, 橙 ≥ 20, 黄 ≥ 10, else 无 (SPEC §9, or the deployment's thresholds)."""
    for level, floor in thresholds():
        if score >= floor:
            return level
    return str(Level.NONE)


#: the order of the levels, worst first (for sorting and for "got worse")
LEVEL_RANK = {str(Level.RED): 3, str(Level.ORANGE): 2, str(Level.YELLOW): 1, str(Level.NONE): 0}
