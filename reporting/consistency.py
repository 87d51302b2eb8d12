"""逻辑检查 over the figures themselves (SPEC §8): figure.jump."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from core.consistency import HINT, Finding, Rule, Span
from indicators.filing import rows_for
from indicators.scope import Scope
from orgs.models import Org

JUMP_FLOOR = 10  # Y and Y−1 both at least this
JUMP_SHARE = Decimal("0.5")  # moved by more than this share of Y−1


def figure_jumps(span: Span) -> list[Finding]:
    """Count indicators (whole numbers, not rates or sums in 万元) with Y and Y−1 both at least
    JUMP_FLOOR that moved by more than half of Y−1; skipped when Y−1 has no value (never filed)."""
    org = (
        Org.objects.filter(path=span.path).first()
        if span.path
        else Org.objects.filter(depth=1).first()
    )
    if org is None:
        return []
    scope = span if isinstance(span, Scope) else Scope(span.year, span.path)
    rows, _ = rows_for(scope, org, changes=False)
    found = []
    for row in rows:
        if not row.indicator.whole or row.now is None or row.before is None:
            continue
        now, before = Decimal(str(row.now)), Decimal(str(row.before))
        if now >= JUMP_FLOOR and before >= JUMP_FLOOR and abs(now - before) > before * JUMP_SHARE:
            url = f"{reverse('indicators:detail', args=[row.indicator.key])}?year={span.year}&org={org.pk}"
            found.append(
                Finding(
                    f"{row.indicator.label}：{span.year - 1}年 {row.before} → {span.year}年 {row.now}",
                    url,
                )
            )
    return found


RULES = (
    Rule(
        "figure.jump",
        HINT,
        "指标较上年大幅变化",
        "计数类指标本年与上年都不少于10、变化超过上年的一半：请核对记录，或说明原因",
        findings=figure_jumps,
    ),
)
