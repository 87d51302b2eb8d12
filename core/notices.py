"""Rules the product keeps beyond SPEC's (§3 validation, §4 workflows, keys, references).

A form refuses a record that breaks one, so the user fixes it while typing. An imported file does
not: offices keep such records (an estimated benefit on a proposal still under review), so the row
imports as written and the preview lists the rule as a notice, kept with the import. A record's
`import_notices()` says what such rules find; `clean()` raises them with its errors unless the
importer marked the record as read from a file.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def from_file(record: Any) -> bool:
    """The record is a row of an imported file (set by the importer before it cleans the row)."""
    return getattr(record, "_from_file", False)


def raise_errors(record: Any, errors: dict[str, Any], notices: dict[str, Any]) -> None:
    """Raise the errors, and the notices with them unless the record comes from a file."""
    merged: dict[str, list[str]] = {field: ValidationError(value).messages for field, value in errors.items()}
    if not from_file(record):
        for field, messages in notices.items():
            merged.setdefault(field, []).extend(ValidationError(messages).messages)
    if merged:
        raise ValidationError(merged)
