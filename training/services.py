"""Writes to the attendance register from pages: marking trainees 结业, with history and audit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import Action
from audit.services import audit_record
from core.records import changes_between, save_with_history, snapshot

from .models import Attendance, Course

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def attendance_complete(*, user: User, course: Course, ids: Iterable[int], request: Any = None) -> int:
    """Mark the course's selected attendance rows 结业; rows already 结业 or outside the user's
    subtree are left alone. Returns how many changed."""
    if not user.writes_business_data:
        raise PermissionDenied("您的角色无权修改业务数据。")
    rows = (Attendance.objects.visible_to(user).select_for_update(of=("self",))
            .filter(course=course, pk__in=list(ids), completed=False).order_by("pk"))
    changed = 0
    for attendance in rows:
        before = snapshot(attendance)
        attendance.completed = True
        save_with_history(attendance, user=user, reason="批量结业")
        audit_record(action=Action.UPDATE, request=request, user=user, obj=attendance,
                     detail=changes_between(before, attendance))
        changed += 1
    return changed
