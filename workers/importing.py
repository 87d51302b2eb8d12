"""Import rules of the worker register: what a row never types (SPEC §2, §3)."""

from __future__ import annotations

from typing import Any

from .models import Worker


def prepare_worker(worker: Worker, before: Worker | None, ctx: Any) -> None:
    """The worker's node is its employer's; gender and birth date come from the 身份证号."""
    worker.node_id = worker.employer.node_id
    worker.derive_from_id()
