"""逻辑检查 (SPEC §8): a consistency rule, declared once where its records live.

Each app that has such rules lists them in its `consistency.py` as `RULES = (Rule(...), ...)`;
the reporting app finds them (core.discovery) and runs them for a node and a year before that
node files. A rule is not an import error: a row that breaks one imports (its preview notes it,
core/notices.py) and the check finds it before filing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import QuerySet

ERROR = "错误"  # blocks filing while its count is above 0
HINT = "提示"  # needs a written explanation that travels with the filing
LEVELS = (ERROR, HINT)


class Span(Protocol):
    """A year and a subtree (indicators.scope.Scope is one): what a rule is run over."""

    @property
    def year(self) -> int: ...

    @property
    def path(self) -> str: ...

    @property
    def end(self) -> dt.date: ...

    def of(self, model: Any) -> Any: ...


@dataclass(frozen=True)
class Finding:
    """One thing a rule found that is not a record (figure.jump finds figures): a line and a link."""

    text: str
    url: str


@dataclass(frozen=True)
class Rule:
    key: str  # as SPEC §8 names it: the "rule" of `report check`
    level: str  # ERROR or HINT
    label: str  # a short title
    message: str  # what it finds and what to do, as a cadre reads it
    register: str = ""  # the register of its records (their drill-down list)
    # the records it finds for the span's year in the span's subtree; the count is their number
    records: Callable[[Span], QuerySet] | None = None
    # or, for a rule that finds no records, its findings; the count is their number
    findings: Callable[[Span], list[Finding]] | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"{self.key}: level {self.level!r} is not one of {LEVELS}")
        if (self.records is None) == (self.findings is None):
            raise ValueError(f"{self.key}: give records or findings, one of them")
