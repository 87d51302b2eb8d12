"""Writes to the members register beyond the record form and the import (SPEC §7): the receiving
union's answer to a transfer, and the one-sided moves (an employer's closure, a founding), each
in one audited transaction. Every step of a member's state goes through `workflows.services.move`;
the dated period each writes is the workflow's `after` (models._after_move)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, LPad
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from core.records import save_with_history
from core.scoping import contains
from core.validators import validate_id_number, validate_not_future
from orgs.models import Employer, Org, OrgType
from public.kinds import Repeat
from workers.models import Worker
from workflows.models import Via
from workflows.services import move

from .choices import MEMBER_STATES, Employment, State
from .models import Member, MembershipPeriod

if TYPE_CHECKING:
    from accounts.models import User


def _incoming(user: User, pk: int) -> Member:
    org = getattr(user, "org", None)
    if org is None or not user.writes_business_data:
        raise PermissionDenied("您的角色无权办理会员转入。")
    member = (
        Member.objects.select_for_update(of=("self",))
        .filter(pk=pk, status=State.TRANSFERRING)
        .select_related("transfer_to", "node")
        .first()
    )
    if (
        member is None
        or member.transfer_to is None
        or not contains(org.path, member.transfer_to.path)
    ):
        raise PermissionDenied("没有这条转入申请，或它不是转入您管辖范围内工会的")
    return member


def _effective(on: dt.date | None, member: Member) -> dt.date:
    day = on or timezone.localdate()
    validate_not_future(day, label="生效日期")
    if member.state_date and day < member.state_date:
        raise ValidationError(f"生效日期不能早于转出日期（{member.state_date:%Y-%m-%d}）")
    return day


@transaction.atomic
def transfer_accept(
    *, user: User, pk: int, on: dt.date | None = None, request: Any = None
) -> Member:
    """The receiving union accepts: the member is 在籍 there from `on` (SPEC §7)."""
    member = _incoming(user, pk)
    day = _effective(on, member)
    return move(
        member,
        State.ACTIVE,
        user=user,
        reason=f"转入{member.transfer_to}（接收）",
        request=request,
        changes={"state_date": day, "change_reason": ""},
    )


@transaction.atomic
def transfer_refuse(
    *, user: User, pk: int, reason: str, on: dt.date | None = None, request: Any = None
) -> Member:
    """The receiving union refuses: the member is 在籍 again at the old union from `on`."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "退回转会须填写原因"})
    member = _incoming(user, pk)
    day = _effective(on, member)
    return move(
        member,
        State.ACTIVE,
        user=user,
        reason=f"转入{member.transfer_to}被退回：{reason}",
        request=request,
        changes={"state_date": day, "transfer_to": None, "change_reason": ""},
    )


def _one_sided(
    members: Iterable[Member],
    *,
    to: str,
    node: Org,
    on: dt.date,
    reason: str,
    user: User | None,
    request: Any = None,
) -> int:
    """Move each member to `to` at `node` from `on` through the one move(), without the guard of
    either side (the step is the system's, in one subtree, SPEC §7). Returns how many moved."""
    moved = 0
    for member in members:
        if member.status == to and member.node_id == node.pk:
            continue
        changes: dict[str, Any] = {"node": node, "state_date": on, "transfer_to": None}
        if to == State.KEPT:
            changes["change_reason"] = "单位关闭"
        move(member, to, user=None, reason=reason, via=Via.PAGE, changes=changes)
        moved += 1
    return moved


def _actor(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _kept_at(employer: Employer) -> Org:
    """Where a closed employer's members are kept: the union above its union, or its street."""
    union = employer.union
    above = union.get_parent() if union is not None else None
    return above if above is not None and above.org_type != OrgType.DISTRICT else employer.street


@transaction.atomic
def members_employer_closed(
    *, employer: Employer, on: dt.date, user: User | None = None, request: Any = None
) -> int:
    """An employer's closure (注销日期): its members go into 保留会籍 at the union above the
    employer's union, or at its street, from the closing day, in one audited step."""
    node = _kept_at(employer)
    members = Member.objects.filter(status=State.ACTIVE).filter(
        Q(employer=employer) | Q(worker__employer=employer)
    )
    moved = _one_sided(
        list(members), to=State.KEPT, node=node, on=on, reason="单位注销：保留会籍", user=user
    )
    if moved and _actor(user) is not None:
        audit_record(
            action=Action.TRANSITION,
            request=request,
            user=user,
            obj=employer,
            detail={
                "会员": moved,
                "新状态": State.KEPT,
                "所在工会": node.name,
                "生效日期": on.isoformat(),
                "原因": "单位注销",
            },
        )
    return moved


@transaction.atomic
def members_union_founded(
    *, union: Org, employers: Iterable[Employer], on: dt.date, user: User | None = None
) -> int:
    """A founding (已成立): the memberships the street held for its 涉及单位 go to the new union
    from `on`, in one audited step; they stay 在籍 (or in the state they had)."""
    ids = [e.pk for e in employers]
    members = Member.objects.filter(
        node__org_type=OrgType.STREET, status__in=(State.ACTIVE, State.KEPT)
    ).filter(Q(employer_id__in=ids) | Q(worker__employer_id__in=ids))
    moved = 0
    for member in members:
        member.node = union
        save_with_history(member, user=_actor(user), reason=f"新建工会：转入{union.name}")
        MembershipPeriod.objects.filter(member=member, ended_on__isnull=True).update(ended_on=on)
        MembershipPeriod.objects.create(
            member=member, union=union, state=member.status, started_on=on
        )
        moved += 1
    if moved and _actor(user) is not None:
        audit_record(
            action=Action.MOVE,
            user=user,
            obj=union,
            detail={
                "会员": moved,
                "所在工会": union.name,
                "生效日期": on.isoformat(),
                "原因": "新建工会",
            },
        )
    return moved


def sync_workers(id_numbers: Iterable[str]) -> None:
    """Workers' 是否会员 is a stored copy of the membership that only this app writes (SPEC §7).
    Only the people the workers register holds are asked about, and only a copy that differs is
    written: most members of an import (新就业形态, retired) have no worker row at all."""
    numbers = list(dict.fromkeys(id_numbers))
    for start in range(0, len(numbers), 1000):
        copies = dict(Worker.objects.filter(id_number__in=numbers[start : start + 1000])
                      .values_list("id_number", "is_member"))
        if not copies:
            continue
        held = set(Member.objects.filter(id_number__in=list(copies), status__in=MEMBER_STATES)
                   .values_list("id_number", flat=True))
        for value, differ in ((True, [n for n, copy in copies.items() if not copy and n in held]),
                              (False, [n for n, copy in copies.items() if copy and n not in held])):
            if differ:
                Worker.objects.filter(id_number__in=differ).update(is_member=value)


@transaction.atomic
def members_join_workers(
    *, joined: Iterable[tuple[str, dt.date | None]], user: User | None = None
) -> int:
    """Workers whose row said 是否会员 是 with no membership yet: each becomes a member, 在籍 at its
    employer's union, else its street, from its 入会日期 (which may be blank: such a membership
    counts in members.total from today and never in members.joined). Returns how many."""
    wanted = dict(joined)
    taken = set(
        Member.objects.filter(id_number__in=list(wanted)).values_list("id_number", flat=True)
    )
    workers = list(
        Worker.objects.filter(id_number__in=[n for n in wanted if n not in taken]).select_related(
            "employer"
        )
    )
    today = timezone.localdate()
    members = [
        Member(
            id_number=w.id_number,
            worker=w,
            node_id=w.employer.union_id or w.employer.street_id,
            joined_on=wanted[w.id_number],
            status=State.ACTIVE,
        )
        for w in workers
    ]
    created = Member.objects.bulk_create(members, batch_size=1000)
    ids = [m.id_number for m in created]
    fresh = {
        m.id_number: m
        for m in Member.objects.filter(id_number__in=ids).only(
            "pk", "id_number", "node_id", "joined_on"
        )
    }
    Member.objects.filter(pk__in=[m.pk for m in fresh.values()], card_number="").update(
        card_number=Concat(Value("HY"), LPad(Cast("pk", CharField()), 8, Value("0")))
    )
    MembershipPeriod.objects.bulk_create(
        [
            MembershipPeriod(
                member_id=m.pk,
                union_id=m.node_id,
                state=State.ACTIVE,
                started_on=m.joined_on or today,
            )
            for m in fresh.values()
        ],
        batch_size=1000,
    )
    # a worker of an employer closed (注销日期) before the file came joins as the closure would have
    # left them: 在籍 until the closing day, then 保留会籍 at the union above (SPEC §7), so the
    # 逻辑检查 member.closed_employer has nothing to find in an import
    for worker in workers:
        member = fresh.get(worker.id_number)
        closed_on = worker.employer.closed_on
        if member and closed_on and member.joined_on and member.joined_on < closed_on:
            _one_sided(
                [Member.objects.get(pk=member.pk)],
                to=State.KEPT,
                node=_kept_at(worker.employer),
                on=closed_on,
                reason="单位注销：保留会籍",
                user=None,
            )
    sync_workers(wanted)
    return len(fresh)


@transaction.atomic
def member_apply_public(data: dict[str, Any], employer: Employer | None) -> Member | Repeat:
    """An application to join filed through the public form, in 申请中: at the employer's union,
    else its street; a 新就业形态 applicant at the street they chose. Linked to the worker the
    身份证号 names, whose 姓名/手机号/所在单位 it then reads. The public form records the creation.
    A number that already has a membership is answered alike: the filing waits on that member's page
    for its union's reply (a Repeat), the membership unchanged."""
    try:
        id_number = validate_id_number(data["id_number"])
    except ValidationError as error:
        raise ValidationError({"id_number": error.messages}) from None
    new_form = data.get("employment") == Employment.NEW
    street = Org.objects.filter(pk=data.get("street") or None, org_type=OrgType.STREET).first()
    # every answer the form gives must be the same whoever the number belongs to: the questions
    # are settled before the registers are asked
    if new_form and street is None:
        raise ValidationError({"street": "新就业形态劳动者请选择居住或工作所在街道"})
    if not new_form and employer is None:
        raise ValidationError(
            {"employer_search": "请填写所在单位（新就业形态劳动者请选择就业形态和街道）"}
        )
    existing = Member.objects.filter(id_number=id_number).first()
    if existing is not None:
        return Repeat(existing, standing=State.APPLIED, note=_application_note(data, employer, street))
    worker = Worker.objects.filter(id_number=id_number).select_related("employer").first()
    if worker is not None and not new_form:  # the register knows where the person works
        employer = worker.employer
    node = street if new_form or employer is None else (employer.union or employer.street)
    employer = None if new_form else employer
    today = timezone.localdate()
    member = Member(
        id_number=id_number,
        worker=worker,
        node=node,
        employer=None if worker else employer,
        name="" if worker else data["name"].strip(),
        mobile="" if worker else (data.get("mobile") or ""),
        status=State.APPLIED,
        state_date=today,
        employment=Employment.NEW if new_form else Employment.EMPLOYEE,
        is_migrant=bool(data.get("is_migrant")),
    )
    save_with_history(member, user=None, reason="公开表单提交")
    MembershipPeriod.objects.create(
        member=member, union=node, state=State.APPLIED, started_on=today
    )
    return member


def _application_note(data: dict[str, Any], employer: Employer | None, street: Org | None) -> str:
    where = f"街道：{street.name}" if data.get("employment") == Employment.NEW and street else f"所在单位：{getattr(employer, 'name', '')}"
    parts = [f"姓名：{data.get('name', '').strip()}", f"就业形态：{data.get('employment', '')}", where,
             f"申请说明：{(data.get('title') or '').strip()}", f"个人情况：{(data.get('content') or '').strip()}"]
    return "；".join(parts)[:2000]
