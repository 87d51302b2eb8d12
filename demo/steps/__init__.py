"""The demo's steps, found here rather than listed: one module per app it fills, named after the
app, each with `fill(ctx)`.

They run in the INSTALLED_APPS order of those apps. A step that needs another step's records where
that order does not give them first names those apps in `AFTER`; a step whose records the sample
district's files already hold says `IN_SAMPLE = True` and does not run on the sample.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


def steps() -> list[ModuleType]:
    """Every step, each after the ones it names in AFTER, otherwise in INSTALLED_APPS order."""
    found = {name: importlib.import_module(f"{__name__}.{name}") for _, name, _ in pkgutil.iter_modules(__path__)}
    pending = [config.label for config in apps.get_app_configs() if config.label in found]
    ordered: list[str] = []
    while pending:
        ready = next((label for label in pending
                      if not set(getattr(found[label], "AFTER", ())) & set(pending)), None)
        if ready is None:
            raise ImproperlyConfigured(f"演示步骤互相等待：{', '.join(pending)}")
        ordered.append(ready)
        pending.remove(ready)
    return [found[label] for label in ordered]


def on_sample() -> list[ModuleType]:
    """The steps that add the years since the sample district's to it."""
    return [step for step in steps() if not getattr(step, "IN_SAMPLE", False)]
