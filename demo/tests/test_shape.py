"""The demo's steps are found, not listed, and `demo --reset` finds its tables in the register
catalogue: a new register's step and rows need no line anywhere else."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from audit.models import AuditEntry
from demo.reset import FILLED, wipe
from demo.steps import on_sample, steps
from registers.catalog import registers


def labels(modules: list) -> list[str]:
    return [module.__name__.rsplit(".", 1)[1] for module in modules]


def test_steps_follow_installed_apps_each_after_what_it_needs():
    found = labels(steps())
    installed = [config.label for config in apps.get_app_configs()]
    assert found[0] == "orgs" and set(found) <= set(installed)
    for step in steps():
        for needed in getattr(step, "AFTER", ()):
            assert found.index(needed) < found.index(labels([step])[0])
    # every app with registers has a step that fills them
    assert {register.model._meta.app_label for register in registers().values()} <= set(found)


def test_on_the_sample_the_tree_and_the_workers_are_imported_not_generated():
    assert labels(on_sample()) == [label for label in labels(steps()) if label not in ("orgs", "workers")]


@pytest.mark.django_db
def test_reset_empties_every_register_and_what_the_demo_filled():
    call_command("demo", size="tiny", seed=3, stdout=io.StringIO())
    models = [register.model for register in registers().values()]
    assert all(model.objects.exists() for model in models)
    wipe()
    for model in models:
        assert not model.objects.exists() and not model.history.model.objects.exists(), model
    for model in FILLED:
        assert not model.objects.exists(), model
    assert not get_user_model().objects.exists()
    assert list(AuditEntry.objects.values_list("object_repr", flat=True)) == ["uniondesk demo --reset"]
