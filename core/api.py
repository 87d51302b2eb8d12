"""What every API router shares: session login, the business-reader check, 403 otherwise; one
pagination with a page cap; and answers in JSON, in Chinese, in every mode (DEBUG or not): a
parameter no type admits is a 400 naming it, a record out of reach a 404, a failure a 500 whose
traceback is in the log only."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.log import log_response
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import PageNumberPagination

from .http import AuthedRequest
from .params import MAX_PAGE, PageNumber


def require_reader(request: AuthedRequest) -> None:
    if not request.user.reads_business_data:
        raise HttpError(403, "您的角色无权查看业务数据。")


class Pages(PageNumberPagination):
    """ninja's page-number pagination, with the page number bounded (core/params.py)."""

    class Input(Schema):
        page: PageNumber = 1
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)


def _refused(error: dict[str, Any]) -> str:
    name = ".".join(str(part) for part in error.get("loc", ())[1:]) or "请求"
    bounds = [f"{word}{error['ctx'][key]}" for key, word in (("ge", "不小于"), ("le", "不大于")) if key in error.get("ctx", {})]
    return f"参数 {name} 的值无效" + (f"（应{'、'.join(bounds)}）" if bounds else "")


def answer_errors_in_json(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": "；".join(_refused(e) for e in exc.errors), "errors": exc.errors}, status=400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "未找到，或不在您的管辖范围内。"}, status=404)

    @api.exception_handler(Exception)
    def failure(request: HttpRequest, exc: Exception) -> HttpResponse:
        response = api.create_response(request, {"detail": "服务器出错，已记入服务器日志。"}, status=500)
        log_response("Internal Server Error: %s", request.path, response=response, request=request, exception=exc)
        return response
