"""Reads of the members register that more than one page needs: the transfers waiting for a
union (its page of incoming transfers and its 待办), and the proposals for 自动退会."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet

from registers.catalog import registers
from registers.ordering import own_date

from .choices import MEMBER_STATES, State
from .models import Member
from .rules import idle_since

if TYPE_CHECKING:
    from accounts.models import User


def incoming_transfers(user: User) -> QuerySet[Member]:
    """Members sent to a union of the user's subtree and not yet answered, oldest first. The
    receiving side sees them before they are in its subtree (SPEC §7); the page shows only the
    masked name, the releasing union and the date."""
    org = getattr(user, "org", None)
    if org is None or not getattr(user, "reads_business_data", False):
        return Member.objects.none()
    return (
        Member.objects.filter(status=State.TRANSFERRING, transfer_to__path__startswith=org.path)
        .select_related("node", "transfer_to", "worker")
        .order_by("state_date", "pk")
    )


def idle_members(user: User, today: dt.date) -> QuerySet[Member]:
    """在籍 members of the user's subtree whose person appears in no record dated in the last six
    months (章程 §5, rules.IDLE_DAYS) and who joined before then: proposals for 自动退会 an admin
    may choose, never a move made by itself (SPEC §7)."""
    since = idle_since(today)
    members = (
        Member.objects.visible_to(user)
        .filter(status=State.ACTIVE, joined_on__lt=since)
        .exclude(state_date__gte=since)
    )
    for register in registers().values():
        if not register.person_field or register.slug == "members" or register.model is None:
            continue
        date = own_date(register)
        if date is None:
            continue
        lookup = (
            {f"{date}__gte": since} if not date.endswith("year") else {f"{date}__gte": since.year}
        )
        # NOT EXISTS rather than NOT IN: PostgreSQL estimates an anti-join, and with NOT IN it
        # took every member for a few and scanned them all (a district of the city: 1.1 s → 0.2 s)
        appears = register.model._default_manager.filter(
            **lookup, **{register.person_field: OuterRef("id_number")}
        )
        members = members.filter(~Exists(appears))
    return members.select_related("node", "worker").order_by("node__path", "id_number")


def member_states(id_numbers: Collection[str] | None = None) -> dict[str, bool]:
    """身份证号 → whether the person is a member now (在籍, 转出中, 保留会籍), for the people the
    register holds: what workers' 是否会员 reads (SPEC §7)."""
    queryset = Member.objects.all()
    if id_numbers is not None:
        queryset = queryset.filter(id_number__in=list(id_numbers))
    return {
        number: status in MEMBER_STATES
        for number, status in queryset.values_list("id_number", "status").iterator(chunk_size=5000)
    }
