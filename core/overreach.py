"""A request that reaches for a record outside its user's subtree (SPEC §1).

The user sees only a 404; the reach itself is noted here, while the request runs, by the scoped
lookups of core.scoping and by `not_found`. The audit log (audit.middleware, a layer above) opens
the note for each request and writes what it holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NoReturn

from django.http import Http404

#: the records this request asked for by a lookup its user's scope refused
_reached: ContextVar[list[tuple[Any, dict[str, Any]]] | None] = ContextVar("reached_outside_scope", default=None)


@contextmanager
def noting_overreach() -> Iterator[list[tuple[Any, dict[str, Any]]]]:
    """Notes, for the block (one request), each (model, lookup) reached outside the user's scope."""
    reached: list[tuple[Any, dict[str, Any]]] = []
    token = _reached.set(reached)
    try:
        yield reached
    finally:
        _reached.reset(token)


def collecting_overreach() -> bool:
    return _reached.get() is not None


def note_overreach(model: Any, lookup: dict[str, Any]) -> None:
    reached = _reached.get()
    if reached is not None:
        reached.append((model, lookup))


def not_found(elsewhere: Any, pk: Any) -> NoReturn:
    """404; when the record is there but outside what the user may open (`elsewhere` finds it),
    the request is an overreach and is audited as one, as with any record of another subtree."""
    if elsewhere.filter(pk=pk).exists():
        note_overreach(elsewhere.model, {"pk": pk})
    raise Http404("未找到或不在管辖范围内")
