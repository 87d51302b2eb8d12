"""A tiny demo district filled up to one app's step, for the tests of that step."""

from __future__ import annotations

import datetime as dt
import random
from types import ModuleType

from demo.context import SIZES, DemoContext
from demo.steps import orgs, workers

TODAY = dt.date(2024, 6, 15)


def fill_with(step: ModuleType, seed: int, today: dt.date = TODAY) -> DemoContext:
    """The tree and its workers, then `step`, as `uniondesk demo --size tiny` would fill them."""
    ctx = DemoContext(seed=seed, scale="district", sizes=SIZES["tiny"], rng=random.Random(seed), today=today)
    for each in (orgs, workers, step):
        each.fill(ctx)
    return ctx
