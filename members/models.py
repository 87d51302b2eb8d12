"""Members (会员实名制, SPEC §7): one record per person by 身份证号, its state and the dated periods
(union, state, from, to) each step writes from its effective date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone

from core.history import RecordHistory
from core.notices import raise_errors
from core.scoping import ScopedQuerySet
from core.validators import validate_id_number, validate_mobile, validate_not_future
from orgs.models import Employer, Org
from workers.models import Worker

from .choices import MEMBER_STATES, Employment, State
from .fields import UnionByNameField
from .rules import check_move, member_problems, member_workflow, next_card_number


class MemberQuerySet(ScopedQuerySet):
    def members(self) -> MemberQuerySet:
        return self.filter(status__in=MEMBER_STATES)


class Member(models.Model):
    # 姓名, 手机号 and 所在单位 are the worker's when the worker register holds the person (one
    # stored copy, SPEC §7): then these three stay blank here and pages read them through `worker`
    name = models.CharField("姓名", max_length=50, blank=True)
    id_number = models.CharField(
        "身份证号", max_length=18, unique=True, validators=[validate_id_number]
    )
    worker = models.ForeignKey(
        Worker,
        verbose_name="职工",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    node = models.ForeignKey(  # indexed by (node, status) below
        Org, verbose_name="所在工会", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name="所在单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_on = models.DateField(
        "入会日期", null=True, blank=True, validators=[validate_not_future]
    )
    card_number = models.CharField("会员证号", max_length=30, blank=True)
    status = models.CharField(
        "会籍状态", max_length=4, choices=State.choices, default=State.APPLIED
    )
    state_date = models.DateField(
        "状态日期",
        null=True,
        blank=True,
        validators=[validate_not_future],
        help_text="当前状态生效的日期",
    )
    transfer_to = UnionByNameField(  # indexed by (transfer_to, status) below
        Org,
        verbose_name="转入工会",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    change_reason = models.CharField("变动原因", max_length=50, blank=True)
    employment = models.CharField(
        "就业形态", max_length=5, choices=Employment.choices, default=Employment.EMPLOYEE
    )
    is_migrant = models.BooleanField("是否农民工", default=False)
    mobile = models.CharField("手机号", max_length=11, blank=True, validators=[validate_mobile])
    # raised by a transfer or 退会: the card links signed with an older one no longer open (SPEC §7)
    card_version = models.PositiveIntegerField("会员证版本", default=1, editable=False)

    history = RecordHistory()
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = "会员"
        verbose_name_plural = "会员"
        indexes = [
            models.Index(fields=["node", "status"]),
            models.Index(fields=["transfer_to", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~models.Q(card_number=""),
                name="members_card_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.worker.name if self.worker_id and self.worker else self.name

    @property
    def shown_mobile(self) -> str:
        return self.worker.mobile if self.worker_id and self.worker else self.mobile

    @property
    def shown_employer(self) -> Employer | None:
        return self.worker.employer if self.worker_id and self.worker else self.employer

    @property
    def is_member(self) -> bool:
        return self.status in MEMBER_STATES

    def import_notices(self) -> dict[str, str]:
        """逻辑检查 member.closed_employer (SPEC §8) on an imported row: 在籍 at a unit that has
        closed. The import notes the unit the row resolves to (the worker's when the workers
        register holds the person) as `_unit`."""
        unit = getattr(self, "_unit", None)
        closed = getattr(unit, "closed_on", None)
        if self.status == State.ACTIVE and closed is not None and closed <= timezone.localdate():
            return {
                "status": f"所在单位“{unit.name}”已于{closed:%Y-%m-%d}注销，在籍会员应为保留会籍"
                "（逻辑检查 member.closed_employer 会在上报前指出）"
            }
        return {}

    def clean(self) -> None:
        if self.status == State.ACTIVE and self.joined_on is None and self.state_date is not None:
            self.joined_on = self.state_date  # an approval's date is the day the person joined
        raise_errors(self, member_problems(self), {})


class PeriodQuerySet(ScopedQuerySet):
    scope_field = "union"  # a period counts at the union that held it then (SPEC §7)

    def open_on(self, day: dt.date) -> PeriodQuerySet:
        """The periods a member was in at the end of `day` (begun by then, not ended by then)."""
        return self.filter(started_on__lte=day).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=day)
        )


class MembershipPeriod(models.Model):
    """One stretch of a membership in one union and one state, written from the effective date of
    the step that began it and closed (`ended_on`) by the next step's; never rewritten (SPEC §7)."""

    # Both indexed by the composite indexes below, which begin with them. Neither is checked by the
    # database row by row: an import's 100,000 periods would take a row lock on each new member at
    # commit (a tenth of the import). A period is written only by the members code, in the
    # transaction that writes or moves its member; its union is the member's 所在工会 or 转入工会
    # of the step, checked on the member's row; a member's deletion (a page, an import's undo,
    # demo --reset) takes its periods through the CASCADE below.
    member = models.ForeignKey(
        Member,
        verbose_name="会员",
        on_delete=models.CASCADE,
        related_name="periods",
        db_index=False,
        db_constraint=False,
    )
    union = models.ForeignKey(
        Org,
        verbose_name="工会",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    state = models.CharField("会籍状态", max_length=4, choices=State.choices)
    started_on = models.DateField("起始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = "会籍期间"
        verbose_name_plural = "会籍期间"
        ordering = ["member_id", "started_on", "pk"]
        indexes = [
            models.Index(fields=["union", "state", "started_on"]),
            models.Index(fields=["member", "ended_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.union} {self.state} {self.started_on}–{self.ended_on or ''}"


def effective_date(member: Member) -> dt.date:
    """The day a step took effect: its 状态日期, else (a join) its 入会日期, else today."""
    return member.state_date or member.joined_on or timezone.localdate()


def step_period(member: Member, day: dt.date) -> None:
    """Close the member's open period on `day` and open one in its union and state from `day`."""
    MembershipPeriod.objects.filter(member=member, ended_on__isnull=True).update(ended_on=day)
    MembershipPeriod.objects.create(
        member=member, union_id=member.node_id, state=member.status, started_on=day
    )


def _on_move(member: Member, *, old: str, to: str, **move: Any) -> None:
    """What each move writes beyond its state (workflows.services.move calls it in its transaction,
    before it saves the member): the 会员证号 of a join, the card a transfer or 退会 voids, and the
    dated period from the step's effective date."""
    extra: dict[str, Any] = {}
    if old == State.APPLIED and to == State.ACTIVE:
        extra["joined_on"] = member.joined_on or member.state_date or timezone.localdate()
    if old == State.LEFT and to == State.ACTIVE:  # a rejoin: a new 入会日期, a new period
        extra["joined_on"] = member.state_date or timezone.localdate()
    if to == State.ACTIVE and not member.card_number:
        extra["card_number"] = next_card_number(member)
    moved = old == State.TRANSFERRING and to == State.ACTIVE and member.transfer_to_id is not None
    if moved:  # accepted: the member is the receiving union's from the step's date
        extra["node_id"] = member.transfer_to_id
    if old == State.TRANSFERRING:
        extra["transfer_to_id"] = None
    if moved or to == State.LEFT:
        extra["card_version"] = member.card_version + 1
    for name, value in extra.items():
        setattr(member, name, value)
    check_move(member, old, to)
    step_period(member, effective_date(member))
    # workers' 是否会员 is a stored copy of the membership, written only here and in services.sync_workers
    Worker.objects.filter(id_number=member.id_number).update(
        is_member=member.status in MEMBER_STATES
    )


Member.WORKFLOW = member_workflow(on_move=_on_move)  # type: ignore[attr-defined]
