"""Writes of a collective contract outside an import: one function per step of its procedure
(SPEC §4), each recording who, when and why as a workflow move (workflows.services.move).

草拟 is a contract recorded before it is signed (no 签订日期 yet): the register's file and form
record signed contracts (签订日期 is required there, SPEC §2), so a draft is started here and
signed with `contract_sign`; from then on it is like any imported contract.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.models import Action
from audit.services import audit_record
from core.records import save_with_history
from orgs.models import Employer
from workflows.services import move, record_created

from .importing import set_parties
from .models import Contract, Instructor, Stage
from .rules import renewal_error

if TYPE_CHECKING:
    from accounts.models import User


def _require_in_scope(user: User, contract: Contract) -> None:
    if not Contract.objects.visible_to(user).filter(pk=contract.pk).exists():
        raise PermissionDenied("该集体合同不在您的管辖范围内。")


@transaction.atomic
def contract_draft(
    *, user: User, number: str, contract_type: str, signing_mode: str, parties: list[Employer], term_years: int,
    covered_workers: int, female_workers: int | None = None, congress_passed_on: dt.date | None = None,
    renews: Contract | None = None, instructor: Instructor | None = None, request: Any = None,
) -> Contract:
    """Record a contract still being negotiated (草拟). Its 签约单位 must be the user's."""
    if not getattr(user, "writes_business_data", False):
        raise PermissionDenied("您的角色无权修改业务数据。")
    if not parties:
        raise ValidationError({"parties": "签约单位必填"})
    visible = set(Employer.objects.visible_to(user).filter(pk__in=[p.pk for p in parties]).values_list("pk", flat=True))
    if any(p.pk not in visible for p in parties):
        raise ValidationError({"parties": "签约单位应在您的管辖范围内"})
    contract = Contract(
        number=number.strip().upper(), contract_type=contract_type, signing_mode=signing_mode,
        party_codes="；".join(p.credit_code for p in parties), term_years=term_years,
        covered_workers=covered_workers, female_workers=female_workers, congress_passed_on=congress_passed_on,
        renews=renews, instructor=instructor, node_id=parties[0].node_id,
    )
    if renews is not None:
        renewed_by = renews.renewals.exclude(number=contract.number).values_list("number", flat=True).first()
        if refusal := renewal_error(contract, renews, renewed_by):
            raise ValidationError({"renews": refusal})
    save_with_history(contract, user=user, reason="草拟")
    set_parties({contract.pk: tuple(p.pk for p in parties)})
    record_created(contract, user=user)
    audit_record(action=Action.CREATE, request=request, user=user, obj=contract)
    return contract


def _step(contract: Contract, to: str, changes: dict[str, Any], *, user: User, reason: str, request: Any) -> Contract:
    _require_in_scope(user, contract)
    return move(contract, to, user=user, reason=reason, changes=changes, request=request)


def contract_sign(*, contract: Contract, signed_on: dt.date, user: User, reason: str = "", request: Any = None) -> Contract:
    """草拟 → 已签订: the chief negotiators signed it on `signed_on`; the 10 days to submit it start."""
    return _step(contract, Stage.SIGNED, {"signed_on": signed_on}, user=user, reason=reason, request=request)


def contract_submit(*, contract: Contract, submitted_on: dt.date, user: User, reason: str = "",
                    request: Any = None) -> Contract:
    """已签订 → 已报送: sent to the labour bureau for review (《集体合同规定》§42); in force 15 days
    later unless the bureau objects."""
    return _step(contract, Stage.SUBMITTED, {"submitted_on": submitted_on}, user=user, reason=reason, request=request)


def contract_approve(*, contract: Contract, approved_on: dt.date, user: User, reason: str = "",
                     request: Any = None) -> Contract:
    """已报送 → 审查通过: the bureau's approval recorded; in force from `approved_on` if sooner."""
    return _step(contract, Stage.APPROVED, {"approved_on": approved_on}, user=user, reason=reason, request=request)
