"""The state one demo run shares: the seeded random source and the names and codes handed out."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from .sizes import Sizes


@dataclass
class DemoContext:
    """Everything is drawn from `rng` in a fixed order, so one seed gives one district.

    Draws whose range depends on today (dates up to today) take exactly one random number each,
    so that names and codes drawn after them do not change from one day to the next."""

    seed: int
    scale: str = "district"
    sizes: Sizes = field(default_factory=Sizes)
    rng: random.Random = field(init=False)
    today: dt.date = field(default_factory=timezone.localdate)
    _names: set[str] = field(default_factory=set, repr=False)
    _codes: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        # Demo data, not secrets: a seeded generator is the point.
        self.rng = random.Random(self.seed)  # noqa: S311

    def unique_name(self, make: Callable[[], str]) -> str:
        """Org and employer names are unique across the tree (SPEC §2: names resolve to one record)."""
        return self._unique(make, self._names)

    def claim(self, name: str) -> str:
        """A fixed name (a street, a bureau): refuse it twice rather than retry."""
        if name in self._names:
            raise RuntimeError(f"演示数据生成失败：名称“{name}”重复")
        self._names.add(name)
        return name

    def unused(self, names: Iterable[str]) -> list[str]:
        return [n for n in names if n not in self._names]

    def unique_code(self, make: Callable[[], str]) -> str:
        return self._unique(make, self._codes)

    @staticmethod
    def _unique(make: Callable[[], str], used: set[str]) -> str:
        for _ in range(1000):
            value = make()
            if value not in used:
                used.add(value)
                return value
        raise RuntimeError("演示数据生成失败：可用的名称或号码组合已用尽，请减小规模")

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        """A day in [start, end], from one random number whatever the span."""
        span = max(0, (end - start).days)
        return start + dt.timedelta(days=int(self.rng.random() * (span + 1)))

    def years_ago(self, years: float) -> dt.date:
        return self.today - dt.timedelta(days=round(years * 365.25))


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` into whole shares proportional to `weights` (largest remainder), each at
    least `minimum`; the shares add up to `total` exactly."""
    spare = total - minimum * len(weights)
    if spare < 0:
        raise ValueError(f"无法把 {total} 分成 {len(weights)} 份、每份至少 {minimum}")
    scale = spare / sum(weights)
    quotas = [w * scale for w in weights]
    shares = [int(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: spare - sum(shares)]:
        shares[i] += 1
    return [minimum + s for s in shares]
