"""The radar on the employer page (SPEC §9): its level on the evaluation day and the signals that
made it, each linked to its records (core.panels finds this module)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from orgs.models import Employer

from .rules import Window
from .selectors import standing_of


def panels(request: HttpRequest, record: Any) -> list[str]:
    if not isinstance(record, Employer) or not getattr(request.user, "reads_business_data", False):
        return []
    day = timezone.localdate()
    standing = standing_of(request.user, record, day)  # type: ignore[arg-type]
    if standing is None:  # closed: not on the radar
        return []
    return [
        render_to_string(
            "radar/_panel.html",
            {
                "standing": standing,
                "day": day,
                "window": Window.ending(day),
                "employer": record,
            },
            request=request,
        )
    ]
