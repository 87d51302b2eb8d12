"""The number a record filed through a public form gets: the next of its register's series."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet

BUSY = "提交人数较多，请稍后再试。"


def taken_in_series(records: QuerySet, field: str, series: str) -> int:
    """The highest number n among the values `series` + digits (imported, typed or filed): the next
    filing takes n + 1, so numbers deleted or left out do not make it draw taken ones."""
    highest = 0
    for value in records.filter(**{f"{field}__startswith": series}).values_list(field, flat=True).iterator():
        tail = value[len(series):]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return highest


def save_numbered[Record: models.Model](make: Callable[[int], Record], taken: int, *, tries: int = 20) -> Record:
    """Save the record `make(n)` builds with the first free number n after the `taken` ones of
    its series: two filings at the same moment may draw the same number, the second draws the next."""
    for number in range(taken + 1, taken + 1 + tries):
        record = make(number)
        record.full_clean()
        try:
            with transaction.atomic():
                record.save()
            return record
        except IntegrityError:
            continue
    raise ValidationError(BUSY)
