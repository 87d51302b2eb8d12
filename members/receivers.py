"""What members does when the layers below announce a change (core.signals): an employer's
closure and a founding are one-sided moves of memberships (SPEC §7)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from core.signals import employer_closed, membership_states, union_founded, workers_joined

from .selectors import member_states
from .services import members_employer_closed, members_join_workers, members_union_founded


@receiver(employer_closed, dispatch_uid="members_employer_closed")
def _employer_closed(
    sender: Any, *, employer: Any, on: Any, user: Any = None, request: Any = None, **kwargs: Any
) -> None:
    members_employer_closed(employer=employer, on=on, user=user, request=request)


@receiver(union_founded, dispatch_uid="members_union_founded")
def _union_founded(
    sender: Any, *, union: Any, employers: Any, on: Any, user: Any = None, **kwargs: Any
) -> None:
    members_union_founded(union=union, employers=employers, on=on, user=user)


@receiver(membership_states, dispatch_uid="members_membership_states")
def _membership_states(sender: Any, *, id_numbers: Any = None, **kwargs: Any) -> dict[str, bool]:
    return member_states(id_numbers)


@receiver(workers_joined, dispatch_uid="members_workers_joined")
def _workers_joined(sender: Any, *, joined: Any, user: Any = None, **kwargs: Any) -> None:
    members_join_workers(joined=joined, user=user)
