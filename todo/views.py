"""The 待办 page: everything due or overdue in the user's subtree, and their notifications."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.permissions import business_reader

from .due import collect
from .models import Notification
from .services import mark_read


@business_reader
def due_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    register = request.GET.get("register", "")  # from a register's front page: its items only
    items = collect(request.user, today, [register] if register else None)
    kind = request.GET.get("kind", "")
    kinds: dict[str, int] = {}
    for item in items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    shown = [i for i in items if i.kind == kind] if kind else items
    notices = Notification.objects.filter(user=request.user).order_by("read_at", "-created_at")[:20]
    return render(request, "todo/due_list.html", {
        "items": shown, "kinds": sorted(kinds.items()), "kind": kind, "today": today, "register": register,
        "overdue": sum(1 for i in items if i.overdue), "total": len(items), "notices": notices,
        "title": "待办", "nav": "todo",
    })


@business_reader
@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    mark_read(request.user)
    return redirect("todo:due-list")
