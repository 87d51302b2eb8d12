"""Importing and exporting through the register engine, as the tests of both apps do it."""

from __future__ import annotations

import io
from typing import Any

from python_calamine import CalamineWorkbook

from registers.catalog import get_register
from registers.imports import import_file
from registers.services import register_export
from registers.tests.files import xlsx


def run(user: Any, slug: str, rows: list[list[Any]], name: str = "导入.xlsx"):
    """Import a sheet of `rows` (headers first) as `user`: (log, problems)."""
    return import_file(user=user, register=get_register(slug), file_name=name, data=xlsx(rows))


def lines(problems) -> list[str]:
    return [str(p) for p in problems]


def export(user: Any, slug: str, params: Any = None) -> bytes:
    target = io.BytesIO()
    register_export(user=user, register=get_register(slug), target=target, params=params)
    return target.getvalue()


def export_rows(user: Any, slug: str, params: Any = None) -> list[list[Any]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(export(user, slug, params))).get_sheet_by_index(0).to_python()


def reimport(user: Any, slug: str):
    """An admin's export imported back by the same admin: (log, problems)."""
    return import_file(user=user, register=get_register(slug), file_name="导出.xlsx", data=export(user, slug))
