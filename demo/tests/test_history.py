"""The demo's records have a history from their start, and nothing it writes is dated after now."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.management import call_command
from django.db.models import Exists, OuterRef
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from simple_history.models import registered_models

from accounts.models import User
from audit.models import AuditEntry
from mediation.models import Case, CaseStatus
from workflows.models import Transition
from workflows.services import move


def early_morning_zone() -> str:
    """A zone where it is now about 1 o'clock at night: the demo's events of today (at office
    hours) would lie ahead of now there."""
    hour = timezone.now().astimezone(dt.UTC).hour
    offset = 1 - hour if hour <= 13 else 25 - hour  # within the zones' −12…+14 hours
    return f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"


@pytest.fixture
def demo(db, settings):
    settings.TIME_ZONE = zone = early_morning_zone()
    timezone.activate(zoneinfo.ZoneInfo(zone))
    try:
        call_command("demo", size="tiny", seed=11, stdout=io.StringIO())
        yield
    finally:
        timezone.deactivate()


def test_the_demo_dates_nothing_after_now_and_starts_every_history(demo):
    now = timezone.now()
    assert not Transition.objects.filter(at__gt=now).exists()
    assert not AuditEntry.objects.filter(at__gt=now).exists()
    later, without = {}, {}
    for model in registered_models.values():
        if n := model.history.filter(history_date__gt=now).count():
            later[model._meta.label] = n
        history = model.history.model.objects.filter(**{model._meta.pk.attname: OuterRef("pk")})
        if n := model._default_manager.filter(~Exists(history)).count():
            without[model._meta.label] = n
    assert later == {}
    assert without == {}  # each record has the row of its creation


def test_a_move_the_demo_dates_today_is_not_later_than_now(db, settings):
    """At one in the night, a case applied for today has its move dated now, not at office hours."""
    import random

    from demo.context import SIZES, DemoContext
    from demo.steps.mediation import _transitions

    settings.TIME_ZONE = zone = early_morning_zone()
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        ctx = DemoContext(seed=1, scale="district", sizes=SIZES["tiny"], rng=random.Random(1))
        moves = _transitions(ctx, [Case(applied_on=ctx.today, status=CaseStatus.APPLIED)])
        assert [m.to_state for m in moves] == [CaseStatus.APPLIED]
        assert moves[0].at <= timezone.now() and timezone.localtime(moves[0].at).date() == ctx.today


def test_the_first_change_of_a_demo_case_shows_its_before_and_after(demo):
    admin = User.objects.get(username="district_admin")
    case = Case.objects.filter(status=CaseStatus.APPLIED).first()
    move(case, CaseStatus.ACCEPTED, user=admin, changes={"accepted_on": timezone.localdate()})
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("registers:record-detail", args=["cases", case.pk])).content.decode()
    assert "<del>已申请</del> → <ins>已受理</ins>" in page
