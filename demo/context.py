"""What the demo steps share: the seeded random source, sizes, and the district being built."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from core.validators import credit_code_check_char, id_check_char
from demo.names import GIVEN, ID_REGIONS, SURNAMES


@dataclass(frozen=True)
class Sizes:
    unions_per_street: int  # single-employer unions per street
    joint_unions_per_street: int
    members_per_system_union: int
    employers_per_joint_union: int
    employers_without_union_per_street: int
    workers_per_district: int


SIZES = {
    "district": Sizes(40, 8, 8, 30, 55, 60_000),
    "tiny": Sizes(3, 1, 2, 3, 2, 400),
}


@dataclass
class DemoContext:
    seed: int
    scale: str
    sizes: Sizes
    rng: random.Random
    today: dt.date = field(default_factory=timezone.localdate)
    root: Any = None
    districts: list[Any] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)  # username, role, org, password
    #: the first year a step may date its records in; on the sample district the years before it are
    #: the sample's own, imported, and their figures must not move
    since: int | None = None
    _used: set[str] = field(default_factory=set)

    def unique(self, make: Any) -> str:
        """Call make() until it gives a value not handed out before (names, codes)."""
        for _ in range(1000):
            value = make()
            if value not in self._used:
                self._used.add(value)
                return value
        raise RuntimeError("演示数据生成失败：可用的名称组合已用尽")

    def years(self, back: int) -> range:
        """The years from this year − back to this year, none before `since`."""
        first = self.today.year - back
        return range(max(first, self.since or first), self.today.year + 1)

    def not_before_since(self, day: dt.date) -> dt.date:
        return max(day, dt.date(self.since, 1, 1)) if self.since else day

    def moment(self, day: dt.date, at: dt.time) -> dt.datetime:
        """When something happened on `day` at `at` (local time), never later than now: a demo run
        in the morning must not write today's afternoon moves, which would sort after real ones."""
        return min(dt.datetime.combine(day, at, tzinfo=timezone.get_current_timezone()), timezone.now())

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def person(self) -> str:
        """A name, the common surnames most often."""
        surname = SURNAMES[min(int(self.rng.expovariate(1 / 18)), len(SURNAMES) - 1)]
        return surname + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))

    def id_number(self, born: dt.date, male: bool) -> str:
        def make() -> str:
            seq = self.rng.randint(0, 99) * 10 + self.rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
            first17 = f"{self.rng.choice(ID_REGIONS)}{born:%Y%m%d}{seq:03d}"
            return first17 + id_check_char(first17)

        return self.unique(make)

    def credit_code(self, prefix: str, region: str) -> str:
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

        def make() -> str:
            body = prefix + region + "".join(self.rng.choice(alphabet) for _ in range(9))
            return body + credit_code_check_char(body)

        return self.unique(make)
