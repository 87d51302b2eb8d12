"""A person's page: what the registers hold under one 身份证号 in the user's subtree (entries,
attendance, certificates, proposals, honours: every register that declares a `person_field`),
reached from any of those records or the worker's.

The number never travels in a URL: the page is addressed by a record that holds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from core.declarations import Register
from workers.models import Worker

from .catalog import registers
from .records import display_rows

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Section:
    register: Register
    headers: list[str]
    rows: list[tuple[Any, list[Any]]]  # (record, the values its list shows)


def person_registers() -> list[Register]:
    """The registers that hold a person's records by their 身份证号, in catalogue order."""
    return [register for register in registers().values() if register.person_field]


def person_of(user: User, slug: str, pk: int) -> tuple[str, str, Any]:
    """(身份证号, name, the worker record or None) of the record that addresses the page."""
    if slug == "workers":
        addressed = get_object_or_404(Worker.objects.visible_to(user), pk=pk)
        return addressed.id_number, addressed.name, addressed
    register = registers().get(slug)
    if register is None or not register.person_field:
        raise Http404("该台账没有个人档案")
    record = get_object_or_404(register.queryset(user), pk=pk)
    id_number = getattr(record, register.person_field)
    if not id_number:
        raise Http404("该记录没有身份证号")
    worker = Worker.objects.visible_to(user).filter(id_number=id_number).first()
    name = worker.name if worker else getattr(record, "name", "") or getattr(record, "proposer", "")
    return id_number, name, worker


def person_sections(user: User, id_number: str) -> list[Section]:
    """Every record of the person's in each register, as its list shows it (personal data masked)."""
    sections = []
    for register in person_registers():
        field = register.person_field
        records = list(register.queryset(user).filter(**{field: id_number})[:200])
        columns = [c for c in register.list_columns if c.target != field and c.name not in ("姓名", "提出人")]
        values = display_rows(register, records, columns=columns)
        sections.append(Section(register, [c.name for c in columns], list(zip(records, values, strict=True))))
    return sections
