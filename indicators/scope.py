"""What an indicator is computed over: a year, a subtree, and (on a page) the user's scoping."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Scope:
    year: int
    path: str = ""  # the subtree's root path; "" = the whole tree
    user: User | None = None  # when set, only what this user may see (pages); None for the command line
    # figures several indicators share, counted once per scope (a report builds one scope per call)
    cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def end(self) -> dt.date:
        """31 Dec Y: "at the end of Y" (SPEC §5)."""
        return dt.date(self.year, 12, 31)

    def of(self, model: Any) -> Any:  # the model's own ScopedQuerySet subclass, which a type cannot name
        """The model's records owned in the subtree (and visible to the user), without those owned
        through an org closed by the end of Y (SPEC §5: they drop out of the year's figures)."""
        queryset = model.objects.in_subtree(self.path) if self.path else model.objects.all()
        if self.user is not None:
            queryset = queryset & model.objects.visible_to(self.user)
        prefix = f"{queryset.scope_field}__" if queryset.scope_field else ""
        return queryset.exclude(**{f"{prefix}closed_on__lte": self.end})

    def previous(self) -> Scope:
        return Scope(self.year - 1, self.path, self.user)

    def shared(self, name: str, compute: Any) -> Any:
        if name not in self.cache:
            self.cache[name] = compute()
        return self.cache[name]
