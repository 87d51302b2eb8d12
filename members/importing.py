"""Import rules of the members register (SPEC §7): the worker link (one stored copy of 姓名, 手机号,
所在单位), where a member may belong, legal steps, and the dated periods a row writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from core.bulk import field_values, insert_rows
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
                "id", "name", "credit_code", "union_id", "street_id", "node_id", "closed_on"
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
        member.name, member.mobile = "", ""  # the worker's, read through the link
        if member.employer_id is not None:
            member.employer = None
    elif not (member.name or "").strip():
        raise ValidationError({"name": "必填，不能为空"})
    if member.id_number:
        member.id_number = member.id_number.strip().upper()
    member._unit = employer  # type: ignore[attr-defined]  # for Member.import_notices
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
    if member.status != State.TRANSFERRING and member.transfer_to_id is not None:
        member.transfer_to = None  # only a member being transferred names a receiving union
    check_import_move(member, before, ctx)


def after_write(plan: Any, user: User, tag: str, when: Any) -> None:
    """The workflow history and the dated periods of what the import created or moved: a new row's
    periods from its dates (在籍 from 入会日期 to 状态日期, then its state from 状态日期); a moved
    row's step from its 状态日期. Periods go in bulk (COPY on PostgreSQL)."""
    record_import_moves(plan.register, plan, user, tag, when)
    today = when.date()
    fields = ("id", "node_id", "status", "joined_on", "state_date")
    rows: list[tuple[Any, ...]] = []
    linked: list[str] = []  # only these new members have a worker whose 是否会员 copy may differ
    for *values, number, worker_id in field_values(Member, plan.creates, *fields, "id_number", "worker_id"):
        rows.extend(first_period_rows(*values, today=today))
        if worker_id is not None:
            linked.append(number)
    moved = [pk for kind, pk, _, _ in plan.events if kind == "move"]
    moved_numbers: list[str] = []
    closing: dict[Any, list[int]] = {}  # the step's day → the members whose open period it closes
    for start in range(0, len(moved), 5000):
        found = Member.objects.filter(pk__in=moved[start : start + 5000]).values_list(
            *fields, "id_number"
        )
        for pk, node_id, status, joined, since, number in found:
            day = since or joined or today
            closing.setdefault(day, []).append(pk)
            rows.append((pk, node_id, status, day, None))
            moved_numbers.append(number)
    for day, pks in closing.items():
        for start in range(0, len(pks), 5000):
            MembershipPeriod.objects.filter(
                member_id__in=pks[start : start + 5000], ended_on__isnull=True
            ).update(ended_on=day)
    insert_rows(MembershipPeriod._meta.db_table, PERIOD_COLUMNS, rows)
    sync_workers([*linked, *moved_numbers])


PERIOD_COLUMNS = ("member_id", "union_id", "state", "started_on", "ended_on")


def first_period_rows(
    pk: int, node_id: int, state: str, joined: Any, since: Any, *, today: Any
) -> list[tuple[Any, ...]]:
    """The periods (PERIOD_COLUMNS) a member arriving in its state has had (SPEC §7)."""
    if state in (State.APPLIED, State.ACTIVE):
        day = (joined or since or today) if state == State.ACTIVE else (since or today)
        return [(pk, node_id, state, day, None)]
    rows = []
    if joined is not None and state != State.REFUSED:
        rows.append((pk, node_id, State.ACTIVE, joined, since or today))
    rows.append((pk, node_id, state, since or today, None))
    return rows


def first_periods(member: Member, today: Any) -> list[MembershipPeriod]:
    """first_period_rows as unsaved periods."""
    rows = first_period_rows(
        member.pk, member.node_id, member.status, member.joined_on, member.state_date, today=today
    )
    return [MembershipPeriod(**dict(zip(PERIOD_COLUMNS, row, strict=True))) for row in rows]


def after_undo(ids: list[int]) -> None:
    """An undone import put members back as they were: a step it made goes with it (the open
    period it started is removed and the one it closed is open again), and the workers' copy follows."""
    for start in range(0, len(ids), 1000):
        members = dict(Member.objects.filter(pk__in=ids[start : start + 1000]).values_list("pk", "status"))
        stepped = [
            pk
            for pk, state in MembershipPeriod.objects.filter(
                member_id__in=list(members), ended_on__isnull=True
            ).values_list("member_id", "state")
            if state != members[pk]
        ]
        MembershipPeriod.objects.filter(member_id__in=stepped, ended_on__isnull=True).delete()
        last: dict[int, int] = {}  # member → its latest remaining period, open again
        for member_id, pk in MembershipPeriod.objects.filter(member_id__in=stepped).order_by(
            "member_id", "started_on", "pk"
        ).values_list("member_id", "pk"):
            last[member_id] = pk
        MembershipPeriod.objects.filter(pk__in=list(last.values())).update(ended_on=None)
        sync_workers(Member.objects.filter(pk__in=list(members)).values_list("id_number", flat=True))


def after_delete(members: list[Member]) -> None:
    """A deleted member's periods go with it (cascade); the worker's 是否会员 copy follows."""
    sync_workers([member.id_number for member in members])
