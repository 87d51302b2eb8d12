"""The pages every declared register gets: list, detail with history, create, edit, delete."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from core.permissions import business_reader


@business_reader
def record_list(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


@business_reader
def record_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    raise Http404
