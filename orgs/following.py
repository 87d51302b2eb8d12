"""Records whose owning node is derived from another record, and how they follow it (SPEC §2).

A record naming an employer takes that employer's node when it is written; entries, attendance
and cases take their competition's, course's or mediation organisation's. The node is stored on
each record (scoping is one indexed join), so when the record it came from moves, the records
derived from it have to be moved along, each with a history row, or the new subtree would not see
them and the old one still would. Imports do it for competitions and courses (`follow_node`); an
employer's 调整隶属 does it for everything that follows an employer (`follow_employer`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db import models
from django.utils import timezone

from core.bulk import History
from core.discovery import app_modules

from .models import Employer

if TYPE_CHECKING:
    from accounts.models import User

#: change reason of the row that keeps the state before the move of a record with no history yet
#: (records loaded in bulk), so that its history shows where it came from
BEFORE = "调整前的状态"
CHUNK = 1000  # ids per UPDATE (SQLite allows 32,766 parameters)


def set_node(model: type[models.Model], ids: Sequence[int], node_id: int, *, user: User, reason: str,
             when: dt.datetime) -> int:
    """Give these records of `model` the owning node `node_id`, with a history row each (its
    change reason `reason`); returns how many."""
    if not ids:
        return 0
    history = History(model)
    user_id = getattr(user, "pk", None)
    history.copy_from_table(ids, kind="~", reason=BEFORE, when=when - dt.timedelta(microseconds=1),
                            user_id=None, only_without_history=True)
    for start in range(0, len(ids), CHUNK):
        model._default_manager.filter(pk__in=ids[start:start + CHUNK]).update(node_id=node_id)
    history.copy_from_table(ids, kind="~", reason=reason, when=when, user_id=user_id)
    return len(ids)


def follow_node(model: type[models.Model], link: str, nodes: dict[int, int], *, user: User, tag: str,
                when: dt.datetime, extra: dict[str, Any] | None = None) -> int:
    """Set `node` of the records whose `link` points at a key of `nodes` to its value, with a
    history row each (tagged like the import that caused it); returns how many moved."""
    by_node: dict[int, list[int]] = defaultdict(list)
    for parent, node_id in nodes.items():
        by_node[node_id].append(parent)
    moved = 0
    for node_id, parents in by_node.items():
        records = model._default_manager.filter(**{f"{link}__in": parents}, **(extra or {})).exclude(node_id=node_id)
        moved += set_node(model, _ids(records), node_id, user=user, reason=tag, when=when)
    return moved


def _ids(records: models.QuerySet) -> list[int]:
    return list(dict.fromkeys(records.values_list("pk", flat=True)))


# --- what follows an employer -------------------------------------------------------------------


class Follower(NamedTuple):
    """Records of `model` whose node comes from what `link` (a lookup from the model) leads to: the
    employer itself, or records of a model listed before (which have moved by then). `only`
    narrows them when the rule says the node comes from there only in some cases."""

    model: type[models.Model]
    link: str
    only: dict[str, Any] = {}


def employer_followers() -> list[Follower]:
    """Every record whose owning node is derived from an employer, as each register's import rule
    (`prepare_*`) and page service derive it: the registers' `follows`, in catalogue order (a
    register follows only registers declared before it)."""
    return [Follower(register.model, follow.link, dict(follow.only))
            for module in app_modules("registers") for register in module.REGISTERS
            for follow in register.follows]


def _leader(model: type[models.Model], link: str) -> type[models.Model]:
    """The model a lookup path leads to (`worker__employer` → Employer)."""
    for name in link.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def follow_employer(employer: Employer, *, old_node_id: int, user: User, reason: str,
                    when: dt.datetime | None = None) -> dict[str, int]:
    """Move every record whose node was derived from `employer` from its old node `old_node_id`
    to the employer's node, with a history row each; returns {verbose name: how many}. A record
    linked to the employer whose node is not the old one did not take it from the employer (for
    example a certificate linked to a worker by an admin who sees further) and stays."""
    if employer.node_id == old_node_id:
        return {}
    when = when or timezone.now()
    following: dict[type[models.Model], models.QuerySet] = {Employer: Employer.objects.filter(pk=employer.pk)}
    moved: dict[str, int] = {}
    for model, link, only in employer_followers():
        leaders = following[_leader(model, link)]
        records = model._default_manager.filter(**{f"{link}__in": leaders.values("pk")}, **only)
        following[model] = following[model] | records if model in following else records
        ids = _ids(records.filter(node_id=old_node_id))
        if count := set_node(model, ids, employer.node_id, user=user, reason=reason, when=when):
            label = str(model._meta.verbose_name)
            moved[label] = moved.get(label, 0) + count
    return moved
