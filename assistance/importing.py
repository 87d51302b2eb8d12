"""Import rules of the assistance register (SPEC §2, §4): the worker link, the owning node, the
workflow's moves and levels, and one open application per person and type."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from orgs.models import Employer
from workers.refs import link_worker
from workflows.services import check_import_move, record_import_moves

from .models import OPEN_STATES, Application, Status
from .rules import ALREADY_PAID, DUPLICATE_OPEN, level_refusal

if TYPE_CHECKING:
    from accounts.models import User


def _employer_nodes(ctx: Any) -> dict[int, int]:
    """Employer id → owning node id in the subtree, loaded once per import."""
    if not hasattr(ctx, "assistance_employer_nodes"):
        queryset = Employer.objects.all()
        if ctx.lookups.scope_path:
            queryset = queryset.filter(node__path__startswith=ctx.lookups.scope_path)
        ctx.assistance_employer_nodes = dict(queryset.values_list("pk", "node_id"))
    return ctx.assistance_employer_nodes


def _open_holders(ctx: Any) -> dict[tuple[str, str], set[str]]:
    """(身份证号, 救助类型) → the 申请编号 of the open applications, the whole tree's, loaded once per
    import and kept up to date row by row, so two rows of one file are checked against each other."""
    if not hasattr(ctx, "assistance_open"):
        holders: dict[tuple[str, str], set[str]] = defaultdict(set)
        for id_number, kind, number in Application.objects.open().values_list("id_number", "kind", "number"):
            holders[(id_number, kind)].add(number)
        ctx.assistance_open = holders
    return ctx.assistance_open


def _link_worker(application: Application, before: Application | None, ctx: Any) -> None:
    """The worker the 身份证号 names in the subtree, and the node: that worker's employer's, else
    the node the record already has, else the importing user's (SPEC §2)."""
    found = link_worker(application, before, ctx.lookups)
    if found is not None:
        application.node_id = _employer_nodes(ctx).get(found[1]) or application.node_id or ctx.user.org_id
    elif application.node_id is None:
        application.node_id = ctx.user.org_id


def _check_state(application: Application, before: Application | None, ctx: Any) -> None:
    """A new row may arrive in any state; a changed state follows a legal move, made at a level
    the importing user may act at; a paid application's payment stays as it was paid."""
    check_import_move(application, before, ctx)
    if before is not None and before.status == Status.PAID and (
            application.approved_amount != before.approved_amount or application.paid_on != before.paid_on):
        field = "approved_amount" if application.approved_amount != before.approved_amount else "paid_on"
        raise ValidationError({field: f"{ALREADY_PAID}：批准金额和发放日期不能再修改"})
    if before is not None and application.status != before.status:
        before.node = ctx.lookups.orgs.get(before.node_id) or before.node
        if refusal := level_refusal(ctx.user, before, application.status):
            raise ValidationError({"status": refusal})


def _check_duplicates(application: Application, before: Application | None, ctx: Any) -> None:
    holders = _open_holders(ctx)
    if before is not None and before.status in OPEN_STATES:
        holders[(before.id_number, before.kind)].discard(before.number)
    if application.status not in OPEN_STATES:
        return
    key = (application.id_number, application.kind)
    if holders[key] - {application.number}:
        raise ValidationError({"id_number": DUPLICATE_OPEN.format(kind=application.kind)})
    holders[key].add(application.number)


def prepare_application(application: Application, before: Application | None, ctx: Any) -> None:
    _link_worker(application, before, ctx)
    _check_state(application, before, ctx)
    _check_duplicates(application, before, ctx)
    application._duplicates_checked = True  # clean() need not ask the database again


def after_write(plan: Any, user: User, tag: str, when: Any) -> None:
    """The workflow history of what the import created or moved (who, when, the import's tag)."""
    record_import_moves(plan.register, plan, user, tag, when)
