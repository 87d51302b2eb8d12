"""On an admin's to-do list: what a 系统管理员 asked that only an admin can let take effect."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from todo.due import DueItem

from .models import AdminGrant

if TYPE_CHECKING:
    from .models import User

KIND = "管理员授权待确认"


def due_items(user: User, today: dt.date) -> list[DueItem]:
    """Each pending request at the admin's node or below; due the day it lapses."""
    grants = AdminGrant.objects.confirmable_by(user).select_related("account", "org", "requested_by")
    url = reverse("accounts:grant-list")
    return [
        DueItem(
            kind=KIND, title=f"{g.get_kind_display()}：{g.account.full_name or g.account.username}（{g.account.username}）",
            url=url, due=timezone.localdate(g.expires_at), today=today, node=g.org.name,
            key=f"admin_grants:{g.pk}:{g.kind}",
            note=f"系统管理员 {g.requested_by.username if g.requested_by else '—'} 于 {timezone.localtime(g.requested_at):%Y-%m-%d %H:%M} 申请",
        )
        for g in grants
    ]
