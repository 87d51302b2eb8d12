"""Import rules of the mediation registers: owning nodes, links and legal state changes (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from core.declarations import Plan
from core.notices import from_file
from orgs.refs import Lookups, Ref, node_id_of
from registers.importing import ImportContext
from workers.refs import link_worker
from workflows.services import check_import_move, record_import_moves

from .models import Case, MediationOrg
from .rules import level_refusal, row_problems

if TYPE_CHECKING:
    from accounts.models import User


def _mediation_orgs(lookups: Lookups) -> dict[str, MediationOrg]:
    """The subtree's mediation organisations by 名称, loaded once per import."""
    found = getattr(lookups, "_mediation_orgs", None)
    if found is None:
        queryset = MediationOrg.objects.only("id", "name", "node_id", "founded_on", "closed_on")
        if lookups.scope_path:
            queryset = queryset.filter(node__path__startswith=lookups.scope_path)
        found = {org.name: org for org in queryset}
        lookups._mediation_orgs = found  # type: ignore[attr-defined]
    return found


def _find_mediation_org(lookups: Lookups, text: str) -> list[MediationOrg]:
    org = _mediation_orgs(lookups).get(text)
    return [org] if org is not None else []


MEDIATION_ORG = Ref("调解组织", _find_mediation_org)


def prepare_mediation_org(org: MediationOrg, before: MediationOrg | None, ctx: ImportContext) -> None:
    """所属组织或单位 gives the node; the 层级 must suit it. Once it has cases, its node is theirs too,
    so neither an import nor a page form may move it."""
    party = org.owner
    if not from_file(org) and (refusal := level_refusal(org.level, party)):
        raise ValidationError({"owner": refusal})
    org.node_id = node_id_of(party)
    if before is not None and org.node_id != before.node_id and Case.objects.filter(mediation_org_id=before.pk).exists():
        raise ValidationError({"owner": "该调解组织已有调解案件（案件随其归属），不能更改其所属组织或单位"})


def prepare_case(case: Case, before: Case | None, ctx: ImportContext) -> None:
    """The case's node is its 调解组织's; the 申请人身份证号 links the worker the register holds; a
    changed 状态 must be a legal move (recorded after the write)."""
    case.node_id = case.mediation_org.node_id
    link_worker(case, before, ctx.lookups, field="applicant_id_number")
    if not from_file(case) and (errors := row_problems(case)):
        raise ValidationError(errors)
    check_import_move(case, before, ctx)


def after_case_write(plan: Plan, user: User, tag: str, when: dt.datetime) -> None:
    record_import_moves(plan.register, plan, user, tag, when)
