"""逻辑检查 (SPEC §8): the rules every app declares in its `consistency.py`, run for a node and a
year. 错误 blocks filing while its count is above 0; 提示 needs a written explanation, stored
with the filing."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from core.consistency import ERROR, HINT, Finding, Rule
from core.discovery import app_modules
from indicators.scope import Scope
from orgs.models import Org

if TYPE_CHECKING:
    from accounts.models import User


@cache
def rules() -> tuple[Rule, ...]:
    """Every app's RULES, in INSTALLED_APPS order; found once per process."""
    found = tuple(
        rule for module in app_modules("consistency") for rule in getattr(module, "RULES", ())
    )
    keys = [rule.key for rule in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"逻辑检查规则重名：{keys}")
    return found


def rule_of(key: str) -> Rule | None:
    return next((rule for rule in rules() if rule.key == key), None)


@dataclass
class Outcome:
    rule: Rule
    count: int
    records: QuerySet | None = None
    findings: list[Finding] = field(default_factory=list)
    explanation: str = ""

    @property
    def blocks(self) -> bool:
        return self.rule.level == ERROR and self.count > 0

    @property
    def needs_explanation(self) -> bool:
        return self.rule.level == HINT and self.count > 0

    @property
    def unexplained(self) -> bool:
        return self.needs_explanation and not self.explanation

    @property
    def message(self) -> str:
        return self.rule.message


def run(rule: Rule, scope: Scope) -> Outcome:
    if rule.records is not None:
        records = rule.records(scope)
        return Outcome(rule, records.count(), records=records)
    assert rule.findings is not None  # noqa: S101 — a Rule has one of the two (checked when declared)
    findings = rule.findings(scope)
    return Outcome(rule, len(findings), findings=findings)


def check(
    org: Org, year: int, user: User | None, explanations: dict[str, str] | None = None
) -> list[Outcome]:
    """Every rule for the node's subtree and the year, as `user` sees it (None: all of it)."""
    scope = Scope(year, org.path, user)
    outcomes = [run(rule, scope) for rule in rules()]
    for outcome in outcomes:
        outcome.explanation = (
            (explanations or {}).get(outcome.rule.key, "") if outcome.needs_explanation else ""
        )
    return outcomes


def refusals(outcomes: list[Outcome]) -> list[str]:
    """Why the year may not be filed yet, in Chinese ([] when it may)."""
    found = [
        f"逻辑检查“{o.rule.label}”（{o.rule.key}）有 {o.count} 条错误，须先更正"
        for o in outcomes
        if o.blocks
    ]
    found += [
        f"逻辑检查“{o.rule.label}”（{o.rule.key}）有 {o.count} 条提示，须填写说明"
        for o in outcomes
        if o.unexplained
    ]
    return found


def guard(*, user: User, org: Org, year: int, explanations: dict[str, str], **_: Any) -> list[str]:
    """Registered with indicators.filing: a year is filed only when its check passes. The
    explanations of 提示 that found nothing are dropped from `explanations` (they explain nothing)."""
    unknown = sorted(set(explanations) - {rule.key for rule in rules()})
    if unknown:
        return [f"没有这条逻辑检查规则：{'、'.join(unknown)}"]
    outcomes = check(org, year, user, explanations)
    for outcome in outcomes:
        if not outcome.needs_explanation:
            explanations.pop(outcome.rule.key, None)
    return refusals(outcomes)
