"""Reads of the competition registers that pages and reports share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet

from .models import SKILL_TYPES, Award, ContestType, Entry, participants_total, person_times_total

__all__ = [
    "award_table", "items_by_category", "labour_competitions", "participants_total", "person_times_total",
    "skill_competitions",
]


@dataclass
class Item:
    category: str
    name: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def query(self) -> str:
        """The results form's query string for this item."""
        return urlencode({"item": self.name, "category": self.category})

    @property
    def anchor(self) -> str:
        return f"item-{min(e.pk for e in self.entries)}"

    @property
    def awards(self) -> dict[str, int]:
        counts = dict.fromkeys(Award.values, 0)
        for entry in self.entries:
            if entry.award:
                counts[entry.award] += 1
        return counts


@dataclass
class Category:
    name: str  # "" for items without a 大类
    items: list[Item] = field(default_factory=list)


def items_by_category(entries: Iterable[Entry]) -> list[Category]:
    """Entries (ordered by 大类, 项目) grouped into categories and their items."""
    categories: list[Category] = []
    for entry in entries:
        if not categories or categories[-1].name != entry.category:
            categories.append(Category(entry.category))
        items = categories[-1].items
        if not items or items[-1].name != entry.item:
            items.append(Item(entry.category, entry.item))
        items[-1].entries.append(entry)
    return categories


@dataclass
class AwardTable:
    awards: list[str]  # the 奖项 given at least once, in order of merit
    rows: list[tuple[Item, list[int], int]]  # item, count per award, total awarded
    totals: list[int]
    total: int


def award_table(categories: list[Category]) -> AwardTable:
    """How many of each 奖项 every item gave (SPEC §5: the competitions of Y with their awards)."""
    items = [item for category in categories for item in category.items]
    given = [a for a in Award.values if any(item.awards[a] for item in items)]
    rows = []
    for item in items:
        counts = [item.awards[a] for a in given]
        rows.append((item, counts, sum(counts)))
    totals = [sum(row[1][i] for row in rows) for i in range(len(given))]
    return AwardTable(given, rows, totals, sum(totals))


def labour_competitions(competitions: QuerySet, year: int) -> QuerySet:
    """劳动竞赛 of 年度 `year`: competition.labour_participants is `participants_total` over them."""
    return competitions.filter(year=year, contest_type=ContestType.LABOUR)


def skill_competitions(competitions: QuerySet, year: int) -> QuerySet:
    """技能竞赛 and 技术比武 of 年度 `year`: competition.skill_person_times is `person_times_total` over them."""
    return competitions.filter(year=year, contest_type__in=SKILL_TYPES)
