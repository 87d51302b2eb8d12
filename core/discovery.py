"""Finding what each installed app declares, as Django's autodiscover_modules finds admin.py.

A lower layer never names the apps above it: it asks for every app's `<app>.<name>` module (its
`registers.py`, `due.py`, `public.py`…) and reads the declarations there."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def app_modules(name: str) -> Iterator[ModuleType]:
    """Each installed app's `<app>.<name>` module, in INSTALLED_APPS order (apps without one are
    skipped; an error inside a module that exists is raised, not hidden)."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, name):
            yield importlib.import_module(f"{config.name}.{name}")
