from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from .http import AuthedRequest


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.reads_audit_log:
        return redirect("audit:entry-list")
    if user.manages_accounts:
        return redirect("accounts:account-list")
    if not user.reads_business_data:
        return render(request, "core/no_access.html", status=403)
    # the landing page: the year's figures of the subtree and what is due
    return import_string(settings.LANDING_VIEW)(request)

