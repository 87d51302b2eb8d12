"""The proposal review deadline (SPEC §4), which the inbox, the due list and their texts share."""

from __future__ import annotations

import datetime as dt

#: days a proposal may wait for review before the front page lists it
WAIT_DAYS = 15


def review_due(submitted_on: dt.date) -> dt.date:
    """The last day of the wait for a proposal made on `submitted_on`; it is late from the day after."""
    return submitted_on + dt.timedelta(days=WAIT_DAYS)


def submitted_for_review_due(day: dt.date) -> dt.date:
    """The 提出日期 whose wait ends on `day` (review_due turned round, for a query: review_due(d) <
    day exactly when d < submitted_for_review_due(day))."""
    return day - dt.timedelta(days=WAIT_DAYS)


def is_late(submitted_on: dt.date, today: dt.date) -> bool:
    return review_due(submitted_on) < today
