from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.reads_audit_log:
        return redirect("audit:entry-list")
    if user.manages_accounts:
        return redirect("accounts:account-list")
    if not user.reads_business_data:
        return render(request, "core/no_access.html", status=403)
    from indicators.dashboard import dashboard

    return dashboard(request)  # the landing page: the year's figures of the subtree and what is due


def denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)
