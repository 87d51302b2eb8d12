"""A register, a due list and a public kind declared by an app are found without any list naming
them: an app that is installed is enough (core.discovery)."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from pathlib import Path

import pytest
from django.apps import AppConfig, apps

from public.kinds import kinds
from registers.catalog import registers
from todo.due import collect, due_modules, for_register

FILES = {
    "__init__.py": "",
    "registers.py": """
        from core.declarations import Column, Register
        from orgs.models import Org

        REGISTERS = [Register(slug="stamps", label="印章", key="名称", columns=(Column("名称", "name"),),
                              queryset=lambda user: Org.objects.none(), model=Org)]
    """,
    "due.py": """
        from todo.due import DueItem

        REGISTER = "stamps"

        def due_items(user, today):
            return [DueItem("印章待年检", "公章", "/", today, today, key="stamps:1:年检")]
    """,
    "public.py": """
        from public.kinds import PublicKind

        KIND = PublicKind(slug="stamp", label="印章申请", intro="")
    """,
}


@pytest.fixture
def stamps_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An app `stampsapp` installed after the others, with a registers.py, a due.py and a public.py."""
    package = tmp_path / "stampsapp"
    package.mkdir()
    for name, text in FILES.items():
        (package / name).write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    import stampsapp

    configs = [*apps.get_app_configs(), AppConfig("stampsapp", stampsapp)]
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)
    registers.cache_clear()
    kinds.cache_clear()
    due_modules.cache_clear()
    yield
    registers.cache_clear()
    kinds.cache_clear()
    due_modules.cache_clear()
    for name in [m for m in sys.modules if m == "stampsapp" or m.startswith("stampsapp.")]:
        del sys.modules[name]


def test_an_installed_apps_register_is_in_the_catalogue(stamps_app):
    catalogue = registers()
    assert list(catalogue)[-1] == "stamps"
    assert list(catalogue)[:3] == ["orgs", "employers", "workers"]  # INSTALLED_APPS order


def test_an_installed_apps_due_list_and_public_kind_are_found(stamps_app, db, personas):
    today = dt.date(2026, 5, 4)
    assert [i.title for i in for_register(personas["qingbo_admin"], today, "stamps")] == ["公章"]
    assert "公章" in [i.title for i in collect(personas["qingbo_admin"], today)]
    assert list(kinds())[-1] == "stamp"
