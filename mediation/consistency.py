"""逻辑检查 of the mediation cases register (SPEC §8)."""

from __future__ import annotations

from django.db.models import QuerySet

from core.consistency import ERROR, Rule, Span

from .models import Case, CaseStatus


def settled_without_date(span: Span) -> QuerySet:
    """Cases 调解成功, applied for in Y, with no 结案日期."""
    return span.of(Case).filter(
        status=CaseStatus.SUCCEEDED, applied_on__year=span.year, closed_on__isnull=True
    )


RULES = (
    Rule(
        "case.settled_without_date",
        ERROR,
        "调解成功的案件没有结案日期",
        "申请日期在本年度、状态为“调解成功”的案件没有填写结案日期：请补填",
        "cases",
        records=settled_without_date,
    ),
)
