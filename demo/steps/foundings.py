"""Demo union foundings (工会组建) from 2024 on: in each district a few streets found unions each
year — approved (已成立: the union is created under the street and the employers are put under
it, through the workflow) — while the latest are still 筹建中 (one of them past FOUNDING_WARN_DAYS,
so it is due on the to-do list), and one was stopped (已中止).

On the sample district the unions founded are of 社会组织 (or 事业单位, 机关): the sample's 2023
figures count enterprises' unions as the register stands (unions.coverage), and a founding in
2024 must not move them. The employers stay in their street, so no street's figure moves either."""

from __future__ import annotations

import datetime as dt

from accounts.models import Role, User
from demo.context import DemoContext
from foundings.choices import FoundingForm, Status
from foundings.models import Founding
from foundings.rules import warn_days
from orgs.models import Employer, EmployerType, Org, OrgType
from workflows.models import Via
from workflows.services import move, record_created

FIRST_YEAR = 2024  # foundings are recorded from then on
STREETS_PER_YEAR = 3  # the streets of a district that found unions in a year
SAFE_TYPES = (
    EmployerType.SOCIAL,
    EmployerType.INSTITUTION,
    EmployerType.AGENCY,
)  # not in unions.coverage
STOP_REASON = "该单位经营困难、职工流失，暂缓组建"


class _District:
    """One district's foundings as they are written: its streets' employers without a union, the
    names taken, the numbers handed out."""

    def __init__(self, ctx: DemoContext, district: Org, prefix: str) -> None:
        self.ctx, self.prefix, self.seq = ctx, prefix, 0
        # the steps write as the district's office; history and the audit log name it 演示数据
        self.office = User(username="演示数据", org=district, role=Role.ADMIN)
        self.streets = list(
            Org.objects.filter(path__startswith=district.path, org_type=OrgType.STREET).order_by(
                "path"
            )
        )
        self.unionless = {street.pk: _unionless(street) for street in self.streets}
        self.taken = set(Org.objects.values_list("name", flat=True))
        self.counts = {Status.ESTABLISHED: 0, Status.PREPARING: 0, Status.STOPPED: 0}
        self.overdue = 0

    def take(self, street: Org, n: int, *, approved: bool) -> list[Employer]:
        """n of the street's employers without a union: for a union approved, of the types
        unions.coverage leaves out (any type when there is no sample to keep); else enterprises first."""
        pool = self.unionless[street.pk]
        safe = [e for e in pool if e.employer_type in SAFE_TYPES]
        other = [e for e in pool if e.employer_type not in SAFE_TYPES]
        chosen = (
            (safe if self.ctx.since is not None else safe + other) if approved else other + safe
        )[:n]
        for employer in chosen:
            pool.remove(employer)
        return chosen

    def street_with_employers(self, start: int, *, backwards: bool = False) -> Org | None:
        order = self.streets[start:] + self.streets[:start]
        return next(
            (s for s in (reversed(order) if backwards else order) if self.unionless[s.pk]), None
        )

    def record(self, street: Org, units: list[Employer], started: dt.date, form: str) -> Founding:
        self.seq += 1
        name = (
            f"{units[0].name}工会"
            if form == FoundingForm.SINGLE
            else f"{street.short_name()}新业态联合工会{self.seq}"
        )
        if name in self.taken:
            name = f"{street.short_name()}{name}"
        self.taken.add(name)
        founding = Founding.objects.create(
            number=f"{self.prefix}{started.year}-{self.seq:03d}",
            name=name,
            form=form,
            unit_codes="；".join(u.credit_code for u in units),
            street=street,
            started_on=started,
            status=Status.PREPARING,
            node=street,
        )
        founding.units.set(units)
        record_created(
            founding,
            user=None,
            via=Via.SYSTEM,
            reason="演示数据",
            at=self.ctx.moment(started, dt.time(9, 0)),
        )
        return founding

    def approved(self, year: int) -> None:
        """STREETS_PER_YEAR streets (in turn) each found a union approved in `year`; the first
        year's first is a 联合建会 of two or three employers."""
        ctx, today = self.ctx, self.ctx.today
        turn = (year * STREETS_PER_YEAR) % len(self.streets)
        for n, street in enumerate((self.streets[turn:] + self.streets[:turn])[:STREETS_PER_YEAR]):
            joint = n == 0 and year == FIRST_YEAR
            started = ctx.date_between(dt.date(year, 1, 5), dt.date(year, 4, 30))
            congress = started + dt.timedelta(days=ctx.rng.randint(50, 110))
            approved = congress + dt.timedelta(days=ctx.rng.randint(10, 30))
            if approved > today:
                continue  # this year's are still being prepared (preparing())
            units = self.take(street, ctx.rng.randint(2, 3) if joint else 1, approved=True)
            if not units or (joint and len(units) < 2):
                continue
            founding = self.record(
                street, units, started, FoundingForm.JOINT if joint else FoundingForm.SINGLE
            )
            move(
                founding,
                Status.ESTABLISHED,
                user=self.office,
                via=Via.SYSTEM,
                reason="演示数据",
                changes={
                    "congress_on": congress,
                    "approved_on": approved,
                    "approval_number": f"{street.short_name()[:2]}总工〔{approved.year}〕{self.seq}号",
                },
                at=ctx.moment(approved, dt.time(10, 0)),
            )
            self.counts[Status.ESTABLISHED] += 1

    def preparing(self, first_day: dt.date) -> None:
        """One founding started long ago (due on the to-do list) and two recent ones, 筹建中."""
        ctx, today = self.ctx, self.ctx.today
        starts = [
            today - dt.timedelta(days=warn_days() + 40),
            *(today - dt.timedelta(days=ctx.rng.randint(10, 90)) for _ in range(2)),
        ]
        for n, day in enumerate(starts):
            started = max(first_day, day)
            street = self.street_with_employers(n)
            units = self.take(street, 1, approved=False) if street is not None else []
            if street is not None and units and started <= today:
                self.record(street, units, started, FoundingForm.SINGLE)
                self.counts[Status.PREPARING] += 1
                self.overdue += started <= today - dt.timedelta(days=warn_days())

    def stopped(self, first_day: dt.date) -> None:
        """One founding stopped before the members' congress."""
        ctx, today = self.ctx, self.ctx.today
        street = self.street_with_employers(0, backwards=True)
        units = self.take(street, 1, approved=False) if street is not None else []
        if street is None or not units:
            return
        started = max(first_day, today - dt.timedelta(days=ctx.rng.randint(120, 300)))
        founding = self.record(street, units, started, FoundingForm.SINGLE)
        move(
            founding,
            Status.STOPPED,
            user=self.office,
            via=Via.SYSTEM,
            reason=STOP_REASON,
            at=ctx.moment(min(today, started + dt.timedelta(days=60)), dt.time(15, 0)),
        )
        self.counts[Status.STOPPED] += 1


def fill(ctx: DemoContext) -> None:
    counts = {Status.ESTABLISHED: 0, Status.PREPARING: 0, Status.STOPPED: 0}
    overdue = 0
    years = range(max(FIRST_YEAR, ctx.since or FIRST_YEAR), ctx.today.year + 1)
    first_day = dt.date(years[0], 1, 1) if years else ctx.today
    for index, org in enumerate(ctx.districts):
        district = _District(ctx, org, "ZJ" if len(ctx.districts) == 1 else f"ZJ{index + 1:02d}-")
        if not district.streets:
            continue
        for year in years:
            district.approved(year)
        district.preparing(first_day)
        district.stopped(first_day)
        for status, n in district.counts.items():
            counts[status] += n
        overdue += district.overdue
    ctx.counts["工会组建"] = sum(counts.values())
    ctx.counts["其中已成立"] = counts[Status.ESTABLISHED]
    ctx.counts["其中筹建超期"] = overdue


def _unionless(street: Org) -> list[Employer]:
    """The street's open employers without a union, the largest first (the ones a street sets out
    to found a union for)."""
    return list(
        Employer.objects.filter(street=street, union__isnull=True, closed_on__isnull=True)
        .select_related("street")
        .order_by("-headcount", "pk")
    )
