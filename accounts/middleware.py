"""Session limits and the login policy, applied on every request (GB/T 22239 level 3).

SessionLimitsMiddleware ends a session that has been idle too long or has lasted too long since
login, checked against times kept in the session on the server (the cookie's age alone proves
nothing). LoginPolicyMiddleware then holds a logged-in user on the second-factor page until the
session is verified, and on the password page while the password is a one-time one or too old.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device

from .services import SESSION_LAST_SEEN, SESSION_LOGIN_AT, account_end_session


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that htmx follows as a whole-page navigation rather than swapping it in."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _with_next(url: str, request: HttpRequest) -> str:
    if request.method == "GET" and request.headers.get("HX-Request") != "true":
        return f"{url}?{urlencode({'next': request.get_full_path()}, safe='/')}"
    return url


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}小时" if minutes % 60 == 0 and minutes >= 60 else f"{minutes}分钟"


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            session = request.session
            login_at = session.get(SESSION_LOGIN_AT)
            last_seen = session.get(SESSION_LAST_SEEN)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            reason = ""
            if login_at is not None and now - login_at > absolute:
                reason = f"登录已超过{_minutes(absolute)}"
            elif last_seen is not None and now - last_seen > idle:
                reason = f"超过{_minutes(idle)}未操作"
            if reason:
                account_end_session(request=request, reason=reason)
                messages.warning(request, f"{reason}，会话已结束，请重新登录。")
                return _redirect(request, _with_next(reverse(settings.LOGIN_URL), request))
            if login_at is None:  # a session from before these limits: start counting now
                session[SESSION_LOGIN_AT] = now
            session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class LoginPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not self._always_open(request.path):
            if settings.OTP_REQUIRED and not user.is_verified():
                target = reverse("accounts:otp-verify" if user_has_device(user) else "accounts:otp-setup")
                if request.path not in (reverse("accounts:otp-verify"), reverse("accounts:otp-setup")):
                    return _redirect(request, _with_next(target, request))
            elif user.must_change_password or user.password_expired:
                target = reverse("accounts:password-change")
                if request.path != target:
                    return _redirect(request, target)
        return self.get_response(request)

    @staticmethod
    def _always_open(path: str) -> bool:
        return path == reverse("accounts:logout") or path.startswith(settings.STATIC_URL)
