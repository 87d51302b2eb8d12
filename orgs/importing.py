"""Import rules of the org and employer registers (SPEC §2): owning nodes, the tree's shape, and
what an import may not change (a move is its own audited action, SPEC §1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from core.bulk import History
from core.declarations import Plan, Problem, RowContext
from core.signals import employer_closed

from .models import ALLOWED_CHILDREN, Employer, Org, OrgType
from .refs import Lookups, Ref

MOVE_ELSEWHERE = "导入不能调整隶属关系；请在该{}的页面用“调整隶属”办理（会留下原因和审计记录）"


def _parent(lookups: Lookups, text: str) -> list[Any]:
    """An org of the subtree, or (by name) a row of the same file that creates it; or an org above
    the subtree, which only the row of the subtree's own root may name (its export says so)."""
    found = lookups.orgs_by_name.get(text)
    if found is not None:
        return [found]
    if text in lookups.file_keys:
        return [text]
    above = set(Org.paths_above(lookups.scope_path))
    return [o for o in lookups.orgs.values() if o.name == text and o.path in above][:1]


PARENT = Ref("上级组织", _parent)


def _parent_of(org: Org, ctx: RowContext) -> Org | None:
    path = org.path[: -Org.steplen]
    return next((o for o in ctx.lookups.orgs.values() if o.path == path), None) if path else None


def prepare_org(org: Org, before: Org | None, ctx: RowContext) -> None:
    parent = getattr(org, "parent", None)
    if before is not None:
        if org.org_type != before.org_type:
            raise ValidationError({"org_type": "组织类型建立后不能修改"})
        current = _parent_of(before, ctx)
        if "parent" in ctx.present and (current.name if current else None) != (
                parent.name if isinstance(parent, Org) else parent):
            raise ValidationError({"parent": MOVE_ELSEWHERE.format("组织")})
        return
    if isinstance(parent, Org) and not ctx.lookups.in_scope(parent.path):
        raise ValidationError({"parent": "在您的管辖范围内找不到这个上级组织"})
    if parent is None:
        if ctx.lookups.orgs or org.org_type not in (OrgType.DISTRICT, OrgType.CITY):
            raise ValidationError({"parent": "上级组织必填：只有根组织（区总工会或市总工会）可以留空，且系统中只能有一个根组织"})
        return
    if isinstance(parent, Org) and org.org_type not in ALLOWED_CHILDREN.get(parent.org_type, ()):
        raise ValidationError({"parent": f"{parent.org_type}下不能设立{org.org_type}"})


def check_org_plan(plan: Plan, ctx: RowContext) -> list[Problem]:
    """Rows whose parent is another new row of the file: that row's type must allow them, and
    following parents must reach the existing tree (no circle)."""
    new = {org.name: org for org in plan.creates}
    rows = {org.name: row for org, row in zip(plan.creates, plan.create_rows, strict=True)}
    problems = []
    for org in plan.creates:
        parent = getattr(org, "parent", None)
        if not isinstance(parent, str):
            continue
        if parent not in new:  # a row of the file that updates an existing org is found as an Org
            problems.append(Problem(rows[org.name], "上级组织", parent, "在您的管辖范围内找不到这个上级组织"))
            continue
        if org.org_type not in ALLOWED_CHILDREN.get(new[parent].org_type, ()):
            problems.append(Problem(rows[org.name], "上级组织", parent, f"{new[parent].org_type}下不能设立{org.org_type}"))
        seen = {org.name}
        step = parent
        while isinstance(step, str) and step in new:
            if step in seen:
                problems.append(Problem(rows[org.name], "上级组织", parent, "上级组织关系形成了循环"))
                break
            seen.add(step)
            step = getattr(new[step], "parent", None)
    return problems


def write_orgs(plan: Plan, ctx: RowContext, tag: str, when: dt.datetime) -> None:
    """Orgs go in one by one through the tree (treebeard keeps paths and counts), parents first."""
    user = ctx.user if ctx.user.pk else None
    placed: dict[str, Org] = {}
    pending = list(plan.creates)
    while pending:
        waiting = []
        for org in pending:
            parent = getattr(org, "parent", None)
            if isinstance(parent, str):
                if parent not in placed:
                    waiting.append(org)
                    continue
                parent = placed[parent]
            org._change_reason, org._history_user = tag, user
            placed[org.name] = Org.objects.add_child(parent, instance=org) if parent else Org.objects.add_root(instance=org)
        if len(waiting) == len(pending):  # check_org_plan refuses circles; this cannot loop
            raise RuntimeError("org import: parents never placed")
        pending = waiting
    if plan.updates:
        History(Org).copy_from_table([o.pk for o in plan.updates], kind="~", reason="导入前的状态",
                                     when=when - dt.timedelta(microseconds=1), user_id=None, only_without_history=True)
        for org in plan.updates:
            org._change_reason, org._history_user = tag, user
            org.save()


def prepare_employer(employer: Employer, before: Employer | None, ctx: RowContext) -> None:
    if before is not None and (employer.street_id, employer.union_id) != (before.street_id, before.union_id):
        field = "street" if employer.street_id != before.street_id else "union"
        raise ValidationError({field: MOVE_ELSEWHERE.format("单位")})
    node = employer.union or employer.street
    employer.node_id = node.pk if node else None
    if employer.closed_on is not None and (before is None or before.closed_on is None):
        ctx.events.append(("closed", employer.credit_code, employer.closed_on))


def after_employer_write(plan: Any, user: Any, tag: str, when: Any) -> None:
    """An employer the import closed (注销日期 newly written) is announced as a page's closure is
    (core.signals.employer_closed), in the import's transaction."""
    closed = {code: on for kind, code, on in plan.events if kind == "closed"}
    for employer in Employer.objects.filter(credit_code__in=list(closed)) if closed else ():
        employer_closed.send(sender=Employer, employer=employer, on=closed[employer.credit_code], user=user, request=None)
