"""Names in a cell that refer to other records (SPEC §2), found in the importing user's subtree.

An import loads the tree's orgs and the subtree's employers once (`Lookups`); each `Ref` then
resolves a cell to exactly one record, or says in Chinese that it found none or several. A name
outside the subtree is "not found", never "found elsewhere": the message does not reveal whose.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from core.declarations import CellError
from core.scoping import contains

from .models import GRASSROOTS, Employer, Org, OrgType


class Lookups:
    """What an import resolves names against, loaded on first use and kept for every row.

    Apps above keep what else their rows resolve against in its __dict__ under a name of their
    own (workers.refs.worker_ids, contests, honours…): loaded once per import like the rest."""

    def __init__(self, scope_path: str) -> None:
        self.scope_path = scope_path  # "" when the tree is still empty (the first import of orgs)
        self.file_keys: set[str] = set()  # the keys the file itself holds, for a register that refers to itself

    def in_scope(self, path: str) -> bool:
        return contains(self.scope_path, path)

    @cached_property
    def orgs(self) -> dict[int, Org]:
        fields = ("id", "name", "org_type", "path", "depth", "numchild", "closed_on")
        return {org.pk: org for org in Org.objects.only(*fields)}

    @cached_property
    def orgs_by_name(self) -> dict[str, Org]:
        return {org.name: org for org in self.orgs.values() if self.in_scope(org.path)}

    @cached_property
    def streets(self) -> dict[str, Org]:
        """Every street of the tree by 清波街道总工会 and 清波街道: an employer of a grassroots
        union's subtree still lies in a street above it."""
        found: dict[str, Org] = {}
        for org in self.orgs.values():
            if org.org_type == OrgType.STREET:
                found[org.name] = found[org.short_name()] = org
        return found

    @cached_property
    def _employers(self) -> tuple[dict[str, Employer], dict[str, list[Employer]]]:
        by_code: dict[str, Employer] = {}
        by_name: dict[str, list[Employer]] = defaultdict(list)
        queryset = Employer.objects.in_subtree(self.scope_path).only(  # "" is the whole tree
            "id", "credit_code", "name", "node_id", "street_id", "union_id", "headcount", "closed_on")
        for employer in queryset:
            by_code[employer.credit_code] = employer
            by_name[employer.name].append(employer)
        return by_code, by_name

    def employers(self, text: str) -> list[Employer]:
        by_code, by_name = self._employers
        found = by_code.get(text.upper())
        return [found] if found else by_name.get(text, [])

    def path_of(self, org_id: int | None) -> str:
        org = self.orgs.get(org_id) if org_id else None
        return org.path if org else ""


@dataclass(frozen=True)
class Ref:
    label: str  # what the name names, as the message says it: 单位, 组织, 街道…
    find: Callable[[Lookups, str], list[Any]]
    several: str = ""  # what to do when a name matches several records

    def resolve(self, lookups: Lookups, text: str) -> Any:
        found = self.find(lookups, text.strip())
        if not found:
            raise CellError(f"在您的管辖范围内找不到这个{self.label}")
        if len(found) > 1:
            raise CellError(f"您的管辖范围内有 {len(found)} 个同名{self.label}，{self.several or '请填写更准确的名称'}")
        return found[0]


def _one(found: Any) -> list[Any]:
    return [found] if found is not None else []


def _grassroots(lookups: Lookups, text: str) -> list[Org]:
    org = lookups.orgs_by_name.get(text)
    if org is not None and org.org_type not in GRASSROOTS:
        raise CellError(f"“{text}”是{org.org_type}，这里应填基层工会或联合基层工会")
    return _one(org)


EMPLOYER = Ref("单位", lambda lookups, text: lookups.employers(text), "请改填统一社会信用代码")
ORG = Ref("组织", lambda lookups, text: _one(lookups.orgs_by_name.get(text)))
STREET = Ref("街道", lambda lookups, text: _one(lookups.streets.get(text)))
GRASSROOTS_UNION = Ref("基层工会", _grassroots)


def _party(lookups: Lookups, text: str) -> list[Any]:
    """所在单位, 主办单位, 召集组织… (SPEC §2): an employer by 信用代码 or exact name, or an org by exact name."""
    return [*lookups.employers(text), *_one(lookups.orgs_by_name.get(text))]


PARTY = Ref("单位或组织", _party, "请改填统一社会信用代码")


def split_names(text: str) -> list[str]:
    """Several names in one cell, separated by ； or ; (SPEC §2), blanks dropped, order kept."""
    return [part.strip() for part in text.replace("；", ";").split(";") if part.strip()]


@dataclass(frozen=True)
class Refs:
    """Several names in one cell, each resolved by `one`; the value is the list of records found.

    With `keep_unknown`, a name that matches nothing is kept as its text (organisers outside the
    tree of a competition of 市级 or above, SPEC §2); the caller decides when that is allowed."""

    one: Ref
    keep_unknown: bool = False

    @property
    def label(self) -> str:
        return self.one.label

    def resolve(self, lookups: Lookups, text: str) -> list[Any]:
        names = split_names(text)
        if not names:
            raise CellError("没有可识别的名称")
        found: list[Any] = []
        for name in names:
            try:
                found.append(self.one.resolve(lookups, name))
            except CellError as error:
                if self.keep_unknown and "找不到" in str(error):
                    found.append(name)
                    continue
                raise CellError(f"“{name}”：{error}") from None
        return found


PARTIES = Refs(PARTY)
EMPLOYERS = Refs(EMPLOYER)


def node_id_of(party: Any) -> int | None:
    """The owning node a record takes from the employer or org it names (SPEC §2); None for a
    name kept as text."""
    if isinstance(party, Org):
        return party.pk
    if isinstance(party, Employer):
        return party.node_id
    return None
