"""Template and export downloads for every register."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, HttpRequest
from django.utils import timezone

from core.permissions import business_reader

from .catalog import get_register
from .services import register_export
from .xlsx import write_template


def _download(handle, filename: str) -> FileResponse:
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@business_reader
def template(request: HttpRequest, slug: str) -> FileResponse:
    register = get_register(slug)
    handle = tempfile.TemporaryFile()
    write_template(register, handle)
    return _download(handle, f"{register.label}导入模板.xlsx")


@business_reader
def export(request: HttpRequest, slug: str) -> FileResponse:
    """The register as the list page shows it (same filters), streamed from a temporary file."""
    register = get_register(slug)
    handle = tempfile.TemporaryFile()
    register_export(user=request.user, register=register, target=handle, params=request.GET, request=request)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _download(handle, f"{register.label}-{stamp}.xlsx")


