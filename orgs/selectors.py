"""Reads of the tree: counts per node and per subtree, each a constant number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Count, Q
from django.db.models.functions import Substr

from .models import GRASSROOTS, Employer, Org

if TYPE_CHECKING:
    from accounts.models import User  # accounts stands above the tree (a user's org)


def _counts_by_prefix(queryset, path_field: str, length: int, **extra) -> dict[str, dict[str, int]]:
    rows = (
        queryset.annotate(prefix=Substr(path_field, 1, length))
        .values("prefix")
        .annotate(n=Count("id"), **extra)
        .order_by()
    )
    return {r.pop("prefix"): r for r in rows}


def tree_children(*, user: User, parent: Org | None) -> list[Org]:
    """The children of `parent` (or the user's own node) with subtree counts attached.

    Counts are grouped on the path prefix of the child level: three GROUP BY queries whatever
    the number of children or records below them.
    """
    # the workers app stands above the tree (a worker's employer is in it): counted by its label
    Worker = apps.get_model("workers", "Worker")
    visible = Org.objects.visible_to(user)
    if parent is None:
        nodes = list(visible.filter(pk=user.org_id))
        base_path = user.org.path[: -Org.steplen]  # type: ignore[union-attr]  # a reader has a node
    else:
        nodes = list(visible.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("name"))
        base_path = parent.path
    if not nodes:
        return []
    length = len(base_path) + Org.steplen
    unions = _counts_by_prefix(
        visible.filter(path__startswith=base_path, org_type__in=GRASSROOTS), "path", length
    )
    employers = _counts_by_prefix(
        Employer.objects.visible_to(user).filter(node__path__startswith=base_path),
        "node__path", length, no_union=Count("id", filter=Q(union__isnull=True)),
    )
    workers = _counts_by_prefix(
        Worker.objects.visible_to(user).employed().filter(node__path__startswith=base_path),
        "node__path", length,
    )
    for node in nodes:
        node.count_unions = unions.get(node.path, {}).get("n", 0)
        node.count_employers = employers.get(node.path, {}).get("n", 0)
        node.count_no_union = employers.get(node.path, {}).get("no_union", 0)
        node.count_workers = workers.get(node.path, {}).get("n", 0)
    return nodes
