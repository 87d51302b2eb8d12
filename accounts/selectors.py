"""Reads for the account pages: a 系统管理员 sees the accounts of its own subtree and no others."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from orgs.models import Org

from .models import User


def _manages(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.manages_accounts and user.org_id)


def accounts_visible_to(user: User) -> QuerySet[User]:
    """The accounts bound to the manager's subtree (the root's manager also sees unbound ones)."""
    if not _manages(user) or user.org is None:
        return User.objects.none()
    mine = Q(org__path__startswith=user.org.path)
    if user.org.depth == 1:
        mine |= Q(org__isnull=True)
    return User.objects.filter(mine).annotate(
        has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def orgs_for_accounts(user: User) -> QuerySet[Org]:
    """The orgs an account may be bound to by this manager: its own and every one below."""
    if not _manages(user) or user.org is None:
        return Org.objects.none()
    return Org.objects.filter(path__startswith=user.org.path).order_by("path")


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of these usernames axes holds locked right now (one query for a page of accounts)."""
    from axes.models import AccessAttempt

    names = list(usernames)
    if not names:
        return set()
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(username__in=names, attempt_time__gte=since)
        .values("username").annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    return {row["username"] for row in rows}
