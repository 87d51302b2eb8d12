"""What every API router shares: session login, the business-reader check, 403 otherwise."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError


def require_reader(request: HttpRequest) -> None:
    if not request.user.reads_business_data:
        raise HttpError(403, "您的角色无权查看业务数据。")
