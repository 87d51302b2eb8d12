"""What a founding's 已成立 does to the tree (SPEC §7): the 基层工会 (单独建会) or 联合基层工会
(联合建会) under the street, and every 涉及单位 under it.

One function, run inside the transaction of the move (the workflow's effect, `models.WORKFLOW`) or
of the import that brings the founding in as 已成立, so the union, the employers' moves, their
records that follow them (orgs.following), the audit entries and the founding itself are written
together or not at all. It goes through orgs' own services: `org_create` adds the tree node,
`employer_move` sets 所属工会 (each audited, with what followed the employer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from core.scoping import contains
from core.signals import union_founded
from orgs.models import Employer, Org
from orgs.services import employer_move, org_create

from .rules import HAS_UNION, NAME_TAKEN, UNION_TYPE

if TYPE_CHECKING:
    from accounts.models import User


def linkable(org: Org, *, street: Org, org_type: str) -> str:
    """Why an existing org of the founding's name cannot be the union an imported 已成立 row
    links to ("" when it can): it must be of the form's type and lie under the founding's street."""
    if org.org_type != org_type:
        return f"已有名为“{org.name}”的{org.org_type}，与组建形式应成立的{org_type}不符"
    if not contains(street.path, org.path):
        return NAME_TAKEN.format(org.name)
    return ""


def establish(
    founding: Any, *, user: User, request: Any = None, link_existing: bool = False
) -> Org:
    """Create (or, for an imported 已成立 row, `link_existing`: find) the founding's union and put
    every 涉及单位 under it; set `founding.union` (the caller saves the founding). Raises a
    ValidationError in Chinese when the name is taken or an employer has a union meanwhile."""
    street = Org.objects.get(pk=founding.street_id)
    org_type = UNION_TYPE[founding.form]
    reason = f"工会组建{founding.number}：{founding.name}成立"
    org = Org.objects.filter(name=founding.name).first()
    if org is not None:
        if not link_existing:
            raise ValidationError(NAME_TAKEN.format(founding.name))
        if refusal := linkable(org, street=street, org_type=org_type):
            raise ValidationError(refusal)
    else:
        org = org_create(
            user=user,
            parent=street,
            request=request,
            reason=reason,
            name=founding.name,
            org_type=org_type,
            founded_on=founding.approved_on,
        )
    employers = list(
        Employer.objects.select_for_update(of=("self",))
        .select_related("street", "union")
        .filter(pk__in=founding.unit_ids())
        .order_by("pk")
    )
    for employer in employers:
        if employer.union_id == org.pk:
            continue
        if employer.union_id is not None:
            raise ValidationError(HAS_UNION.format(employer.name, employer.union))
        # a founding changes only the employer's 所属工会: the product's rules beyond SPEC on its
        # other fields (core.notices: more women than staff…) stay notices here, as in a file
        employer._from_file = True  # type: ignore[attr-defined]
        employer_move(
            user=user,
            employer=employer,
            street=employer.street,
            union=org,
            reason=reason,
            request=request,
        )
    founding.union = org
    union_founded.send(
        sender=Org, union=org, employers=employers, on=founding.approved_on, user=user
    )
    return org
