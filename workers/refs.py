"""A 身份证号 in another register links its row to the worker it names (SPEC §2)."""

from __future__ import annotations

from typing import Any

from orgs.refs import Lookups

from .models import Worker

_WORKER_IDS = "_workers_ids"  # on the import's Lookups, loaded once per import


def worker_ids(lookups: Lookups) -> dict[str, tuple[int, int]]:
    """身份证号 → (worker id, employer id) of the workers in the import's subtree."""
    found = lookups.__dict__.get(_WORKER_IDS)
    if found is None:
        queryset = Worker.objects.in_subtree(lookups.scope_path)  # "" is the whole tree
        found = {number: (pk, employer_id) for number, pk, employer_id in queryset.values_list("id_number", "pk", "employer_id")}
        lookups.__dict__[_WORKER_IDS] = found
    return found


def link_worker(record: Any, before: Any | None, lookups: Lookups, field: str = "id_number") -> tuple[int, int] | None:
    """Link the row to the worker register's record of the person its 身份证号 names, when the
    register holds them in the importer's subtree (SPEC §2). A link made by someone who sees further
    is kept while the number stays the same. Returns what was found: (worker id, employer id)."""
    number = getattr(record, field)
    found = worker_ids(lookups).get(number) if number else None
    if found is not None:
        record.worker_id = found[0]
    elif before is None or getattr(before, field) != number:
        record.worker_id = None
    return found
