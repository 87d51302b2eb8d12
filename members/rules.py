"""The membership rules that pages, imports, services and the workflow share (SPEC §7).

Who may move a member: whoever's subtree holds the member's union, except out of 转出中, which only
the receiving union (or a union above it) may end, by accepting or refusing: neither side alone
moves a member between unions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from core.scoping import contains
from core.validators import validate_not_before
from workflows.flows import Workflow

from .choices import KEEP_REASONS, State

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Member

#: a member whose person appears in no record for this many days is proposed for 自动退会 (章程 §5)
IDLE_DAYS = 183
#: an incoming transfer is due on the receiving union's to-do list this many days after it was sent
TRANSFER_DUE_DAYS = 15

NEEDS_DATE = (State.REFUSED, State.KEPT, State.TRANSFERRING, State.LEFT)
NEEDS_REASON = (State.REFUSED, State.KEPT, State.LEFT)


def transfer_due_on(sent: dt.date) -> dt.date:
    return sent + dt.timedelta(days=TRANSFER_DUE_DAYS)


def idle_since(today: dt.date) -> dt.date:
    """The day before which a person's last record makes them a proposal for 自动退会."""
    return today - dt.timedelta(days=IDLE_DAYS)


def next_card_number(member: Member) -> str:
    """The 会员证号 an approval gives: HY and the record's number, unique as the record is."""
    return f"HY{member.pk:08d}"


def move_guard(user: User, member: Member, to: str) -> str:
    """Why this user may not make this move ("" when they may); workflows.services.move asks it."""
    org = getattr(user, "org", None)
    if org is None:
        return "您的账号未绑定组织，不能办理会籍变动"
    if member.status == State.TRANSFERRING:
        target = member.transfer_to
        if target is None or not contains(org.path, target.path):
            return "转出中的会员只能由转入工会接收或退回"
        return ""
    if not contains(org.path, member.node.path):
        return "该会员不在您的管辖范围内"
    return ""


def check_move(member: Member, old: str, to: str) -> None:
    """What a step must say beyond its state (SPEC §7): the reason of 保留会籍, the receiving union."""
    problems = member_problems(member)
    if problems:
        raise ValidationError(problems)


def member_problems(member: Member) -> dict[str, list[str]]:
    """Each field's problems whatever the form, move or file (SPEC §7)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    state = member.status
    if member.joined_on is None and state not in (State.APPLIED, State.REFUSED):
        add("joined_on", f"会籍状态为“{state}”时须填写入会日期")
    if member.state_date is None and state in NEEDS_DATE:
        add("state_date", f"会籍状态为“{state}”时须填写状态日期")
    if not (member.change_reason or "").strip() and state in NEEDS_REASON:
        add(
            "change_reason",
            f"会籍状态为“{state}”时须填写变动原因"
            + (f"（{'、'.join(KEEP_REASONS)}）" if state == State.KEPT else ""),
        )
    if state == State.TRANSFERRING:
        if member.transfer_to_id is None:
            add("transfer_to", "转出中的会员须填写转入工会")
        elif member.transfer_to_id == member.node_id:
            add("transfer_to", "转入工会不能是会员现在所在的工会")
    try:
        validate_not_before(
            member.state_date, member.joined_on, end_label="状态日期", start_label="入会日期"
        )
    except ValidationError as error:
        add("state_date", error.messages[0])
    return errors


def member_workflow(*, on_move: Callable[..., None]) -> Workflow:
    return Workflow(
        field="status",
        edges={
            State.APPLIED: (State.ACTIVE, State.REFUSED),
            State.ACTIVE: (State.LEFT, State.KEPT, State.TRANSFERRING),
            State.KEPT: (State.ACTIVE, State.LEFT),
            # accepted by the receiving union (在籍 there) or refused by it (在籍 at the old one)
            State.TRANSFERRING: (State.ACTIVE,),
            State.LEFT: (State.ACTIVE,),  # a rejoin under the same key: a new period
        },
        needs={
            State.ACTIVE: ("state_date",),
            State.REFUSED: ("state_date", "change_reason"),
            State.KEPT: ("state_date", "change_reason"),
            State.TRANSFERRING: ("transfer_to", "state_date"),
            State.LEFT: ("state_date", "change_reason"),
        },
        guard=move_guard,
        on_move=on_move,
    )
