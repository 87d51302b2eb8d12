"""Collective contracts due or overdue (SPEC §4), for the to-do list: submission to the labour
bureau within rules.SUBMIT_DAYS of signing, and renewal before expiry (warned
rules.EXPIRY_WARNING_DAYS ahead)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Subquery

from registers.pages import record_url
from todo.due import DueItem

from .models import Contract, ContractParty
from .rules import EXPIRY_WARNING_DAYS, SUBMIT_WITHIN, submit_deadline

if TYPE_CHECKING:
    from accounts.models import User

REGISTER = "contracts"  # the register its items are of

TO_SUBMIT = "集体合同待报送审查"
EXPIRING = "集体合同即将到期"
EXPIRED = "集体合同到期未续签"
#: how long an expired, unrenewed contract stays on the list: after that the employer shows on
#: the page of employers without a contract (contracts:uncovered) instead
EXPIRED_LISTED_DAYS = 365


def _first_party() -> Subquery:
    first = ContractParty.objects.filter(contract=OuterRef("pk")).order_by("position").values("employer__name")[:1]
    return Subquery(first)


def due_items(user: User, today: dt.date) -> Iterator[DueItem]:
    """Signed contracts not yet submitted (due on rules.submit_deadline, overdue after it) while
    they are in force; contracts expiring within EXPIRY_WARNING_DAYS or expired in the last year,
    that no contract renews (续签 naming them)."""
    contracts = Contract.objects.visible_to(user).signed().annotate(party=_first_party())
    fields = ("pk", "number", "party", "signed_on", "expires_on", "node__name")
    to_submit = contracts.filter(submitted_on__isnull=True, expires_on__gt=today).order_by("signed_on", "number")
    for pk, number, party, signed_on, _expires_on, node in to_submit.values_list(*fields):
        yield DueItem(
            kind=TO_SUBMIT, title=f"{number} {party or ''}".strip(), url=record_url("contracts", pk),
            due=submit_deadline(signed_on), today=today, node=node, key=f"contracts:{pk}:submit",
            note=f"签订日期 {signed_on:%Y-%m-%d}，应于{SUBMIT_WITHIN}报送劳动保障行政部门审查",
        )
    ending = contracts.not_renewed().filter(
        expires_on__gt=today - dt.timedelta(days=EXPIRED_LISTED_DAYS),
        expires_on__lte=today + dt.timedelta(days=EXPIRY_WARNING_DAYS),
    ).order_by("expires_on", "number")
    for pk, number, party, signed_on, expires_on, node in ending.values_list(*fields):
        expired = expires_on <= today
        last_day = expires_on - dt.timedelta(days=1)  # the renewal is due while it is still in force
        yield DueItem(
            kind=EXPIRED if expired else EXPIRING, title=f"{number} {party or ''}".strip(),
            url=record_url("contracts", pk), due=last_day, today=today, node=node,
            key=f"contracts:{pk}:{'expired' if expired else 'expiring'}",
            note=f"签订日期 {signed_on:%Y-%m-%d}，有效期至 {last_day:%Y-%m-%d}，请组织续签",
        )
