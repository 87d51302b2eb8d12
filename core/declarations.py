"""How a register is declared once (SPEC §2): its headers, key, values, scope and pages.

Template, export, import, the generic pages and the person page read only this. Each app lists its
registers in `<app>/registers.py` as REGISTERS, where registers/catalog.py discovers them. The types
live in core so that every app, the tree's orgs and workers included, can declare with them; with
them, what an import's rules speak (a cell's error, a planned row's problem, the plan).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import QuerySet
from django.urls import reverse

if TYPE_CHECKING:
    from accounts.models import User

#: what a record page lists above its fields, or beside them: (label or severity, text or URL)
Lines = list[tuple[str, Any]]


class CellError(ValueError):
    """One cell's value cannot be taken; the message is the reason (row and column are added by
    the caller)."""


def printable(text: str) -> str:
    """Text that can be kept and shown: PostgreSQL refuses a NUL in text and in JSON."""
    return text.replace("\x00", "\\x00")


@dataclass(frozen=True, eq=False)  # a declaration is itself: hashed by identity, once per cell
class Column:
    name: str  # the header as templates and exports write it (a unit in brackets is part of it)
    source: str  # the ORM path of its value (exports read rows with values_list: no model objects)
    required: bool = False
    choices: tuple[str, ...] = ()
    kind: str = "text"  # text | code (kept as text: IDs, codes, phones) | date | int | bool | decimal
    note: str = ""
    mask: Callable[[str], str] | None = None  # personal data: how it is shown to roles that need not see it
    to_cell: Callable[[Any], Any] | None = None  # stored value → cell value, when they differ
    # Import: the model field a cell is written to ("" = the source, when it is a plain field), and
    # for a name that refers to another record, how that name is found (orgs/refs.py).
    field: str = ""
    ref: Any = None
    default: Any = None  # the value of a blank cell, when it is not the field's empty value
    shown: str = ""  # the record's attribute a page shows, when `field` holds a code (a linked unit by name)

    @cached_property  # read for every cell of an import
    def target(self) -> str:
        return self.field or self.source

    @property
    def help(self) -> str:
        """The header note: required or not, allowed values, format."""
        parts = ["必填" if self.required else "选填"]
        if self.choices:
            parts.append("可选值：" + "/".join(self.choices))
        if self.kind == "bool":
            parts.append("填“是”或“否”")
        if self.kind == "date":
            parts.append("日期，如 2023-05-14、2023/5/14 或 2023年5月14日")
        if self.note:
            parts.append(self.note)
        return "；".join(parts)


@dataclass(frozen=True)
class Follow:
    """A record whose owning node is derived from another (SPEC §2) and so moves when that one
    does: `link` is the lookup from the record to what its node comes from — an employer
    (`employer`, `worker__employer`) or a record of a register declared before it (`course`);
    `only` narrows it when the node comes from there only in some cases."""

    link: str
    only: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class UnionlessAction:
    """A step an app above the tree offers on the employer list beside an employer without a
    union (未建会), such as 启动组建: declared in the app's `registers.py` as `UNIONLESS_ACTIONS`,
    found by discovery, shown to those who write business data."""

    label: str
    url: Callable[[Any], str]  # the employer → the address of the step


class RowContext(Protocol):
    """What a register's import rules (`prepare`, `check_plan`, `writer`) read of the import that
    runs them (registers.importing.ImportContext)."""

    user: User
    lookups: Any  # orgs.refs.Lookups: the names the rows resolve against
    present: set[str]  # the targets of the columns the file holds
    events: list[Any]  # what `prepare` notes for `after_write`


@dataclass(frozen=True)
class Register:
    slug: str  # the REGISTER of `uniondesk template|import|export REGISTER FILE`
    label: str
    key: str  # the natural key, as SPEC §2 words it
    columns: tuple[Column, ...]
    queryset: Callable[[Any], QuerySet]  # user → the rows they may see, in export order
    filterset: Any = None  # the list page's FilterSet, so an export matches what the list shows
    list_url: str = ""
    # Import (registers/importing.py): the model, the fields of the natural key, and the register's
    # own rules: `prepare(instance, before, ctx)` derives what is never typed (owning node,
    # gender…) and raises ValidationError keyed by field; `check_plan(plan, ctx)` returns the
    # problems only the whole file shows (an org whose parent is a row of the same file);
    # `writer(plan, ctx, tag, when)` replaces the bulk writer (the org tree); `refers_to_itself` makes
    # the file's own keys resolvable (Lookups.file_keys).
    model: Any = None
    key_fields: tuple[str, ...] = ()
    prepare: Callable[[Any, Any, Any], None] | None = None
    check_plan: Callable[[Any, Any], list[Any]] | None = None
    writer: Callable[[Any, Any, str, Any], None] | None = None
    refers_to_itself: bool = False
    # `after_write(plan, user, tag, when)`: what follows the rows in the same transaction (the
    # workflow moves an import made, a contract's parties…)
    after_write: Callable[[Any, Any, str, Any], None] | None = None
    # `after_undo(ids)`: what follows the rows an undone import put back (a contract's parties)
    after_undo: Callable[[list[int]], None] | None = None
    # `after_delete(records)`: what follows records deleted from a page or by an undone import (the
    # records as they were, with their key fields), in the same transaction
    after_delete: Callable[[list[Any]], None] | None = None
    # The generic pages (registers/record_views.py). The list shows `list_headers` (else the first
    # six columns), in the one order of registers/ordering.py unless a header is clicked.
    list_headers: tuple[str, ...] = ()
    totals: Callable[[QuerySet], Lines] | None = None  # the filtered list → (label, figure) below it
    links: Callable[[Any], Lines] | None = None  # a record → (label, URL) of its pages elsewhere
    # the register's own pages beyond the generic ones, offered on its list: (label, URL name, query)
    pages: tuple[tuple[str, str, str], ...] = ()
    notices: Callable[[Any], Lines] | None = None  # a record → (severity, text) above it, as of today
    more_fields: tuple[str, ...] = ()  # model fields a record page shows beyond the columns
    # The ORM path of the record's own date, the one its list is newest-first by (registers/ordering.py),
    # when it is not its first required date column.
    date: str = ""
    # the working area its pages belong to: "quality" (职工素质建设), "relations" (劳动关系), or ""
    # for the tree's registers; an area lists its registers in catalogue order
    area: str = ""
    # the field holding a person's 身份证号, for the registers the person page gathers
    person_field: str = ""
    # how its records follow an employer that changes 所属街道/工会 (orgs/following.py)
    follows: tuple[Follow, ...] = ()

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_headers(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def list_columns(self) -> list[Column]:
        """The columns its list page (and the person page) shows."""
        if self.list_headers:
            return [c for c in self.columns if c.name in self.list_headers]
        return list(self.columns[:6])

    @property
    def list_page(self) -> str:
        """The address of its list: its own page (list_url), else the page every register gets."""
        return reverse(self.list_url) if self.list_url else reverse("registers:record-list", args=[self.slug])

    @property
    def has_personal_data(self) -> bool:
        return any(c.mask for c in self.columns)


@dataclass(frozen=True)
class Problem:
    """What is wrong with one row of an import (or a form), where and why."""

    row: int  # as Excel numbers it: the header is row 1
    column: str  # the header, or "" for the row as a whole
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f"「{self.column}」" if self.column else "")
        return f"{where}{self.value}：{self.reason}" if self.value else f"{where}：{self.reason}"

    def as_list(self) -> list[Any]:
        return [self.row, printable(self.column), printable(self.value), printable(self.reason)]


@dataclass
class Plan:
    """What an import will write (registers.importing.plan_import), row by row."""

    register: Register
    rows: int = 0
    # instances for a register with its own writer (the org tree), else value rows (core.bulk.as_row)
    creates: list[Any] = field(default_factory=list)
    create_rows: list[int] = field(default_factory=list)  # the file row of each create
    updates: list[Any] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # ImportContext.events of the rows planned

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {"rows": self.rows, "created": len(self.creates), "updated": len(self.updates), "unchanged": self.unchanged}
