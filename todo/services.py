"""Reminders: each user's newly due items become in-app notifications, once per item."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

from .due import collect
from .models import Notification

if TYPE_CHECKING:
    from accounts.models import User


def remind(today: dt.date | None = None) -> dict[str, int]:
    """Notify every active user who reads business data of the due items not notified before.
    Returns {username: new notices}; run daily (cron), it never repeats a notice."""
    today = today or timezone.localdate()
    out: dict[str, int] = {}
    by_org: dict[int | None, list] = {}  # what is due depends only on the user's node: read once per org
    users = get_user_model().objects.filter(is_active=True).select_related("org")
    for user in users:
        if not user.reads_business_data:
            continue
        if user.org_id not in by_org:
            by_org[user.org_id] = collect(user, today)
        items = by_org[user.org_id]
        known = set(Notification.objects.filter(user=user, key__in=[i.key for i in items]).values_list("key", flat=True))
        new = [
            Notification(user=user, key=i.key, kind=i.kind[:40], title=i.title[:200], url=i.url[:200], due=i.due)
            for i in items if i.key not in known
        ]
        Notification.objects.bulk_create(new, ignore_conflicts=True)
        if new:
            out[user.username] = len(new)
    return out


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
