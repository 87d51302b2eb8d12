"""逻辑检查 of the members register (SPEC §8): 空壳工会 and members 在籍 at a closed employer.

Both read "at the end of Y" from the membership periods, as the members' figures do (a period
counts at the union that held it then, SPEC §7)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.consistency import ERROR, HINT, Rule, Span
from orgs.models import GRASSROOTS, Org

from .choices import MEMBER_STATES, State
from .models import Member, MembershipPeriod


def empty_unions(span: Span) -> QuerySet:
    """基层工会 and 联合基层工会 open at the end of Y (founded by then, not closed by then) where no
    membership period 在籍, 转出中 or 保留会籍 is open then: their members.total of Y is 0. A period
    that is 申请中, 未批准 or 已退会 is not a member, so it does not fill a union."""
    held = MembershipPeriod.objects.open_on(span.end).filter(state__in=MEMBER_STATES)
    return (
        span.of(Org)
        .filter(org_type__in=GRASSROOTS)
        .exclude(founded_on__gt=span.end)
        .exclude(pk__in=held.values("union_id"))
    )


def active_at_closed_employer(span: Span) -> QuerySet:
    """Members whose period open at the end of Y is 在籍 at a union of the subtree, and whose 所在单位
    (the worker's employer when the worker register holds the person, else the member's own) has a
    注销日期 on or before that day: they should be 保留会籍."""
    active = span.of(MembershipPeriod).open_on(span.end).filter(state=State.ACTIVE)
    return Member.objects.filter(pk__in=active.values("member_id")).filter(
        Q(worker__employer__closed_on__lte=span.end)
        | Q(worker__isnull=True, employer__closed_on__lte=span.end)
    )


RULES = (
    Rule(
        "union.empty",
        HINT,
        "空壳工会",
        "年底存续的基层工会（联合基层工会）没有一名会员：请在会员台账中补录会员，或说明原因",
        "orgs",
        records=empty_unions,
    ),
    Rule(
        "member.closed_employer",
        ERROR,
        "所在单位已注销的在籍会员",
        "年底会籍为“在籍”的会员，其所在单位已在当日或之前注销：应转为“保留会籍”",
        "members",
        records=active_at_closed_employer,
    ),
)
