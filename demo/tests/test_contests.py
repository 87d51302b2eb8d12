"""The demo's competitions and entries: three years, valid, owned as SPEC §2 says, and an export
of them imports back unchanged."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Role, User
from contests.models import OUTSIDE_LEVELS, Competition, Entry
from core.validators import validate_id_number
from orgs.models import Org
from registers.catalog import get_register
from registers.importing import plan_import
from registers.reading import open_table
from registers.services import register_export


def root_admin() -> User:
    return User(username="demo-check", org=Org.objects.get(depth=1), role=Role.ADMIN)


def plan_of_export(slug: str):
    """What importing the root admin's export would do (nothing is written)."""
    buffer = io.BytesIO()
    register_export(user=root_admin(), register=get_register(slug), target=buffer)
    return plan_import(get_register(slug), open_table("导出.xlsx", buffer.getvalue()), root_admin())


@pytest.mark.django_db
def test_demo_competitions_and_entries_are_valid_and_import_back_unchanged():
    call_command("demo", size="tiny", seed=5, stdout=io.StringIO())
    year = timezone.localdate().year
    assert set(Competition.objects.values_list("year", flat=True)) == {year - 2, year - 1, year}
    assert Competition.objects.filter(level="区级", contest_type="技能竞赛", entries__award="一等奖").exists()
    assert Entry.objects.exclude(category="").values("category").distinct().count() >= 3
    for c in Competition.objects.select_related("host_employer"):
        if c.host_employer:
            assert c.node_id == c.host_employer.node_id
        elif c.host_org_id:
            assert c.node_id == c.host_org_id
        else:
            assert c.level in OUTSIDE_LEVELS and c.node.depth == 1
        assert c.start_date is None or c.start_date <= timezone.localdate()
    for e in Entry.objects.select_related("competition", "worker"):
        assert e.node_id == e.competition.node_id and validate_id_number(e.id_number) == e.id_number
        assert e.worker is None or e.worker.id_number == e.id_number
    assert Entry.objects.filter(worker__isnull=True).exists() and Entry.objects.filter(worker__isnull=False).exists()
    for slug in ("competitions", "entries"):
        plan = plan_of_export(slug)
        assert plan.problems == [] and plan.counts()["unchanged"] == plan.rows > 0, slug
