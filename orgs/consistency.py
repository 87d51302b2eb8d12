"""逻辑检查 of the employers register (SPEC §8)."""

from __future__ import annotations

from django.db.models import F, QuerySet

from core.consistency import ERROR, Rule, Span

from .models import Employer


def women_over_total(span: Span) -> QuerySet:
    """Open employers whose 女职工人数 exceeds their 职工人数 (a blank one is not compared)."""
    return (
        span.of(Employer)
        .exclude(closed_on__lte=span.end)
        .filter(female_headcount__gt=F("headcount"))
    )


RULES = (
    Rule(
        "employer.women_over_total",
        ERROR,
        "女职工人数大于职工人数",
        "存续单位的女职工人数大于职工人数：请在单位台账中更正其中一项",
        "employers",
        records=women_over_total,
    ),
)
