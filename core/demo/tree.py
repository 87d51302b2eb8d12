"""The org tree as planned in memory, and its rows with treebeard's materialised paths.

`Org.add_child` costs a few queries a node (it looks up the sibling order and may shift paths);
here each node's path is computed once — the parent's path plus the node's 1-based position among
its siblings in `node_order_by` (name) order, base 36 in `steplen` characters, as treebeard
writes it — and the whole tree goes in with one bulk_create. `Org.find_problems()` checks the
result in the tests, and a test builds the same tree with add_child and compares the paths.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from orgs.models import Org


@dataclass(eq=False)
class PlannedOrg:
    name: str
    org_type: str
    founded_on: dt.date | None = None
    chairman: str = ""
    phone: str = ""
    kind: str = ""  # what its grassroots unions or employers are: school, health, agency, community …
    children: list[PlannedOrg] = field(default_factory=list)
    row: Org | None = None  # set once inserted

    def add(self, child: PlannedOrg) -> PlannedOrg:
        self.children.append(child)
        return child

    def walk(self) -> Iterator[PlannedOrg]:
        yield self
        for child in self.children:
            yield from child.walk()


def sibling_order(children: list[PlannedOrg]) -> list[PlannedOrg]:
    """treebeard keeps siblings in node_order_by order (Org: name). Python compares code points,
    as SQLite (BINARY) and PostgreSQL with C or C.UTF-8 collation do."""
    return sorted(children, key=lambda c: tuple(getattr(c, f) for f in Org.node_order_by))


def org_rows(root: PlannedOrg) -> list[Org]:
    """Unsaved Org rows for the whole tree, parents before children, each planned node's `row` set."""
    rows: list[Org] = []

    def visit(node: PlannedOrg, path: str, depth: int) -> None:
        node.row = Org(
            name=node.name, org_type=node.org_type, founded_on=node.founded_on, chairman=node.chairman,
            phone=node.phone, path=path, depth=depth, numchild=len(node.children),
        )
        rows.append(node.row)
        for position, child in enumerate(sibling_order(node.children), start=1):
            visit(child, Org._get_path(path, depth + 1, position), depth + 1)

    visit(root, Org._get_path(None, 1, 1), 1)
    return rows
