"""The product's own error pages (400, 403, 404, 500), in Chinese, with DEBUG on or off.

Django shows its English technical pages under DEBUG (for a 404 they list every URL pattern); a
user of the demo, which runs with DEBUG, should see what production shows. So `ErrorPagesMiddleware`
renders the product's page for a record not found or refused in every mode, and under DEBUG it
puts the product's page in place of a technical one. The traceback of a server error is in the
log in both modes (django.request), never on the page. A refusal is logged once, one line
(django.request "Forbidden: /path"), and audited where it was refused (core/permissions.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.module_loading import import_string


def _public(request: HttpRequest, status: int) -> HttpResponse | None:
    """A public page (/p/; the tickets are the staff's) answers in the public frame: the page the
    project names in PUBLIC_ERROR_PAGE (the public app's; core names no app above it)."""
    if not request.path.startswith("/p/") or request.path.startswith("/p/tickets/"):
        return None
    return import_string(settings.PUBLIC_ERROR_PAGE)(request, status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _public(request, 400) or render(request, "400.html", status=400)


def denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _public(request, 403) or render(request, "403.html", {"reason": str(exception or "")}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _public(request, 404) or render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context: the database may be what failed."""
    return HttpResponse(loader.get_template("500.html").render({"static_url": settings.STATIC_URL}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page open too long, or from another site (CSRF_FAILURE_VIEW)."""
    return _public(request, 403) or render(request, "403.html", {"reason": "页面已过期或来源不明，请刷新页面后重新提交。"}, status=403)


PAGES: dict[int, Callable[[HttpRequest], HttpResponse]] = {400: bad_request, 404: not_found, 500: server_error}


class ErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Under DEBUG, Django answers an address no URL matches, and any exception a view raised
        # other than the two below, with its technical page: the product's page instead.
        technical = getattr(request, "_view_failed", False) or request.resolver_match is None
        if settings.DEBUG and technical and response.status_code in PAGES:
            return PAGES[response.status_code](request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404):
            return not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return denied(request, exception)  # logged once by Django's handler, without a traceback
        request._view_failed = True  # type: ignore[attr-defined]  # Django logs it and answers 400 or 500
        return None
