"""Dates as the contract pages say them."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def last_day(expires_on: dt.date | None) -> dt.date | None:
    """The last day in force: the stored 到期日 is the first day a contract no longer is."""
    return expires_on - dt.timedelta(days=1) if expires_on else None
