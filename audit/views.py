"""The 审计员's pages: the log of their subtree, and a check that no entry was tampered with."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.lists import paginate
from core.permissions import audit_reader

from .filters import AuditFilter
from .models import AuditEntry
from .services import verify_chain


@require_safe
@audit_reader
def entry_list(request: HttpRequest) -> HttpResponse:
    base = AuditEntry.objects.visible_to(request.user).select_related("org").order_by("-id")
    filterset = AuditFilter(request.GET, queryset=base)
    return render(request, "audit/entry_list.html", {
        "filter": filterset, "page": paginate(request, filterset.qs), "nav": "audit", "title": "审计日志",
    })


@require_safe
@audit_reader
def chain_check(request: HttpRequest) -> HttpResponse:
    """The chain is one sequence across the whole tree, so the check walks all of it; the page
    shows only the id of a broken entry, never another subtree's content."""
    return render(request, "audit/chain_check.html", {
        "check": verify_chain(), "anchor_every": settings.AUDIT_ANCHOR_EVERY, "nav": "audit", "title": "完整性校验",
    })
