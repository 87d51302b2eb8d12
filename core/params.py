"""Query parameters, read in one place: a slip in an address is ignored or answered with 400,
never a server error.

- Text: control characters (NUL above all, which PostgreSQL refuses in any string) are dropped
  from every query value before a view reads it (`QueryParamsMiddleware`, and `clean_query` for
  a FilterSet given its data by other code).
- Numbers are read with bounds the database and `datetime.date` can hold: a page's year
  (`year_param`, a fallback year), a filter's year (`YEAR_MIN`–`YEAR_MAX`), a page number
  (`MAX_PAGE`) and a record id (`MAX_ID`). The API declares the same bounds as types (`PageNumber`,
  `Id`), so ninja refuses what lies outside with 400 (core/api.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from pydantic import Field

FIRST_YEAR = 1950  # the earliest 年度 a register holds
YEAR_MIN, YEAR_MAX = dt.MINYEAR, dt.MAXYEAR  # a filter's year: any a date can hold
MAX_PAGE = 10**6  # 100 million rows at 100 a page: past any register, within any database's offset
MAX_ID = 2**63 - 1  # the largest BigAutoField

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(value: str) -> str:
    """The value without control characters: none is typed into a search box or a drop-down."""
    return _CONTROL.sub("", value)


def clean_query(query: Mapping[str, Any]) -> Mapping[str, Any]:
    """The query with its values cleaned; the very object when there is nothing to clean."""
    if isinstance(query, QueryDict):
        if not any(_CONTROL.search(v) for values in query.lists() for v in values[1]):
            return query
        cleaned = QueryDict(mutable=True)
        for key, values in query.lists():
            cleaned.setlist(clean_text(key), [clean_text(v) for v in values])
        cleaned._mutable = False
        return cleaned
    if not any(isinstance(v, str) and _CONTROL.search(v) for v in query.values()):
        return query
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in query.items()}


class QueryParamsMiddleware:
    """Every view, page, export and API alike, reads a query cleaned by `clean_query`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.GET = clean_query(request.GET)  # type: ignore[assignment]  # a QueryDict, immutable again
        return self.get_response(request)


def year_param(value: object, default: int, *, today: dt.date | None = None) -> int:
    """A ?year= of a page: that year when it is one the registers can hold (FIRST_YEAR to this
    year), else `default` (a typing slip or an old link is no server error)."""
    this_year = (today or timezone.localdate()).year
    try:
        year = int(value or default)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
    return year if FIRST_YEAR <= year <= this_year else default


def int_param(value: object, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """An integer within [low, high] (an id by default), else None."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


# The API's parameters, as types ninja checks before the view runs (a refusal is a 400).
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description=f"页码，1 至 {MAX_PAGE}")]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
