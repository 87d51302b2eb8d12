"""Decorators that say which roles reach a view; refusals are audited (SPEC §1, 三权分立)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http.response import HttpResponseBase

from .http import AuthedRequest

if TYPE_CHECKING:
    from accounts.models import User

View = Callable[..., HttpResponseBase]


def _requires(test: Callable[[User], bool], what: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: AuthedRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            if not test(request.user):
                from audit.models import Action, Result
                from audit.services import audit_record

                audit_record(
                    action=Action.DENIED, request=request, result=Result.REFUSED,
                    object_repr=request.path[:200], detail={"需要": what, "方法": request.method},
                )
                raise PermissionDenied(f"您的角色无权{what}。")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


business_reader = _requires(lambda u: u.reads_business_data, "查看业务数据")
business_writer = _requires(lambda u: u.writes_business_data, "修改业务数据")
audit_reader = _requires(lambda u: u.reads_audit_log, "查看审计日志")
account_manager = _requires(lambda u: u.manages_accounts, "管理账号")
