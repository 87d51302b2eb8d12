"""What waits in the members register (SPEC §7), for the to-do list: the transfers sent to a union
of the user's subtree, and the applications to join waiting for approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from core.masking import mask_name
from public.models import Ticket
from registers.pages import record_url
from todo.due import DueItem

from .choices import State
from .models import Member
from .rules import transfer_due_on
from .selectors import incoming_transfers

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "members"  # the register its items are of


def due_items(user: User, today: dt.date) -> Iterable[DueItem]:
    incoming = reverse("members:incoming")
    for member in incoming_transfers(user):
        sent = member.state_date or today
        yield DueItem(
            kind="会员转入待接收",
            title=f"{mask_name(member.shown_name)}（自{member.node.name}转入）",
            url=incoming,
            due=transfer_due_on(sent),
            today=today,
            node=member.transfer_to.name if member.transfer_to else "",
            key=f"members:{member.pk}:转入",
            note=f"转出日期 {sent:%Y-%m-%d}",
        )
    for member in (
        Member.objects.visible_to(user)
        .filter(status=State.APPLIED)
        .select_related("node", "worker")
    ):
        applied = member.state_date or today
        yield DueItem(
            kind="入会申请待审批",
            title=member.shown_name,
            url=record_url("members", member.pk),
            due=transfer_due_on(applied),
            today=today,
            node=member.node.name,
            key=f"members:{member.pk}:申请",
            note=f"申请日期 {applied:%Y-%m-%d}",
        )
    repeats = dict(
        Ticket.objects.filter(
            kind="join", reply="", content_type=ContentType.objects.get_for_model(Member)
        )
        .exclude(standing="")
        .order_by("-created_at")
        .values_list("object_id", "created_at")
    )  # the oldest unanswered filing of each member last, so it is the one kept
    for member in (
        Member.objects.visible_to(user).filter(pk__in=list(repeats)).select_related("node", "worker")
    ):
        filed = timezone.localdate(repeats[member.pk])
        yield DueItem(
            kind="入会申请待答复",
            title=f"{member.shown_name}（已有会籍登记）",
            url=record_url("members", member.pk) + "#public-ticket",
            due=transfer_due_on(filed),
            today=today,
            node=member.node.name,
            key=f"members:{member.pk}:重复申请",
            note=f"提交日期 {filed:%Y-%m-%d}",
        )
