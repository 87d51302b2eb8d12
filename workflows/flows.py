"""A workflow (SPEC §4) declared once: the state field, the legal moves, what a move must fill.

A model with a workflow sets `WORKFLOW = Workflow(...)`; pages, imports, the API and public forms
all move its state through `workflows.services.move`, which checks the move against this.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Workflow:
    field: str  # the model field that holds the state
    edges: dict[str, tuple[str, ...]]  # state → the states it may move to
    needs: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # state → fields a move into it asks for
    needs_reason: tuple[str, ...] = ()  # states a move into which must say why (不予救助, 调解不成功…)
    final: tuple[str, ...] = ()  # states that close the record (no move out)
    # who may make a move, beyond writing business data (e.g. only the district approves at its
    # level): guard(user, record, to) returns a refusal in Chinese, or "" when allowed
    guard: Callable[[User, Any, str], str] | None = None
    # what a move writes beyond the record and its Transition, in the same transaction (a member's
    # dated periods): after(record, old, to, user), the record saved in its new state
    after: Callable[[Any, str, str, User | None], None] | None = None

    @property
    def states(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for state, targets in self.edges.items():
            seen[state] = None
            seen.update(dict.fromkeys(targets))
        return tuple(seen)

    def next_states(self, state: str) -> tuple[str, ...]:
        return self.edges.get(state, ())

    def allowed(self, old: str, new: str) -> bool:
        return old == new or new in self.next_states(old)

    def refusal(self, old: str, new: str) -> str:
        targets = self.next_states(old)
        then = f"只能变为{'、'.join(f'“{s}”' for s in targets)}" if targets else "已办结，不能再变更"
        return f"状态不能从“{old}”直接变为“{new}”：“{old}”{then}"

    def check(self, old: str, new: str) -> None:
        """Raise the refusal (keyed by the state field, so a form or an import row shows it there)."""
        if not self.allowed(old, new):
            raise ValidationError({self.field: self.refusal(old, new)})

    def is_open(self, state: str) -> bool:
        return bool(self.next_states(state))
