"""The one place that limits business data to the user's subtree (SPEC §1).

Every business model's manager is built from ScopedQuerySet; views, selectors, exports and the
API all start from `Model.objects.visible_to(user)`. The owning node is an Org of a
django-treebeard materialised-path tree, so "in the subtree" is a path prefix test on an index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self, TypeVar

from django.db import models

from core.overreach import collecting_overreach, note_overreach

if TYPE_CHECKING:
    from accounts.models import User

_M = TypeVar("_M", bound=models.Model)

class Node(Protocol):
    path: str


def contains(root_path: str, path: str) -> bool:
    """The node at `path` is in the subtree rooted at `root_path` (the root itself included): the
    prefix test `in_subtree` makes in the query, made on paths already loaded."""
    return path.startswith(root_path)


def may_reach(user: User | None, node: Node) -> bool:
    """The node (an Org) is in the user's subtree: the write side's
    check, as `visible_to` is the read side's. An account bound to no node reaches nothing."""
    org = getattr(user, "org", None)
    return org is not None and contains(org.path, node.path)


def sight(user: User) -> str | None:
    """All that `visible_to(user)` depends on: users with the same sight see the same records, so
    a figure computed for one may be kept for the others (core/freshness.py)."""
    if not getattr(user, "is_authenticated", False) or not user.reads_business_data or user.org is None:
        return None
    return user.org.path


class ScopedQuerySet(models.QuerySet[_M]):
    #: lookup path from this model to its owning org ("" when the model is the org itself)
    scope_field = "node"
    _scoped_for: User | None  # the user visible_to() limited this queryset to, for get()

    def in_subtree(self, path: str) -> Self:
        prefix = f"{self.scope_field}__" if self.scope_field else ""
        return self.filter(**{f"{prefix}path__startswith": path})

    def visible_to(self, user: User) -> Self:
        if not getattr(user, "is_authenticated", False) or not user.reads_business_data or user.org is None:
            return self.none()  # an account bound to no node (the command line on an empty tree) sees nothing
        if user.org.depth == 1:
            # The tree has one root (a database constraint on Org), so the root's subtree is
            # everything: no join, which is most of a big list's count on PostgreSQL.
            return self.all()
        scoped = self.in_subtree(user.org.path)
        scoped._scoped_for = user
        return scoped

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]  # private to Django, not in the stubs
        clone._scoped_for = getattr(self, "_scoped_for", None)
        return clone

    def get(self, *args: object, **kwargs: object) -> _M:
        """A record looked up in the user's scope and missing there but present elsewhere is an
        overreach: the request is told (core.overreach; the audit log writes it), the caller still gets DoesNotExist."""
        try:
            return super().get(*args, **kwargs)
        except self.model.DoesNotExist:  # type: ignore[attr-defined]  # the stubs give it to a model, not to type[_M]
            user = getattr(self, "_scoped_for", None)
            if user is not None:
                if collecting_overreach() and self._outside_scope(user, args, kwargs):
                    note_overreach(self.model, kwargs)
            raise

    def _outside_scope(self, user: User, args: tuple, kwargs: dict) -> bool:
        everyone = self.model._base_manager.filter(*args, **kwargs)
        # the default manager is built from this queryset, which the stubs cannot see
        return everyone.exists() and not self.model._default_manager.visible_to(user).filter(*args, **kwargs).exists()  # type: ignore[attr-defined]

