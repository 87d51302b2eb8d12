"""What apps above add to a record's page, found by discovery (core.discovery): an app's
`record_panels.py` has `panels(request, record) -> list[str]`, the HTML of the panels it shows for
that record (none for a record it has nothing to say about). A lower layer's page — the
employer page of orgs — shows them without naming the app (the radar's level and reasons)."""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from core.discovery import app_modules


@cache
def _modules() -> list[ModuleType]:
    return [module for module in app_modules("record_panels") if hasattr(module, "panels")]


def record_panels(request: HttpRequest, record: Any) -> list[SafeString]:
    """Each app's panels for the record, in INSTALLED_APPS order; the HTML is rendered from the
    app's templates (autoescaped there)."""
    return [mark_safe(html) for module in _modules() for html in module.panels(request, record)]  # noqa: S308
