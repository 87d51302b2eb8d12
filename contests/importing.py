"""Import rules of the competition and entry registers: owning nodes and links (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from core.declarations import Plan
from orgs.following import follow_node
from orgs.refs import Lookups
from registers.importing import ImportContext
from registers.node_moves import moved_nodes, note_node_change
from registers.organisers import fallback_node_id, host_of
from workers.refs import link_worker

from .models import OUTSIDE_LEVELS, Competition, Entry

if TYPE_CHECKING:
    from accounts.models import User

OUTSIDE_ONLY = "“{name}”：在您的管辖范围内找不到这个单位或组织（只有市级及以上的竞赛可以填写系统外的主办单位）"


def prepare_competition(competition: Competition, before: Competition | None, ctx: ImportContext) -> None:
    """The host and node come from the first 主办单位 that resolves; a name outside the tree is
    allowed only at 市级 and above, and with none in the tree the node is the importer's."""
    host = host_of(ctx.lookups, competition.organisers or "")
    if host.unknown and competition.level not in OUTSIDE_LEVELS:
        raise ValidationError({"organisers": OUTSIDE_ONLY.format(name=host.unknown[0])})
    competition.host_employer = host.employer
    competition.host_org = host.org
    competition.node_id = host.node_id or fallback_node_id(ctx, before)
    note_node_change(competition, before, ctx)


def after_competitions(plan: Plan, user: User, tag: str, when: dt.datetime) -> None:
    """Entries take their competition's node: a competition whose node changed takes them along."""
    follow_node(Entry, "competition_id", moved_nodes(plan), user=user, tag=tag, when=when)


# --- entries ------------------------------------------------------------------------------------

_COMPETITIONS = "_contests_competitions"


def _competitions(lookups: Lookups) -> dict[tuple[str, int], list[Competition]]:
    """(竞赛名称, 年度) → the competitions of the subtree, loaded once per import."""
    found = lookups.__dict__.get(_COMPETITIONS)
    if found is None:
        found = defaultdict(list)
        queryset = Competition.objects.only("id", "name", "year", "node_id")
        if lookups.scope_path:
            queryset = queryset.in_subtree(lookups.scope_path)
        for competition in queryset:
            found[(competition.name, competition.year)].append(competition)
        lookups.__dict__[_COMPETITIONS] = found
    return found


def find_competition(lookups: Lookups, name: str, year: int | None) -> Competition:
    found = _competitions(lookups).get((name, year), [])
    if not found:
        raise ValidationError({"competition_name": f"在您的管辖范围内找不到{year}年度的竞赛“{name}”，请先导入竞赛"})
    if len(found) > 1:
        raise ValidationError({"competition_name": f"您的管辖范围内有 {len(found)} 个{year}年度的竞赛“{name}”，无法确定是哪一个"})
    return found[0]


def prepare_entry(entry: Entry, before: Entry | None, ctx: ImportContext) -> None:
    """An entry belongs to its competition (found by 竞赛名称 + 年度) and takes its node."""
    competition = find_competition(ctx.lookups, (entry.competition_name or "").strip(), entry.competition_year)
    entry.competition = competition
    entry.node_id = competition.node_id
    link_worker(entry, before, ctx.lookups)
