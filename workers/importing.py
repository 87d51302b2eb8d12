"""Import rules of the worker register: what a row never types (SPEC §2, §3), and 是否会员, which
reads the members register (SPEC §7): a row's 是 only creates a membership, never changes one."""

from __future__ import annotations

from typing import Any

from core.signals import membership_states, workers_joined

from .models import Worker

NOT_AS_TYPED = "是否会员以会员台账为准（会员台账中为{held}），本列的“{typed}”不导入；会籍变动请在会员台账办理"


def member_states(id_numbers: Any = None) -> dict[str, bool]:
    """身份证号 → whether the person is a member now, for the people the members register holds."""
    states: dict[str, bool] = {}
    for _, answer in membership_states.send(sender=Worker, id_numbers=id_numbers):
        states.update(answer or {})
    return states


def _states(ctx: Any) -> dict[str, bool]:
    if not hasattr(ctx, "worker_member_states"):
        ctx.worker_member_states = member_states()
    return ctx.worker_member_states


def prepare_worker(worker: Worker, before: Worker | None, ctx: Any) -> None:
    """The worker's node is its employer's; gender and birth date come from the 身份证号; 是否会员
    is the membership's, and a 是 with none yet creates one after the write."""
    worker.node_id = worker.employer.node_id
    worker.derive_from_id()
    held = _states(ctx).get(worker.id_number)
    if held is not None:
        if "is_member" in ctx.present and worker.is_member != held:
            worker._member_notice = NOT_AS_TYPED.format(  # type: ignore[attr-defined]  # read by import_notices
                held="会员" if held else "非会员", typed="是" if worker.is_member else "否")
        worker.is_member = held
    elif worker.is_member and (before is None or not before.is_member):
        ctx.events.append(("join", worker.id_number, worker.joined_on))


def after_write(plan: Any, user: Any, tag: str, when: Any) -> None:
    """The memberships the rows' 是否会员 是 creates (members/receivers.py), in the import's transaction."""
    joined = [(number, day) for kind, number, day in plan.events if kind == "join"]
    if joined:
        workers_joined.send(sender=Worker, joined=joined, user=user)
