"""Nothing a signed-in user is served (pages, exports, the API, attachments) is kept by a browser
or a proxy: `Cache-Control: no-store, private`. Static assets keep their own caching."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True, private=True)
        return response
