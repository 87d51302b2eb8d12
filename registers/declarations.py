"""How a register is declared once (SPEC §2): its headers, key, values and scope.

Template, export (and the import that builds on them) read only this. Each domain app lists its
registers in `<app>/registers.py` as REGISTERS; `catalog.py` collects them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse


@dataclass(frozen=True)
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
    # for a name that refers to another record, how that name is found (registers/refs.py).
    field: str = ""
    ref: Any = None
    default: Any = None  # the value of a blank cell, when it is not the field's empty value
    shown: str = ""  # the record's attribute a page shows, when `field` holds a code (a linked unit by name)

    @property
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
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_headers(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def list_page(self) -> str:
        """The address of its list: its own page (list_url), else the page every register gets."""
        return reverse(self.list_url) if self.list_url else reverse("registers:record-list", args=[self.slug])

    @property
    def has_personal_data(self) -> bool:
        return any(c.mask for c in self.columns)
