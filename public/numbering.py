"""The number a record filed through a public form gets: the next of its series."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

BUSY = "提交人数较多，请稍后再试。"


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
