"""Import rules of the members register (SPEC §7): the worker link (one stored copy of 姓名, 手机号,
所在单位), where a member may belong, legal steps, and the dated periods a row writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from core.declarations import CellError
from orgs.models import Employer, Org
from orgs.refs import Lookups, Ref
from workers.refs import link_worker
from workflows.services import check_import_move, record_import_moves

from .choices import State
from .models import Member, MembershipPeriod
from .services import sync_workers

if TYPE_CHECKING:
    from accounts.models import User

_ALL_BY_NAME = "_members_orgs_by_name"


def _anywhere(lookups: Lookups, text: str) -> list[Org]:
    """转入工会: a union by its exact name anywhere in the tree (SPEC §7)."""
    found = lookups.__dict__.get(_ALL_BY_NAME)
    if found is None:
        found = lookups.__dict__[_ALL_BY_NAME] = {org.name: org for org in lookups.orgs.values()}
    org = found.get(text)
    if org is None:
        raise CellError("找不到这个名称的工会，请填写完整名称")
    return [org]


RECEIVING_UNION = Ref("工会", _anywhere)


def _worker_employers(ctx: Any) -> dict[int, Employer]:
    """Employer id → employer of the subtree, loaded once per import."""
    if not hasattr(ctx, "members_employers"):
        ctx.members_employers = {
            e.pk: e
            for e in Employer.objects.in_subtree(ctx.lookups.scope_path).only(
                "id", "name", "credit_code", "union_id", "street_id", "node_id"
            )
        }
    return ctx.members_employers


def belonging_refusal(node: Org, employer: Employer | None, orgs: dict[int, Org]) -> str:
    """所在工会 is the employer's union or one above it; a street's for a member with no union (SPEC §7)."""
    if employer is None:
        return ""
    base = (
        orgs.get(employer.union_id or employer.street_id)
        if (employer.union_id or employer.street_id)
        else None
    )
    if base is None or base.path.startswith(node.path):
        return ""
    return f"所在工会应为单位“{employer.name}”的工会或其上级工会"


def prepare_member(member: Member, before: Member | None, ctx: Any) -> None:
    """The worker the 身份证号 names lends 姓名, 手机号 and 所在单位; 所在工会 fits the unit; a
    changed state is a legal step; a union changes only through a transfer."""
    found = link_worker(member, before, ctx.lookups)
    employer: Employer | None = member.employer if member.employer_id else None
    if found is not None:
        employer = _worker_employers(ctx).get(found[1])
        member.name, member.mobile, member.employer = (
            "",
            "",
            None,
        )  # the worker's, read through the link
    elif not (member.name or "").strip():
        raise ValidationError({"name": "必填，不能为空"})
    if member.id_number:
        member.id_number = member.id_number.strip().upper()
    node = ctx.lookups.orgs.get(member.node_id)
    if node is not None and (refusal := belonging_refusal(node, employer, ctx.lookups.orgs)):
        raise ValidationError({"node": refusal})
    if (
        before is not None
        and before.node_id != member.node_id
        and before.status not in (State.APPLIED, State.REFUSED)
    ):
        raise ValidationError(
            {"node": "已入会会员的所在工会只能通过转会（转出、转入工会接收）变更"}
        )
    if member.status != State.TRANSFERRING:
        member.transfer_to = None  # only a member being transferred names a receiving union
    check_import_move(member, before, ctx)


def after_write(plan: Any, user: User, tag: str, when: Any) -> None:
    """The workflow history and the dated periods of what the import created or moved: a new row's
    periods from its dates (在籍 from 入会日期 to 状态日期, then its state from 状态日期); a moved
    row's step from its 状态日期."""
    record_import_moves(plan.register, plan, user, tag, when)
    new_keys = [key for kind, key, _, _ in plan.events if kind == "new"]
    moved = [pk for kind, pk, _, _ in plan.events if kind == "move"]
    periods: list[MembershipPeriod] = []
    for start in range(0, len(new_keys), 1000):
        chunk = new_keys[start : start + 1000]
        for member in Member.objects.filter(id_number__in=chunk).only(
            "pk", "node_id", "status", "joined_on", "state_date"
        ):
            periods.extend(first_periods(member, when.date()))
    for start in range(0, len(moved), 1000):
        members = list(
            Member.objects.filter(pk__in=moved[start : start + 1000]).only(
                "pk", "node_id", "status", "joined_on", "state_date"
            )
        )
        for member in members:
            day = member.state_date or member.joined_on or when.date()
            MembershipPeriod.objects.filter(member=member, ended_on__isnull=True).update(
                ended_on=day
            )
            periods.append(
                MembershipPeriod(
                    member_id=member.pk,
                    union_id=member.node_id,
                    state=member.status,
                    started_on=day,
                )
            )
    MembershipPeriod.objects.bulk_create(periods, batch_size=1000)
    sync_workers(
        [*new_keys, *Member.objects.filter(pk__in=moved).values_list("id_number", flat=True)]
    )


def first_periods(member: Member, today: Any) -> list[MembershipPeriod]:
    """The periods a member arriving in its state has had (SPEC §7)."""
    state, joined, since = member.status, member.joined_on, member.state_date
    if state in (State.APPLIED, State.ACTIVE):
        day = joined or since or today if state == State.ACTIVE else since or today
        return [
            MembershipPeriod(
                member_id=member.pk, union_id=member.node_id, state=state, started_on=day
            )
        ]
    rows = []
    if joined is not None and state != State.REFUSED:
        end = since or today
        rows.append(
            MembershipPeriod(
                member_id=member.pk,
                union_id=member.node_id,
                state=State.ACTIVE,
                started_on=joined,
                ended_on=end,
            )
        )
    rows.append(
        MembershipPeriod(
            member_id=member.pk, union_id=member.node_id, state=state, started_on=since or today
        )
    )
    return rows
