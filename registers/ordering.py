"""One order for every register's list: newest first by the record's own date, then by its key.

The record's own date is the day (or 年度) it happened: 提出日期, 申请日期, 签订日期… — the register's
`date` when declared, else its first required date column, else its 年度. Registers of
the tree itself (orgs, employers, workers) have no such date and are listed by name."""

from __future__ import annotations

import re

from core.declarations import Register


def own_date(register: Register) -> str | None:
    """The ORM path of the record's own date, or None for a register of the tree."""
    if register.date:
        return register.date
    for column in register.columns:
        if column.kind == "date" and column.required and isinstance(column.source, str):
            return column.source
    year = next((c for c in register.columns if c.name == "年度" and isinstance(c.source, str)), None)
    return year.source if year else None


def key_paths(register: Register) -> list[str]:
    """The ORM paths of the key's columns, in the key's order (SPEC §2 words it as 名称+年度…)."""
    by_name = {c.name: c.source for c in register.columns if isinstance(c.source, str)}
    parts = [p for p in re.split(r"[+（）\s或]", register.key) if p]
    return list(dict.fromkeys(by_name[p] for p in parts if p in by_name))


def list_order(register: Register) -> list[str]:
    date = own_date(register)
    if date is None:
        return ["name", "pk"] if _has_name(register) else [*key_paths(register), "pk"]
    return [f"-{date}", *(p for p in key_paths(register) if p != date), "-pk"]


def _has_name(register: Register) -> bool:
    return any(f.name == "name" for f in register.model._meta.get_fields()) if register.model else False
