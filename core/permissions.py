"""Decorators that say which roles reach a view; a refusal is audited (SPEC §1, 三权分立): the
log, a layer above, hears of it through core.signals."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http.response import HttpResponseBase

from .http import AuthedRequest
from .signals import access_refused

if TYPE_CHECKING:
    from accounts.models import User

View = Callable[..., HttpResponseBase]


def _requires(test: Callable[[User], bool], what: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: AuthedRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            if not test(request.user):
                access_refused.send(sender=view, request=request, needed=what)
                raise PermissionDenied(f"您的角色无权{what}。")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


business_reader = _requires(lambda u: u.reads_business_data, "查看业务数据")
business_writer = _requires(lambda u: u.writes_business_data, "修改业务数据")
audit_reader = _requires(lambda u: u.reads_audit_log, "查看审计日志")
account_manager = _requires(lambda u: u.manages_accounts, "管理账号")
