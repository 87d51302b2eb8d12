"""Demo members (SPEC §7): every worker the register marks 是否会员 gets a membership (在籍 at the
employer's union, else its street, from its 入会日期), and people first recorded from the year after
the sample's on join, retire into 保留会籍, leave, move between unions (one transfer still waiting
between two streets), and apply to join; a share of them work in new forms of employment.

The sample's workers keep their 是否会员, so no 2021–2023 figure moves (members.count reads it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad

from demo.context import DemoContext
from demo.names import MOBILE_PREFIXES
from members.choices import Employment, State
from members.models import Member, MembershipPeriod
from orgs.models import Employer, Org, OrgType
from workers.models import Worker
from workflows.models import Transition, Via

AFTER = ("workers",)
NEW_PER_YEAR = 360  # people first recorded in a year, at district scale
NEW_EMPLOYMENT = 0.35
MIGRANT = 0.3
KEPT, LEFT, MOVED, APPLYING = 0.06, 0.04, 0.03, 0.02  # shares of the new people taking each step


def fill(ctx: DemoContext) -> None:
    joined = _workers(ctx)
    added = _newcomers(ctx)
    Member.objects.filter(
        card_number="", status__in=(State.ACTIVE, State.KEPT, State.TRANSFERRING, State.LEFT)
    ).update(card_number=Concat(Value("HY"), LPad(Cast("pk", CharField()), 8, Value("0"))))
    ctx.counts["会员"] = joined + added
    ctx.counts["其中转出中"] = Member.objects.filter(status=State.TRANSFERRING).count()


def _workers(ctx: DemoContext) -> int:
    """A membership for each worker marked 是否会员 without one (the sample's import made its own)."""
    taken = set(Member.objects.values_list("id_number", flat=True))
    total = 0
    batch: list[Member] = []
    rows = (
        Worker.objects.filter(is_member=True)
        .order_by("id")
        .values_list("id", "id_number", "joined_on", "employer__union_id", "employer__street_id")
        .iterator(chunk_size=5000)
    )
    for pk, number, joined_on, union_id, street_id in rows:
        if number in taken:
            continue
        batch.append(
            Member(
                id_number=number,
                worker_id=pk,
                node_id=union_id or street_id,
                joined_on=joined_on,
                status=State.ACTIVE,
            )
        )
        if len(batch) >= 5000:
            total += _write(ctx, batch)
    return total + _write(ctx, batch)


def _write(ctx: DemoContext, batch: list[Member]) -> int:
    created = Member.objects.bulk_create(batch, batch_size=2000)
    ids = [m.id_number for m in created]
    periods = [
        MembershipPeriod(
            member_id=pk, union_id=node_id, state=State.ACTIVE, started_on=joined_on or ctx.today
        )
        for pk, node_id, joined_on in Member.objects.filter(id_number__in=ids).values_list(
            "pk", "node_id", "joined_on"
        )
    ]
    MembershipPeriod.objects.bulk_create(periods, batch_size=5000)
    batch.clear()
    return len(ids)


def _newcomers(ctx: DemoContext) -> int:
    """People first recorded from the first year the steps may date in, with their steps."""
    rng, today = ctx.rng, ctx.today
    scale = ctx.sizes.workers_per_district / 60_000
    steps: list[
        tuple[Member, list[tuple[str, dt.date, int, str]]]
    ] = []  # (member, [(state, day, union, reason)])
    taken = set(Member.objects.values_list("id_number", flat=True)) | set(
        Worker.objects.values_list("id_number", flat=True)
    )
    for district in ctx.districts:
        streets = list(
            Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET).order_by(
                "path"
            )
        )
        employers = list(
            Employer.objects.filter(node__path__startswith=district.path, closed_on__isnull=True)
            .order_by("id")
            .values_list("id", "union_id", "street_id")
        )
        if not streets or not employers:
            continue
        for year in ctx.years(2):
            start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
            share = ((end - start).days + 1) / 365
            for _ in range(max(12, round(NEW_PER_YEAR * scale * share))):
                steps.append(_newcomer(ctx, streets, employers, start, end, taken))
        _pending_transfer(steps, streets, today)
        _waiting_application(steps)
    members = [m for m, _ in steps]
    Member.objects.bulk_create(members, batch_size=2000)
    periods, transitions = [], []
    content_type = ContentType.objects.get_for_model(Member)
    for member, timeline in steps:
        before = ""
        for i, (state, day, union_id, reason) in enumerate(timeline):
            ended = timeline[i + 1][1] if i + 1 < len(timeline) else None
            if state != State.APPLIED or len(timeline) == 1:
                periods.append(
                    MembershipPeriod(
                        member_id=member.pk,
                        union_id=union_id,
                        state=state,
                        started_on=day,
                        ended_on=ended,
                    )
                )
            at = ctx.moment(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
            transitions.append(
                Transition(
                    content_type=content_type,
                    object_id=member.pk,
                    from_state=before,
                    to_state=state,
                    username="演示数据",
                    at=at,
                    via=Via.SYSTEM,
                    reason=reason,
                )
            )
            before = state
    MembershipPeriod.objects.bulk_create(periods, batch_size=5000)
    Transition.objects.bulk_create(transitions, batch_size=5000)
    return len(members)


def _newcomer(
    ctx: DemoContext,
    streets: list[Org],
    employers: list[tuple[int, Any, int]],
    start: dt.date,
    end: dt.date,
    taken: set[str],
) -> tuple[Member, list[tuple[str, dt.date, int, str]]]:
    rng, today = ctx.rng, ctx.today
    born = ctx.date_between(dt.date(1966, 1, 1), dt.date(2004, 12, 31))
    number = ctx.id_number(born, rng.random() < 0.55)
    while (
        number in taken
    ):  # the sample's people were imported, not drawn: their numbers are not ctx's
        number = ctx.id_number(born, rng.random() < 0.55)
    taken.add(number)
    new_form = rng.random() < NEW_EMPLOYMENT
    if new_form:
        employer_id, node_id = None, rng.choice(streets).pk
    else:
        employer_id, union_id, street_id = rng.choice(employers)
        node_id = union_id or street_id
    joined = ctx.date_between(start, end)
    member = Member(
        name=ctx.person(),
        id_number=number,
        node_id=node_id,
        employer_id=employer_id,
        joined_on=joined,
        status=State.ACTIVE,
        employment=Employment.NEW if new_form else Employment.EMPLOYEE,
        is_migrant=rng.random() < MIGRANT,
        mobile=f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99_999_999):08d}",
    )
    applied = joined - dt.timedelta(days=rng.randint(3, 20))
    timeline: list[tuple[str, dt.date, int, str]] = [
        (State.APPLIED, applied, node_id, "入会申请"),
        (State.ACTIVE, joined, node_id, "批准入会"),
    ]
    later = joined + dt.timedelta(days=rng.randint(30, 300))
    r = rng.random()
    if later <= today and r < KEPT:
        _step(member, timeline, State.KEPT, later, node_id, "退休")
        member.employment = Employment.RETIRED
    elif later <= today and r < KEPT + LEFT:
        _step(member, timeline, State.LEFT, later, node_id, "本人申请")
    elif later <= today and r < KEPT + LEFT + MOVED:
        target = rng.choice([s for s in streets if s.pk != node_id] or streets)
        _step(member, timeline, State.TRANSFERRING, later, node_id, f"转往{target.name}")
        accepted = min(later + dt.timedelta(days=rng.randint(2, 12)), today)
        timeline.append((State.ACTIVE, accepted, target.pk, "转入工会接收"))
        member.status, member.node_id, member.employer_id, member.state_date = (
            State.ACTIVE,
            target.pk,
            None,
            accepted,
        )
    elif (
        r > 1 - APPLYING and (today - joined).days < 60
    ):  # a recent applicant still waits for approval
        member.status, member.joined_on, member.state_date = State.APPLIED, None, applied
        timeline[:] = [(State.APPLIED, applied, node_id, "入会申请")]
    return member, timeline


def _step(
    member: Member,
    timeline: list[tuple[str, dt.date, int, str]],
    state: str,
    day: dt.date,
    union_id: int,
    reason: str,
) -> None:
    timeline.append((state, day, union_id, reason))
    member.status, member.state_date = state, day
    if state in (State.KEPT, State.LEFT):
        member.change_reason = reason


def _pending_transfer(
    steps: list[tuple[Member, list[tuple[str, dt.date, int, str]]]],
    streets: list[Org],
    today: dt.date,
) -> None:
    """One member still waiting between two streets: the first 在籍 newcomer held at a street."""
    if len(streets) < 2:
        return
    by_pk = {s.pk: s for s in streets}
    for member, timeline in steps:
        if member.status == State.ACTIVE and member.node_id in by_pk and len(timeline) == 2:
            target = next(s for s in streets if s.pk != member.node_id)
            day = max(
                timeline[-1][1] + dt.timedelta(days=1), today - dt.timedelta(days=3)
            )  # sent this week
            timeline.append((State.TRANSFERRING, day, member.node_id, f"转往{target.name}"))
            member.status, member.state_date, member.transfer_to_id = (
                State.TRANSFERRING,
                day,
                target.pk,
            )
            return


def _waiting_application(steps: list[tuple[Member, list[tuple[str, dt.date, int, str]]]]) -> None:
    """The newest newcomer still waits for approval, if none does yet (the 待办 shows one)."""
    if any(m.status == State.APPLIED for m, _ in steps):
        return
    for member, timeline in sorted(
        steps, key=lambda s: s[0].joined_on or dt.date.min, reverse=True
    ):
        if member.status == State.ACTIVE and len(timeline) == 2 and member.transfer_to_id is None:
            applied = timeline[0][1]
            member.status, member.joined_on, member.state_date = State.APPLIED, None, applied
            timeline[:] = timeline[:1]
            return
